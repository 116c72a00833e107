package bot

import (
	"testing"
	"time"
)

func TestStatsPercentiles(t *testing.T) {
	ms := func(n int) time.Duration { return time.Duration(n) * time.Millisecond }
	tests := []struct {
		name      string
		times     []time.Duration
		p50, p99  float64
		questions int // half of them (rounded down) recorded as refusals
	}{
		{name: "none"},
		{name: "one", times: []time.Duration{ms(7)}, p50: 7, p99: 7, questions: 1},
		{name: "two", times: []time.Duration{ms(9), ms(1)}, p50: 1, p99: 9, questions: 2},
		{name: "microseconds kept", times: []time.Duration{1500 * time.Microsecond}, p50: 1.5, p99: 1.5, questions: 1},
		{name: "1..100", times: seq(100, ms), p50: 50, p99: 99, questions: 100},
		// Past the window only the latest statsWindow count: the first
		// 1000 (all 1 s) are forgotten.
		{name: "window", times: append(repeat(1000, time.Second), seq(statsWindow, ms)...), p50: statsWindow / 2, p99: 1014, questions: 1000 + statsWindow},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStats(time.Unix(0, 0))
			for i, d := range tt.times {
				s.record(d, i%2 == 0)
			}
			q, r, p50, p99 := s.snapshot()
			if q != tt.questions || r != tt.questions/2 || p50 != tt.p50 || p99 != tt.p99 {
				t.Errorf("snapshot() = %d, %d, %v, %v; want %d, %d, %v, %v", q, r, p50, p99, tt.questions, tt.questions/2, tt.p50, tt.p99)
			}
		})
	}
}

// seq is f(1), f(2), … f(n).
func seq(n int, f func(int) time.Duration) []time.Duration {
	var out []time.Duration
	for i := 1; i <= n; i++ {
		out = append(out, f(i))
	}
	return out
}

func repeat(n int, d time.Duration) []time.Duration {
	out := make([]time.Duration, n)
	for i := range out {
		out[i] = d
	}
	return out
}
