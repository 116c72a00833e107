package eval

import (
	"testing"

	"github.com/vnru/vnru/retrieval"
)

// assocExample is an answerable example whose one candidate, the
// answer, holds the syllables.
func assocExample(id string, keys, syllables []string) Example {
	q := retrieval.AssocQuestion{Keys: keys, Total: float64(len(keys))}
	for range keys {
		q.Weights = append(q.Weights, 1)
	}
	return Example{Set: "reporters", Group: "reporters/" + id, ID: id, Answerable: true,
		X: [][]float64{make([]float64, len(retrieval.FeatureNames()))}, Pos: []bool{true},
		Assoc: q, Missing: [][]int{nil}, Syllables: [][]string{syllables}}
}

// TestFitAssociationsLearnsRewording fits the associations to questions
// that word a concept one way ("san choi") where their answers word it
// another ("dien dan"), among words both share: the concept must be
// associated with the answers' wording more than with the shared words.
func TestFitAssociationsLearnsRewording(t *testing.T) {
	exs := []Example{
		assocExample("1", []string{"san choi", "asean"}, []string{"dien", "dan", "asean", "hop", "tac"}),
		assocExample("2", []string{"san choi", "kinh te"}, []string{"dien", "dan", "kinh", "te", "phuong", "dong"}),
		assocExample("3", []string{"asean", "hop tac"}, []string{"asean", "hop", "tac", "viet", "nam"}),
		assocExample("4", []string{"kinh te", "nga"}, []string{"kinh", "te", "nga", "viet"}),
		assocExample("5", []string{"nga", "viet nam"}, []string{"nga", "viet", "nam"}),
	}
	weight := func(int) float64 { return 1 }
	a := fitAssociations(exs, weight, nil)
	got := a["san choi"]
	if got["dien"] <= got["asean"] || got["dan"] <= got["kinh"] || got["dien"] < 0.3 {
		t.Errorf(`associations of "san choi" = %v, want "dien" and "dan" strongest`, got)
	}
	// Left out, the rewording is not learned: nothing else teaches it.
	b := fitAssociations(exs, weight, func(i int) bool { return i < 2 })
	if b["san choi"] != nil {
		t.Errorf(`without the examples that teach it, "san choi" = %v, want nothing`, b["san choi"])
	}
}

// TestFeaturesForRecomputesAssoc checks that an example's association
// feature is the model's, and that ablation (no syllables) keeps X.
func TestFeaturesForRecomputesAssoc(t *testing.T) {
	e := assocExample("1", []string{"san choi"}, []string{"dien", "dan"})
	e.Missing = [][]int{{0}}
	m := &retrieval.Model{Associations: retrieval.Associations{"san choi": {"dan": 0.5}}}
	if got := e.FeaturesFor(m)[0][retrieval.FeatureAssoc]; got != 0.5 {
		t.Errorf("assoc = %v, want 0.5", got)
	}
	if e.X[0][retrieval.FeatureAssoc] != 0 {
		t.Error("FeaturesFor changed the example's X")
	}
	ablated := Without([]Example{e}, FeatureGroup{Name: "learned associations", Features: []string{"assoc"}})[0]
	if got := ablated.FeaturesFor(m)[0][retrieval.FeatureAssoc]; got != 0 {
		t.Errorf("ablated assoc = %v, want 0", got)
	}
}
