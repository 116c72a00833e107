package bot

import (
	"log"
	"log/slog"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// SetLibraryLogger sends what the Telegram library logs to lg, at level.
// The library's logger is package-global, so the program calls this once,
// before New; it is here so that only this package knows the library.
// The library's debug output, which prints URLs holding the token, stays
// off: New turns it off on every bot.
func SetLibraryLogger(lg *slog.Logger, level slog.Level) error {
	return tgbotapi.SetLogger(libraryLogger(lg, level))
}

// libraryLogger is a standard logger writing to lg at level, with the
// library's name as an attribute.
func libraryLogger(lg *slog.Logger, level slog.Level) *log.Logger {
	return slog.NewLogLogger(lg.With("library", "telegram-bot-api").Handler(), level)
}
