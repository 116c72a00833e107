package configs

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWithDotEnvMalformed is defect 8: a broken .env gave godotenv's
// message, with no line number and quoting the rest of the file (the bot
// token included).
func TestWithDotEnvMalformed(t *testing.T) {
	const token = "123456:SECRET-token"
	tests := []struct {
		name, file string
		wantErr    string // "" for a good file
	}{
		{"good", "# comment\n\nVNRU_LOG_LEVEL=debug\nexport VNRU_WATCH=1\nTELEGRAM_BOT_TOKEN=" + token + "\n", ""},
		{"multi-line quoted value", "A=\"one\ntwo\"\nTELEGRAM_BOT_TOKEN=" + token + "\n", ""},
		{"no equals sign", "VNRU_LOG_LEVEL=info\nthis is not a setting\nTELEGRAM_BOT_TOKEN=" + token + "\n", ".env line 2: want NAME=value"},
		{"space in name", "VNRU LOG_LEVEL=info\nTELEGRAM_BOT_TOKEN=" + token + "\n", ".env line 1: want NAME=value"},
		{"unclosed quote", "VNRU_LOG_LEVEL=info\n\nVNRU_CORPUS_DIR=\"articles\nTELEGRAM_BOT_TOKEN=" + token + "\n", ".env line 3: the value's opening \" is never closed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), ".env")
			if err := os.WriteFile(path, []byte(tt.file), 0o644); err != nil {
				t.Fatal(err)
			}
			getenv, err := WithDotEnv(path, func(string) string { return "" })
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("WithDotEnv = %v, want no error", err)
				}
				if got := getenv("TELEGRAM_BOT_TOKEN"); got != token {
					t.Errorf("TELEGRAM_BOT_TOKEN = %q, want %q", got, token)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("WithDotEnv error = %v, want one containing %q", err, tt.wantErr)
			}
			if strings.Contains(err.Error(), "SECRET") {
				t.Errorf("error %q shows the token", err)
			}
		})
	}
}
