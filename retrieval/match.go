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
		for ai, alt := range c.alts {
			for i := 0; i+len(alt) <= len(toks); i++ {
				if !foldsAt(toks[i:], alt) {
					continue
				}
				f := markFactor(c, ai, toks[i:])
				if f == 0 {
					continue
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

// cover is how a token run covers one concept: by its own words (1, or
// accentMismatch when only the unmarked form matched), and whether a
// paraphrase of it occurs.
type cover struct {
	factor float64
	para   bool
}

// coverInto sets out[ci] to how toks cover concept ci. It allocates
// nothing.
func coverInto(q question, toks []Token, out []cover) {
	for ci, c := range q.concepts {
		out[ci] = cover{}
		for ai, alt := range c.alts {
			for i := 0; i+len(alt) <= len(toks) && out[ci].factor < 1; i++ {
				if !foldsAt(toks[i:], alt) {
					continue
				}
				out[ci].factor = max(out[ci].factor, markFactor(c, ai, toks[i:]))
			}
		}
		if out[ci].factor > 0 {
			continue
		}
		for pi, alt := range c.paras {
			for i := 0; i+len(alt) <= len(toks); i++ {
				if foldsAt(toks[i:], alt) && marksAgree(c.paraMarks[pi], toks[i:]) {
					out[ci].para = true
					break
				}
			}
		}
	}
}

// markFactor is how a match of c's alternative ai at the start of toks
// counts: 1; accentMismatch when the user typed marks that toks do not
// have ("thẩm" for "thăm"); 0 when a data file's rendering has other
// marks ("đang" is not "Đảng").
func markFactor(c concept, ai int, toks []Token) float64 {
	if ai >= len(c.marks) || marksAgree(c.marks[ai], toks) {
		return 1
	}
	if c.strict {
		return 0
	}
	return accentMismatch
}

func foldsAt(toks []Token, alt []string) bool {
	for k, f := range alt {
		if toks[k].Fold != f {
			return false
		}
	}
	return true
}
