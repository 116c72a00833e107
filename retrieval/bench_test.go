package retrieval

import (
	"context"
	"slices"
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

// BenchmarkAnswerUnparsed is BenchmarkAnswer with every passage's
// tokens and sentences thrown away before each question, as the engine
// worked before passages were parsed once (parsed.go): the difference
// is what keeping them saves.
func BenchmarkAnswerUnparsed(b *testing.B) {
	shared := testEngine(b)
	e := *shared
	ctx := context.Background()
	for b.Loop() {
		e.parsedPassages = newParsedCache(parsedCapacity)
		e.passages = slices.Clone(e.passages)
		for i := range e.passages {
			e.passages[i].parsed = new(parsedSlot)
		}
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
