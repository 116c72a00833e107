package eval

import (
	"context"
	"errors"
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
	idx   bleve.Index
	parts []bleve.Index // the segments idx searches
}

// OpenMatchBaseline opens the live index in dir, the IndexDir of an
// engine that has built it.
func OpenMatchBaseline(dir string) (*MatchBaseline, error) {
	paths, err := retrieval.IndexFolders(dir)
	if err != nil {
		return nil, fmt.Errorf("open match baseline: %w", err)
	}
	b := &MatchBaseline{}
	for _, path := range paths { // every segment: the whole corpus
		idx, err := bleve.OpenUsing(path, map[string]interface{}{"read_only": true})
		if err != nil {
			b.Close()
			return nil, fmt.Errorf("open match baseline index %s: %w", path, err)
		}
		b.parts = append(b.parts, idx)
	}
	b.idx = b.parts[0]
	if len(b.parts) > 1 {
		b.idx = bleve.NewIndexAlias(b.parts...)
	}
	return b, nil
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
func (b *MatchBaseline) Close() error {
	var errs []error
	for _, idx := range b.parts {
		errs = append(errs, idx.Close())
	}
	return errors.Join(errs...)
}
