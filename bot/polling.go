package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// poll is the long-polling loop. Updates are confirmed to Telegram (by
// the offset of the next call) only once handled, so a bot stopped with
// updates in flight gets them again after a restart; an update delivered
// twice in one run is handled once. It backs off (doubling, capped) while
// the Bot API fails, and returns when ctx is done.
func (b *Bot) poll(ctx context.Context) error {
	backoff := b.backoff
	for {
		if err := ctx.Err(); err != nil {
			b.confirm()
			return err
		}
		updates, err := b.getUpdates(ctx, b.offset(), b.opt.PollTimeout)
		if err != nil {
			if ctx.Err() != nil {
				continue // shutting down: confirm and return above
			}
			b.lg.Warn("getUpdates failed", "err", err, "retry_in", backoff)
			select {
			case <-ctx.Done():
			case <-b.clock.After(backoff):
			}
			backoff = min(backoff*2, maxPollBackoff)
			continue
		}
		backoff = b.backoff
		fresh := 0
		for _, u := range updates {
			if b.dispatch(ctx, u, true) {
				fresh++
			}
		}
		if len(updates) > 0 && fresh == 0 {
			// Telegram returns updates until the offset confirms them, so
			// while replies wait for their rate limits every call would
			// bring back the same updates at once: wait for one to be
			// handled, or a moment for new ones, instead of spinning.
			select {
			case <-ctx.Done():
			case <-b.finished:
			case <-b.clock.After(busyPollPause):
			}
		}
	}
}

// busyPollPause is how long poll waits before asking again when every
// update it got is still being handled: the most a new message can wait
// then before it is seen.
const busyPollPause = 500 * time.Millisecond

// maxPollBackoff caps the wait between failed getUpdates calls.
const maxPollBackoff = 30 * time.Second

// confirm tells Telegram which updates were handled, once the handlers in
// flight are done, so that a restart does not answer them again. Updates
// received but not handled stay unconfirmed and come back after a
// restart.
func (b *Bot) confirm() {
	b.drain(drainTimeout)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if _, err := b.getUpdates(ctx, b.offset(), 0); err != nil {
		b.lg.Warn("could not confirm the last updates; they may be answered again after a restart", "err", err)
	}
}

// offset is the first update ID not yet handled.
func (b *Bot) offset() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	lowest := -1
	for id := range b.inFlight {
		if lowest < 0 || id < lowest {
			lowest = id
		}
	}
	highest := 0
	for id := range b.done {
		highest = max(highest, id)
	}
	if lowest < 0 {
		clear(b.done) // all confirmed by this offset
		return highest + 1
	}
	for id := range b.done {
		if id < lowest {
			delete(b.done, id)
		}
	}
	return lowest
}

// getUpdates long-polls the Bot API. It is made here rather than through
// tgbotapi so that cancelling ctx ends the call at once.
func (b *Bot) getUpdates(ctx context.Context, offset int, timeout time.Duration) ([]tgbotapi.Update, error) {
	form := url.Values{
		"offset":          {strconv.Itoa(offset)},
		"timeout":         {strconv.Itoa(int(timeout / time.Second))},
		"allowed_updates": {`["message","edited_message","channel_post","callback_query","inline_query"]`},
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, b.base+"/bot"+string(b.token)+"/getUpdates", strings.NewReader(form.Encode()))
	if err != nil {
		return nil, b.token.RedactError(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := b.client.Do(req)
	if err != nil {
		return nil, b.token.RedactError(err)
	}
	defer resp.Body.Close()
	var r struct {
		OK          bool              `json:"ok"`
		Result      []tgbotapi.Update `json:"result"`
		Description string            `json:"description"`
		ErrorCode   int               `json:"error_code"`
	}
	if err := json.NewDecoder(io.LimitReader(resp.Body, 50<<20)).Decode(&r); err != nil {
		return nil, fmt.Errorf("getUpdates: HTTP %d, bad response: %w", resp.StatusCode, err)
	}
	if !r.OK {
		return nil, fmt.Errorf("getUpdates: HTTP %d, error %d: %s", resp.StatusCode, r.ErrorCode, b.token.Redact(r.Description))
	}
	return r.Result, nil
}
