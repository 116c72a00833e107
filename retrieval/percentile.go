package retrieval

import (
	"slices"
	"time"
)

// PercentileMillis returns the p-th percentile (0..1) of ds in
// milliseconds, by the nearest-rank method; 0 for no durations. The bot's
// /stats, vnru bench and the evals all report latencies with it.
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
