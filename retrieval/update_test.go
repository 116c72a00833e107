package retrieval

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/vnru/vnru/corpus"
)

// updateCorpus is the embedded articles, a copy of each with the words of
// every paragraph in reverse order (so the corpus passes the size from
// which the index picks the candidates, without sentences that tie) and
// the extra article.
func updateCorpus(t *testing.T) []corpus.Article {
	t.Helper()
	base := defaultArticles(t)
	out := slices.Clone(base)
	for _, a := range base {
		c := a
		c.ID = "copy-" + a.ID
		c.Title = "Bản sao: " + a.Title
		c.Paragraphs = nil
		for _, p := range a.Paragraphs {
			w := strings.Fields(p)
			slices.Reverse(w)
			c.Paragraphs = append(c.Paragraphs, strings.Join(w, " "))
		}
		out = append(out, c)
	}
	return append(out, extraArticle(base))
}

var updateQuestions = []string{
	"Thủ tướng Mishustin thăm Việt Nam khi nào?",
	"Nga cấp bao nhiêu suất học bổng cho sinh viên Việt Nam?",
	"Đại sứ Nga tại Việt Nam là ai?",
	"thu tuong mishustin tham viet nam khi nao",
	"Who is the Russian ambassador to Vietnam?",
	"Rosatom xây nhà máy điện hạt nhân ở đâu?",
}

// answers are the engine's answers (outcome, quotes and their articles)
// to updateQuestions.
func answers(t *testing.T, e *Engine) []string {
	t.Helper()
	var out []string
	for _, q := range updateQuestions {
		ans, err := e.Answer(context.Background(), q, AskOptions{})
		if err != nil {
			t.Fatalf("Answer(%q): %v", q, err)
		}
		out = append(out, fmt.Sprintf("%s: answered %v, %d quotes, %d related", q, ans.Answered, len(ans.Quotes), len(ans.Related)))
		for _, qu := range append(ans.Quotes, ans.Related...) {
			out = append(out, q+" → "+qu.Article.ID+": "+qu.Text)
		}
	}
	return out
}

