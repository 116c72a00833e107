package retrieval

import (
	"context"
	"testing"

	"github.com/vnru/vnru/corpus"
)

func BenchmarkAnswer(b *testing.B) {
	e := testEngine(b)
	ctx := context.Background()
	for b.Loop() {
		if _, err := e.Answer(ctx, "Thủ tướng Mishustin thăm Việt Nam khi nào?", AskOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSplitSentences(b *testing.B) {
	articles := defaultArticles(b)
	var text string
	for _, a := range articles {
		text += a.Body() + "\n\n"
	}
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		corpus.SplitSentences(text)
	}
}
