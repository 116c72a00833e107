package eval

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/blevesearch/bleve/v2"
)

// The engine's persistent index layout, as retrieval/index.go writes it:
// the file CURRENT names the folder of the live bleve index, whose field
// "text" holds the passages' folded syllables. TestMatchBaseline fails
// if either changes.
const (
	currentFile = "CURRENT"
	textField   = "text"
)

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
	cur, err := os.ReadFile(filepath.Join(dir, currentFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("open match baseline: %s holds no built index: open an engine with this IndexDir first", dir)
	}
	if err != nil {
		return nil, fmt.Errorf("open match baseline: %w", err)
	}
	path := filepath.Join(dir, strings.TrimSpace(string(cur)))
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
