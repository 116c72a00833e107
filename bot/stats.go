package bot

import (
	"math"
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

// statsWindow is how many recent answer times the percentiles use: a
// bounded ring keeps memory flat however long the bot runs.
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
// milliseconds, over the latest statsWindow answers.
func (s *stats) snapshot() (questions, refusals int, p50, p99 float64) {
	s.mu.Lock()
	sorted := slices.Clone(s.times)
	questions, refusals = s.questions, s.refusals
	s.mu.Unlock()
	slices.Sort(sorted)
	return questions, refusals, percentileMillis(sorted, 0.50), percentileMillis(sorted, 0.99)
}

// percentileMillis is the p-th percentile (0..1) of sorted durations in
// milliseconds (to the microsecond), by the nearest-rank method; 0 for
// none.
func percentileMillis(sorted []time.Duration, p float64) float64 {
	if len(sorted) == 0 {
		return 0
	}
	i := int(math.Ceil(p*float64(len(sorted)))) - 1
	i = max(0, min(i, len(sorted)-1))
	return float64(sorted[i].Microseconds()) / 1000
}
