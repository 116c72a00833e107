package corpus

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// sameTitle returns the n-th of many articles that share a title and a
// date, so they all want the same file name.
func sameTitle(n int) Article {
	return Article{
		Title:      "Nga và Việt Nam ký hiệp định hợp tác",
		Source:     "Báo Thử",
		URL:        fmt.Sprintf("https://example.com/bai-%d.html", n),
		Published:  Date{Time: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)},
		Paragraphs: []string{fmt.Sprintf("Đây là bài số %d về hợp tác giữa hai nước.", n)},
	}
}

func newTestIngester(t *testing.T, dir string) *Ingester {
	t.Helper()
	in, err := NewIngester(dir, Fetcher{})
	if err != nil {
		t.Fatal(err)
	}
	return in
}

// articleFiles lists the article files of dir and fails on any other
// file but the lock (a leftover temporary file, say).
func articleFiles(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		switch {
		case IsArticleFile(e.Name()):
			names = append(names, e.Name())
		case e.Name() != LockFile:
			t.Errorf("corpus folder holds %s, want only article files and %s", e.Name(), LockFile)
		}
	}
	return names
}

func TestIngesterOutcomes(t *testing.T) {
	dir := t.TempDir()
	in := newTestIngester(t, dir)
	ctx := context.Background()
	a := sameTitle(1)
	steps := []struct {
		name    string
		article Article
		update  bool
		want    Outcome
		wantID  string
		wantErr string
	}{
		{"new", a, false, Added, "2025-03-01-nga-va-viet-nam-ky-hiep-dinh-hop-tac", ""},
		{"same URL", func() Article { b := sameTitle(2); b.URL = a.URL; return b }(), false, Unchanged, "", "already in the corpus as 2025-03-01-nga-va-viet-nam-ky-hiep-dinh-hop-tac.md (use --update"},
		{"same text, other URL", func() Article { b := a; b.URL = "https://example.com/khac"; return b }(), false, Unchanged, "", "same text as 2025-03-01-nga-va-viet-nam-ky-hiep-dinh-hop-tac.md"},
		{"same name, other article", sameTitle(3), false, Added, "2025-03-01-nga-va-viet-nam-ky-hiep-dinh-hop-tac-2", ""},
		{"update", func() Article { b := sameTitle(4); b.URL = a.URL; b.Title = "Tiêu đề mới"; return b }(), true, Replaced, "2025-03-01-tieu-de-moi", ""},
		{"embedded URL", Article{Title: "X", Source: "Y", Published: a.Published, URL: "https://thoidai.com.vn/thu-tuong-nga-tham-viet-nam-tu-ngay-14-den-151-209413.html", Paragraphs: []string{"Khác hẳn."}}, false, Unchanged, "", "the embedded article"},
		{"no source", Article{Title: "X", Published: a.Published, Paragraphs: []string{"Văn bản."}}, false, Failed, "", "pass --source"},
	}
	for _, s := range steps {
		res := in.Add(ctx, s.article, IngestOptions{Update: s.update})
		if res.Outcome != s.want {
			t.Fatalf("%s: outcome %v (%v), want %v", s.name, res.Outcome, res.Err, s.want)
		}
		if s.wantID != "" && res.Article.ID != s.wantID {
			t.Errorf("%s: ID %q, want %q", s.name, res.Article.ID, s.wantID)
		}
		if s.wantErr == "" && res.Err != nil || s.wantErr != "" && (res.Err == nil || !strings.Contains(res.Err.Error(), s.wantErr)) {
			t.Errorf("%s: err %v, want one containing %q", s.name, res.Err, s.wantErr)
		}
		if s.want == Unchanged && !errors.Is(res.Err, ErrDuplicate) {
			t.Errorf("%s: err %v does not wrap ErrDuplicate", s.name, res.Err)
		}
	}
	got := articleFiles(t, dir)
	want := []string{"2025-03-01-nga-va-viet-nam-ky-hiep-dinh-hop-tac-2.md", "2025-03-01-tieu-de-moi.md"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("files %q, want %q (the update removes the replaced file)", got, want)
	}
}

