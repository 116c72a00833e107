package eval_test

import (
	"context"
	"fmt"
	"strings"

	"github.com/vnru/vnru/eval"
	"github.com/vnru/vnru/retrieval"
)

func ExampleEvaluate() {
	qs, _ := eval.ReadQuestions(strings.NewReader(`
{"id": "visit", "lang": "vi", "question": "Mishustin thăm Việt Nam khi nào?", "answer_substrings": ["14 đến 15/1"], "kind": "date"}
{"id": "gold", "lang": "vi", "question": "Giá vàng hôm nay?", "answer_substrings": [], "kind": "unanswerable"}
`))
	// A real run passes the engine's Answer; this one answers from a map.
	replies := map[string]retrieval.Answer{
		"Mishustin thăm Việt Nam khi nào?": {Answered: true, Quotes: []retrieval.Quote{{Text: "Ông sẽ thăm Việt Nam từ ngày 14 đến 15/1."}}},
	}
	rep, err := eval.Evaluate(context.Background(), func(_ context.Context, q string) (retrieval.Answer, error) {
		return replies[q], nil
	}, qs)
	if err != nil {
		panic(err)
	}
	fmt.Printf("answered@1 %.2f, refused correctly %.2f, failures %d\n", rep.AnsweredAt1, rep.RefusedCorrectly, len(rep.Failures))
	// Output:
	// answered@1 1.00, refused correctly 1.00, failures 0
}
