package bot

import (
	"context"
	"slices"
	"testing"
	"time"
)

// Telegram returns an update until the offset confirms it, and the bot
// confirms only handled updates: while one was in flight, poll called
// getUpdates again and again at once, getting the same update back.
func TestPollWaitsWhileEveryUpdateIsInFlight(t *testing.T) {
	f := newFakeAPI(t)
	eng := &blockingEngine{entered: make(chan struct{}), release: make(chan struct{})}
	clock := newFakeClock(false) // the pause never ends by itself
	b, _ := newTestBot(t, f, eng, Options{Clock: clock})
	f.queue(textUpdate(1, 7, "slow"))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- b.Run(ctx) }()

	waitFor(t, 10*time.Second, "poll to pause", func() bool { return slices.Contains(clock.Waits(), busyPollPause) })
	if n := len(f.sent("getUpdates")); n != 2 {
		t.Errorf("getUpdates called %d times while the update was in flight, want 2 (it, then it again)", n)
	}
	close(eng.release) // the update is handled: poll asks again at once
	waitFor(t, 10*time.Second, "the reply", func() bool { return len(f.delivered()["7"]) == 1 })
	waitFor(t, 10*time.Second, "the update confirmed", func() bool {
		calls := f.sent("getUpdates")
		return calls[len(calls)-1].form["offset"] == "2"
	})
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Run = %v", err)
	}
	if n := len(f.delivered()["7"]); n != 1 {
		t.Errorf("the update got %d replies, want 1", n)
	}
}
