package eval

import (
	"context"
	"strings"
	"testing"

	"github.com/vnru/vnru/corpus"
	"github.com/vnru/vnru/retrieval"
)

// TestMatchBaseline opens the index an engine built, while the engine
// still has it open, and runs match queries on its folded text field.
func TestMatchBaseline(t *testing.T) {
	ctx := context.Background()
	articles, _, err := corpus.Load(corpus.Default())
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	eng, err := retrieval.Open(ctx, testLogger(t), articles, retrieval.Options{IndexDir: dir, Model: productModel(t)})
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	b, err := OpenMatchBaseline(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	tests := []struct {
		question string
		min, max int
	}{
		{"Mishustin", 1, 10},                 // a name in one article
		{"thu tuong mishustin tham", 10, 10}, // unmarked, folded like the index; common words fill the page
		{"Thủ tướng Mishustin thăm", 10, 10}, // marked: the same folded terms
		{"zzqx wvvy", 0, 0},                  // no such words
		{"+zzqx -viet", 1, 10},               // words, not query syntax (which would find nothing)
	}
	for _, tt := range tests {
		n, err := b.Hits(ctx, tt.question, 10)
		if err != nil {
			t.Fatalf("Hits(%q): %v", tt.question, err)
		}
		if n < tt.min || n > tt.max {
			t.Errorf("Hits(%q) = %d, want %d..%d", tt.question, n, tt.min, tt.max)
		}
	}
}

func TestOpenMatchBaselineWithoutIndex(t *testing.T) {
	_, err := OpenMatchBaseline(t.TempDir())
	if err == nil || !strings.Contains(err.Error(), "holds no built index") {
		t.Errorf("OpenMatchBaseline(empty folder) error = %v, want one saying no index is built there", err)
	}
}
