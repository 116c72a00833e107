package retrieval

import "testing"

// wordCounts is a vocabulary of folded syllables and their document
// frequencies.
type wordCounts map[string]int

func (w wordCounts) idf(fold string) float64                      { return 1 / float64(1+w[fold]) }
func (w wordCounts) has(fold string) bool                         { return w[fold] > 0 }
func (wordCounts) soundAlikes(fold string, russian bool) []string { return nil }

func TestTypoFix(t *testing.T) {
	v := wordCounts{"tuong": 40, "tuoi": 2, "mishustin": 9, "thu": 50, "vang": 1, "nguyen": 7}
	tests := []struct{ word, want string }{
		{"tuog", "tuong"},         // a letter left out; the commonest neighbour wins over "tuoi"
		{"mishutin", "mishustin"}, // a name
		{"nugyen", "nguyen"},      // two letters swapped
		{"tuong", ""},             // known
		{"vang", ""},              // known
		{"bong", ""},              // unknown, but a possible syllable: not a typo
		{"thu", ""},               // too short to guess
		{"xyzzyq", ""},            // no neighbour
	}
	for _, tt := range tests {
		if got := typoFix(tt.word, v); got != tt.want {
			t.Errorf("typoFix(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}
