package retrieval

// conceptMatch says how well a token run covers one concept.
type conceptMatch struct {
	factor float64  // 1 exact, accentMismatch when only the folded form matched, 0 absent
	spans  [][2]int // token ranges [from, to) of the matches
	exact  [][2]int // the matches whose marks agree with the question, for bolding
}

// matchConceptsInto finds each concept of q in toks, reusing out.
func matchConceptsInto(q question, toks []Token, out []conceptMatch) []conceptMatch {
	if cap(out) < len(q.concepts) {
		out = make([]conceptMatch, len(q.concepts))
	}
	out = out[:len(q.concepts)]
	for ci, c := range q.concepts {
		out[ci] = conceptMatch{spans: out[ci].spans[:0], exact: out[ci].exact[:0]}
		for _, alt := range c.alts {
			for i := 0; i+len(alt) <= len(toks); i++ {
				if !foldsAt(toks[i:], alt) {
					continue
				}
				f := 1.0
				if c.exact != "" && toks[i].Text != c.exact {
					f = accentMismatch
				}
				out[ci].factor = max(out[ci].factor, f)
				out[ci].spans = append(out[ci].spans, [2]int{i, i + len(alt)})
				if f == 1 {
					out[ci].exact = append(out[ci].exact, [2]int{i, i + len(alt)})
				}
			}
		}
	}
	return out
}

// coverFactors sets out[ci] to how well toks cover concept ci: 1, the
// accent-mismatch factor, or 0. It allocates nothing.
func coverFactors(q question, toks []Token, out []float64) {
	for ci, c := range q.concepts {
		out[ci] = 0
		for _, alt := range c.alts {
			for i := 0; i+len(alt) <= len(toks) && out[ci] < 1; i++ {
				if !foldsAt(toks[i:], alt) {
					continue
				}
				f := 1.0
				if c.exact != "" && toks[i].Text != c.exact {
					f = accentMismatch
				}
				out[ci] = max(out[ci], f)
			}
		}
	}
}

func foldsAt(toks []Token, alt []string) bool {
	for k, f := range alt {
		if toks[k].Fold != f {
			return false
		}
	}
	return true
}
