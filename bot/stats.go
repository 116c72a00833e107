package bot

import (
	"slices"
	"sync"
	"time"
)

// stats counts what /stats reports.
type stats struct {
	started   time.Time
	mu        sync.Mutex
	questions int
	refusals  int
	times     []time.Duration // the latest answer times, a ring
	next      int
}

// statsWindow is how many recent answer times the percentiles use.
const statsWindow = 1024

func newStats(now time.Time) *stats { return &stats{started: now} }

func (s *stats) record(d time.Duration, answered bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.questions++
	if !answered {
		s.refusals++
	}
	if len(s.times) < statsWindow {
		s.times = append(s.times, d)
	} else {
		s.times[s.next] = d
		s.next = (s.next + 1) % statsWindow
	}
}

// snapshot returns the counts and the p50 and p99 answer times.
func (s *stats) snapshot() (questions, refusals int, p50, p99 time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	t := slices.Clone(s.times)
	slices.Sort(t)
	pct := func(p float64) time.Duration {
		if len(t) == 0 {
			return 0
		}
		return t[min(len(t)-1, int(p*float64(len(t))))]
	}
	return s.questions, s.refusals, pct(0.50), pct(0.99)
}
