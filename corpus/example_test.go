package corpus_test

import (
	"context"
	"fmt"
	"os"

	"github.com/vnru/vnru/corpus"
)

func ExampleSplitSentences() {
	for _, s := range corpus.SplitSentences("Tổng thống Nga V. Putin thăm TP.HCM ngày 14/1. “Rất tốt.” Ông nói.") {
		fmt.Println(s.Text)
	}
	// Output:
	// Tổng thống Nga V. Putin thăm TP.HCM ngày 14/1.
	// “Rất tốt.”
	// Ông nói.
}

func ExampleClean() {
	page := "Trang chủ Thế giới\n14:15 | 12/01/2025 GMT+7\nHai nước ký hiệp định năng lượng\n" +
		"Chiều 12/1, hai bên đã ký hiệp định về hợp tác năng lượng tại Hà Nội.\n" +
		"Quang cảnh lễ ký. (Ảnh: TTXVN)\nTin bài liên quan\nGiá vàng hôm nay"
	c := corpus.Clean(page, "")
	fmt.Println(c.Title)
	fmt.Println(c.Published)
	fmt.Println(c.Paragraphs)
	// Output:
	// Hai nước ký hiệp định năng lượng
	// 2025-01-12T14:15:00+07:00
	// [Chiều 12/1, hai bên đã ký hiệp định về hợp tác năng lượng tại Hà Nội.]
}

func ExampleIngester() {
	dir, _ := os.MkdirTemp("", "corpus-example-")
	defer os.RemoveAll(dir)
	in, _ := corpus.NewIngester(dir, corpus.Fetcher{})
	a := corpus.Article{
		Title:      "Hai nước ký hiệp định năng lượng",
		Source:     "Báo Mẫu",
		URL:        "https://example.com/hiep-dinh.html",
		Paragraphs: []string{"Chiều 12/1, hai bên đã ký hiệp định về hợp tác năng lượng tại Hà Nội."},
	}
	a.Published, _ = corpus.ParseDate("2025-01-12")
	for range 2 {
		res := in.Add(context.Background(), a, corpus.IngestOptions{})
		fmt.Println(res.Outcome, res.Article.ID)
	}
	// Output:
	// added 2025-01-12-hai-nuoc-ky-hiep-dinh-nang-luong
	// unchanged 2025-01-12-hai-nuoc-ky-hiep-dinh-nang-luong
}
