package bot

import (
	"context"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Limits are the rates the bot keeps to. The defaults follow Telegram's
// published limits: about one message per second in a chat, 20 per minute
// in a group, 30 per second in all (we pace at 20 a second so scheduling
// jitter on the way to Telegram never adds up to more than 30).
type Limits struct {
	PerChat   time.Duration // between messages to one private chat; default 1s
	PerGroup  time.Duration // between messages to one group; default 3s (20 a minute)
	Global    int           // messages per second, all chats; default 20
	Questions int           // questions a user may ask in a burst; default 5
	Refill    time.Duration // time to earn one more question; default 4s
}

func (l Limits) withDefaults() Limits {
	def := func(d *time.Duration, v time.Duration) {
		if *d == 0 {
			*d = v
		}
	}
	def(&l.PerChat, time.Second)
	def(&l.PerGroup, 3*time.Second)
	def(&l.Refill, 4*time.Second)
	if l.Global == 0 {
		l.Global = 20
	}
	if l.Questions == 0 {
		l.Questions = 5
	}
	return l
}

// outLimiter queues outgoing messages so they respect the per-chat and
// global rates: callers wait, nothing is dropped. A chat's messages go
// out one at a time, spaced from the moment the previous one was
// actually sent, so waiting for the global rate cannot bunch them.
type outLimiter struct {
	lim    Limits
	clock  Clock
	global *rate.Limiter // reserved under mu, so at times that never go back
	mu     sync.Mutex
	chats  map[int64]*chatQueue
}

type chatQueue struct {
	turn chan struct{} // holds one token while a message is being sent
	gap  time.Duration
	last time.Time // when the last message went out; guarded by turn
	used time.Time // guarded by outLimiter.mu
}

func newOutLimiter(l Limits, clock Clock) *outLimiter {
	// Burst 1: never more than Global messages in any second.
	return &outLimiter{lim: l, clock: clock, global: rate.NewLimiter(rate.Limit(l.Global), 1), chats: map[int64]*chatQueue{}}
}

// maxIdleChats bounds the per-chat queue map: past it, queues idle for a
// minute are dropped.
const maxIdleChats = 10000

// acquire waits for the chat's turn and for both rates. It returns the
// time slot the global rate gave the message; the caller sends, then
// calls release, which starts the chat's next gap. All times come from
// the limiter's clock: a fake clock shows the pacing the bot decides,
// without waiting.
func (o *outLimiter) acquire(ctx context.Context, chatID int64) (slot time.Time, release func(), err error) {
	o.mu.Lock()
	now := o.clock.Now()
	cq := o.chats[chatID]
	if cq == nil {
		gap := o.lim.PerChat
		if chatID < 0 { // groups, supergroups and channels have negative IDs
			gap = o.lim.PerGroup
		}
		cq = &chatQueue{turn: make(chan struct{}, 1), gap: gap}
		o.chats[chatID] = cq
		if len(o.chats) > maxIdleChats {
			for id, c := range o.chats {
				if now.Sub(c.used) > time.Minute && len(c.turn) == 0 {
					delete(o.chats, id)
				}
			}
		}
	}
	cq.used = now
	o.mu.Unlock()

	select {
	case cq.turn <- struct{}{}:
	case <-ctx.Done():
		return time.Time{}, nil, ctx.Err()
	}
	if err := o.waitUntil(ctx, cq.last.Add(cq.gap)); err != nil {
		<-cq.turn
		return time.Time{}, nil, err
	}
	o.mu.Lock()
	now = o.clock.Now()
	r := o.global.ReserveN(now, 1)
	o.mu.Unlock()
	slot = now.Add(r.DelayFrom(now))
	if err := o.waitUntil(ctx, slot); err != nil {
		o.mu.Lock()
		r.CancelAt(o.clock.Now())
		o.mu.Unlock()
		<-cq.turn
		return time.Time{}, nil, err
	}
	return slot, func() {
		cq.last = o.clock.Now()
		<-cq.turn
	}, nil
}

// waitUntil waits on the limiter's clock until t, or until ctx is done.
func (o *outLimiter) waitUntil(ctx context.Context, t time.Time) error {
	wait := t.Sub(o.clock.Now())
	if wait <= 0 {
		return nil
	}
	select {
	case <-o.clock.After(wait):
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
