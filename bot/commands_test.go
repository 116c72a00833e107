package bot

import (
	"context"
	"strings"
	"testing"
	"time"
)

// Defect 3: a failing setMyCommands held up polling for ~11 s (three
// languages, each retried with back-off), and its log said err="".
func TestFailingCommandRegistrationDoesNotDelayAnswers(t *testing.T) {
	f := newFakeAPI(t)
	f.fail = func(method string, n int) (int, string, bool) {
		if method == "setMyCommands" { // as the emulator and some servers answer
			return 500, `{"message":"setMyCommands is not implemented"}`, true
		}
		return 0, "", false
	}
	// The clock never moves: the registration's first back-off never
	// ends, so an answer can only come if polling does not wait for it.
	clock := newFakeClock(false)
	b, logs := newTestBot(t, f, fakeEngine{}, Options{Clock: clock, PollTimeout: time.Second})
	f.queue(textUpdate(1, 42, "câu hỏi"))
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- b.Run(ctx) }()

	waitFor(t, 10*time.Second, "the answer to the first update", func() bool { return len(f.delivered()["42"]) == 1 })
	waitFor(t, 10*time.Second, "the failed setMyCommands logged", func() bool {
		return strings.Contains(logs.String(), "setMyCommands")
	})
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Run = %v", err)
	}
	if n := len(f.sent("setMyCommands")); n != 1 {
		t.Errorf("setMyCommands called %d times, want 1: the retry waits for a clock that never moved", n)
	}
	want := `method=setMyCommands chat_id=0 attempt=1 wait=1ms err="HTTP 500: {\"message\":\"setMyCommands is not implemented\"}"`
	if !strings.Contains(logs.String(), want) {
		t.Errorf("log lacks the status and body of the failed call, want %s in:\n%s", want, logs)
	}
}
