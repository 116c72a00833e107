package retrieval

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/vnru/vnru/corpus"
)

func currentIndex(t *testing.T, dir string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, currentFile))
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(b))
}

func mustAnswer(t *testing.T, e *Engine, q, want string) {
	t.Helper()
	ans, err := e.Answer(context.Background(), q, AskOptions{})
	if err != nil || !ans.Answered || quoteWith(ans.Quotes, want) == nil {
		t.Fatalf("Answer(%q) = %+v, %v; want a quote with %q", q, ans.Quotes, err, want)
	}
}

func TestPersistentIndexLifecycle(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	articles := defaultArticles(t)
	opt := Options{Model: testModel(t), IndexDir: dir, NameVariants: testVariants(t)}

	// First open builds the index.
	e1, err := Open(ctx, testLogger(t), articles, opt)
	if err != nil {
		t.Fatal(err)
	}
	if r := e1.IndexReport(); !r.Rebuilt || r.Added != len(articles) {
		t.Errorf("first open: report %+v, want a build of %d articles", r, len(articles))
	}
	first := currentIndex(t, dir)
	mustAnswer(t, e1, "Thủ tướng Mishustin thăm Việt Nam khi nào?", "từ ngày 14 đến 15/1")
	e1.Close()

	// Same corpus: the index is reused, not rebuilt.
	e2, err := Open(ctx, testLogger(t), articles, opt)
	if err != nil {
		t.Fatal(err)
	}
	if r := e2.IndexReport(); currentIndex(t, dir) != first || r.Rebuilt || r.Updated() || r.Reused != len(articles) {
		t.Errorf("reopening the same corpus: report %+v, CURRENT %s (was %s); want it reused", r, currentIndex(t, dir), first)
	}
	mustAnswer(t, e2, "Thủ tướng Mishustin thăm Việt Nam khi nào?", "từ ngày 14 đến 15/1")

	// A changed corpus is updated (one new segment, a new manifest),
	// while an engine on the old manifest keeps answering.
	e3, err := Open(ctx, testLogger(t), append(articles, extraArticle(articles)), opt)
	if err != nil {
		t.Fatal(err)
	}
	defer e3.Close()
	if r := e3.IndexReport(); !r.Updated() || r.Added != 1 || r.Reused != len(articles) || r.Segments != 2 {
		t.Errorf("adding an article: report %+v, want 1 added, %d reused, 2 segments", r, len(articles))
	}
	if currentIndex(t, dir) == first {
		t.Fatalf("changed corpus did not switch CURRENT")
	}
	if _, err := os.Stat(filepath.Join(dir, first)); !os.IsNotExist(err) {
		t.Errorf("old manifest %s still exists (err %v)", first, err)
	}
	mustAnswer(t, e3, "Nga cấp bao nhiêu suất học bổng cho sinh viên Việt Nam?", "1.035 suất học bổng")
	mustAnswer(t, e2, "Thủ tướng Mishustin thăm Việt Nam khi nào?", "từ ngày 14 đến 15/1")
	e2.Close()
}

// extraArticle is an article the embedded ones do not hold.
func extraArticle(articles []corpus.Article) corpus.Article {
	return corpus.Article{
		ID: "extra", Title: "Hợp tác giáo dục Việt - Nga", Source: "Báo Thử", URL: "https://example.com/extra",
		Published:  corpus.Date{Time: articles[0].Published.Time},
		Paragraphs: []string{"Năm 2025, Nga cấp 1.035 suất học bổng cho sinh viên Việt Nam theo diện Hiệp định."},
	}
}

func TestInterruptedBuildLeavesOldIndex(t *testing.T) {
	dir := t.TempDir()
	articles := defaultArticles(t)
	opt := Options{Model: testModel(t), IndexDir: dir, NameVariants: testVariants(t)}
	e, err := Open(context.Background(), testLogger(t), articles, opt)
	if err != nil {
		t.Fatal(err)
	}
	e.Close()
	good := currentIndex(t, dir)

	// A build that dies half-way: a leftover build folder with a partial
	// index, and a build cancelled before it could finish.
	junk := filepath.Join(dir, ".build-crashed", "index")
	if err := os.MkdirAll(junk, 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(junk, "root.bolt"), []byte("half"), 0o644)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Open(ctx, testLogger(t), articles[:3], opt); err == nil {
		t.Fatal("Open with a cancelled build succeeded")
	}
	if currentIndex(t, dir) != good {
		t.Fatalf("CURRENT changed after a failed build")
	}

	// The old index still opens (without a rebuild) and answers.
	e, err = Open(context.Background(), testLogger(t), articles, opt)
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	mustAnswer(t, e, "Đại sứ Nga tại Việt Nam là ai?", "Gennady Bezdetko")
	if currentIndex(t, dir) != good {
		t.Errorf("reopening after a failed build rebuilt the index")
	}
}

