package main

import "runtime/debug"

// loadGCPercent is the collector's heap growth while a corpus is loaded
// and handed to the engine: 25% instead of Go's default 100%.
const loadGCPercent = 25

// loadingGC sets the collector's heap growth to loadGCPercent and
// returns the function that puts it back. While the articles are loaded
// and the engine opens (or a reload compares them with the index),
// their text is most of the heap, and garbage once
// the engine is open (over a persistent index it keeps no text); Go's
// default lets the heap grow to twice what is live before collecting,
// which put the peak at 2.5 GiB at a million passages (`vnru bench`).
// Text holds no pointers, so the collector does not scan it and the
// extra collections are cheap. A lower GOGC (or GOGC=off) is kept.
func loadingGC() (restore func()) { return lowerGC(loadGCPercent) }

// reloadGCPercent is the collector's heap growth during a reload: lower
// than an open's, because a reload runs beside the serving engine, whose
// heap the growth is a share of, and adds a second view of the articles
// (at a million passages, 10% instead of 25% took 60 MB off the reload's
// peak for 0.3 s more).
const reloadGCPercent = 10

// reloadingGC is loadingGC for a reload.
func reloadingGC() (restore func()) { return lowerGC(reloadGCPercent) }

// lowerGC sets the collector's heap growth to pct unless it is lower
// already, and returns the function that puts it back.
func lowerGC(pct int) (restore func()) {
	old := debug.SetGCPercent(pct)
	if old <= pct { // GOGC=off is -1
		debug.SetGCPercent(old)
	}
	return func() { debug.SetGCPercent(old) }
}