func openDir(t *testing.T, dir string, articles []corpus.Article) *Engine {
	t.Helper()
	e, err := Open(context.Background(), testLogger(t), articles, Options{Model: testModel(t), IndexDir: dir, NameVariants: testVariants(t)})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// passageTextsOf is the texts of the articles' passages.
func passageTextsOf(articles []corpus.Article) iter.Seq[string] {
	return func(yield func(string) bool) {
		for _, p := range makePassages(articles) {
			if !yield(p.in(&articles[p.article])) {
				return
			}
		}
	}
}

// checkLikeFresh checks that e, made by updates, holds the statistics,
// sound index and answers of a fresh build of the same articles, and so
// does the index reopened.
func checkLikeFresh(t *testing.T, e *Engine, dir string, articles []corpus.Article) {
	t.Helper()
	want := computeStats(passageTextsOf(articles), nil)
	if e.st.Passages != want.Passages || e.st.Tokens != want.Tokens || !reflect.DeepEqual(e.st.DocFreq, want.DocFreq) {
		t.Errorf("stats after updates: %d passages, %d tokens, %d syllables; a fresh count: %d, %d, %d",
			e.st.Passages, e.st.Tokens, len(e.st.DocFreq), want.Passages, want.Tokens, len(want.DocFreq))
	}
	if !reflect.DeepEqual(e.sounds, newSoundIndex(want.DocFreq)) {
		t.Errorf("sound index after updates differs from one made from scratch")
	}
	fresh := openDir(t, t.TempDir(), articles)
	defer fresh.Close()
	if got, want := answers(t, e), answers(t, fresh); !slices.Equal(got, want) {
		t.Errorf("answers after updates:\n%s\nwant (a fresh build):\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	again := openDir(t, dir, articles)
	defer again.Close()
	if r := again.IndexReport(); r.Rebuilt || r.Updated() {
		t.Errorf("reopening after updates: report %+v, want the index reused", r)
	}
	if got, want := answers(t, again), answers(t, fresh); !slices.Equal(got, want) {
		t.Errorf("answers of the reopened index:\n%s\nwant (a fresh build):\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestUpdateAddChangeRemove(t *testing.T) {
	all := updateCorpus(t)
	n := len(all)
	changed := slices.Clone(all)
	changed[n-1].Paragraphs = []string{"Năm 2026, Nga cấp 1.200 suất học bổng cho sinh viên Việt Nam theo diện Hiệp định."}
	steps := []struct {
		name                            string
		articles                        []corpus.Article
		added, changed, removed, reused int
		quote                           string // in the answer to the scholarship question
	}{
		{"add", all, 6, 0, 0, n - 6, "1.035 suất học bổng"},
		{"change", changed, 0, 1, 0, n - 1, "1.200 suất học bổng"},
		{"remove", changed[1 : n-2], 0, 0, 3, n - 3, ""},
		{"add back", changed, 3, 0, 0, n - 3, "1.200 suất học bổng"},
	}
	dir := t.TempDir()
	e := openDir(t, dir, all[:5])
	defer func() { e.Close() }()
	for _, s := range steps {
		t.Run(s.name, func(t *testing.T) {
			next, err := e.Update(context.Background(), s.articles)
			if err != nil {
				t.Fatal(err)
			}
			e.Close()
			e = next
			r := e.IndexReport()
			if r.Rebuilt || r.Added != s.added || r.Changed != s.changed || r.Removed != s.removed || r.Reused != s.reused {
				t.Errorf("report %+v, want +%d ~%d -%d, %d reused, no rebuild", r, s.added, s.changed, s.removed, s.reused)
			}
			if s.quote != "" {
				mustAnswer(t, e, "Nga cấp bao nhiêu suất học bổng cho sinh viên Việt Nam?", s.quote)
			}
			checkLikeFresh(t, e, dir, s.articles)
		})
	}
}

// TestUpdateCrashBeforeSwitch is a crash between writing the new segment
// and switching the manifest: the old index opens and answers, as it
// was; the next update removes the orphan segment.
func TestUpdateCrashBeforeSwitch(t *testing.T) {
	dir := t.TempDir()
	base := defaultArticles(t)
	e := openDir(t, dir, base)
	defer e.Close()
	before := currentIndex(t, dir)
	crash := errors.New("killed")
	e.beforeSwitch = func() error { return crash }
	if _, err := e.Update(context.Background(), append(slices.Clone(base), extraArticle(base))); !errors.Is(err, crash) {
		t.Fatalf("Update with a crash before the switch: err = %v, want %v", err, crash)
	}
	if got := currentIndex(t, dir); got != before {
		t.Fatalf("CURRENT = %s after a crash, want %s", got, before)
	}
	segs, _ := filepath.Glob(filepath.Join(dir, segmentPrefix+"*"))
	if len(segs) != 2 {
		t.Fatalf("segments on disk after the crash: %v, want the old one and the orphan", segs)
	}
	old := openDir(t, dir, base)
	if r := old.IndexReport(); r.Rebuilt || r.Updated() {
		t.Errorf("reopening after the crash: report %+v, want the old index reused", r)
	}
	mustAnswer(t, old, "Thủ tướng Mishustin thăm Việt Nam khi nào?", "từ ngày 14 đến 15/1")
	old.Close()

	e.beforeSwitch = nil
	next, err := e.Update(context.Background(), append(slices.Clone(base), extraArticle(base)))
	if err != nil {
		t.Fatal(err)
	}
	defer next.Close()
	mustAnswer(t, next, "Nga cấp bao nhiêu suất học bổng cho sinh viên Việt Nam?", "1.035 suất học bổng")
	if segs, _ := filepath.Glob(filepath.Join(dir, segmentPrefix+"*")); len(segs) != 2 {
		t.Errorf("segments on disk after the next update: %v, want the old one and the new one", segs)
	}
}

// TestConcurrentAdders opens one index folder from two engines at once,
// each adding an article (as two `vnru index` runs would): they take
// turns, and the index ends up whole, holding the articles of the one
// that went last.
func TestConcurrentAdders(t *testing.T) {
	dir := t.TempDir()
	base := defaultArticles(t)
	openDir(t, dir, base).Close()
	other := extraArticle(base)
	other.ID, other.Paragraphs = "other", []string{"Hai nước ký thỏa thuận về điện hạt nhân tại Ninh Thuận năm 2026."}
	sets := [][]corpus.Article{append(slices.Clone(base), extraArticle(base)), append(slices.Clone(base), other)}
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i := range sets {
		wg.Add(1)
		go func() {
			defer wg.Done()
			e, err := Open(context.Background(), testLogger(t), sets[i], Options{Model: testModel(t), IndexDir: dir, NameVariants: testVariants(t)})
			if err == nil {
				e.Close()
			}
			errs[i] = err
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	st, err := readState(dir)
	if err != nil {
		t.Fatal(err)
	}
	var last []corpus.Article
	for _, s := range sets {
		if st.holds(keyedOf(s)) {
			last = s
		}
	}
	if last == nil {
		t.Fatalf("the index holds neither adder's articles: %d live", len(st.live))
	}
	e := openDir(t, dir, last)
	defer e.Close()
	checkLikeFresh(t, e, dir, last)
}

func keyedOf(articles []corpus.Article) articleSet {
	return articleSet{keys: keysOf(articles), hashes: hashAll(articles)}
}

// TestUpdateMergesSegments adds articles one at a time: the segments
// searched stay at most maxSegments, and the answers stay those of a
// fresh build.
func TestUpdateMergesSegments(t *testing.T) {
	dir := t.TempDir()
	all := updateCorpus(t)
	e := openDir(t, dir, all[:5])
	defer func() { e.Close() }()
	merged := 0
	for i := 6; i <= len(all); i++ {
		next, err := e.Update(context.Background(), all[:i])
		if err != nil {
			t.Fatal(err)
		}
		e.Close()
		e = next
		r := e.IndexReport()
		merged += r.Merged
		if r.Segments > maxSegments || len(e.segs) != r.Segments {
			t.Fatalf("after adding article %d: %d segments (%d open), want at most %d", i, r.Segments, len(e.segs), maxSegments)
		}
	}
	if merged == 0 {
		t.Errorf("%d single-article updates merged no segments", len(all)-5)
	}
	checkLikeFresh(t, e, dir, all)
}

func TestRebuildOption(t *testing.T) {
	dir := t.TempDir()
	base := defaultArticles(t)
	openDir(t, dir, base).Close()
	e, err := Open(context.Background(), testLogger(t), base, Options{Model: testModel(t), IndexDir: dir, Rebuild: true})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	if r := e.IndexReport(); !r.Rebuilt {
		t.Errorf("Open with Rebuild: report %+v, want a rebuild", r)
	}
}

// TestOldFormatRebuilt: an index of the format before segments (CURRENT
// naming an idx- folder) is rebuilt, and its folder removed.
func TestOldFormatRebuilt(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "idx-0123456789abcdef"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, currentFile), []byte("idx-0123456789abcdef\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	e := openDir(t, dir, defaultArticles(t))
	defer e.Close()
	if r := e.IndexReport(); !r.Rebuilt {
		t.Errorf("opening an old-format index: report %+v, want a rebuild", r)
	}
	if exists(filepath.Join(dir, "idx-0123456789abcdef")) {
		t.Errorf("the old-format index folder was not removed")
	}
	mustAnswer(t, e, "Đại sứ Nga tại Việt Nam là ai?", "Gennady Bezdetko")
}

// TestDamagedSegmentSaysRebuild: a segment whose bleve files are gone
// fails the open with an error that says how to recover, and
// Options.Rebuild does recover.
func TestDamagedSegmentSaysRebuild(t *testing.T) {
	dir := t.TempDir()
	base := defaultArticles(t)
	openDir(t, dir, base).Close()
	segs, _ := filepath.Glob(filepath.Join(dir, segmentPrefix+"*", segmentIndex))
	if len(segs) != 1 {
		t.Fatalf("segments: %v", segs)
	}
	if err := os.RemoveAll(segs[0]); err != nil {
		t.Fatal(err)
	}
	_, err := Open(context.Background(), testLogger(t), base, Options{Model: testModel(t), IndexDir: dir})
	if err == nil || !strings.Contains(err.Error(), "vnru index --rebuild") {
		t.Fatalf("Open on a damaged segment: err = %v, want one saying to rebuild", err)
	}
	e, err := Open(context.Background(), testLogger(t), base, Options{Model: testModel(t), IndexDir: dir, Rebuild: true, NameVariants: testVariants(t)})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	mustAnswer(t, e, "Đại sứ Nga tại Việt Nam là ai?", "Gennady Bezdetko")
}

// TestOpenRacesAnotherUpdate: between reading the manifest and opening
// its segments, another process's update removes one of them (it no
// longer names it). The open reads the folder again instead of failing.
func TestOpenRacesAnotherUpdate(t *testing.T) {
	dir := t.TempDir()
	base := defaultArticles(t)
	e := openDir(t, dir, base)
	defer e.Close()
	other := extraArticle(base)
	other.ID = "other"
	raced := 0
	e.beforeOpen = func() {
		if raced++; raced == 1 {
			openDir(t, dir, []corpus.Article{other}).Close() // every segment of the manifest just read goes
		}
	}
	next, err := e.Update(context.Background(), append(slices.Clone(base), extraArticle(base)))
	if err != nil {
		t.Fatalf("Update racing another process's update: %v", err)
	}
	defer next.Close()
	if raced != 2 {
		t.Errorf("segments opened %d times, want 2 (a second read after the race)", raced)
	}
	mustAnswer(t, next, "Thủ tướng Mishustin thăm Việt Nam khi nào?", "từ ngày 14 đến 15/1")
	mustAnswer(t, next, "Nga cấp bao nhiêu suất học bổng cho sinh viên Việt Nam?", "1.035 suất học bổng")
}

// TestBuildInSeveralSegments: a corpus larger than a segment is written
// as several segments, buildWorkers at a time, whose statistics (counted
// by the workers) and answers are those of one segment.
func TestBuildInSeveralSegments(t *testing.T) {
	dir := t.TempDir()
	articles := updateCorpus(t)
	e := openDir(t, dir, articles)
	defer func() { e.Close() }()
	// The folder lost: the next view builds it again, in segments of
	// 20 passages.
	if err := os.RemoveAll(dir); err != nil {
		t.Fatal(err)
	}
	e.segmentSize = 20
	next, err := e.Update(context.Background(), articles)
	if err != nil {
		t.Fatal(err)
	}
	e.Close()
	e = next
	if r := e.IndexReport(); !r.Rebuilt || r.Segments < 3 || len(e.segs) != r.Segments {
		t.Fatalf("rebuild of %d passages in segments of 20: %+v (%d open), want it rebuilt in several segments", e.Passages(), r, len(e.segs))
	}
	checkLikeFresh(t, e, dir, articles)
}

// TestSegmentSizeFor: a build large enough gives every worker a
// segment; a small one stays one segment; a huge one is cut at
// segmentPassages.
func TestSegmentSizeFor(t *testing.T) {
	for _, tt := range []struct{ total, want int }{
		{1_000, segmentPassages},
		{100_000, 50_000},
		{1_000_000, segmentPassages},
	} {
		if got := segmentSizeFor(tt.total); got != tt.want {
			t.Errorf("segmentSizeFor(%d) = %d, want %d", tt.total, got, tt.want)
		}
	}
}

// keysOf and hashAll are the keys and hashes a view gives articles.
func keysOf(articles []corpus.Article) []string {
	e := &Engine{}
	e.byKey = map[string]int{}
	for i, a := range articles {
		key := e.nextKey(a.ID)
		e.keys = append(e.keys, key)
		e.byKey[key] = i
	}
	return e.keys
}

func hashAll(articles []corpus.Article) []articleHash {
	out := make([]articleHash, len(articles))
	for i := range articles {
		out[i] = hashArticle(&articles[i])
	}
	return out
}
