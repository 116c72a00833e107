package eval

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sort"
	"testing"

	"github.com/vnru/vnru/corpus"
	"github.com/vnru/vnru/retrieval"
)

func TestZZDiag(t *testing.T) {
	if os.Getenv("ZZ") == "" {
		t.Skip()
	}
	qs, _ := ReadQuestionsFile("../../shared/eval/reporters/questions.jsonl")
	arts, _, _ := corpus.Load(corpus.Default())
	data, _ := os.ReadFile("../configs/model.json")
	m, _ := retrieval.ParseModel(data)
	lg := slog.New(slog.NewTextHandler(io.Discard, nil))
	e, _ := retrieval.Open(context.Background(), lg, arts, retrieval.Options{Model: m})
	shown := 0
	for _, q := range qs {
		if !q.Answerable() || (os.Getenv("ZZLANG") != "" && q.Lang != os.Getenv("ZZLANG")) {
			continue
		}
		r, _ := e.Rank(context.Background(), q.Question)
		c := r.Candidates
		sort.SliceStable(c, func(i, j int) bool { return c[i].Score > c[j].Score })
		if len(c) == 0 || firstMatch([]string{c[0].Text}, q.AnswerSubstrings) == 0 {
			continue
		}
		gi := -1
		for i := range c {
			if firstMatch([]string{c[i].Text}, q.AnswerSubstrings) == 0 {
				gi = i
				break
			}
		}
		fmt.Printf("\n%s [%s/%s] %s\n  TOP %.2f %s\n", q.ID, q.Lang, q.Kind, q.Question, c[0].Score, trunc(c[0].Text))
		fmt.Printf("     %v\n", fmtF(c[0].Features))
		if gi >= 0 {
			fmt.Printf("  GOLD#%d %.2f %s\n     %v\n", gi, c[gi].Score, trunc(c[gi].Text), fmtF(c[gi].Features))
		}
		shown++
		if shown > 25 {
			break
		}
	}
}

func trunc(s string) string {
	r := []rune(s)
	if len(r) > 150 {
		return string(r[:150])
	}
	return s
}

func fmtF(x []float64) string {
	s := ""
	for i, n := range retrieval.FeatureNames() {
		if x[i] != 0 {
			s += fmt.Sprintf("%s=%.2f ", n, x[i])
		}
	}
	return s
}
