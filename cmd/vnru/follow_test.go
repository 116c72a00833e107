package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/vnru/vnru/configs"
	"github.com/vnru/vnru/corpus"
	"github.com/vnru/vnru/corpus/follow"
)

// newsSite serves an RSS feed of three entries: an article about Russian
// scholarships for Vietnamese students, an off-topic one, and one that
// is gone (404). It records the paths asked.
func newsSite(t *testing.T) (srv *httptest.Server, asked func() []string) {
	t.Helper()
	page, err := os.ReadFile("../../corpus/testdata/pages/vnexpress-like.html")
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var paths []string
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		paths = append(paths, r.URL.Path)
		mu.Unlock()
		switch r.URL.Path {
		case "/rss":
			w.Header().Set("Content-Type", "application/rss+xml")
			w.Write([]byte(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Giáo dục</title>
<item><title>Nga cấp 1.035 suất học bổng cho sinh viên Việt Nam</title><link>` + srvURL(r) + `/hoc-bong</link><pubDate>Fri, 09 May 2025 08:30:00 +0700</pubDate></item>
<item><title>Điểm chuẩn đại học năm 2025</title><link>` + srvURL(r) + `/diem-chuan</link></item>
<item><title>Học bổng Nga cho lưu học sinh Việt Nam</title><link>` + srvURL(r) + `/missing</link></item>
</channel></rss>`))
		case "/hoc-bong":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Write(page)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv, func() []string {
		mu.Lock()
		defer mu.Unlock()
		p := paths
		paths = nil
		return p
	}
}

func srvURL(r *http.Request) string { return "http://" + r.Host }

func TestFollowCommand(t *testing.T) {
	srv, asked := newsSite(t)
	dir := filepath.Join(t.TempDir(), "articles")
	env := map[string]string{"VNRU_CORPUS_DIR": dir}

	out, errOut, code := runVnru(t, env, "follow", "--delay", "1ms", srv.URL+"/rss")
	if code != 0 {
		t.Fatalf("exit %d: %s %s", code, out, errOut)
	}
	if strings.Contains(errOut, "follow: 1/2") {
		t.Errorf("progress shown for two pages, a handful:\n%s", errOut)
	}
	for _, want := range []string{
		"added 2025-05-09-nga-cap-1-035-suat-hoc-bong-cho-sinh-vien-viet-nam.md (Nga cấp 1.035 suất học bổng cho sinh viên Việt Nam) from " + srv.URL + "/hoc-bong",
		"failed " + srv.URL + "/missing: HTTP 404 Not Found",
		"1 added, 1 skipped (1 off-topic), 1 failed; 1 sources (0 failed), 4 requests in ",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if got := asked(); strings.Join(got, " ") != "/robots.txt /rss /hoc-bong /missing" {
		t.Errorf("asked %v, want robots.txt, the feed, the article and the missing page (not the off-topic one)", got)
	}
	articles, bad, err := corpus.LoadDir(dir)
	if err != nil || len(bad) != 0 || len(articles) != 1 {
		t.Fatalf("corpus folder: %d articles, %v, %v; want the one added", len(articles), bad, err)
	}
	if a := articles[0]; a.Source != "Báo Mẫu" || a.URL != "https://baomau.vn/giao-duc/nga-cap-hoc-bong-123.html" || a.Published.String() != "2025-05-09T08:30:00+07:00" {
		t.Errorf("article = %s, %s, %s", a.Source, a.URL, a.Published)
	}

	// Again: the feed is read, nothing else (robots.txt is cached, the
	// article known, the missing page backing off).
	out, _, code = runVnru(t, env, "follow", "--delay", "1ms", "-v", srv.URL+"/rss")
	if code != 0 || !strings.Contains(out, "0 added, 3 skipped (1 already known, 1 backing off after failures, 1 off-topic), 0 failed") {
		t.Errorf("second run: exit %d:\n%s", code, out)
	}
	if got := asked(); strings.Join(got, " ") != "/rss" {
		t.Errorf("second run asked %v, want only the feed", got)
	}
}

func TestFollowDryRun(t *testing.T) {
	srv, _ := newsSite(t)
	dir := filepath.Join(t.TempDir(), "articles")
	out, errOut, code := runVnru(t, nil, "follow", "--dry-run", "--corpus", dir, "--delay", "1ms", srv.URL+"/rss")
	if code != 0 || !strings.Contains(out, "would add 2025-05-09-nga-cap-1-035") {
		t.Errorf("exit %d:\n%s%s", code, out, errOut)
	}
	if _, err := os.Stat(dir); !os.IsNotExist(err) {
		t.Errorf("dry run created the corpus folder (err %v)", err)
	}
}

func TestFollowBadInput(t *testing.T) {
	tmp := t.TempDir()
	dir := filepath.Join(tmp, "articles")
	list := filepath.Join(tmp, "feeds.txt")
	if err := os.WriteFile(list, []byte("# feeds\nhttps://vnexpress.net/rss/the-gioi.rss\nvnexpress.net/rss\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no source", []string{"follow"}, "give at least one feed"},
		{"unknown source kind", []string{"follow", "ftp://example.com/feed"}, `unknown kind of source "ftp://example.com/feed"`},
		{"unreadable list", []string{"follow", filepath.Join(tmp, "nope.txt")}, "neither an http(s) URL nor a readable list"},
		{"bad line in list", []string{"follow", list}, "feeds.txt:3: unknown kind of source \"vnexpress.net/rss\""},
		{"bad since", []string{"follow", "--since", "last week", "https://example.com/rss"}, "--since: want YYYY-MM-DD"},
		{"bad match", []string{"follow", "--match", "Nga + ", "https://example.com/rss"}, "--match: pattern"},
		{"bad delay", []string{"follow", "--delay", "0s", "https://example.com/rss"}, "--delay"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errOut, code := runVnru(t, map[string]string{"VNRU_CORPUS_DIR": dir}, tt.args...)
			if code != exitUsage || !strings.Contains(errOut, tt.want) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, errOut, exitUsage, tt.want)
			}
			if _, err := os.Stat(dir); !os.IsNotExist(err) {
				t.Errorf("the corpus folder was created (err %v)", err)
			}
		})
	}
	_, errOut, code := runVnru(t, nil, "follow", "https://example.com/rss")
	if code != exitUsage || !strings.Contains(errOut, "no corpus folder") {
		t.Errorf("without a corpus folder: exit %d, %q", code, errOut)
	}
}

// TestDefaultTopic checks configs/topic.txt on headlines and sentences
// of the kind Vietnamese outlets publish.
func TestDefaultTopic(t *testing.T) {
	tt := configs.FollowTopic()
	topic, err := follow.NewTopic(tt.Groups, tt.Except)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		text string
		want bool
	}{
		{"Tổng Bí thư Tô Lâm hội đàm với Tổng thống Putin", true},
		{"Thủ tướng Nga Mishustin thăm chính thức Việt Nam", true},
		{"Quan hệ Việt - Nga bước sang giai đoạn mới", true},
		{"Quan he Viet Nam - Lien bang Nga", true},
		{"Sinh viên Việt Nam tại Mát-xcơ-va đón Tết", true},
		{"Vietnam and Russia sign nuclear deal", true},
		{"Путин прибыл в Ханой с государственным визитом", true},
		{"Россия и Вьетнам подписали соглашение", true},
		{"Lãnh đạo Liên Xô thăm Hà Nội năm 1955", true},
		{"Nga và Ukraine đàm phán ở Istanbul", false},
		{"Ngày hội việc làm tại Hà Nội", false},
		{"Buôn lậu ngà voi qua sân bay Nội Bài, Hà Nội", false},
		{"Vở ballet Hồ thiên nga ở Nhà hát Lớn Hà Nội", false},
		{"Chị Nga bán xôi ở phố cổ Hà Nội", false},
		{"Bà Nguyễn Thị Nga, Phó Chủ tịch UBND TP Hà Nội", false},
		{"Ngã tư Sở, Hà Nội ùn tắc", false},
		{"Ca sĩ Hằng Nga biểu diễn tại TP.HCM", false},
	}
	for _, tc := range tests {
		if got, missing := topic.Match(tc.text); got != tc.want {
			t.Errorf("Match(%q) = %v (%s), want %v", tc.text, got, missing, tc.want)
		}
	}
}
