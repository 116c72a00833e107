package retrieval

import (
	"sort"

	"github.com/vnru/vnru/corpus"
)

// spans are the byte ranges, in the sentence, of the question's words
// whose marks agree with the question: what the bot puts in bold.
func (c candidate) spans(q question) []Span {
	var out []Span
	for _, m := range matchConceptsInto(q, c.toks, nil) {
		for _, r := range m.exact {
			out = append(out, Span{Start: c.toks[r[0]].Start - c.sent.Start, End: c.toks[r[1]-1].End - c.sent.Start})
		}
	}
	return mergeSpans(out)
}

// folds is the set of the sentence's folded syllables, for spotting the
// same sentence in two articles.
func (c candidate) folds() map[string]bool {
	m := make(map[string]bool, len(c.toks))
	for _, t := range c.toks {
		m[t.Fold] = true
	}
	return m
}

func mergeSpans(spans []Span) []Span {
	if len(spans) == 0 {
		return []Span{}
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].Start < spans[j].Start })
	out := spans[:1]
	for _, s := range spans[1:] {
		last := &out[len(out)-1]
		if s.Start <= last.End {
			last.End = max(last.End, s.End)
			continue
		}
		out = append(out, s)
	}
	return out
}

// selectQuotes keeps the best sentences, up to limit, folding
// near-duplicates from other articles into "also reported by". Quotes
// after the first must score within quoteFloor of the best, unless
// keepAll (measuring the ranking). prob gives each quote's answerability.
func (e *Engine) selectQuotes(q question, cands []candidate, limit int, prob func(i int) float64, keepAll bool) []Quote {
	quotes := []Quote{}
	var kept []map[string]bool // word sets of the quotes kept
	var shown []candidate      // the quotes kept, for their sentence ranges
	for i, c := range cands {
		if !keepAll && c.score < cands[0].score-quoteFloor {
			break
		}
		words := c.folds()
		dup := -1
		for k, w := range kept {
			if jaccard(words, w) >= duplicateJacard {
				dup = k
				break
			}
		}
		art := e.articles[e.passages[c.passage].article]
		if dup >= 0 {
			q := &quotes[dup]
			if art.ID != q.Article.ID && !hasSource(q.AlsoIn, art.ID) {
				q.AlsoIn = append(q.AlsoIn, sourceOf(art))
			}
			continue
		}
		if len(quotes) == limit || overlaps(c, shown) {
			continue // keep scanning: later duplicates still add sources
		}
		if w := e.withNeighbour(c); !overlaps(w, shown) {
			c = w
		}
		kept = append(kept, words)
		shown = append(shown, c)
		quotes = append(quotes, Quote{Text: c.sent.Text, Article: sourceOf(art), Score: round3(c.score),
			Probability: round3(prob(i)), Matches: c.spans(q), Explain: c.explain()})
	}
	return quotes
}

// overlaps says whether c's text shares a sentence with a quote already
// kept.
func overlaps(c candidate, kept []candidate) bool {
	for _, k := range kept {
		if k.passage == c.passage && c.sent.Start < k.sent.End && k.sent.Start < c.sent.End {
			return true
		}
	}
	return false
}

func sourceOf(a corpus.Article) Source {
	return Source{ID: a.ID, Title: a.Title, Source: a.Source, URL: a.URL, Published: a.Published}
}

func hasSource(ss []Source, id string) bool {
	for _, s := range ss {
		if s.ID == id {
			return true
		}
	}
	return false
}

func jaccard(a, b map[string]bool) float64 {
	inter := 0
	for k := range a {
		if b[k] {
			inter++
		}
	}
	union := len(a) + len(b) - inter
	if union == 0 {
		return 0
	}
	return float64(inter) / float64(union)
}

func round3(f float64) float64 { return float64(int(f*1000+0.5)) / 1000 }
