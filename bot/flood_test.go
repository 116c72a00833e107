package bot

import (
	"context"
	"strings"
	"testing"
	"time"
)

func TestFloodLimit(t *testing.T) {
	f := newFakeAPI(t)
	clock := newFakeClock(true) // the chat's 1 ms gaps pass at once
	b, _ := newTestBot(t, f, fakeEngine{}, Options{Clock: clock,
		Limits: Limits{PerChat: time.Millisecond, Global: 1000, Questions: 2, Refill: 10 * time.Second}})
	ctx := context.Background()
	for i := 0; i < 5; i++ {
		b.handle(ctx, message(1, 1, "private", "câu hỏi"))
	}
	sent := f.sent("sendMessage")
	if len(sent) != 3 || !strings.Contains(sent[2].form["text"], "hỏi hơi nhanh") {
		t.Fatalf("5 quick questions got %d replies, want 2 answers and one flood notice", len(sent))
	}
	clock.Advance(10 * time.Second)
	b.handle(ctx, message(1, 1, "private", "câu hỏi"))
	if n := len(f.sent("sendMessage")); n != 4 {
		t.Errorf("after the refill the user got %d replies in all, want 4", n)
	}
}
