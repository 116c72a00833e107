package bot

import (
	"context"
	"errors"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// Retry policy for calls to Telegram: a 429 waits the retry_after Telegram
// asks for (capped), server and network errors back off exponentially;
// other client errors (400, 403) are final.
const (
	maxAttempts   = 4
	maxRetryAfter = 60 * time.Second
	firstBackoff  = 500 * time.Millisecond
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

func (b *Bot) retry(ctx context.Context, method string, chatID int64, call func() error) error {
	backoff := b.backoff
	var err error
	for attempt := 1; ; attempt++ {
		err = b.token.redactError(call())
		if err == nil {
			return nil
		}
		wait, retryable := retryDelay(err, backoff)
		if !retryable || attempt == maxAttempts {
			break
		}
		b.lg.Warn("telegram call failed, retrying", "method", method, "chat_id", chatID, "attempt", attempt, "wait", wait, "err", err)
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-b.after(wait):
		}
		backoff *= 2
	}
	b.lg.Error("telegram call failed", "method", method, "chat_id", chatID, "err", describe(err))
	return err
}

// retryDelay says whether an error is worth retrying, and after how long.
func retryDelay(err error, backoff time.Duration) (time.Duration, bool) {
	var tgErr *tgbotapi.Error
	if errors.As(err, &tgErr) {
		switch {
		case tgErr.Code == 429:
			wait := time.Duration(tgErr.RetryAfter) * time.Second
			if wait <= 0 {
				wait = backoff
			}
			return min(wait, maxRetryAfter), true
		case tgErr.Code >= 500 || tgErr.Code == 0: // 0: a server error without a JSON error body
			return backoff, true
		}
		return 0, false
	}
	if errors.Is(err, context.Canceled) {
		return 0, false
	}
	return backoff, true // network errors, timeouts, malformed responses
}

// describe gives an error a readable text: tgbotapi reports some server
// errors with an empty message.
func describe(err error) string {
	var tgErr *tgbotapi.Error
	if errors.As(err, &tgErr) && tgErr.Message == "" {
		return "telegram error without description"
	}
	return err.Error()
}
