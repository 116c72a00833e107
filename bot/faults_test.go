package bot

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/vnru/vnru/retrieval"
)

// waitFor polls cond until it holds or the timeout passes.
func waitFor(t *testing.T, timeout time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestPollingRecoversFromFaults puts the Bot API through a conflict
// (409), a malformed answer, a bad gateway, a stalled call and a dropped
// connection on getUpdates, and server errors on sendMessage: the bot
// backs off, recovers by itself, and answers every update exactly once.
func TestPollingRecoversFromFaults(t *testing.T) {
	f := newFakeAPI(t)
	f.fail = func(method string, n int) (int, string, bool) {
		switch {
		case method == "getUpdates" && n == 0:
			return 409, `{"ok":false,"error_code":409,"description":"Conflict: terminated by other getUpdates request"}`, true
		case method == "getUpdates" && n == 1:
			return 200, `{"ok":true,"result":[{"update_id":`, true
		case method == "getUpdates" && n == 2:
			return 502, `<html>502 Bad Gateway</html>`, true
		case method == "getUpdates" && n == 3:
			return stall, "", true
		case method == "getUpdates" && n == 4:
			return hangUp, "", true
		case method == "sendMessage" && n < 3: // fewer than maxAttempts in a row
			return 500, `{"ok":false,"error_code":500,"description":"Internal Server Error"}`, true
		}
		return 0, "", false
	}
	for i := 1; i <= 6; i++ {
		f.queue(textUpdate(i, int64(100+i), "câu hỏi"))
	}
	client := &http.Client{Timeout: 300 * time.Millisecond}
	b, logs := newTestBot(t, f, fakeEngine{}, Options{HTTPClient: client, PollTimeout: time.Second})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- b.Run(ctx) }()
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("logs:\n%s", logs)
			for _, c := range f.sent("getUpdates") {
				t.Logf("getUpdates offset=%s failed=%v", c.form["offset"], c.failed)
			}
		}
	})
	waitFor(t, 10*time.Second, "six replies", func() bool { return len(f.delivered()) == 6 })
	time.Sleep(100 * time.Millisecond) // would a duplicate show up?
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Run = %v", err)
	}
	for chat, calls := range f.delivered() {
		if len(calls) != 1 {
			t.Errorf("chat %s got %d replies, want exactly 1", chat, len(calls))
		}
	}
	for _, want := range []string{"Conflict", "bad response", "502", "Client.Timeout", "EOF"} {
		if !contains(logs.String(), want) {
			t.Errorf("logs do not mention the %q fault:\n%s", want, logs)
		}
	}
}

func contains(s, sub string) bool { return len(sub) == 0 || len(s) >= len(sub) && indexOf(s, sub) >= 0 }

func indexOf(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}

// blockingEngine holds the question "slow" until released.
type blockingEngine struct {
	fakeEngine
	entered chan struct{}
	release chan struct{}
	once    sync.Once
}

func (e *blockingEngine) Answer(ctx context.Context, q string, opt retrieval.AskOptions) (retrieval.Answer, error) {
	if q == "slow" {
		e.once.Do(func() { close(e.entered) })
		<-e.release
	}
	return e.fakeEngine.Answer(ctx, q, opt)
}

// TestRestartAnswersPendingUpdatesOnce stops a bot while one update is
// being answered and two more wait: the one in flight is finished and
// confirmed, and a new bot answers the other two, and nothing twice.
func TestRestartAnswersPendingUpdatesOnce(t *testing.T) {
	f := newFakeAPI(t)
	f.queue(textUpdate(1, 201, "slow"), textUpdate(2, 202, "câu hai"), textUpdate(3, 203, "câu ba"))
	eng := &blockingEngine{entered: make(chan struct{}), release: make(chan struct{})}
	b1, _ := newTestBot(t, f, eng, Options{MaxInFlight: 1, PollTimeout: time.Second})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- b1.Run(ctx) }()
	<-eng.entered
	cancel()
	time.Sleep(50 * time.Millisecond)
	close(eng.release) // the reply in flight finishes during shutdown
	if err := <-done; err != nil {
		t.Fatalf("first bot: %v", err)
	}
	if got := len(f.delivered()["201"]); got != 1 {
		t.Fatalf("the update in flight got %d replies before the stop, want 1", got)
	}

	b2, _ := newTestBot(t, f, eng, Options{PollTimeout: time.Second})
	ctx2, cancel2 := context.WithCancel(context.Background())
	done2 := make(chan error, 1)
	go func() { done2 <- b2.Run(ctx2) }()
	waitFor(t, 5*time.Second, "the pending updates", func() bool { return len(f.delivered()) == 3 })
	time.Sleep(100 * time.Millisecond)
	cancel2()
	<-done2
	for chat, calls := range f.delivered() {
		if len(calls) != 1 {
			t.Errorf("chat %s got %d replies across the restart, want 1", chat, len(calls))
		}
	}
	_ = fmt.Sprint()
}

// TestPollingSurvivesAnOutage takes the Bot API away for a while
// (connections refused), then brings it back on the same address: the
// bot keeps retrying, backing off on its clock, and answers what arrived
// meanwhile.
func TestPollingSurvivesAnOutage(t *testing.T) {
	f := newFakeAPI(t)
	addr := f.Listener.Addr().String()
	clock := newFakeClock(false) // the back-offs end when the test says
	b, _ := newTestBot(t, f, fakeEngine{}, Options{Clock: clock, PollTimeout: time.Second, HTTPClient: &http.Client{Timeout: time.Second}})
	b.backoff = firstBackoff
	f.Close() // down: every call is refused
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- b.Run(ctx) }()
	// Three failed polls: each waits twice as long as the one before.
	for i, want := range []time.Duration{firstBackoff, 2 * firstBackoff, 4 * firstBackoff} {
		waitFor(t, 10*time.Second, fmt.Sprintf("back-off %d", i+1), func() bool { return slices.Contains(clock.Waits(), want) })
		clock.Advance(want)
	}

	f2 := newFakeAPI(t)
	f2.Close()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		t.Skipf("cannot listen again on %s: %v", addr, err)
	}
	f2.Server = httptest.NewUnstartedServer(http.HandlerFunc(f2.serve))
	f2.Server.Listener.Close()
	f2.Server.Listener = ln
	f2.Server.Start()
	defer f2.Server.Close()
	f2.queue(textUpdate(1, 301, "câu hỏi"))
	waitFor(t, 10*time.Second, "the reply after the outage", func() bool {
		clock.Advance(maxPollBackoff) // ends whatever back-off is under way
		return len(f2.delivered()["301"]) == 1
	})
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Run = %v", err)
	}
}
