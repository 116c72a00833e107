package eval

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/vnru/vnru/corpus"
)

// baselineSQuAD is plain bleve on the same data: the default mapping,
// one match query with the question; paragraphs ranked from an index of
// paragraphs, and the first quote taken from an index of sentences split
// at ". ! ?".
func baselineSQuAD(ctx context.Context, articles []corpus.Article, items []squadItem) (SQuADScores, error) {
	paras, err := bleve.NewUsing("", bleve.NewIndexMapping(), "scorch", "scorch", nil)
	if err != nil {
		return SQuADScores{}, err
	}
	defer paras.Close()
	sents, err := bleve.NewUsing("", bleve.NewIndexMapping(), "scorch", "scorch", nil)
	if err != nil {
		return SQuADScores{}, err
	}
	defer sents.Close()
	sentText := map[string]string{}
	pb, sb := paras.NewBatch(), sents.NewBatch()
	for _, a := range articles {
		text := a.Paragraphs[0]
		if err := pb.Index(a.ID, map[string]string{"text": text}); err != nil {
			return SQuADScores{}, err
		}
		for i, s := range splitNaive(text) {
			id := fmt.Sprintf("%s/%d", a.ID, i)
			sentText[id] = s
			if err := sb.Index(id, map[string]string{"text": s}); err != nil {
				return SQuADScores{}, err
			}
		}
	}
	if err := paras.Batch(pb); err != nil {
		return SQuADScores{}, err
	}
	if err := sents.Batch(sb); err != nil {
		return SQuADScores{}, err
	}
	var acc scoreAcc
	for _, it := range items {
		start := time.Now()
		res, err := paras.SearchInContext(ctx, matchRequest(it.question, 10))
		if err != nil {
			return SQuADScores{}, err
		}
		var ranked []string
		for _, h := range res.Hits {
			ranked = append(ranked, h.ID)
		}
		res, err = sents.SearchInContext(ctx, matchRequest(it.question, 1))
		if err != nil {
			return SQuADScores{}, err
		}
		acc.latency(time.Since(start))
		var quotes []string
		for _, h := range res.Hits {
			quotes = append(quotes, sentText[h.ID])
		}
		acc.add(it, ranked, quotes, false)
	}
	s := acc.scores(0)
	s.WouldRefuse = 0
	return s, nil
}

// matchRequest asks for the size best hits of a match query. Equal scores
// go to the smaller document ID: bleve numbers a batch's documents in map
// order, so without the second key ties came back in a different order
// from run to run, and so did the figures.
func matchRequest(question string, size int) *bleve.SearchRequest {
	req := bleve.NewSearchRequestOptions(bleve.NewMatchQuery(question), size, 0, false)
	req.SortBy([]string{"-_score", "_id"})
	return req
}

// splitNaive splits at ". ! ?" followed by a space, as a plain baseline
// would.
func splitNaive(text string) []string {
	var out []string
	start := 0
	for i := 0; i < len(text); i++ {
		if (text[i] == '.' || text[i] == '!' || text[i] == '?') && (i+1 == len(text) || text[i+1] == ' ') {
			if s := strings.TrimSpace(text[start : i+1]); s != "" {
				out = append(out, s)
			}
			start = i + 1
		}
	}
	if s := strings.TrimSpace(text[start:]); s != "" {
		out = append(out, s)
	}
	return out
}
