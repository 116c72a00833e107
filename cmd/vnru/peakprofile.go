package main

import (
	"bytes"
	"fmt"
	"os"
	"runtime/metrics"
	"runtime/pprof"
	"time"
)

// peakProfiler keeps the heap profile taken when a phase's heap was
// largest, so `vnru bench --memprofile` shows what sets each phase's
// peak, not what is left once it ends. It samples the heap every
// interval and takes a profile each time the heap passes the largest
// seen by a tenth (the profile holds the heap as of the last
// collection, close to the peak at these sizes).
type peakProfiler struct {
	stop chan struct{}
	done chan []byte
}

// startPeakProfile starts sampling; stop returns the profile taken at
// the peak.
func startPeakProfile(interval time.Duration) *peakProfiler {
	p := &peakProfiler{stop: make(chan struct{}), done: make(chan []byte, 1)}
	go func() { // exits when stop is closed
		sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		var best uint64
		var prof []byte
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-p.stop:
				p.done <- prof
				return
			case <-t.C:
				metrics.Read(sample)
				if v := sample[0].Value.Uint64(); v > best+best/10 {
					best = v
					var b bytes.Buffer
					if pprof.WriteHeapProfile(&b) == nil {
						prof = b.Bytes()
					}
				}
			}
		}
	}()
	return p
}

// writeTo stops sampling and writes the profile taken at the peak.
func (p *peakProfiler) writeTo(path string) error {
	close(p.stop)
	prof := <-p.done
	if prof == nil {
		return nil // the phase ended before the first sample
	}
	if err := os.WriteFile(path, prof, 0o666); err != nil {
		return fmt.Errorf("bench: memory profile: %w", err)
	}
	return nil
}
