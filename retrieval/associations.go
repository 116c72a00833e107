package retrieval

import (
	"slices"
	"strings"
)

// Associations are word associations learned from questions and the
// sentences that answer them: for a question concept (its folded words,
// "san choi"), the syllables an answering sentence uses instead
// ("dien", "dan") and how likely each is its counterpart, t(concept |
// syllable) of IBM Model 1. `vnru train` fits them (package eval,
// fitAssociations) with the rest of the model; they let a sentence that
// words a concept differently ("diễn đàn" for "sân chơi", or an English
// word no glossary renders) get some of the credit an exact match gets.
type Associations map[string]map[string]float64

// AssocQuestion is what the association feature needs of a question:
// its concepts' keys and weights, and their sum.
type AssocQuestion struct {
	Keys    []string
	Weights []float64
	Total   float64
}

// assocQuestion is q's AssocQuestion.
func (q question) assocQuestion() AssocQuestion {
	a := AssocQuestion{Keys: make([]string, len(q.concepts)), Weights: make([]float64, len(q.concepts)), Total: q.weight}
	for ci, c := range q.concepts {
		a.Keys[ci], a.Weights[ci] = conceptKey(c), c.weight
	}
	return a
}

// conceptKey names a concept by its first spelling, folded.
func conceptKey(c concept) string {
	if len(c.alts) == 0 {
		return ""
	}
	return strings.Join(c.alts[0], " ")
}

// AssocMatcher scores sentences for one question: for each syllable an
// association names, the concepts it may stand for.
type AssocMatcher struct {
	q    AssocQuestion
	hits map[string][]assocHit
	best []float64 // scratch, per concept
}

type assocHit struct {
	concept int
	t       float64
}

// Matcher prepares the associations for a question, or returns nil
// (which scores 0) when there are none to use.
func (a Associations) Matcher(q AssocQuestion) *AssocMatcher {
	if len(a) == 0 || q.Total <= 0 {
		return nil
	}
	m := &AssocMatcher{q: q, hits: map[string][]assocHit{}, best: make([]float64, len(q.Keys))}
	for ci, key := range q.Keys {
		for syl, t := range a[key] {
			m.hits[syl] = append(m.hits[syl], assocHit{ci, t})
		}
	}
	if len(m.hits) == 0 {
		return nil
	}
	return m
}

// Cover is the association feature of a sentence: the weighted share
// of the question's concepts that the sentence lacks (missing, concept
// indices) but holds an associated syllable for (syllables, folded),
// each counted by its best association. Training recomputes the feature
// this way with each fold's associations; the engine computes it from
// tokens (coverTokens).
func (m *AssocMatcher) Cover(missing []int, syllables []string) float64 {
	if m == nil || len(missing) == 0 {
		return 0
	}
	clear(m.best)
	for _, s := range syllables {
		m.see(s)
	}
	return m.total(missing)
}

// coverTokens is cover for the engine's hot path: a sentence's tokens
// and how it covers each concept, allocating nothing.
func (m *AssocMatcher) coverTokens(own []cover, toks []Token) float64 {
	if m == nil {
		return 0
	}
	clear(m.best)
	for _, t := range toks {
		m.see(t.Fold)
	}
	var sum float64
	for ci, c := range own {
		if c.factor == 0 {
			sum += m.q.Weights[ci] * m.best[ci]
		}
	}
	return sum / m.q.Total
}

// see records a syllable of the sentence.
func (m *AssocMatcher) see(syllable string) {
	for _, h := range m.hits[syllable] {
		m.best[h.concept] = max(m.best[h.concept], h.t)
	}
}

// total sums the best associations of the missing concepts.
func (m *AssocMatcher) total(missing []int) float64 {
	var sum float64
	for _, ci := range missing {
		sum += m.q.Weights[ci] * m.best[ci]
	}
	return sum / m.q.Total
}

// sentenceSyllables are the distinct folded syllables of a sentence, in
// order of first appearance.
func sentenceSyllables(toks []Token) []string {
	out := make([]string, 0, len(toks))
	for _, t := range toks {
		if !slices.Contains(out, t.Fold) {
			out = append(out, t.Fold)
		}
	}
	return out
}

// missingConcepts are the indices of the concepts a sentence's own
// coverage lacks.
func missingConcepts(own []cover) []int {
	var out []int
	for ci, c := range own {
		if c.factor == 0 {
			out = append(out, ci)
		}
	}
	return out
}
