package retrieval_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"

	"github.com/vnru/vnru/corpus"
	"github.com/vnru/vnru/retrieval"
)

func ExampleEngine_Answer() {
	articles, _, _ := corpus.Load(corpus.Default())
	lg := slog.New(slog.NewTextHandler(io.Discard, nil))
	model, err := retrieval.ParseModel(mustRead("../configs/model.json"))
	if err != nil {
		panic(err)
	}
	eng, err := retrieval.Open(context.Background(), lg, articles, retrieval.Options{Model: model})
	if err != nil {
		panic(err)
	}
	defer eng.Close()

	ans, _ := eng.Answer(context.Background(), "dai su nga tai viet nam la ai", retrieval.AskOptions{Limit: 1})
	q := ans.Quotes[0]
	fmt.Println(q.Text)
	fmt.Println(q.Article.Source, q.Article.Published)

	ans, _ = eng.Answer(context.Background(), "Giá vàng SJC hôm nay?", retrieval.AskOptions{})
	fmt.Println(ans.Answered)
	// Output:
	// Chiều 2/4, tại trụ sở Trung ương Đảng, Tổng Bí thư Tô Lâm đã tiếp Đại sứ Liên bang Nga tại Việt Nam Gennady Bezdetko.
	// Sputnik Việt Nam 2025-04-02T21:06:00+07:00
	// false
}

func ExampleTokenize() {
	for _, t := range retrieval.Tokenize("Pu-tin thăm TP.HCM") {
		fmt.Println(t.Text, t.Fold)
	}
	// Output:
	// pu pu
	// tin tin
	// thăm tham
	// tp.hcm tp.hcm
}

func mustRead(path string) []byte {
	data, err := os.ReadFile(path)
	if err != nil {
		panic(err)
	}
	return data
}
