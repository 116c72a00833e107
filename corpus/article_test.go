package corpus

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestLoadReportsBadFilesAndKeepsGoodOnes(t *testing.T) {
	articles, skipped, err := LoadDir("testdata/bad")
	if err != nil {
		t.Fatal(err)
	}
	if len(articles) != 1 || articles[0].ID != "good" {
		t.Fatalf("LoadDir loaded %v, want only good", articles)
	}
	want := map[string]string{ // file -> field at fault
		"no-title.md":      "title",
		"bad-date.md":      "published",
		"no-fence.md":      "front matter",
		"empty-body.md":    "body",
		"bad-url.md":       "url",
		"unknown-field.md": "front matter",
	}
	got := map[string]string{}
	for _, err := range skipped {
		var fe *FieldError
		if !errors.As(err, &fe) {
			t.Fatalf("skipped error %v is not a *FieldError", err)
		}
		got[fe.Path] = fe.Field
		if !strings.Contains(err.Error(), fe.Path) {
			t.Errorf("error %q does not name the file", err)
		}
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("skipped fields = %v, want %v", got, want)
	}
}

func TestParseArticle(t *testing.T) {
	data, err := os.ReadFile("testdata/bad/good.md")
	if err != nil {
		t.Fatal(err)
	}
	a, err := ParseArticle("good", "good.md", data)
	if err != nil {
		t.Fatal(err)
	}
	wantTime := time.Date(2025, 1, 2, 8, 30, 0, 0, time.FixedZone("", 7*3600))
	if !a.Published.Time.Equal(wantTime) || !a.Published.HasTime {
		t.Errorf("Published = %v, want %v with a time", a.Published, wantTime)
	}
	wantParas := []string{"Đoạn một, nối dòng.", "Tiêu đề phụ", "Đoạn hai."}
	if !reflect.DeepEqual(a.Paragraphs, wantParas) {
		t.Errorf("Paragraphs = %q, want %q", a.Paragraphs, wantParas)
	}
	if a.Lang != "vi" || !reflect.DeepEqual(a.Tags, []string{"nga", "việt nam"}) {
		t.Errorf("Lang, Tags = %q, %q; want vi, [nga việt nam]", a.Lang, a.Tags)
	}
	// Marshal then parse gives the same article back.
	b, err := ParseArticle("good", "good.md", a.Marshal())
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a, b) {
		t.Errorf("round trip = %+v, want %+v", b, a)
	}
}

func TestParseArticleNormalizesNFD(t *testing.T) {
	nfd := "---\ntitle: Vie\u0302\u0323t Nam\nurl: \"\"\nsource: unknown\npublished: 2021-04-05\n---\n\nThu\u0309 tu\u031b\u01a1\u0301ng tha\u0306m.\u200b\n"
	a, err := ParseArticle("x", "x.md", []byte(nfd))
	if err != nil {
		t.Fatal(err)
	}
	if a.Title != "Việt Nam" || a.Paragraphs[0] != "Thủ tướng thăm." {
		t.Errorf("got title %q, body %q; want NFC text without zero-width spaces", a.Title, a.Paragraphs[0])
	}
}

func TestDefaultCorpus(t *testing.T) {
	articles, skipped, err := Load(Default())
	if err != nil || len(skipped) > 0 {
		t.Fatalf("Load(Default()) err=%v skipped=%v", err, skipped)
	}
	if len(articles) != 5 {
		t.Fatalf("got %d default articles, want 5", len(articles))
	}
	// Page boilerplate of the seed pages must not survive cleaning.
	boilerplate := []string{"Giá vàng", "Thời tiết", "Đọc nhiều", "Tin bài liên quan", "Multimedia",
		"Vatican", "Giáo hoàng", "![", "(Ảnh:", "©", "Đăng ký", "[Video]", "Theo dõi", "Trang chủ", "Có thể bạn quan tâm"}
	for _, a := range articles {
		body := a.Body()
		for _, b := range boilerplate {
			if strings.Contains(body, b) {
				t.Errorf("article %s still holds boilerplate %q", a.ID, b)
			}
		}
		if a.Source == "" || a.Published.IsZero() {
			t.Errorf("article %s lacks source or date", a.ID)
		}
	}
}

func TestIsArticleFile(t *testing.T) {
	for name, want := range map[string]bool{
		"a.md": true, ".a.md": false, ".a.md.tmp": false, "a.md~": false, "a.txt": false, "_draft.md": false,
	} {
		if got := IsArticleFile(filepath.Join("dir", name)); got != want {
			t.Errorf("IsArticleFile(%q) = %v, want %v", name, got, want)
		}
	}
}

func FuzzParseArticle(f *testing.F) {
	for _, name := range []string{"good.md", "bad-date.md", "no-fence.md", "unknown-field.md"} {
		data, err := os.ReadFile(filepath.Join("testdata/bad", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := ParseArticle("x", "x.md", data)
		if err != nil {
			return
		}
		// A valid article survives a write and a read unchanged.
		b, err := ParseArticle("x", "x.md", a.Marshal())
		if err != nil {
			t.Fatalf("re-reading a marshalled article: %v\n%s", err, a.Marshal())
		}
		if !bytes.Equal(a.Marshal(), b.Marshal()) || !a.Published.Time.Equal(b.Published.Time) || !reflect.DeepEqual(a.Paragraphs, b.Paragraphs) {
			t.Fatalf("round trip changed the article:\n%+v\n%+v", a, b)
		}
	})
}
