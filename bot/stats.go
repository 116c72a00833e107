package bot

import (
	"sync"
	"time"

	"github.com/vnru/vnru/retrieval"
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

// snapshot returns the counts and the p50 and p99 answer times in
// milliseconds.
func (s *stats) snapshot() (questions, refusals int, p50, p99 float64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.questions, s.refusals, retrieval.PercentileMillis(s.times, 0.50), retrieval.PercentileMillis(s.times, 0.99)
}
