package main

import (
	"runtime/debug"
	"testing"
)

func TestLoadingGC(t *testing.T) {
	orig := debug.SetGCPercent(100)
	defer debug.SetGCPercent(orig)
	for _, tc := range []struct {
		name        string
		lower       func() func()
		set, during int
	}{
		{"default", loadingGC, 100, loadGCPercent},
		{"lower kept", loadingGC, 10, 10},
		{"off kept", loadingGC, -1, -1},
		{"reload", reloadingGC, 100, reloadGCPercent},
		{"reload, lower kept", reloadingGC, 5, 5},
	} {
		t.Run(tc.name, func(t *testing.T) {
			debug.SetGCPercent(tc.set)
			restore := tc.lower()
			if got := debug.SetGCPercent(tc.during); got != tc.during {
				t.Errorf("GOGC %d: while loading %d, want %d", tc.set, got, tc.during)
			}
			restore()
			if got := debug.SetGCPercent(tc.set); got != tc.set {
				t.Errorf("GOGC %d: after loading %d, want it back", tc.set, got)
			}
		})
	}
}
