package bot

import (
	"context"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// Limits are the rates the bot keeps to. The defaults follow Telegram's
// published limits: about one message per second in a chat, 20 per minute
// in a group, 30 per second in all.
type Limits struct {
	PerChat   time.Duration // between messages to one private chat; default 1s
	PerGroup  time.Duration // between messages to one group; default 3s (20 a minute)
	Global    int           // messages per second, all chats; default 30
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
		l.Global = 30
	}
	if l.Questions == 0 {
		l.Questions = 5
	}
	return l
}

// outLimiter queues outgoing messages so they respect the per-chat and
// global rates: callers wait, nothing is dropped.
type outLimiter struct {
	lim    Limits
	global *rate.Limiter
	mu     sync.Mutex
	chats  map[int64]*chatLimiter
}

type chatLimiter struct {
	*rate.Limiter
	used time.Time
}

func newOutLimiter(l Limits) *outLimiter {
	return &outLimiter{lim: l, global: rate.NewLimiter(rate.Limit(l.Global), l.Global), chats: map[int64]*chatLimiter{}}
}

// maxIdleChats bounds the per-chat limiter map: past it, limiters idle
// for a minute (which hold no debt) are dropped.
const maxIdleChats = 10000

func (o *outLimiter) wait(ctx context.Context, chatID int64) error {
	o.mu.Lock()
	now := time.Now()
	cl := o.chats[chatID]
	if cl == nil {
		every := o.lim.PerChat
		if chatID < 0 { // groups, supergroups and channels have negative IDs
			every = o.lim.PerGroup
		}
		cl = &chatLimiter{Limiter: rate.NewLimiter(rate.Every(every), 1)}
		o.chats[chatID] = cl
		if len(o.chats) > maxIdleChats {
			for id, c := range o.chats {
				if now.Sub(c.used) > time.Minute {
					delete(o.chats, id)
				}
			}
		}
	}
	cl.used = now
	o.mu.Unlock()
	if err := cl.Wait(ctx); err != nil {
		return err
	}
	return o.global.Wait(ctx)
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
