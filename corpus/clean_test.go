package corpus

import (
	"os"
	"reflect"
	"strings"
	"testing"
)

// TestCleanReproducesShippedArticles runs the cleaner on the raw seed
// pages and checks it gives exactly the bodies of the shipped articles,
// which were produced this way and reviewed by eye.
func TestCleanReproducesShippedArticles(t *testing.T) {
	seeds := map[string]string{ // raw page -> shipped article ID
		"000_4f070ed8c8a9eb3b.txt": "2025-01-14-viet-nam-luon-coi-nga-la-doi-tac-quan-trong-hang-dau",
		"001_dc16f5a4a381ed18.txt": "2025-01-12-thu-tuong-nga-tham-viet-nam-tu-ngay-14-den-15-1",
		"002_5e7c4ffd9b2eb477.txt": "2025-04-02-truoc-them-tong-bi-thu-to-lam-tham-nga",
		"003_878f7d2422501cef.txt": "2021-04-05-quan-he-viet-nam-lien-bang-nga-phat-trien-tot-dep",
		"004_0bbbe4c8297b86fb.txt": "2024-06-20-tong-bi-thu-nguyen-phu-trong-hoi-dam-voi-tong-thong-putin",
	}
	articles, _, err := Load(Default())
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]Article{}
	for _, a := range articles {
		byID[a.ID] = a
	}
	for file, id := range seeds {
		t.Run(file, func(t *testing.T) {
			raw, err := os.ReadFile("testdata/raw/" + file)
			if err != nil {
				t.Fatal(err)
			}
			want := byID[id]
			got := Clean(string(raw), want.Title)
			if !reflect.DeepEqual(got.Paragraphs, want.Paragraphs) {
				t.Errorf("Clean(%s) paragraphs =\n%s\nwant\n%s", file, strings.Join(got.Paragraphs, "\n"), strings.Join(want.Paragraphs, "\n"))
			}
		})
	}
}

func TestClean(t *testing.T) {
	tests := []struct {
		name      string
		raw       string
		title     string
		wantTitle string
		wantParas []string
		wantDate  string
		wantURL   string
	}{
		{
			name: "menus, date line and related list",
			raw: "Trang chủ Thời sự Quốc tế\n14:15 | 12/01/2025 GMT+7\nTheo dõi báo.vn trên\n\nHai nước ký hiệp định mới về năng lượng\n\n" +
				"Chiều 12/1, hai bên đã ký hiệp định về hợp tác năng lượng tại Hà Nội với nhiều cam kết quan trọng.\n" +
				"Tin một liên quan\nTin hai liên quan\n\nHiệp định có hiệu lực từ năm 2025.\n\nTin bài liên quan\n\nBài khác hoàn toàn về thời tiết.",
			wantTitle: "Hai nước ký hiệp định mới về năng lượng",
			wantParas: []string{
				"Chiều 12/1, hai bên đã ký hiệp định về hợp tác năng lượng tại Hà Nội với nhiều cam kết quan trọng.",
				"Hiệp định có hiệu lực từ năm 2025.",
			},
			wantDate: "2025-01-12T14:15:00+07:00",
		},
		{
			name:  "captions, image markup, pull quote with its attribution, byline and source URL",
			title: "Hội đàm cấp cao",
			raw: "Hội đàm cấp cao\n![ảnh](https://x.vn/a.jpg)\nQuang cảnh hội đàm. (Ảnh: TTXVN)\nQuang cảnh hội đàm. (Ảnh: TTXVN)\n" +
				"Hai bên nhất trí tăng cường hợp tác kinh tế và thương mại trong thời gian tới.\n" +
				"Hợp tác kinh tế và thương mại\n\nÔng Putin nói hai nước là đối tác tin cậy.\n\nTổng thống Nga\n\n" +
				"Tổng thống khẳng định ông Putin nói hai nước là đối tác tin cậy; mối quan hệ bền vững.\n\n" +
				"Minh Thái (tổng hợp)\nhttps://bao.vn/hoi-dam-cap-cao.html\n21:06 02.04.2025 (Đã cập nhật: 21:17 02.04.2025)",
			wantTitle: "Hội đàm cấp cao",
			wantParas: []string{
				"Hai bên nhất trí tăng cường hợp tác kinh tế và thương mại trong thời gian tới.",
				"Tổng thống khẳng định ông Putin nói hai nước là đối tác tin cậy; mối quan hệ bền vững.",
			},
			wantDate: "2025-04-02T21:06:00+07:00",
			wantURL:  "https://bao.vn/hoi-dam-cap-cao.html",
		},
		{
			name:      "NFD text, zero-width spaces and a doubled link line",
			raw:       "Nga va\u0300 Vie\u0323\u0302t Nam\u200b ky\u0301 ke\u0302\u0301t ba\u0309n ghi nho\u031b\u0301 mơ\u0301i.\nHai nước ký kết Hai nước ký kết\n",
			wantTitle: "",
			wantParas: []string{"Nga và Việt Nam ký kết bản ghi nhớ mới."},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Clean(tt.raw, tt.title)
			if got.Title != tt.wantTitle {
				t.Errorf("Title = %q, want %q", got.Title, tt.wantTitle)
			}
			if !reflect.DeepEqual(got.Paragraphs, tt.wantParas) {
				t.Errorf("Paragraphs = %q, want %q", got.Paragraphs, tt.wantParas)
			}
			if got.Published.String() != tt.wantDate {
				t.Errorf("Published = %q, want %q", got.Published, tt.wantDate)
			}
			if got.URL != tt.wantURL {
				t.Errorf("URL = %q, want %q", got.URL, tt.wantURL)
			}
		})
	}
}

func FuzzClean(f *testing.F) {
	for _, s := range []string{"Tiêu đề bài\nĐoạn một.\n\nTin bài liên quan\nx", "14:15 | 31/02/2025\n© a\n![](b)"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		c := Clean(raw, "")
		norm := NormalizeText(raw)
		for _, p := range c.Paragraphs {
			// Every word of the article is a word of the page: the cleaner
			// only removes, it never makes text up.
			for _, w := range strings.Fields(p) {
				if !strings.Contains(norm, strings.Trim(w, "|")) {
					t.Fatalf("word %q of paragraph %q is not in the input", w, p)
				}
			}
		}
	})
}
