package bot

import (
	"context"
	"testing"
	"time"
)

// The slots the outgoing limiter gives, on a clock where every wait ends
// at once: the pacing the bot decides, to the nanosecond.
func TestOutLimiterSlots(t *testing.T) {
	lim := Limits{PerChat: time.Second, PerGroup: 3 * time.Second, Global: 20}
	tests := []struct {
		name  string
		chats []int64   // one message each, in order
		want  []float64 // seconds after the start
	}{
		{"one private chat: one a second", []int64{1, 1, 1}, []float64{0, 1, 2}},
		{"one group: one every 3 s", []int64{-5, -5, -5}, []float64{0, 3, 6}},
		{"many chats: 20 a second", []int64{1, 2, 3, 4, 5}, []float64{0, 0.05, 0.1, 0.15, 0.2}},
		{"a chat's gap counts from its last message", []int64{1, 2, 1}, []float64{0, 0.05, 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clock := newFakeClock(true)
			start := clock.Now()
			o := newOutLimiter(lim, clock)
			for i, chat := range tt.chats {
				slot, release, err := o.acquire(context.Background(), chat)
				if err != nil {
					t.Fatal(err)
				}
				release()
				want := start.Add(time.Duration(tt.want[i] * float64(time.Second)))
				if d := slot.Sub(want); d < -time.Microsecond || d > time.Microsecond {
					t.Errorf("message %d (chat %d) slot = +%v, want +%v", i, chat, slot.Sub(start), want.Sub(start))
				}
			}
		})
	}
}

func TestOutLimiterGivesUpWithTheContext(t *testing.T) {
	clock := newFakeClock(false) // no wait ever ends
	o := newOutLimiter(Limits{PerChat: time.Second, PerGroup: time.Second, Global: 20}, clock)
	_, release, err := o.acquire(context.Background(), 1)
	if err != nil {
		t.Fatal(err)
	}
	release()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := o.acquire(ctx, 1); err != context.Canceled {
		t.Fatalf("acquire during the chat's gap with a cancelled context = %v, want context.Canceled", err)
	}
	// The turn was given back: once the gap has passed, the chat may send.
	clock.Advance(time.Second)
	if _, release, err := o.acquire(context.Background(), 1); err != nil {
		t.Fatalf("acquire after the gap = %v, want the turn", err)
	} else {
		release()
	}
}
