package bot

import (
	"context"
	"fmt"
	"runtime/debug"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// dispatch handles one update in its own goroutine, with a timeout and a
// recover. With track (long polling), an update already being handled or
// handled but not yet confirmed is skipped, and its ID feeds the offset.
// It reports whether the update was new.
func (b *Bot) dispatch(ctx context.Context, u tgbotapi.Update, track bool) bool {
	if track {
		b.mu.Lock()
		if b.inFlight[u.UpdateID] || b.done[u.UpdateID] {
			b.mu.Unlock()
			return false
		}
		b.inFlight[u.UpdateID] = true
		b.mu.Unlock()
	}
	finish := func() {
		if !track {
			return
		}
		b.mu.Lock()
		delete(b.inFlight, u.UpdateID)
		b.done[u.UpdateID] = true
		b.mu.Unlock()
		select {
		case b.finished <- struct{}{}:
		default: // poll has been told already
		}
	}

	select {
	case b.slots <- struct{}{}:
	case <-ctx.Done():
		if track { // not handled: leave it for the next run
			b.mu.Lock()
			delete(b.inFlight, u.UpdateID)
			b.mu.Unlock()
		}
		return false
	}
	b.wg.Add(1)
	go func() { // exits when the update is handled or its timeout passes
		defer b.wg.Done()
		defer func() { <-b.slots }()
		defer finish()
		// In-flight replies finish even after shutdown starts: they get
		// their own deadline, not the polling context.
		hctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), b.opt.AnswerTimeout)
		defer cancel()
		b.handleSafely(hctx, u)
	}()
	return true
}

// handleSafely handles an update; a panic is logged with the update ID
// and never stops the bot.
func (b *Bot) handleSafely(ctx context.Context, u tgbotapi.Update) {
	defer func() {
		if r := recover(); r != nil {
			b.lg.Error("panic while handling update", "update_id", u.UpdateID, "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
		}
	}()
	b.handle(ctx, u)
}
