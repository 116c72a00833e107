package retrieval

import (
	"context"
	"errors"
	"iter"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/vnru/vnru/corpus"
)

// countingSource yields its articles, counting the reads and the
// articles handed out; edit, when set, changes what the second and later
// reads yield, as a corpus folder edited between two reads would.
type countingSource struct {
	articles []corpus.Article
	reads    int
	yielded  int
	edit     func(read int, arts []corpus.Article) []corpus.Article
	fail     error // yielded after the articles, when set
}

func (s *countingSource) Entries(corpus.Recall) iter.Seq2[corpus.Entry, error] {
	return func(yield func(corpus.Entry, error) bool) {
		s.reads++
		arts := s.articles
		if s.edit != nil && s.reads > 1 {
			arts = s.edit(s.reads, slices.Clone(arts))
		}
		for _, a := range arts {
			s.yielded++
			if !yield(corpus.Entry{Article: a}, nil) {
				return
			}
		}
		if s.fail != nil {
			yield(corpus.Entry{}, s.fail)
		}
	}
}

// TestSourceReads: a source is read once where the index lacks few
// articles (an open of an unchanged index, a reload adding one) and twice
// where it lacks more than are kept (a build), and the engine keeps no
// text over a persistent index either way.
func TestSourceReads(t *testing.T) {
	base := updateCorpus(t)
	added := append(slices.Clone(base), corpus.Article{
		ID: "new", Title: "Bài mới", Source: "test", Lang: "vi", Published: base[0].Published,
		Paragraphs: []string{"Hai nước ký thỏa thuận hợp tác về giáo dục.", "Đoàn đại biểu thăm Hà Nội."},
	})
	tests := []struct {
		name      string
		articles  []corpus.Article
		removeDir bool // the folder lost: the view builds it again
		keep      int
		reads     int
		report    func(IndexReport) bool
	}{
		{"unchanged index", base, false, 0, 1, func(r IndexReport) bool { return !r.Rebuilt && !r.Updated() }},
		{"one article added", added, false, 0, 1, func(r IndexReport) bool { return r.Added == 1 && !r.Rebuilt }},
		{"one article added, none kept", added, false, -1, 2, func(r IndexReport) bool { return r.Added == 1 && !r.Rebuilt }},
		{"build, all kept", base, true, 0, 1, func(r IndexReport) bool { return r.Rebuilt }},
		{"build, too many to keep", base, true, -1, 2, func(r IndexReport) bool { return r.Rebuilt }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			e := openDir(t, dir, base)
			defer e.Close()
			if tt.removeDir {
				if err := os.RemoveAll(dir); err != nil {
					t.Fatal(err)
				}
			}
			e.keepPassages = tt.keep
			src := &countingSource{articles: tt.articles}
			next, err := e.UpdateFrom(context.Background(), src)
			if err != nil {
				t.Fatal(err)
			}
			defer next.Close()
			if src.reads != tt.reads {
				t.Errorf("source read %d times, want %d", src.reads, tt.reads)
			}
			if r := next.IndexReport(); !tt.report(r) {
				t.Errorf("report %+v", r)
			}
			for _, a := range next.Articles() {
				if a.Paragraphs != nil {
					t.Fatalf("article %s keeps its text over a persistent index", a.ID)
				}
			}
			checkLikeFresh(t, next, dir, tt.articles)
		})
	}
}

// TestSourceChangedBetweenReads: when the articles read again to be
// written are not those read first (a file edited, added or removed
// meanwhile), the open fails and the index is left as it was.
func TestSourceChangedBetweenReads(t *testing.T) {
	base := defaultArticles(t)
	tests := []struct {
		name string
		edit func(read int, arts []corpus.Article) []corpus.Article
	}{
		{"edited", func(_ int, arts []corpus.Article) []corpus.Article {
			arts[len(arts)-1].Paragraphs = append(slices.Clone(arts[len(arts)-1].Paragraphs), "Một đoạn thêm.")
			return arts
		}},
		{"one more", func(_ int, arts []corpus.Article) []corpus.Article {
			return append(arts, extraArticle(base))
		}},
		{"one fewer", func(_ int, arts []corpus.Article) []corpus.Article { return arts[:len(arts)-1] }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			e := openDir(t, dir, base)
			defer e.Close()
			before := currentIndex(t, dir)
			e.keepPassages = -1
			live := NewLive(e)
			src := &countingSource{articles: append(slices.Clone(base), extraArticle(base)), edit: tt.edit}
			next, err := live.UpdateFrom(context.Background(), src)
			if !errors.Is(err, errSourceChanged) || next != nil {
				t.Fatalf("UpdateFrom with the articles changed between reads: %v, %v; want no engine and %v", next, err, errSourceChanged)
			}
			if !strings.Contains(err.Error(), "open or reload again") {
				t.Errorf("error %q does not say what to do", err)
			}
			if got := currentIndex(t, dir); got != before {
				t.Errorf("CURRENT = %s after a failed update, want %s", got, before)
			}
			mustAnswerLive(t, live, "Thủ tướng Mishustin thăm Việt Nam khi nào?", "từ ngày 14 đến 15/1")
		})
	}
}

// TestSourceError: an error from the source ends the open with it, and
// the index is left as it was.
func TestSourceError(t *testing.T) {
	dir := t.TempDir()
	base := defaultArticles(t)
	e := openDir(t, dir, base)
	defer e.Close()
	before := currentIndex(t, dir)
	broken := errors.New("corpus folder: gone")
	src := &countingSource{articles: append(slices.Clone(base), extraArticle(base)), fail: broken}
	if next, err := e.UpdateFrom(context.Background(), src); !errors.Is(err, broken) || next != nil {
		t.Fatalf("UpdateFrom with a failing source: %v, %v; want %v", next, err, broken)
	}
	if got := currentIndex(t, dir); got != before {
		t.Errorf("CURRENT = %s after a failed update, want %s", got, before)
	}
	if _, err := OpenFrom(context.Background(), testLogger(t), src, Options{Model: testModel(t)}); !errors.Is(err, broken) {
		t.Errorf("OpenFrom in memory with a failing source: %v, want %v", err, broken)
	}
}

func mustAnswerLive(t *testing.T, l *Live, q, want string) {
	t.Helper()
	ans, err := l.Answer(context.Background(), q, AskOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !ans.Answered || len(ans.Quotes) == 0 || !strings.Contains(ans.Quotes[0].Text, want) {
		t.Errorf("Answer(%q) = %+v, want a quote with %q", q, ans.Quotes, want)
	}
}
