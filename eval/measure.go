package eval

import (
	"os"
	"slices"
	"strconv"
	"strings"
	"time"
)

// PercentileMillis returns the p-th percentile (0..1) of ds in
// milliseconds, by the nearest-rank method, rounded to the microsecond;
// 0 for no durations. vnru bench and the SQuAD runs report latencies
// with it.
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

// round3 rounds to three decimals, as the reports print them.
func round3(f float64) float64 { return float64(int(f*1000+0.5)) / 1000 }
