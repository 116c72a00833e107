package retrieval

import (
	"context"
	"encoding/binary"
	"iter"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/zeebo/xxh3"

	"github.com/vnru/vnru/corpus"
)

// fileCounter counts the article files a source read, not recalled.
type fileCounter struct {
	src  ArticleSource
	read int
}

func (c *fileCounter) Entries(recall corpus.Recall) iter.Seq2[corpus.Entry, error] {
	return func(yield func(corpus.Entry, error) bool) {
		for e, err := range c.src.Entries(recall) {
			if err == nil && !e.Recalled && !e.Stamp.IsZero() {
				c.read++
			}
			if !yield(e, err) {
				return
			}
		}
	}
}

// catalogFolder writes updateCorpus's articles that are not embedded
// into a corpus folder, one with a time of day and tags.
func catalogFolder(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	embedded := map[string]bool{}
	for _, a := range defaultArticles(t) {
		embedded[a.ID] = true
	}
	for _, a := range updateCorpus(t) {
		if embedded[a.ID] {
			continue
		}
		a.URL = "https://example.com/folder/" + a.ID // not an embedded article's
		if a.ID == "extra" {
			a.Published = corpus.Date{Time: time.Date(2025, 3, 4, 10, 30, 0, 0, time.FixedZone("", 7*3600)), HasTime: true}
			a.Tags = []string{"giáo dục", "học bổng"}
		}
		if _, err := corpus.WriteArticle(dir, a); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestCatalogSkipsUnchangedFiles: once an index is built, an open reads
// no article file that did not change, and answers as the open that
// read them all; a file touched, edited or added is read (and only it),
// and a missing, damaged or stale catalog costs a read of every file,
// never a wrong article.
func TestCatalogSkipsUnchangedFiles(t *testing.T) {
	corpusDir, indexDir := catalogFolder(t), t.TempDir()
	files, err := filepath.Glob(filepath.Join(corpusDir, "*.md"))
	if err != nil || len(files) < 3 {
		t.Fatalf("corpus folder: %v, %v", files, err)
	}
	opt := Options{Model: testModel(t), IndexDir: indexDir, NameVariants: testVariants(t)}
	open := func(t *testing.T, opt Options) (*Engine, int) {
		t.Helper()
		src := &fileCounter{src: corpus.NewStream(corpusDir)}
		e, err := OpenFrom(context.Background(), testLogger(t), src, opt)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { e.Close() })
		return e, src.read
	}
	first, read := open(t, opt)
	if read != len(files) {
		t.Fatalf("building the index read %d files, want %d", read, len(files))
	}
	same := func(t *testing.T, e *Engine, what string) {
		t.Helper()
		fresh, _ := open(t, Options{Model: opt.Model, NameVariants: opt.NameVariants})
		if got, want := detailStrings(e.Articles()), detailStrings(fresh.Articles()); !slices.Equal(got, want) {
			t.Errorf("%s: articles\n%s\nwant (read from the files)\n%s", what, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		if got, want := answers(t, e), answers(t, fresh); !slices.Equal(got, want) {
			t.Errorf("%s: answers\n%s\nwant (read from the files)\n%s", what, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
	reopen := func(t *testing.T, wantRead int, what string) *Engine {
		t.Helper()
		e, read := open(t, opt)
		if read != wantRead {
			t.Errorf("%s: the open read %d article files, want %d", what, read, wantRead)
		}
		same(t, e, what)
		return e
	}
	same(t, first, "the build")
	reopen(t, 0, "unchanged files")

	later := time.Now().Add(time.Hour)
	if err := os.Chtimes(files[0], later, later); err != nil {
		t.Fatal(err)
	}
	if r := reopen(t, 1, "one file touched").IndexReport(); r.Updated() || r.Rebuilt {
		t.Errorf("one file touched: report %+v, want the index reused", r)
	}
	reopen(t, 0, "the touched file's new stamp kept")

	edit := func(path, para string) {
		t.Helper()
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, append(b, "\n\n"+para+"\n"...), 0o666); err != nil {
			t.Fatal(err)
		}
	}
	edit(files[1], "Đoạn mới: hai nước ký thêm một thỏa thuận về du lịch.")
	if r := reopen(t, 1, "one file edited").IndexReport(); r.Changed != 1 {
		t.Errorf("one file edited: report %+v, want one article changed", r)
	}

	// A catalog written before the index last changed (a crash between
	// an update and the catalog's write) is checked against the index.
	path := filepath.Join(indexDir, catalogFile)
	stale, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	edit(files[2], "Đoạn mới: hai nước bàn về hợp tác nghề cá.")
	if r := reopen(t, 1, "another file edited").IndexReport(); r.Changed != 1 {
		t.Errorf("another file edited: report %+v, want one article changed", r)
	}
	if err := os.WriteFile(path, stale, 0o666); err != nil {
		t.Fatal(err)
	}
	reopen(t, 1, "a catalog older than the index")
	reopen(t, 0, "the catalog written again")

	// A reload reads only the new file, with the view before as catalog.
	added := extraArticle(defaultArticles(t))
	added.ID, added.URL = "added", "https://example.com/added"
	added.Paragraphs = []string{"Năm 2026, hai nước mở thêm đường bay thẳng từ Hà Nội đến Kazan."}
	if _, err := corpus.WriteArticle(corpusDir, added); err != nil {
		t.Fatal(err)
	}
	e := reopen(t, 1, "one file added")
	live := NewLive(e)
	src := &fileCounter{src: corpus.NewStream(corpusDir)}
	if _, err := live.UpdateFrom(context.Background(), src); err != nil || src.read != 0 {
		t.Errorf("a reload with nothing changed: read %d files, err %v; want none read", src.read, err)
	}

	damaged := map[string]func([]byte) []byte{
		"missing":      nil,
		"truncated":    func(b []byte) []byte { return b[:len(b)/2] },
		"a byte wrong": func(b []byte) []byte { b[len(b)/3] ^= 1; return b },
		"another version": func(b []byte) []byte {
			return []byte(strings.Replace(string(b), analysisVersion, analysisVersion+"-old", 1))
		},
	}
	for name, damage := range damaged {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(indexDir, catalogFile)
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if damage == nil {
				err = os.Remove(path)
			} else {
				err = os.WriteFile(path, damage(b), 0o666)
			}
			if err != nil {
				t.Fatal(err)
			}
			reopen(t, len(files)+1, "catalog "+name)
			reopen(t, 0, "catalog written again")
		})
	}
	t.Run("rebuild", func(t *testing.T) {
		o := opt
		o.Rebuild = true
		if _, read := open(t, o); read < len(files)+1 {
			t.Errorf("a rebuild read %d files, want all %d", read, len(files)+1)
		}
	})
}

// detailStrings are the articles' details as text, dates as written.
func detailStrings(arts []corpus.Article) []string {
	var out []string
	for _, a := range arts {
		out = append(out, strings.Join(append([]string{a.ID, a.Title, a.Source, a.URL, a.Lang, a.Published.String()}, a.Tags...), " | "))
	}
	return out
}

// FuzzParseCatalog: whatever a catalog file holds, reading it never
// panics, and every entry it accepts can be recalled whole. The input is
// checksummed here, so the fuzzer gets past the checksum.
func FuzzParseCatalog(f *testing.F) {
	e := &Engine{}
	e.keys = []string{"a", "b"}
	e.hashes = []articleHash{{1}, {2}}
	e.stamps = []corpus.Stamp{{Size: 10, ModTime: 5}, {Size: 20, ModTime: 6, Inode: 7, Change: 8}}
	e.articles = []corpus.Article{{ID: "a", Title: "Tin", URL: "u", Source: "s", Lang: "vi", Tags: []string{"t"}},
		{ID: "b", Published: corpus.Date{Time: time.Date(2025, 1, 2, 0, 0, 0, 0, time.UTC)}}}
	e.first = []int{0, 2, 3}
	e.passages = []passage{{para: 0, end: 5}, {para: 1, end: 3}, {para: 0, win: 0, start: 2, end: 9}}
	e.segOf = []int{0, 1}
	e.spans = []textSpan{{0, 10}, {3, 4}}
	dir := f.TempDir()
	if err := e.writeCatalog(dir, manifestID{3, 4}); err != nil {
		f.Fatal(err)
	}
	valid, err := os.ReadFile(filepath.Join(dir, catalogFile))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(valid[len(catalogMagic) : len(valid)-8])
	f.Fuzz(func(t *testing.T, body []byte) {
		data := append([]byte(catalogMagic), body...)
		data = binary.LittleEndian.AppendUint64(data, xxh3.Hash(data))
		c, err := parseCatalog(string(data))
		if err != nil {
			return
		}
		for key, i := range c.at {
			c.entry(key, i)
			c.appendPassages(nil, i, c.fixed(i).passages, 0, new(slotSlab))
		}
	})
}
