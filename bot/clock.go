package bot

import "time"

// Clock is the bot's time: what time it is, and how it waits. The rate
// limits, the retries and back-offs, the flood guard and the "more
// results" store all go through it, so tests run them on a fake clock
// instead of waiting in real time.
type Clock interface {
	Now() time.Time
	// After returns a channel that receives once d has passed.
	After(d time.Duration) <-chan time.Time
}

// systemClock is the real time.
type systemClock struct{}

func (systemClock) Now() time.Time                         { return time.Now() }
func (systemClock) After(d time.Duration) <-chan time.Time { return time.After(d) }
