package eval

import (
	"math"
	"slices"

	"github.com/vnru/vnru/retrieval"
)

// The association feature (retrieval/associations.go) reads word
// associations learned from the training questions: IBM Model 1
// (Brown et al., 1993), the answering sentence "translated" into its
// question. Each answerable example gives one pair: the question's
// concepts, and the syllables of its best-covered answering sentence.
// Expectation–maximisation finds t(concept | syllable), the probability
// that a question asked of a sentence holding the syllable words it as
// the concept; a null syllable takes the concepts no syllable explains
// (honorifics, "nói"). Pairs weigh as their examples do.
const (
	assocIterations = 10   // EM rounds: the likelihood barely moves after
	minAssociation  = 0.05 // weaker associations are dropped
)

// assocPair is one training pair, interned: the question's concepts and
// the sentence's syllables (0 is the null syllable).
type assocPair struct {
	concepts, syllables []int32
	weight              float64
	cells               []int32 // for each concept, for each syllable, its cell in t
}

// fitAssociations fits the associations to the answerable examples that
// weigh something and that skip leaves in.
func fitAssociations(exs []Example, weight func(int) float64, skip func(int) bool) retrieval.Associations {
	concepts, syllables := map[string]int32{}, map[string]int32{"": 0}
	intern := func(m map[string]int32, s string) int32 {
		id, ok := m[s]
		if !ok {
			id = int32(len(m))
			m[s] = id
		}
		return id
	}
	cellOf := map[[2]int32]int32{}
	var cellKeys [][2]int32 // (concept, syllable) of each cell
	var pairs []assocPair
	for i, e := range exs {
		w := weight(i)
		if w <= 0 || !e.Answerable || e.Syllables == nil || (skip != nil && skip(i)) {
			continue
		}
		pos := slices.Index(e.Pos, true)
		if pos < 0 {
			continue
		}
		p := assocPair{weight: w, syllables: []int32{0}}
		for _, k := range e.Assoc.Keys {
			if k != "" {
				p.concepts = append(p.concepts, intern(concepts, k))
			}
		}
		for _, s := range e.Syllables[pos] {
			p.syllables = append(p.syllables, intern(syllables, s))
		}
		for _, c := range p.concepts {
			for _, s := range p.syllables {
				key := [2]int32{c, s}
				cell, ok := cellOf[key]
				if !ok {
					cell = int32(len(cellKeys))
					cellOf[key] = cell
					cellKeys = append(cellKeys, key)
				}
				p.cells = append(p.cells, cell)
			}
		}
		pairs = append(pairs, p)
	}
	if len(pairs) == 0 {
		return nil
	}
	t := make([]float64, len(cellKeys))
	for i := range t {
		t[i] = 1 // uniform: the first E-step splits each concept evenly
	}
	count := make([]float64, len(cellKeys))
	total := make([]float64, len(syllables))
	for range assocIterations {
		clear(count)
		clear(total)
		for _, p := range pairs {
			n := len(p.syllables)
			for ci := range p.concepts {
				row := p.cells[ci*n : (ci+1)*n]
				var z float64
				for _, cell := range row {
					z += t[cell]
				}
				for _, cell := range row {
					c := p.weight * t[cell] / z
					count[cell] += c
					total[cellKeys[cell][1]] += c
				}
			}
		}
		for cell, key := range cellKeys {
			t[cell] = count[cell] / total[key[1]]
		}
	}
	names := make([]string, len(concepts))
	for k, id := range concepts {
		names[id] = k
	}
	sylNames := make([]string, len(syllables))
	for s, id := range syllables {
		sylNames[id] = s
	}
	out := retrieval.Associations{}
	for cell, key := range cellKeys {
		if key[1] == 0 || t[cell] < minAssociation {
			continue
		}
		k := names[key[0]]
		if out[k] == nil {
			out[k] = map[string]float64{}
		}
		out[k][sylNames[key[1]]] = math.Round(t[cell]*1000) / 1000
	}
	return out
}

// FeaturesFor are the example's candidates' features as model m
// computes them: the association feature from m's associations.
func (e Example) FeaturesFor(m *retrieval.Model) [][]float64 {
	return e.features(m.Associations)
}

// features are the example's candidates' features with the association
// feature computed from a.
func (e Example) features(a retrieval.Associations) [][]float64 {
	if e.Syllables == nil {
		return e.X
	}
	m := a.Matcher(e.Assoc)
	out := make([][]float64, len(e.X))
	for i, x := range e.X {
		x = slices.Clone(x)
		x[retrieval.FeatureAssoc] = m.Cover(e.Missing[i], e.Syllables[i])
		out[i] = x
	}
	return out
}
