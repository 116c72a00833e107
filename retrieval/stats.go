package retrieval

import (
	"iter"
	"maps"
)

// stats are the document frequencies of folded syllables over passages,
// for the Go-side ranking (bleve's BM25 statistics are not exposed
// reliably; see RESEARCH.md). A persistent index keeps them in its
// manifest and updates them with each article added or removed, so they
// always equal those of a fresh build of the same articles.
type stats struct {
	Passages int            `json:"passages"`
	Tokens   int            `json:"tokens"` // syllables in all passages
	DocFreq  map[string]int `json:"doc_freq"`
}

// avgLength is the mean passage length in syllables.
func (st stats) avgLength() float64 {
	if st.Passages == 0 || st.Tokens == 0 {
		return 1
	}
	return float64(st.Tokens) / float64(st.Passages)
}

// computeStats counts the passages with the given texts.
func computeStats(texts iter.Seq[string], forms *formCache) stats {
	st := stats{DocFreq: map[string]int{}}
	st.add(texts, forms, 1)
	return st
}

// add counts the passages with the given texts in st (sign 1) or takes
// them out (sign -1). Syllables no passage holds any more leave DocFreq,
// so the result equals a count from scratch.
func (st *stats) add(passages iter.Seq[string], forms *formCache, sign int) {
	seen := map[string]bool{}
	for text := range passages {
		toks := tokenize(text, forms)
		if sign > 0 {
			st.count(toks, seen)
			continue
		}
		clear(seen)
		st.Passages--
		st.Tokens -= len(toks)
		for _, t := range toks {
			if seen[t.Fold] {
				continue
			}
			seen[t.Fold] = true
			if n := st.DocFreq[t.Fold] - 1; n <= 0 {
				delete(st.DocFreq, t.Fold)
			} else {
				st.DocFreq[t.Fold] = n
			}
		}
	}
}

// count adds one passage of these syllables to st; seen is scratch
// space.
func (st *stats) count(toks []Token, seen map[string]bool) {
	clear(seen)
	st.Passages++
	st.Tokens += len(toks)
	for _, t := range toks {
		if !seen[t.Fold] {
			seen[t.Fold] = true
			st.DocFreq[t.Fold]++
		}
	}
}

// merge adds the counts of o, made over other passages.
func (st *stats) merge(o stats) {
	st.Passages += o.Passages
	st.Tokens += o.Tokens
	for f, n := range o.DocFreq {
		st.DocFreq[f] += n
	}
}

// clone copies st, so an update never changes the stats an older engine
// view is answering with.
func (st stats) clone() stats {
	st.DocFreq = maps.Clone(st.DocFreq)
	if st.DocFreq == nil {
		st.DocFreq = map[string]int{}
	}
	return st
}
