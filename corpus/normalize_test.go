package corpus

import (
	"strings"
	"testing"
)

// TestCollapseSpace checks the no-copy path against the definition: every
// run of white space one space, none at the ends.
func TestCollapseSpace(t *testing.T) {
	for _, s := range []string{
		"", " ", "Hà Nội", "Hà  Nội", " Hà Nội", "Hà Nội ", "Hà\tNội", "Hà\nNội",
		"Hà\u00a0Nội", "Hà\u2003Nội", "Hà\u3000Nội", "a b c", "Thủ tướng Nga thăm Việt Nam.",
	} {
		want := strings.Join(strings.Fields(s), " ")
		if got := collapseSpace(s); got != want {
			t.Errorf("collapseSpace(%q) = %q, want %q", s, got, want)
		}
	}
}

func FuzzCollapseSpace(f *testing.F) {
	for _, s := range []string{"Hà  Nội", " x", "a\u00a0b", "a\u2028b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := collapseSpace(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("collapseSpace(%q) = %q, want %q", s, got, want)
		}
	})
}
