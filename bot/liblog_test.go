package bot

import (
	"log/slog"
	"strings"
	"testing"
)

func TestLibraryLogger(t *testing.T) {
	var logs logBuffer
	lg := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelInfo}))
	libraryLogger(lg, slog.LevelWarn).Println("Failed to get updates, retrying in 3 seconds...")
	want := `level=WARN msg="Failed to get updates, retrying in 3 seconds..." library=telegram-bot-api`
	if got := logs.String(); !strings.Contains(got, want) {
		t.Errorf("library log line = %q, want it to hold %q", got, want)
	}
	logs = logBuffer{}
	libraryLogger(lg, slog.LevelDebug).Println("debug chatter")
	if got := logs.String(); got != "" {
		t.Errorf("a debug-level library logger wrote %q under an info-level logger, want nothing", got)
	}
}
