package bot

import (
	"context"
	"errors"
	"net/http"
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

// retry makes a call until it succeeds, fails for good, or has been
// tried maxAttempts times; it waits on the bot's clock between attempts.
func (b *Bot) retry(ctx context.Context, method string, chatID int64, call func() error) error {
	backoff := b.backoff
	var err error
	for attempt := 1; ; attempt++ {
		err = b.token.RedactError(call())
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
		case <-b.clock.After(wait):
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
	var stErr *statusError
	if errors.As(err, &stErr) {
		if stErr.Status == http.StatusTooManyRequests || stErr.Status >= 500 {
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
