package bot

import (
	"context"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// maxQueueWait bounds how long a reply may wait for its chat's rate
// limit. A busy group allows 20 messages a minute, so a burst of
// questions there takes minutes to answer: the wait is not bounded by the
// time allowed to find an answer.
const maxQueueWait = 5 * time.Minute

// send delivers a message to a chat, waiting for the chat's and the
// global rate limits first. A message that cannot be sent is retried and
// then logged with the reason: it is never dropped silently.
func (b *Bot) send(ctx context.Context, chatID int64, c tgbotapi.Chattable) (tgbotapi.Message, error) {
	qctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), maxQueueWait)
	defer cancel()
	slot, release, err := b.out.acquire(qctx, chatID)
	if err != nil {
		b.lg.Error("message not sent: rate-limit queue", "chat_id", chatID, "err", err)
		return tgbotapi.Message{}, err
	}
	defer release()
	if b.sent != nil {
		b.sent(chatID, slot)
	}
	var msg tgbotapi.Message
	err = b.retry(qctx, "sendMessage", chatID, func() error {
		var err error
		msg, err = b.api.Send(c)
		return err
	})
	return msg, err
}

// request makes a call that returns no message (callback answers, inline
// answers, chat actions), with the same retries.
func (b *Bot) request(ctx context.Context, method string, chatID int64, c tgbotapi.Chattable) error {
	return b.retry(ctx, method, chatID, func() error {
		_, err := b.api.Request(c)
		return err
	})
}

// reply sends an HTML text as a reply to m.
func (b *Bot) reply(ctx context.Context, m *tgbotapi.Message, html string, kb *tgbotapi.InlineKeyboardMarkup) {
	for i, p := range splitBlocks([]string{html}, maxMessageLen) {
		var markup *tgbotapi.InlineKeyboardMarkup
		if i == 0 {
			markup = kb
		}
		b.sendHTML(ctx, m.Chat.ID, m.MessageID, p, markup)
	}
}

func (b *Bot) sendHTML(ctx context.Context, chatID int64, replyTo int, html string, kb *tgbotapi.InlineKeyboardMarkup) {
	msg := tgbotapi.NewMessage(chatID, html)
	msg.ParseMode = tgbotapi.ModeHTML
	msg.DisableWebPagePreview = true
	msg.ReplyToMessageID = replyTo
	msg.AllowSendingWithoutReply = true
	if kb != nil {
		msg.ReplyMarkup = *kb
	}
	_, _ = b.send(ctx, chatID, msg) // failures are retried and logged by send
}

// typing shows "typing…" while the engine works. Best effort: an error is
// logged and the answer still goes out.
func (b *Bot) typing(ctx context.Context, chatID int64) {
	if _, err := b.api.Request(tgbotapi.NewChatAction(chatID, tgbotapi.ChatTyping)); err != nil {
		b.lg.Debug("sendChatAction failed", "chat_id", chatID, "err", describe(b.token.RedactError(err)))
	}
}
