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
	global *rate.Limiter
	mu     sync.Mutex
	chats  map[int64]*chatQueue
}

type chatQueue struct {
	turn chan struct{} // holds one token while a message is being sent
	gap  time.Duration
	last time.Time // when the last message went out; guarded by turn
	used time.Time // guarded by outLimiter.mu
}

func newOutLimiter(l Limits) *outLimiter {
	// Burst 1: never more than Global messages in any second.
	return &outLimiter{lim: l, global: rate.NewLimiter(rate.Limit(l.Global), 1), chats: map[int64]*chatQueue{}}
}

// maxIdleChats bounds the per-chat queue map: past it, queues idle for a
// minute are dropped.
const maxIdleChats = 10000

// acquire waits for the chat's turn and for both rates. It returns the
// time slot the global rate gave the message; the caller sends, then
// calls release, which starts the chat's next gap.
func (o *outLimiter) acquire(ctx context.Context, chatID int64) (slot time.Time, release func(), err error) {
	o.mu.Lock()
	now := time.Now()
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
	if wait := time.Until(cq.last.Add(cq.gap)); wait > 0 {
		select {
		case <-time.After(wait):
		case <-ctx.Done():
			<-cq.turn
			return time.Time{}, nil, ctx.Err()
		}
	}
	r := o.global.Reserve()
	slot = time.Now().Add(r.Delay())
	select {
	case <-time.After(time.Until(slot)):
	case <-ctx.Done():
		r.Cancel()
		<-cq.turn
		return time.Time{}, nil, ctx.Err()
	}
	return slot, func() {
		cq.last = time.Now()
		<-cq.turn
	}, nil
}

// floodGuard limits how fast one user may ask. A user over the limit is
// told once, then ignored until they may ask again.
type floodGuard struct {
	lim   Limits
	now   func() time.Time
	mu    sync.Mutex
	users map[int64]*userFlood
}

type userFlood struct {
	*rate.Limiter
	warned bool
	seen   time.Time
}

func newFloodGuard(l Limits, now func() time.Time) *floodGuard {
	return &floodGuard{lim: l, now: now, users: map[int64]*userFlood{}}
}

// allow reports whether the user may ask now, and whether to warn them.
func (f *floodGuard) allow(userID int64) (ok, warn bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	now := f.now()
	u := f.users[userID]
	if u == nil {
		u = &userFlood{Limiter: rate.NewLimiter(rate.Every(f.lim.Refill), f.lim.Questions)}
		f.users[userID] = u
		if len(f.users) > maxIdleChats {
			for id, v := range f.users {
				if now.Sub(v.seen) > time.Duration(f.lim.Questions)*f.lim.Refill {
					delete(f.users, id)
				}
			}
		}
	}
	u.seen = now
	if u.AllowN(now, 1) {
		u.warned = false
		return true, false
	}
	warn = !u.warned
	u.warned = true
	return false, warn
}
