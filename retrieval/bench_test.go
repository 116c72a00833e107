package retrieval

import (
	"cmp"
	"context"
	goflag "flag"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

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

var benchPassages = goflag.Int("bench.passages", 100_000, "passages in the index BenchmarkAddArticle adds to")

// synthetic builds articles of n passages in all, each paragraph 3–5
// sentences of the embedded articles, 1–3 paragraphs an article (as
// `vnru bench` does), repeatably.
func synthetic(tb testing.TB, n int, prefix string, paras int) []corpus.Article {
	var sents []string
	for _, a := range defaultArticles(tb) {
		for _, p := range a.Paragraphs {
			for _, s := range corpus.SplitSentences(p) {
				sents = append(sents, s.Text)
			}
		}
	}
	r := rand.New(rand.NewPCG(1, uint64(n)))
	var out []corpus.Article
	for made := 0; made < n; {
		a := corpus.Article{ID: fmt.Sprintf("%s-%07d", prefix, len(out)), Source: "bench", Lang: "vi", Title: "Bài thử",
			Published: corpus.Date{Time: time.Date(2000+r.IntN(26), time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC)}}
		for p := 0; p < max(paras, 1+r.IntN(3)) && made < n; p++ {
			var ps []string
			for k := 0; k < 3+r.IntN(3); k++ {
				ps = append(ps, sents[r.IntN(len(sents))])
			}
			a.Paragraphs = append(a.Paragraphs, strings.Join(ps, " "))
			made++
		}
		out = append(out, a)
	}
	return out
}

// BenchmarkAddArticle adds one 20-paragraph article at a time to a
// persistent index of -bench.passages passages, as the bot's reload
// does: all the articles are handed over, compared with the index, and
// only the new one is written. Target: ≤ 1 s at 100k passages.
func BenchmarkAddArticle(b *testing.B) {
	ctx := context.Background()
	articles := synthetic(b, *benchPassages, "bench", 0)
	lg := slog.New(slog.NewTextHandler(io.Discard, nil))
	e, err := Open(ctx, lg, articles, Options{Model: testModel(b), IndexDir: b.TempDir()})
	if err != nil {
		b.Fatal(err)
	}
	defer func() { e.Close() }()
	i := 0
	for b.Loop() {
		i++
		articles = append(articles, synthetic(b, 20, fmt.Sprintf("new-%d", i), 20)...)
		next, err := e.Update(ctx, articles)
		if err != nil {
			b.Fatal(err)
		}
		if r := next.IndexReport(); r.Rebuilt || r.Added != 1 {
			b.Fatalf("update %d: %+v, want one article added", i, r)
		}
		e.Close()
		e = next
	}
	b.ReportMetric(float64(e.Passages()), "passages")
}

var benchIndexDir = goflag.String("bench.index", "", "keep BenchmarkOpen's index in `DIR` (built when absent), to time opens without building again")

// BenchmarkOpen opens an existing persistent index of -bench.passages
// passages with its articles loaded, as the bot starts. Target: ≤ 2 s
// at a million passages.
func BenchmarkOpen(b *testing.B) {
	ctx := context.Background()
	articles := synthetic(b, *benchPassages, "bench", 0)
	lg := slog.New(slog.NewTextHandler(io.Discard, nil))
	opt := Options{Model: testModel(b), IndexDir: cmp.Or(*benchIndexDir, b.TempDir())}
	e, err := Open(ctx, lg, articles, opt)
	if err != nil {
		b.Fatal(err)
	}
	e.Close()
	for b.Loop() {
		e, err := Open(ctx, lg, articles, opt)
		if err != nil {
			b.Fatal(err)
		}
		if r := e.IndexReport(); r.Rebuilt || r.Updated() {
			b.Fatalf("open: %+v, want the index reused", r)
		}
		e.Close()
	}
}

// BenchmarkOpenFolder opens an existing persistent index of
// -bench.passages passages with its corpus folder, unchanged since the
// build, as the bot starts: every file is listed and stamped, none read
// (the catalog), and no segment table is read (its manifest is
// current).
func BenchmarkOpenFolder(b *testing.B) {
	ctx := context.Background()
	folder := b.TempDir()
	for _, a := range synthetic(b, *benchPassages, "bench", 0) {
		if _, err := corpus.WriteArticle(folder, a); err != nil {
			b.Fatal(err)
		}
	}
	lg := slog.New(slog.NewTextHandler(io.Discard, nil))
	opt := Options{Model: testModel(b), IndexDir: b.TempDir()}
	e, err := OpenFrom(ctx, lg, corpus.NewStream(folder), opt)
	if err != nil {
		b.Fatal(err)
	}
	e.Close()
	for b.Loop() {
		src := &fileCounter{src: corpus.NewStream(folder)}
		e, err := OpenFrom(ctx, lg, src, opt)
		if err != nil {
			b.Fatal(err)
		}
		if r := e.IndexReport(); r.Rebuilt || r.Updated() || src.read > 0 {
			b.Fatalf("open: %+v, %d files read; want the index reused and no file read", r, src.read)
		}
		e.Close()
	}
}
