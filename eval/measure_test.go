package eval

import (
	"testing"
	"time"
)

func TestPercentileMillis(t *testing.T) {
	ms := func(xs ...float64) []time.Duration {
		var out []time.Duration
		for _, x := range xs {
			out = append(out, time.Duration(x*float64(time.Millisecond)))
		}
		return out
	}
	tests := []struct {
		name string
		ds   []time.Duration
		p    float64
		want float64
	}{
		{"none", nil, 0.5, 0},
		{"one", ms(3), 0.99, 3},
		{"median of four, nearest rank", ms(4, 1, 3, 2), 0.5, 2},
		{"p99 of ten is the largest", ms(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), 0.99, 10},
		{"p0 is the smallest", ms(5, 2, 9), 0, 2},
		{"microseconds kept", []time.Duration{1234567 * time.Nanosecond}, 0.5, 1.234},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := PercentileMillis(tt.ds, tt.p); got != tt.want {
				t.Errorf("PercentileMillis(%v, %v) = %v, want %v", tt.ds, tt.p, got, tt.want)
			}
		})
	}
}
