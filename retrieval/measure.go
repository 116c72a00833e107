package retrieval

import (
	"os"
	"slices"
	"strconv"
	"strings"
	"time"
)

// PercentileMillis returns the p-th percentile (0..1) of ds in
// milliseconds, by the nearest-rank method; 0 for no durations.
//
// It, PeakRSSMiB and DateRange stay here only while bot still calls them
// (the measurements use eval.PercentileMillis and eval.PeakRSSMiB): they
// are not part of the answer engine, and go once bot has its own.
func PercentileMillis(ds []time.Duration, p float64) float64 {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	i := int(p*float64(len(s))+0.5) - 1
	i = max(0, min(i, len(s)-1))
	return round3(float64(s[i].Microseconds()) / 1000)
}

// PeakRSSMiB is this process's peak resident memory in MiB, read from
// /proc (Linux); 0 where that is not available.
func PeakRSSMiB() float64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(rest), " kB"))
			return float64(kb) / 1024
		}
	}
	return 0
}

// DateRange returns the first and last publication dates of sources;
// zero times when none has a date.
func DateRange(sources []Source) (first, last time.Time) {
	for _, s := range sources {
		if s.Published.IsZero() {
			continue
		}
		if t := s.Published.Time; first.IsZero() || t.Before(first) {
			first = t
		}
		if t := s.Published.Time; t.After(last) {
			last = t
		}
	}
	return first, last
}
