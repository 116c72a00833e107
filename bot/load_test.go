package bot

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"os"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"go.uber.org/goleak"
)

var loadReport = flag.String("load.report", "", "write the load test's figures as JSON to this file")

// TestLoad drives the real bot code (polling, handlers, engine, rate
// limits, sending) with 200 private chats asking 5 questions each and a
// burst of 10 questions in one group, against the Bot API fake, with
// Telegram's real rate limits. Every question must be answered, outgoing
// messages must keep to the limits, and goroutines must return to the
// baseline afterwards.
//
// It runs in a synctest bubble: the bot's clock is the real one, but time
// moves only while every goroutine of the bot waits (on a rate limit, a
// back-off or the fake's long poll), so the minute of pacing the limits
// impose passes in the CPU time the work takes. The fake is reached in
// memory (fakeAPI.inMemory). The limits are checked on the time slots the
// bot gives each message: what the bot decides.
func TestLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("load test: run without -short")
	}
	eng := realEngine(t) // built outside the bubble: shared with other tests
	defer goleak.VerifyNone(t, goleak.IgnoreCurrent())
	f := newFakeAPI(t)
	questions := []string{
		"Thủ tướng Mishustin thăm Việt Nam khi nào?", "Đại sứ Nga tại Việt Nam là ai?",
		"Giá vàng SJC hôm nay?", "thu tuong mishustin tham viet nam khi nao", "Ngoại trưởng Lavrov hội đàm với ai tại Moskva?",
	}
	const chats, perChat, groupBurst = 200, 5, 10
	id := 0
	for q := 0; q < perChat; q++ {
		for c := 1; c <= chats; c++ {
			id++
			f.queue(textUpdate(id, int64(c), questions[q]))
		}
	}
	const group = -777
	for u := 1; u <= groupBurst; u++ {
		id++
		b, _ := json.Marshal(map[string]any{"update_id": id, "message": map[string]any{
			"message_id": id, "date": 1, "text": "/ask " + questions[u%len(questions)],
			"entities": []map[string]any{{"type": "bot_command", "offset": 0, "length": 4}},
			"chat":     map[string]any{"id": group, "type": "supergroup", "title": "Phòng tin"},
			"from":     map[string]any{"id": 5000 + u, "first_name": "R"},
		}})
		f.queue(string(b))
	}
	total := chats*perChat + groupBurst
	limits := Limits{}.withDefaults()

	wallStart := time.Now()
	var (
		sentMu  sync.Mutex
		sentAt  = map[int64][]time.Time{}
		virtual time.Duration
		peak    atomic.Int64
		b       *Bot
	)
	synctest.Test(t, func(t *testing.T) {
		client := &http.Client{Transport: f.inMemory(), Timeout: 10 * time.Second}
		b, _ = newTestBot(t, f, eng, Options{Limits: limits, HTTPClient: client, PollTimeout: time.Second})
		b.sent = func(chatID int64, at time.Time) {
			sentMu.Lock()
			sentAt[chatID] = append(sentAt[chatID], at)
			sentMu.Unlock()
		}
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		start := time.Now()
		go func() { done <- b.Run(ctx) }()

		stopSampling := make(chan struct{})
		sampled := make(chan struct{})
		go func() {
			defer close(sampled)
			for {
				if n := int64(runtime.NumGoroutine()); n > peak.Load() {
					peak.Store(n)
				}
				select {
				case <-stopSampling:
					return
				case <-time.After(10 * time.Millisecond):
				}
			}
		}()
		waitFor(t, 3*time.Minute, "every question answered", func() bool { return f.replyCount() >= total })
		virtual = time.Since(start)
		cancel()
		if err := <-done; err != nil {
			t.Errorf("Run = %v", err)
		}
		close(stopSampling)
		<-sampled
	})
	wall := time.Since(wallStart)
	f.Close() // before goleak looks: its server was not used

	if got := f.replyCount(); got != total {
		t.Errorf("delivered %d replies, want %d (one per question)", got, total)
	}
	for chat, calls := range f.delivered() {
		if want := map[bool]int{true: groupBurst, false: perChat}[chat == fmt.Sprint(group)]; len(calls) != want {
			t.Errorf("chat %s got %d replies, want %d", chat, len(calls), want)
		}
	}
	// Per chat: one message a second (groups: one every 3 s).
	var all []time.Time
	for chat, times := range sentAt {
		gap := limits.PerChat
		if chat < 0 {
			gap = limits.PerGroup
		}
		for i := 1; i < len(times); i++ {
			if d := times[i].Sub(times[i-1]); d < gap {
				t.Errorf("chat %d: two messages %v apart, want at least %v", chat, d, gap)
				break
			}
		}
		all = append(all, times...)
	}
	// Overall: at most Global in any second (+1: a window can hold both
	// ends), well under Telegram's 30.
	worst := maxPerSecond(all)
	if worst > limits.Global+1 || worst > telegramGlobalLimit {
		t.Errorf("%d messages let go within one second, want at most %d", worst, limits.Global+1)
	}
	q, refused, _, _ := b.stats.snapshot()
	report := map[string]any{
		"questions": q, "answered_messages": f.replyCount(), "refused": refused,
		"paced_seconds": virtual.Seconds(), "wall_seconds": wall.Seconds(),
		"max_messages_per_second": worst, "peak_goroutines": peak.Load(),
	}
	t.Logf("load: %v", report)
	if *loadReport != "" {
		data, _ := json.MarshalIndent(report, "", "  ")
		if err := os.WriteFile(*loadReport, data, 0o644); err != nil {
			t.Error(err)
		}
	}
}

// telegramGlobalLimit is Telegram's limit on messages per second, all
// chats together.
const telegramGlobalLimit = 30

// maxPerSecond is the most times within any one-second window.
func maxPerSecond(times []time.Time) int {
	slices.SortFunc(times, func(a, b time.Time) int { return a.Compare(b) })
	worst := 0
	for i, j := 0, 0; i < len(times); i++ {
		for times[i].Sub(times[j]) >= time.Second {
			j++
		}
		worst = max(worst, i-j+1)
	}
	return worst
}
