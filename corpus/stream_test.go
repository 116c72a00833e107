package corpus

import (
	"bytes"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// writeFolder writes article files named by their ID.
func writeFolder(t *testing.T, arts ...Article) string {
	t.Helper()
	dir := t.TempDir()
	for _, a := range arts {
		if err := os.WriteFile(filepath.Join(dir, a.ID+Ext), a.Marshal(), 0o666); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func testArticle(id, url string) Article {
	d, err := ParseDate("2025-01-15")
	if err != nil {
		panic(err)
	}
	return Article{ID: id, Title: "Tin " + id, URL: url, Source: "Báo Thử", Lang: "vi", Published: d,
		Paragraphs: []string{"Hai nước ký thỏa thuận hợp tác " + id + "."}}
}

// TestStreamSkipsAsLoadAllDid: the stream yields the embedded articles,
// then the folder's in name order, and skips, with the same errors and
// in the order LoadAll always gave them, the files that do not parse,
// a URL repeated in the folder, and folder articles repeating an
// embedded ID or URL.
func TestStreamSkipsAsLoadAllDid(t *testing.T) {
	embedded, _, err := Load(Default())
	if err != nil {
		t.Fatal(err)
	}
	var withURL Article
	for _, a := range embedded {
		if a.URL != "" {
			withURL = a
			break
		}
	}
	dir := writeFolder(t,
		testArticle("a-good", "https://example.com/a"),
		testArticle("b-same-url", "https://example.com/a"),
		testArticle(embedded[0].ID, "https://example.com/c"),
		testArticle("d-embedded-url", withURL.URL),
		testArticle("e-good", ""),
	)
	if err := os.WriteFile(filepath.Join(dir, "c-broken.md"), []byte("no front matter"), 0o666); err != nil {
		t.Fatal(err)
	}
	s := NewStream(dir)
	var ids []string
	for a, err := range s.All() {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, a.ID)
	}
	var want []string
	for _, a := range embedded {
		want = append(want, a.ID)
	}
	want = append(want, "a-good", "e-good")
	if !slices.Equal(ids, want) {
		t.Errorf("stream yielded %v, want %v", ids, want)
	}
	var skipped []string
	for _, err := range s.Skipped() {
		skipped = append(skipped, err.Error())
	}
	wantSkipped := []string{
		"b-same-url.md: field url: same URL as a-good.md",
		"c-broken.md: field front matter: ",
		embedded[0].ID + ".md: field id: an article named " + embedded[0].ID + " is already loaded",
		"d-embedded-url.md: field url: " + withURL.URL + " is already loaded",
	}
	if len(skipped) != len(wantSkipped) {
		t.Fatalf("skipped %q, want %q", skipped, wantSkipped)
	}
	for i := range skipped {
		if !strings.HasPrefix(skipped[i], wantSkipped[i]) {
			t.Errorf("skipped[%d] = %q, want it to start with %q", i, skipped[i], wantSkipped[i])
		}
	}
	all, allSkipped, err := LoadAll(dir)
	if err != nil || len(all) != len(want) || fmt.Sprint(allSkipped) != fmt.Sprint(s.Skipped()) {
		t.Errorf("LoadAll: %d articles, skipped %v, %v; want the stream's", len(all), allSkipped, err)
	}
}

// TestStreamStopsAndReadsAgain: a consumer that stops early leaves no
// reader behind, and the next read yields everything again.
func TestStreamStopsAndReadsAgain(t *testing.T) {
	var arts []Article
	for i := range 100 {
		arts = append(arts, testArticle(fmt.Sprintf("a-%03d", i), ""))
	}
	s := NewStream(writeFolder(t, arts...))
	for range 3 {
		n := 0
		for _, err := range s.All() {
			if err != nil {
				t.Fatal(err)
			}
			if n++; n == 7 {
				break
			}
		}
	}
	n := 0
	for _, err := range s.All() {
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	if embedded, _, _ := Load(Default()); n != len(embedded)+len(arts) {
		t.Errorf("read again: %d articles, want %d", n, len(embedded)+len(arts))
	}
}

// TestStreamMissingFolder: a folder that is not there ends the read with
// the error LoadAll gives.
func TestStreamMissingFolder(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "nope")
	var got error
	for _, err := range NewStream(missing).All() {
		if err != nil {
			got = err
		}
	}
	_, _, want := LoadAll(missing)
	if !errors.Is(got, os.ErrNotExist) || got.Error() != want.Error() || !strings.HasPrefix(got.Error(), "corpus folder: ") {
		t.Errorf("stream of a missing folder: %v, want %v", got, want)
	}
}

// TestStreamRecall: a file the recall knows at its stamp is not read (its
// entry holds what the recall returned); a new file, or one rewritten,
// even in place, to the same size and modification time, is read; the
// embedded articles are always read, with no stamp.
func TestStreamRecall(t *testing.T) {
	dir := writeFolder(t, testArticle("a", "https://example.com/a"), testArticle("b", "https://example.com/b"))
	if err := os.WriteFile(filepath.Join(dir, "c-broken.md"), []byte("no front matter"), 0o666); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "d-folder.md"), 0o777); err != nil { // never an article, never an error
		t.Fatal(err)
	}
	s := NewStream(dir)
	stamps := map[string]Stamp{}
	for e, err := range s.Entries(func(string, Stamp) (Article, bool) { return Article{}, false }) {
		if err != nil {
			t.Fatal(err)
		}
		if e.Recalled || (e.Stamp == Stamp{}) != !strings.HasPrefix(e.URL, "https://example.com/") {
			t.Fatalf("first read of %s: recalled %v, stamp %+v; want read, stamped when from the folder", e.ID, e.Recalled, e.Stamp)
		}
		stamps[e.ID] = e.Stamp
	}
	known := func(id string, st Stamp) (Article, bool) {
		if want, ok := stamps[id]; ok && want == st {
			return Article{ID: id, URL: "https://example.com/" + id, Title: "recalled"}, true
		}
		return Article{}, false
	}
	recalled := func() map[string]bool {
		got := map[string]bool{}
		for e, err := range s.Entries(known) {
			if err != nil {
				t.Fatal(err)
			}
			if e.Recalled != (e.Title == "recalled") {
				t.Fatalf("%s: recalled %v with title %q", e.ID, e.Recalled, e.Title)
			}
			if strings.HasPrefix(e.URL, "https://example.com/") {
				got[e.ID] = e.Recalled
			}
		}
		return got
	}
	if got, want := recalled(), map[string]bool{"a": true, "b": true}; !maps.Equal(got, want) {
		t.Fatalf("read with a recall of every file: recalled %v, want %v", got, want)
	}
	if got := len(s.Skipped()); got != 1 {
		t.Errorf("skipped %d files, want the broken one", got)
	}

	// b rewritten in place, same length, its modification time put back.
	path := filepath.Join(dir, "b.md")
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(data, []byte("ký")) {
		t.Fatal("the test article lost the word the test edits")
	}
	data = bytes.Replace(data, []byte("ký"), []byte("kí"), 1) // as many bytes
	if err := os.WriteFile(path, data, 0o666); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(path, info.ModTime(), info.ModTime()); err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{"a": true, "b": false}
	if runtime.GOOS != "linux" { // only Linux gives the change time
		want["b"] = true
	}
	if got := recalled(); !maps.Equal(got, want) {
		t.Errorf("after b was rewritten in place: recalled %v, want %v", got, want)
	}
}
