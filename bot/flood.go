package bot

import (
	"sync"
	"time"

	"golang.org/x/time/rate"
)

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
