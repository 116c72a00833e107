package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/vnru/vnru/corpus"
)

// TestIngestReproducesSeeds ingests the raw seed pages with their known
// metadata and checks the article files are the shipped ones.
func TestIngestReproducesSeeds(t *testing.T) {
	seeds := []struct{ raw, shipped, title, source, published, url string }{
		{"000_4f070ed8c8a9eb3b.txt", "2025-01-14-viet-nam-luon-coi-nga-la-doi-tac-quan-trong-hang-dau", "Việt Nam luôn coi Nga là đối tác quan trọng hàng đầu trong chính sách đối ngoại", "VietnamPlus (Thời Đại đăng lại)", "2025-01-14", "https://www.vietnamplus.vn/viet-nam-luon-coi-nga-la-doi-tac-quan-trong-hang-dau-trong-chinh-sach-doi-ngoai-post1007519.vnp"},
		{"001_dc16f5a4a381ed18.txt", "2025-01-12-thu-tuong-nga-tham-viet-nam-tu-ngay-14-den-15-1", "Thủ tướng Nga thăm Việt Nam từ ngày 14 đến 15/1", "Thời Đại", "", "https://thoidai.com.vn/thu-tuong-nga-tham-viet-nam-tu-ngay-14-den-151-209413.html"},
		{"002_5e7c4ffd9b2eb477.txt", "2025-04-02-truoc-them-tong-bi-thu-to-lam-tham-nga", "Trước thềm Tổng Bí thư Tô Lâm thăm Nga: Việt Nam và Nga đã vượt qua nhiều thử thách", "Sputnik Việt Nam", "", "https://kevesko.vn/20250402/truoc-them-tong-bi-thu-to-lam-tham-nga-viet-nam-va-nga-da-vuot-qua-nhieu-thu-thach-35363525.html"},
		{"003_878f7d2422501cef.txt", "2021-04-05-quan-he-viet-nam-lien-bang-nga-phat-trien-tot-dep", "Quan hệ Việt Nam – Liên bang Nga có những bước phát triển rất tốt đẹp", "unknown", "2021-04-05", ""},
		{"004_0bbbe4c8297b86fb.txt", "2024-06-20-tong-bi-thu-nguyen-phu-trong-hoi-dam-voi-tong-thong-putin", "Tổng Bí thư Nguyễn Phú Trọng hội đàm với Tổng thống Liên bang Nga Vladimir Putin", "Nhân Dân", "2024-06-20", "https://nhandan.vn/ocop/tong-bi-thu-nguyen-phu-trong-hoi-dam-voi-tong-thong-lien-bang-nga-vladimir-putin-post815372.html"},
	}
	for _, s := range seeds {
		t.Run(s.raw, func(t *testing.T) {
			args := []string{"ingest", "--dry-run", "--title", s.title, "--source", s.source}
			if s.published != "" { // the others read the date from the page
				args = append(args, "--published", s.published)
			}
			if s.url != "" {
				args = append(args, "--url", s.url)
			}
			out, errOut, code := runVnru(t, nil, append(args, "../../corpus/testdata/raw/"+s.raw)...)
			if code != 0 {
				t.Fatalf("exit %d: %s %s", code, out, errOut)
			}
			want, err := os.ReadFile("../../corpus/articles/" + s.shipped + ".md")
			if err != nil {
				t.Fatal(err)
			}
			_, got, _ := strings.Cut(out, "\n") // after the "# name.md" line
			if got != string(want) {
				t.Errorf("ingest --dry-run gave\n%s\nwant the shipped file\n%s", got, want)
			}
		})
	}
}

func TestIngest(t *testing.T) {
	page, err := os.ReadFile("../../corpus/testdata/pages/vnexpress-like.html")
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/missing" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(page)
	}))
	defer srv.Close()
	dir := t.TempDir()
	env := map[string]string{"VNRU_CORPUS_DIR": dir}

	out, errOut, code := runVnru(t, env, "ingest", srv.URL+"/a", srv.URL+"/missing", "../../corpus/testdata/pages/windows-1258.html", "notes.doc")
	if code != 1 {
		t.Errorf("exit %d, want 1 when some sources fail", code)
	}
	if want := "wrote " + filepath.Join(dir, "2025-05-09-nga-cap-1-035-suat-hoc-bong-cho-sinh-vien-viet-nam.md"); !strings.Contains(out, want) {
		t.Errorf("stdout lacks %q:\n%s", want, out)
	}
	// Failures are errors: on stderr, not mixed into what was written.
	for _, want := range []string{
		"failed " + srv.URL + "/missing: HTTP 404 Not Found",
		"windows-1258.html: no source name found: pass --source",
		"failed notes.doc: unsupported source",
		"[2/4] " + srv.URL + "/missing",
	} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
		if strings.Contains(out, want) {
			t.Errorf("stdout holds the error line %q:\n%s", want, out)
		}
	}

	// Again: a no-op that says so.
	out, _, code = runVnru(t, env, "ingest", srv.URL+"/a")
	if code != 0 || !strings.Contains(out, "unchanged") || !strings.Contains(out, "already in the corpus") && !strings.Contains(out, "same text") {
		t.Errorf("second ingest: exit %d, %q", code, out)
	}
	// Flags fill what the page lacks.
	out, _, code = runVnru(t, env, "ingest", "--source", "Báo Quốc hội", "../../corpus/testdata/pages/windows-1258.html")
	if code != 0 || !strings.Contains(out, "wrote") {
		t.Errorf("ingest with --source: exit %d, %q", code, out)
	}
	// --update replaces the article under the same URL.
	out, _, code = runVnru(t, env, "ingest", "--update", "--url", "https://baomau.vn/giao-duc/nga-cap-hoc-bong-123.html", "--title", "Nga cấp 1.035 suất học bổng cho sinh viên Việt Nam", "--source", "Báo Mẫu", "--published", "2025-05-09", "../../corpus/testdata/pages/visible-date-only.html")
	if code != 0 || !strings.Contains(out, "updated") {
		t.Errorf("ingest --update: exit %d, %q", code, out)
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		if e.Name() != corpus.LockFile { // the writers' lock stays, empty
			names = append(names, e.Name())
		}
	}
	if len(names) != 2 {
		t.Errorf("corpus folder holds %q, want two article files and no temporary files", names)
	}
	out, _, code = runVnru(t, env, "ask", "Hai bên thành lập nhóm công tác chung về gì?")
	if code != 0 || !strings.Contains(out, "điện hạt nhân") || !strings.Contains(out, "https://baomau.vn/giao-duc/nga-cap-hoc-bong-123.html") {
		t.Errorf("the updated article is not answered from: %d %s", code, out)
	}
}
