package retrieval

import (
	"context"
	"fmt"
	"sort"
	"strconv"

	"github.com/blevesearch/bleve/v2"
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
	req := bleve.NewSearchRequestOptions(bleve.NewDisjunctionQuery(qs...), e.maxPassages, 0, false)
	res, err := e.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("search index: %w", err)
	}
	hits := make([]int, 0, len(res.Hits))
	for _, h := range res.Hits {
		i, err := strconv.Atoi(h.ID)
		if err != nil || i < 0 || i >= len(e.passages) {
			return nil, fmt.Errorf("index holds unknown passage %q: rebuild it", h.ID)
		}
		hits = append(hits, i)
	}
	return hits, nil
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
