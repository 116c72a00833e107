package eval

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"testing"
	"time"

	"github.com/vnru/vnru/configs"
	"github.com/vnru/vnru/corpus"
	"github.com/vnru/vnru/retrieval"
)

func zzExamples(t *testing.T) []Example {
	qs, _ := ReadQuestionsFile("../../shared/eval/reporters/questions.jsonl")
	dev, _ := ReadQuestionsFile("../retrieval/testdata/questions.jsonl")
	arts, _, _ := corpus.Load(corpus.Default())
	vi, _ := ReadSQuAD("../../shared/eval/xquad/xquad.vi.json")
	en, _ := ReadSQuAD("../../shared/eval/xquad/xquad.en.json")
	ru, _ := ReadSQuAD("../../shared/eval/xquad/xquad.ru.json")
	lg := slog.New(slog.NewTextHandler(io.Discard, nil))
	opt := retrieval.Options{Model: retrieval.BootstrapModel(), NameVariants: configs.NameVariants(), Paraphrases: configs.Paraphrases(), Glossaries: configs.Glossaries()}
	exs, err := Collect(context.Background(), lg, arts, []QuestionSet{{"reporters", qs}, {"dev", dev}},
		[]SQuADSet{{Name: "xquad-vi", Data: vi}, {Name: "xquad-vi-nodiac", Data: vi, StripDiacritics: true}, {Name: "xquad-en", Data: vi, QuestionsFrom: en}, {Name: "xquad-ru", Data: vi, QuestionsFrom: ru}}, opt)
	if err != nil {
		t.Fatal(err)
	}
	return exs
}

func TestZZCV(t *testing.T) {
	if os.Getenv("ZZ") == "" {
		t.Skip()
	}
	start := time.Now()
	exs := zzExamples(t)
	fmt.Println("collected", len(exs), time.Since(start))
	start = time.Now()
	s := CrossValidate(exs, 5, DefaultParams(), func(e Example) bool { return e.Set == "reporters" })
	fmt.Printf("%+v %v\n", s, time.Since(start))
}

func TestZZGrid(t *testing.T) {
	if os.Getenv("ZZG") == "" {
		t.Skip()
	}
	exs := zzExamples(t)
	for _, xq := range []float64{0.1, 0.3, 1} {
		for _, wh := range []float64{0, 0.5} {
			p := DefaultParams()
			p.SetWeights = map[string]float64{"reporters": 1, "dev": 0.5, "xquad": xq}
			p.WithheldWeight = wh
			s := CrossValidate(exs, 5, p, func(e Example) bool { return e.Set == "reporters" })
			fmt.Printf("xq=%v wh=%v @1=%.3f @3=%.3f ranked=%.3f ref=%.3f falseR=%.3f\n", xq, wh, s.AnsweredAt1, s.AnsweredAt3, s.RankedAt1, s.RefusedCorrectly, s.FalseRefusals)
		}
	}
}
