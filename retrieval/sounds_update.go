package retrieval

import (
	"maps"
	"sort"
)

// updated returns the sound index of docFreq, given the index s of an
// earlier docFreq and the syllables whose counts changed since: only
// their outlines are redone, so an update costs what it changed, not
// the vocabulary. s itself is left as it was (an older engine view may
// be using it).
func (s *soundIndex) updated(docFreq map[string]int, changed []string) *soundIndex {
	byKey := map[string][]string{}
	for _, w := range changed {
		if k, ok := outlineKey(w); ok {
			byKey[k] = append(byKey[k], w)
		}
	}
	if len(byKey) == 0 {
		return s
	}
	n := &soundIndex{words: maps.Clone(s.words)}
	for k, ws := range byKey {
		set := map[string]bool{}
		for _, w := range append(s.words[k], ws...) {
			if docFreq[w] > 0 {
				set[w] = true
			}
		}
		if len(set) == 0 {
			delete(n.words, k)
			continue
		}
		out := make([]string, 0, len(set))
		for w := range set {
			out = append(out, w)
		}
		sort.Slice(out, func(i, j int) bool {
			if docFreq[out[i]] != docFreq[out[j]] {
				return docFreq[out[i]] > docFreq[out[j]]
			}
			return out[i] < out[j]
		})
		n.words[k] = out
	}
	return n
}

// changedFolds are the syllables whose document frequency differs
// between two counts.
func changedFolds(old, cur map[string]int) []string {
	var out []string
	for w, n := range cur {
		if old[w] != n {
			out = append(out, w)
		}
	}
	for w := range old {
		if _, ok := cur[w]; !ok {
			out = append(out, w)
		}
	}
	return out
}
