package corpus

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"
)

func TestFromHTML(t *testing.T) {
	tests := []struct {
		file, contentType             string
		title, url, source, published string
		firstPara, lastPara           string
		absent                        []string
	}{
		{
			file: "vnexpress-like.html", title: "Nga cấp 1.035 suất học bổng cho sinh viên Việt Nam",
			url: "https://baomau.vn/giao-duc/nga-cap-hoc-bong-123.html", source: "Báo Mẫu", published: "2025-05-09T08:30:00+07:00",
			firstPara: "Chính phủ Nga cấp 1.035 suất học bổng cho sinh viên Việt Nam trong năm học 2025-2026, theo Bộ Giáo dục và Đào tạo.",
			lastPara:  "Năm học trước, Nga cấp 1.000 suất học bổng cho sinh viên Việt Nam, theo Đại sứ quán Nga tại Hà Nội.",
			absent:    []string{"Trang chủ", "Ảnh: TTXVN", "Học bổng Nhật Bản", "Ý kiến", "Minh Anh", "Giấy phép"},
		},
		{
			file: "visible-date-only.html", title: "Hai nước thúc đẩy hợp tác năng lượng",
			url: "", source: "", published: "2025-01-12T14:15:00+07:00",
			firstPara: "Ngày 12/1, đại diện Việt Nam và Liên bang Nga đã thảo luận về các dự án dầu khí chung tại thềm lục địa Việt Nam, trong đó có việc gia hạn hợp đồng thăm dò.",
			lastPara:  "Hai bên nhất trí thành lập nhóm công tác chung về điện hạt nhân và năng lượng tái tạo, họp lần đầu vào quý II năm 2025.",
			absent:    []string{"Giá vàng", "Thời tiết", "Kinh tế |"},
		},
		{
			file: "windows-1258.html", title: "Đoàn đại biểu Quốc hội Việt Nam thăm Liên bang Nga", published: "2024-09-10T09:00:00+07:00",
			firstPara: "Chủ tịch Quốc hội Trần Thanh Mẫn dẫn đầu đoàn đại biểu Quốc hội Việt Nam thăm chính thức Liên bang Nga từ ngày 8 đến 11/9/2024.",
			lastPara:  "Trong chuyến thăm, hai bên ký thỏa thuận hợp tác giữa Quốc hội Việt Nam và Đuma Quốc gia Nga về trao đổi kinh nghiệm lập pháp.",
		},
		{
			// The same page without its <meta charset>: charset sniffing
			// alone would read it as windows-1252 mojibake.
			file: "windows-1258-undeclared.html", title: "Đoàn đại biểu Quốc hội Việt Nam thăm Liên bang Nga", published: "2024-09-10T09:00:00+07:00",
			firstPara: "Chủ tịch Quốc hội Trần Thanh Mẫn dẫn đầu đoàn đại biểu Quốc hội Việt Nam thăm chính thức Liên bang Nga từ ngày 8 đến 11/9/2024.",
			lastPara:  "Trong chuyến thăm, hai bên ký thỏa thuận hợp tác giữa Quốc hội Việt Nam và Đuma Quốc gia Nga về trao đổi kinh nghiệm lập pháp.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			f, err := os.Open("testdata/pages/" + tt.file)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			p, err := FromHTML(f, tt.contentType, nil)
			if err != nil {
				t.Fatal(err)
			}
			if p.Title != tt.title || p.URL != tt.url || p.Source != tt.source || p.Published.String() != tt.published {
				t.Errorf("metadata = %q %q %q %q, want %q %q %q %q", p.Title, p.URL, p.Source, p.Published, tt.title, tt.url, tt.source, tt.published)
			}
			if len(p.Paragraphs) == 0 || p.Paragraphs[0] != tt.firstPara || p.Paragraphs[len(p.Paragraphs)-1] != tt.lastPara {
				t.Errorf("paragraphs = %q, want first %q and last %q", p.Paragraphs, tt.firstPara, tt.lastPara)
			}
			body := strings.Join(p.Paragraphs, "\n")
			for _, a := range tt.absent {
				if strings.Contains(body, a) {
					t.Errorf("article text keeps boilerplate %q", a)
				}
			}
		})
	}
}

// TestFromHTMLUnknownEncoding: a page that is not UTF-8, names no
// charset and is not Vietnamese in windows-1258 is refused, not turned
// into mojibake.
func TestFromHTMLUnknownEncoding(t *testing.T) {
	f, err := os.Open("testdata/pages/latin1-undeclared.html")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	a, err := FromHTML(f, "", nil)
	if !errors.Is(err, ErrUnknownEncoding) {
		t.Errorf("FromHTML(latin1-undeclared.html) = %q, %v; want ErrUnknownEncoding", a.Paragraphs, err)
	}
}

func TestFetch(t *testing.T) {
	page, err := os.ReadFile("testdata/pages/vnexpress-like.html")
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/ok", func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.UserAgent(), "vnru-ingest/") {
			http.Error(w, "who are you", http.StatusForbidden)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(page)
	})
	mux.HandleFunc("/moved", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/ok", http.StatusMovedPermanently) })
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop", http.StatusFound) })
	mux.HandleFunc("/pdf", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/pdf")
		w.Write([]byte("%PDF-1.4"))
	})
	mux.HandleFunc("/huge", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("<html><body><p>" + strings.Repeat("Nga ", 1<<18) + "</p></body></html>"))
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(5 * time.Second):
		case <-r.Context().Done():
		}
	})
	mux.HandleFunc("/empty", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("<html><head><title>Trống</title></head><body><nav>Trang chủ</nav></body></html>"))
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	f := Fetcher{Timeout: 500 * time.Millisecond, MaxBytes: 512 << 10}
	tests := []struct {
		path, wantErr string
	}{
		{"/ok", ""},
		{"/moved", ""},
		{"/missing", "HTTP 404"},
		{"/loop", "redirects"},
		{"/pdf", "not an HTML page (application/pdf)"},
		{"/huge", "larger than"},
		{"/slow", "within 500ms"},
		{"/empty", "no article text"},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			p, err := f.Fetch(context.Background(), srv.URL+tt.path)
			if tt.wantErr == "" {
				if err != nil || p.Title != "Nga cấp 1.035 suất học bổng cho sinh viên Việt Nam" {
					t.Fatalf("Fetch = %+v, %v", p, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) || strings.Contains(err.Error(), "\n") {
				t.Errorf("Fetch error = %v, want one line containing %q", err, tt.wantErr)
			}
		})
	}
	if _, err := f.Fetch(context.Background(), "ftp://example.com/a"); err == nil {
		t.Error("Fetch accepted an ftp address")
	}
}

func TestSlug(t *testing.T) {
	d, _ := ParseDate("2025-01-12")
	if got := Slug(d, "Thủ tướng Nga thăm Việt Nam từ ngày 14 đến 15/1!"); got != "2025-01-12-thu-tuong-nga-tham-viet-nam-tu-ngay-14-den-15-1" {
		t.Errorf("Slug = %q", got)
	}
	if got := Slug(Date{}, "???"); got != "article" {
		t.Errorf("Slug of nothing = %q", got)
	}
}