// TestIngestConcurrent is defect 1: two ingests into one folder at once,
// of articles with the same title and date, must keep every article.
// Before the folder lock both picked the same free name and one file
// overwrote the other.
func TestIngestConcurrent(t *testing.T) {
	dir := t.TempDir()
	const writers, each = 4, 8
	var wg sync.WaitGroup
	results := make(chan Result, writers*each)
	for w := range writers {
		in := newTestIngester(t, dir) // one Ingester per writer, as two processes would have
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				results <- in.Add(context.Background(), sameTitle(w*each+i), IngestOptions{})
			}
		}()
	}
	wg.Wait()
	close(results)
	paths := map[string]bool{}
	for res := range results {
		if res.Outcome != Added {
			t.Errorf("outcome %v (%v), want added", res.Outcome, res.Err)
		}
		if paths[res.Path] {
			t.Errorf("%s reported written twice", res.Path)
		}
		paths[res.Path] = true
	}
	if got := articleFiles(t, dir); len(got) != writers*each {
		t.Errorf("%d article files, want %d: %q", len(got), writers*each, got)
	}
	all, skipped, err := LoadAll(dir)
	if err != nil || len(skipped) > 0 || len(all) != len(embeddedIDs(t))+writers*each {
		t.Errorf("LoadAll: %d articles, skipped %v, err %v", len(all), skipped, err)
	}
}

func embeddedIDs(t *testing.T) []Article {
	t.Helper()
	a, _, err := Load(Default())
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// TestIngestTwoProcesses runs two ingesting processes (this test binary,
// see TestHelperIngestProcess) into one folder at once.
func TestIngestTwoProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("starts processes")
	}
	dir := t.TempDir()
	const each = 10
	var cmds []*exec.Cmd
	for p := range 2 {
		cmd := exec.Command(os.Args[0], "-test.run=^TestHelperIngestProcess$")
		cmd.Env = append(os.Environ(), "VNRU_TEST_INGEST_DIR="+dir, "VNRU_TEST_INGEST_FROM="+strconv.Itoa(p*each), "VNRU_TEST_INGEST_N="+strconv.Itoa(each))
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds = append(cmds, cmd)
	}
	for _, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Errorf("ingesting process: %v", err)
		}
	}
	if got := articleFiles(t, dir); len(got) != 2*each {
		t.Errorf("%d article files, want %d: %q", len(got), 2*each, got)
	}
}

// TestHelperIngestProcess is one process of TestIngestTwoProcesses.
func TestHelperIngestProcess(t *testing.T) {
	dir := os.Getenv("VNRU_TEST_INGEST_DIR")
	if dir == "" {
		t.Skip("run by TestIngestTwoProcesses")
	}
	from, _ := strconv.Atoi(os.Getenv("VNRU_TEST_INGEST_FROM"))
	n, _ := strconv.Atoi(os.Getenv("VNRU_TEST_INGEST_N"))
	in := newTestIngester(t, dir)
	for i := from; i < from+n; i++ {
		if res := in.Add(context.Background(), sameTitle(i), IngestOptions{}); res.Outcome != Added {
			t.Fatalf("article %d: %v %v", i, res.Outcome, res.Err)
		}
	}
}

// TestReadSourceCap is defect 7: a local file is held to the download
// cap instead of being read whole into memory.
func TestReadSourceCap(t *testing.T) {
	dir := t.TempDir()
	big := filepath.Join(dir, "big.txt")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(DefaultMaxPageBytes + 1); err != nil { // sparse: no disk used
		t.Fatal(err)
	}
	f.Close()
	small := filepath.Join(dir, "small.html")
	if err := os.WriteFile(small, []byte(strings.Repeat("<p>Nga và Việt Nam.</p>", 100)), 0o644); err != nil {
		t.Fatal(err)
	}
	in := newTestIngester(t, "")
	if _, err := in.ReadSource(context.Background(), big, ""); err == nil || !strings.Contains(err.Error(), "larger than 5 MiB") {
		t.Errorf("ReadSource(6 MiB file) error = %v, want one saying larger than 5 MiB", err)
	}
	capped, err := NewIngester("", Fetcher{MaxBytes: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := capped.ReadSource(context.Background(), small, ""); err == nil || !strings.Contains(err.Error(), "larger than") {
		t.Errorf("ReadSource(file over MaxBytes) error = %v, want the cap", err)
	}
}

// BenchmarkIngesterAdd adds articles to a folder of 500, the lock and
// the folder rescan included.
func BenchmarkIngesterAdd(b *testing.B) {
	dir := b.TempDir()
	in, err := NewIngester(dir, Fetcher{})
	if err != nil {
		b.Fatal(err)
	}
	for i := range 500 {
		if res := in.Add(context.Background(), sameTitle(i), IngestOptions{}); res.Outcome != Added {
			b.Fatal(res.Err)
		}
	}
	for i := 0; b.Loop(); i++ {
		if res := in.Add(context.Background(), sameTitle(500+i), IngestOptions{}); res.Outcome != Added {
			b.Fatal(res.Err)
		}
	}
}
