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

	ans, _ := eng.Answer(context.Background(), "thu tuong mishustin tham viet nam khi nao", retrieval.AskOptions{Limit: 1})
	q := ans.Quotes[0]
	fmt.Println(q.Text)
	fmt.Println(q.Article.Source, q.Article.Published)

	ans, _ = eng.Answer(context.Background(), "Giá vàng SJC hôm nay?", retrieval.AskOptions{})
	fmt.Println(ans.Answered)
	// Output:
	// Theo thông cáo của Bộ Ngoại giao, nhận lời mời của Thủ tướng Chính phủ Phạm Minh Chính, Thủ tướng Chính phủ Liên bang Nga Mikhail Vladimirovich Mishustin sẽ thăm chính thức Việt Nam từ ngày 14 đến 15/1.
	// Thời Đại 2025-01-12T14:15:00+07:00
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
