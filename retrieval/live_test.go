package retrieval

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/vnru/vnru/corpus"
)

// TestLiveSwapUnderLoad swaps engines (and so indexes) while questions
// keep coming: every question gets a complete answer from the old or the
// new engine, none fails.
func TestLiveSwapUnderLoad(t *testing.T) {
	ctx := context.Background()
	base := defaultArticles(t)
	extra := corpus.Article{ID: "extra", Title: "Học bổng", Source: "Báo Thử", URL: "https://example.com/hb",
		Published: base[0].Published, Paragraphs: []string{"Năm 2025, Nga cấp 1.035 suất học bổng cho sinh viên Việt Nam."}}
	open := func(articles []corpus.Article) *Engine {
		e, err := Open(ctx, testLogger(t), articles, Options{Model: testModel(t), NameVariants: testVariants(t), IndexDir: t.TempDir()})
		if err != nil {
			t.Fatal(err)
		}
		return e
	}
	live := NewLive(open(base))
	defer live.Close()

	var sawNew atomic.Int64
	stop := askUnderLoad(ctx, live, 4, func() {
		if len(live.Sources()) == len(base)+1 {
			sawNew.Add(1)
		}
	})
	for i := 0; i < 3; i++ {
		time.Sleep(30 * time.Millisecond)
		articles := base
		if i%2 == 0 {
			articles = append(append([]corpus.Article{}, base...), extra)
		}
		if err := live.Swap(open(articles)); err != nil {
			t.Fatal(err)
		}
	}
	time.Sleep(30 * time.Millisecond)
	if answered, failed := stop(); failed > 0 || answered == 0 || sawNew.Load() == 0 {
		t.Errorf("answered %d, failed %d, answered by the new engine %d; want no failures across swaps", answered, failed, sawNew.Load())
	}
}

// TestLiveUpdateUnderLoad adds and removes an article through
// Live.Update on a persistent index while questions keep coming: each
// new view shares the unchanged segments with the one it replaces, so
// closing the old view must leave them open; every question is
// answered, and the new article is found once it is in.
func TestLiveUpdateUnderLoad(t *testing.T) {
	ctx := context.Background()
	base := defaultArticles(t)
	e, err := Open(ctx, testLogger(t), base, Options{Model: testModel(t), NameVariants: testVariants(t), IndexDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	live := NewLive(e)
	defer live.Close()
	stop := askUnderLoad(ctx, live, 3, func() {})
	with := append(append([]corpus.Article{}, base...), extraArticle(base))
	for i := 0; i < 4; i++ {
		articles := base
		if i%2 == 0 {
			articles = with
		}
		next, err := live.Update(ctx, articles)
		if err != nil {
			t.Fatalf("update %d: %v", i, err)
		}
		if r := next.IndexReport(); r.Rebuilt || !r.Updated() {
			t.Errorf("update %d: report %+v, want an update", i, r)
		}
		ans, err := live.Answer(ctx, "Nga cấp bao nhiêu suất học bổng cho sinh viên Việt Nam?", AskOptions{})
		if got := err == nil && ans.Answered && quoteWith(ans.Quotes, "1.035 suất học bổng") != nil; got != (i%2 == 0) {
			t.Errorf("update %d: the new article answered = %v, want %v", i, got, i%2 == 0)
		}
	}
	if answered, failed := stop(); failed > 0 || answered == 0 {
		t.Errorf("answered %d, failed %d; want no failures across updates", answered, failed)
	}
}

// askUnderLoad asks the README question from n goroutines until the
// returned stop is called, which says how many got the right quote and
// how many did not; each right answer also runs seen.
func askUnderLoad(ctx context.Context, live *Live, n int, seen func()) (stop func() (answered, failed int64)) {
	var ok, bad atomic.Int64
	done := make(chan struct{})
	var wg sync.WaitGroup
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-done:
					return
				default:
				}
				ans, err := live.Answer(ctx, "Thủ tướng Mishustin thăm Việt Nam khi nào?", AskOptions{})
				if err != nil || !ans.Answered || quoteWith(ans.Quotes, "từ ngày 14 đến 15/1") == nil {
					bad.Add(1)
					continue
				}
				ok.Add(1)
				seen()
			}
		}()
	}
	return func() (int64, int64) {
		close(done)
		wg.Wait()
		return ok.Load(), bad.Load()
	}
}
