package bot

import (
	"slices"
	"sync"
	"time"
)

// fakeClock is a Clock for tests. Manual (the default), its time moves
// only by Advance, and a wait ends when the time reaches it. With auto
// set, every wait ends at once and moves the clock to its end, so a
// sequence of waits runs instantly on a consistent time line. Either way
// it records every wait asked for.
type fakeClock struct {
	mu     sync.Mutex
	now    time.Time
	auto   bool
	waits  []time.Duration
	timers []fakeTimer
}

type fakeTimer struct {
	at time.Time
	ch chan time.Time
}

func newFakeClock(auto bool) *fakeClock {
	return &fakeClock{now: time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC), auto: auto}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) After(d time.Duration) <-chan time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.waits = append(c.waits, d)
	ch := make(chan time.Time, 1)
	switch {
	case d <= 0:
		ch <- c.now
	case c.auto:
		c.now = c.now.Add(d)
		ch <- c.now
	default:
		c.timers = append(c.timers, fakeTimer{at: c.now.Add(d), ch: ch})
	}
	return ch
}

// Advance moves the time on by d and ends the waits it reaches.
func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	c.timers = slices.DeleteFunc(c.timers, func(t fakeTimer) bool {
		if t.at.After(c.now) {
			return false
		}
		t.ch <- c.now
		return true
	})
}

// Waits returns the waits asked for so far.
func (c *fakeClock) Waits() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Clone(c.waits)
}