func TestMakePassagesAreVerbatimWindows(t *testing.T) {
	long := corpus.Article{ID: "l", Paragraphs: []string{strings.Repeat("Câu này nói về Nga. ", 12) + "Hết."}}
	ps := makePassages([]corpus.Article{long})
	if len(ps) < 3 {
		t.Fatalf("a 13-sentence paragraph gave %d passages, want windows of at most %d sentences", len(ps), maxPassageSentences)
	}
	for _, p := range ps {
		text := p.in(&long)
		if !strings.Contains(long.Paragraphs[0], text) {
			t.Errorf("passage %q is not part of the paragraph", text)
		}
		if n := len(corpus.SplitSentences(text)); n > maxPassageSentences {
			t.Errorf("passage has %d sentences, want at most %d", n, maxPassageSentences)
		}
	}
}

// TestPassageCutsRoundTrip: the cuts a segment records rebuild exactly
// the passages sentence splitting makes, and cuts that do not fit the
// article are refused.
func TestPassageCutsRoundTrip(t *testing.T) {
	long := corpus.Article{ID: "l", Paragraphs: []string{"Mở đầu.", strings.Repeat("Câu này nói về Nga. ", 12) + "Hết.", "Giữa.", strings.Repeat("Câu kia nói về Việt Nam! ", 7), ""}}
	for _, a := range append(defaultArticles(t), long) {
		want := appendPassages(nil, 3, a)
		cuts := passageCuts(&a, want)
		got, ok := appendCutPassages(nil, 3, a, cuts, len(want))
		if !ok || len(got) != len(want) {
			t.Fatalf("%s: cuts %q gave %d passages (ok %v), want %d", a.ID, cuts, len(got), ok, len(want))
		}
		for i := range want {
			if got[i].article != want[i].article || got[i].para != want[i].para || got[i].win != want[i].win || got[i].in(&a) != want[i].in(&a) {
				t.Errorf("%s passage %d = %+v, want %+v", a.ID, i, got[i], want[i])
			}
		}
	}
	for _, bad := range []string{"9.0.1", "1.5.2", "1.0.99999", "x", "1.0", "2.0.1,1.0.1"} {
		if _, ok := appendCutPassages(nil, 0, long, bad, 5); ok {
			t.Errorf("cuts %q accepted for an article they do not fit", bad)
		}
	}
}

// TestPersistentEngineKeepsNoText: an engine over a persistent index
// keeps the articles' details but not their text, which it reads from
// the segments, and answers as the in-memory engine does; the caller's
// articles can be dropped (here: blanked) once it is open.
func TestPersistentEngineKeepsNoText(t *testing.T) {
	articles := defaultArticles(t)
	mem, err := Open(context.Background(), testLogger(t), articles, Options{Model: testModel(t), NameVariants: testVariants(t)})
	if err != nil {
		t.Fatal(err)
	}
	defer mem.Close()
	loaded := make([]corpus.Article, len(articles))
	for i, a := range articles {
		loaded[i] = a
		loaded[i].Paragraphs = slices.Clone(a.Paragraphs)
	}
	disk := openDir(t, t.TempDir(), loaded)
	defer disk.Close()
	for i := range loaded {
		loaded[i].Title = "gone"
		for j := range loaded[i].Paragraphs {
			loaded[i].Paragraphs[j] = "gone"
		}
	}
	for i, a := range disk.Articles() {
		if len(a.Paragraphs) > 0 {
			t.Errorf("article %s: the engine keeps %d paragraphs, want none (they are in the index)", a.ID, len(a.Paragraphs))
		}
		if a.Title != articles[i].Title {
			t.Errorf("article %s: title %q, want %q", a.ID, a.Title, articles[i].Title)
		}
	}
	if got, want := answers(t, disk), answers(t, mem); !slices.Equal(got, want) {
		t.Errorf("answers from the persistent index:\n%s\nwant (in memory):\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
