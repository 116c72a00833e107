package eval

import (
	"context"
	"fmt"

	"github.com/blevesearch/bleve/v2"

	"github.com/vnru/vnru/retrieval"
)

// The engine's persistent index layout, as retrieval.IndexFolders gives
// it: bleve index folders whose field "text" holds the passages' folded
// syllables. TestMatchBaseline fails if either changes.
const textField = "text"

// MatchBaseline is what vnru bench times the answer pipeline against: a
// bare bleve match query (the question's words ORed, analysed as the
// folded text field) on the engine's own index. It opens the index
// folder a second time, read-only, beside the engine (both take bolt's
// shared lock), so the two see the same segments, the same analyzers and
// the same page cache, and the bench can interleave them question by
// question; the engine itself has no measuring entry point.
type MatchBaseline struct {
	idx bleve.Index
}

// OpenMatchBaseline opens the live index in dir, the IndexDir of an
// engine that has built it.
func OpenMatchBaseline(dir string) (*MatchBaseline, error) {
	paths, err := retrieval.IndexFolders(dir) // the largest segment: the whole index after a build
	if err != nil {
		return nil, fmt.Errorf("open match baseline: %w", err)
	}
	path := paths[0]
	idx, err := bleve.OpenUsing(path, map[string]interface{}{"read_only": true})
	if err != nil {
		return nil, fmt.Errorf("open match baseline index %s: %w", path, err)
	}
	return &MatchBaseline{idx: idx}, nil
}

// Hits runs the match query for question and returns the number of hits,
// at most size. The question is analysed, never parsed as query syntax.
func (b *MatchBaseline) Hits(ctx context.Context, question string, size int) (int, error) {
	mq := bleve.NewMatchQuery(question)
	mq.SetField(textField)
	res, err := b.idx.SearchInContext(ctx, bleve.NewSearchRequestOptions(mq, size, 0, false))
	if err != nil {
		return 0, fmt.Errorf("match query: %w", err)
	}
	return len(res.Hits), nil
}

// Close releases the index.
func (b *MatchBaseline) Close() error { return b.idx.Close() }
