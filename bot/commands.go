package bot

import (
	"context"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// registerCommands sets the command menu in Vietnamese (default), English
// and Russian. Run calls it in the background: each call is retried with
// back-off, and a failure is logged (with the HTTP status and body when
// the server sent no Bot API error): the bot works without a menu.
func (b *Bot) registerCommands(ctx context.Context) {
	for _, lang := range []string{"", "en", "ru"} {
		m := messagesFor(lang)
		var cmds []tgbotapi.BotCommand
		for _, c := range m.commands {
			cmds = append(cmds, tgbotapi.BotCommand{Command: c[0], Description: c[1]})
		}
		cfg := tgbotapi.NewSetMyCommandsWithScopeAndLanguage(tgbotapi.NewBotCommandScopeDefault(), lang, cmds...)
		if err := b.request(ctx, "setMyCommands", 0, cfg); err != nil {
			if ctx.Err() != nil {
				return // shutting down
			}
			b.lg.Warn("could not register commands", "lang", lang, "err", describe(err))
		}
	}
}
