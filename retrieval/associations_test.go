package retrieval

import (
	"math"
	"testing"
)

// TestAssociationsCover checks the association feature: only concepts
// the sentence lacks count, each by its best associated syllable, as a
// weighted share of the question.
func TestAssociationsCover(t *testing.T) {
	a := Associations{
		"san choi": {"dien": 0.6, "dan": 0.8},
		"visit":    {"tham": 0.9},
	}
	q := AssocQuestion{Keys: []string{"san choi", "visit", "nga"}, Weights: []float64{2, 1, 1}, Total: 4}
	tests := []struct {
		name      string
		missing   []int
		syllables []string
		want      float64
	}{
		{"both missing, both associated", []int{0, 1}, []string{"dien", "dan", "tham"}, (2*0.8 + 1*0.9) / 4},
		{"the best syllable counts", []int{0}, []string{"dien"}, 2 * 0.6 / 4},
		{"a concept the sentence holds gets nothing more", []int{1}, []string{"dien", "dan", "tham"}, 0.9 / 4},
		{"no associated syllable", []int{0, 1, 2}, []string{"nga", "viet"}, 0},
		{"nothing missing", nil, []string{"tham"}, 0},
	}
	m := a.Matcher(q)
	for _, tt := range tests {
		if got := m.Cover(tt.missing, tt.syllables); math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("%s: Cover = %v, want %v", tt.name, got, tt.want)
		}
	}
	if got := Associations(nil).Matcher(q).Cover([]int{0}, []string{"dien"}); got != 0 {
		t.Errorf("no associations: Cover = %v, want 0", got)
	}
}

// TestAssociationsCoverTokens checks that the engine's path (tokens and
// coverage) agrees with training's (missing concepts and syllables).
func TestAssociationsCoverTokens(t *testing.T) {
	a := Associations{"san choi": {"dien": 0.6, "dan": 0.8}, "hop tac": {"hop": 0.5}}
	q := AssocQuestion{Keys: []string{"san choi", "hop tac"}, Weights: []float64{1, 1}, Total: 2}
	toks := Tokenize("Diễn đàn hợp tác Việt Nam – Nga")
	own := []cover{{factor: 0}, {factor: 1}}
	m := a.Matcher(q)
	want := m.Cover(missingConcepts(own), sentenceSyllables(toks))
	if got := m.coverTokens(own, toks); got != want || want != 0.8/2 {
		t.Errorf("coverTokens = %v, Cover = %v, want both %v", got, want, 0.8/2)
	}
}
