package retrieval

import (
	"context"
	"fmt"
	"sort"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
)

// search asks the index for candidate passages. Only term queries are
// built, from analysed text: user input never reaches a query parser.
// Rare terms lead: syllables found in more than a tenth of the passages
// are left to the ranking (they would cost most of the search time and
// pick nothing out), and at most maxQueryTerms of each kind are asked.
func (e *Engine) search(ctx context.Context, q question) ([]int, error) {
	if len(e.passages) <= rankAllPassages {
		// In a corpus this small every passage is a candidate: ranking
		// them all costs a millisecond or two, and a question whose words
		// the articles put otherwise (a paraphrase, a translation) still
		// reaches the ranking, which reads more than the index does.
		all := make([]int, len(e.passages))
		for i := range all {
			all[i] = i
		}
		return all, nil
	}
	unigrams, bigrams := q.terms()
	n := float64(max(1, e.st.Passages))
	sort.SliceStable(unigrams, func(i, j int) bool { return e.st.DocFreq[unigrams[i]] < e.st.DocFreq[unigrams[j]] })
	var qs []query.Query
	add := func(term, field string, boost float64) {
		tq := bleve.NewTermQuery(term)
		tq.SetField(field)
		tq.SetBoost(boost)
		qs = append(qs, tq)
	}
	for i, u := range unigrams {
		if i >= maxQueryTerms || i >= minQueryTerms && float64(e.st.DocFreq[u])/n > commonShare {
			break
		}
		add(u, fieldText, 1)
	}
	for i, b := range bigrams {
		if i >= maxQueryTerms {
			break
		}
		add(b, fieldBigram, boostBigram)
	}
	if len(qs) == 0 {
		return nil, nil
	}
	return e.lookup(ctx, bleve.NewDisjunctionQuery(qs...))
}

// lookup asks each segment for its best passages and keeps the best
// e.maxPassages of them that are live: a hit on an article that was
// removed since, or now lives in a newer segment, is dropped, so each
// segment is asked for as many more as it holds dead passages (up to
// twice the count).
func (e *Engine) lookup(ctx context.Context, q query.Query) ([]int, error) {
	type hit struct {
		passage int
		score   float64
	}
	var hits []hit
	for si, s := range e.segs {
		req := bleve.NewSearchRequestOptions(q, e.maxPassages+min(e.dead[si], e.maxPassages), 0, false)
		if e.bm25 != nil {
			req.PreSearchData = map[string]interface{}{search.BM25PreSearchDataKey: e.bm25}
		}
		res, err := s.idx.SearchInContext(ctx, req)
		if err != nil {
			return nil, fmt.Errorf("search index: %w", err)
		}
		for _, h := range res.Hits {
			pi, live, err := e.passageOf(si, h.ID)
			if err != nil {
				return nil, err
			}
			if live {
				hits = append(hits, hit{pi, h.Score})
			}
		}
	}
	if len(e.segs) > 1 {
		sort.SliceStable(hits, func(i, j int) bool { return hits[i].score > hits[j].score })
	}
	out := make([]int, 0, min(len(hits), e.maxPassages))
	for _, h := range hits[:min(len(hits), e.maxPassages)] {
		out = append(out, h.passage)
	}
	return out, nil
}

// passageOf finds the passage a hit of segment si names; live is false
// when the view places its article in another segment or holds no such
// article (removed since the segment was written).
func (e *Engine) passageOf(si int, id string) (pi int, live bool, err error) {
	key, para, win, ok := parseDocID(id)
	if !ok {
		return 0, false, fmt.Errorf("index holds unknown passage %q: rebuild it", id)
	}
	ai, ok := e.byKey[key]
	if !ok || e.segOf[ai] != si {
		return 0, false, nil
	}
	for pi := e.first[ai]; pi < e.first[ai+1]; pi++ {
		if p := e.passages[pi]; p.para == para && p.win == win {
			return pi, true, nil
		}
	}
	return 0, false, fmt.Errorf("index holds unknown passage %q: rebuild it", id)
}

// rankAllPassages is the corpus size, in passages, up to which every
// passage is ranked without asking the index (the five founding
// articles are about a hundred).
const rankAllPassages = 150

// Query pruning, measured with `vnru bench` and checked with `vnru eval`.
const (
	maxQueryTerms = 10  // syllables (and bigrams) asked of the index at most
	minQueryTerms = 3   // the rarest syllables always asked
	commonShare   = 0.1 // syllables in more passages than this are not asked
)
