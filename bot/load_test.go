package bot

import (
	"context"
	"encoding/json"
	"flag"

	"net/http"
	"os"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"go.uber.org/goleak"

	"github.com/vnru/vnru/retrieval"
)

var loadReport = flag.String("load.report", "", "write the load test's figures as JSON to this file")

// TestLoad drives the real bot code (polling, handlers, engine, rate
// limits, sending) with 200 private chats asking 5 questions each and a
// burst of 10 questions in one group, against the Bot API fake, with
// Telegram's real rate limits. Every question must be answered, outgoing
// messages must keep to the limits, and goroutines must return to the
// baseline afterwards.
func TestLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("load test: run without -short")
	}
	eng := realEngine(t) // shared with other tests: its goroutines are not ours
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
	client := &http.Client{Timeout: 10 * time.Second}
	b, _ := newTestBot(t, f, eng, Options{Limits: limits, HTTPClient: client, PollTimeout: time.Second})
	// The time slot the bot gives each message. The limits are checked on
	// these: they are what the bot controls. Arrival times at the fake
	// also carry the test machine's scheduling stalls (-race, other test
	// packages running beside), which bunch requests in flight; they are
	// reported, not asserted.
	var sentMu sync.Mutex
	sentAt := map[int64][]time.Time{}
	b.sent = func(chatID int64, at time.Time) {
		sentMu.Lock()
		sentAt[chatID] = append(sentAt[chatID], at)
		sentMu.Unlock()
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	start := time.Now()
	go func() { done <- b.Run(ctx) }()

	var peak atomic.Int64
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
	count := func() int {
		n := 0
		for _, calls := range f.delivered() {
			n += len(calls)
		}
		return n
	}
	last := time.Now()
	waitFor(t, 3*time.Minute, "every question answered", func() bool {
		if testing.Verbose() && time.Since(last) > 5*time.Second {
			last = time.Now()
			t.Logf("%v: %d of %d answered, %d goroutines", time.Since(start).Round(time.Second), count(), total, runtime.NumGoroutine())
		}
		return count() >= total
	})
	elapsed := time.Since(start)
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Run = %v", err)
	}
	close(stopSampling)
	<-sampled
	client.CloseIdleConnections()
	f.Close()

	delivered := f.delivered()
	if got := count(); got != total {
		t.Errorf("delivered %d replies, want %d (one per question)", got, total)
	}
	// Per chat: one message a second (groups: one every 3 s), with a few
	// milliseconds of slack for timer precision.
	const slack = 5 * time.Millisecond
	var all []time.Time
	for chat, times := range sentAt {
		gap := limits.PerChat
		if chat < 0 {
			gap = limits.PerGroup
		}
		for i := 1; i < len(times); i++ {
			if d := times[i].Sub(times[i-1]); d < gap-slack {
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
	var arrivals []time.Time
	for _, calls := range delivered {
		for _, c := range calls {
			arrivals = append(arrivals, c.at)
		}
	}
	q, refused, p50, p99 := b.stats.snapshot()
	rss := retrieval.PeakRSSMiB()
	report := map[string]any{
		"questions": q, "answered_messages": count(), "refused": refused,
		"answer_p50_ms": p50, "answer_p99_ms": p99,
		"wall_seconds": elapsed.Seconds(), "max_messages_per_second": worst, "max_arrivals_per_second": maxPerSecond(arrivals),
		"peak_goroutines": peak.Load(), "peak_rss_mib": rss,
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
