package eval

import (
	"context"
	"math"
	"strings"
	"testing"

	"github.com/vnru/vnru/corpus"
	"github.com/vnru/vnru/retrieval"
)

// TestEvaluateCounting checks the counting rules on a fixture with a hit,
// a miss, a hit at rank 3, a correct refusal, a false refusal and a
// quoted trap, answered by a fake engine.
func TestEvaluateCounting(t *testing.T) {
	qs, err := ReadQuestionsFile("testdata/eval_fixture.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	quotes := func(texts ...string) retrieval.Answer {
		a := retrieval.Answer{Answered: true}
		for _, s := range texts {
			a.Quotes = append(a.Quotes, retrieval.Quote{Text: s})
		}
		return a
	}
	replies := map[string]retrieval.Answer{
		"có câu trả lời":   quotes("câu đúng"),
		"trả lời sai":      quotes("câu sai", "câu khác"),
		"đúng ở vị trí ba": quotes("a", "b", "đúng\u00a0rồi nhé"), // white space is collapsed
		"không có":         {},
		"từ chối nhầm":     {},
		"bẫy":              quotes("giá vàng"),
	}
	rep, err := Evaluate(context.Background(), func(_ context.Context, q string) (retrieval.Answer, error) {
		return replies[q], nil
	}, qs)
	if err != nil {
		t.Fatal(err)
	}
	near := func(got, want float64) bool { return math.Abs(got-want) < 1e-9 }
	checks := []struct {
		name      string
		got, want float64
	}{
		{"n", float64(rep.N), 6},
		{"answered@1", rep.AnsweredAt1, 1.0 / 4},
		{"answered@3", rep.AnsweredAt3, 2.0 / 4},
		{"false refusals", rep.FalseRefusals, 1.0 / 4},
		{"refused correctly", rep.RefusedCorrectly, 1.0 / 2},
		{"en answered@3", rep.ByLang["en"].AnsweredAt3, 1},
		{"en refused", rep.ByLang["en"].RefusedCorrectly, 0},
		{"fact answered@1", rep.ByKind["fact"].AnsweredAt1, 1.0 / 3},
		{"unanswerable refused", rep.ByKind["unanswerable"].RefusedCorrectly, 1},
	}
	for _, c := range checks {
		if !near(c.got, c.want) {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
	var failed []string
	for _, f := range rep.Failures {
		failed = append(failed, f.ID)
	}
	if got, want := strings.Join(failed, ","), "miss,third,false-refusal,trap-quoted"; got != want {
		t.Errorf("failures = %s, want %s", got, want)
	}
}

// TestDevSetAnswersAreVerbatim checks that every answer substring of the
// dev set stands verbatim in the cleaned article its question names, so
// the dev set measures the engine and not typos.
func TestDevSetAnswersAreVerbatim(t *testing.T) {
	qs, err := ReadQuestionsFile("../retrieval/testdata/questions.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	if len(qs) < 80 {
		t.Errorf("dev set has %d questions, want at least 80", len(qs))
	}
	bodies := map[string]string{}
	articles, skipped, err := corpus.Load(corpus.Default())
	if err != nil || len(skipped) > 0 {
		t.Fatalf("load default corpus: %v %v", err, skipped)
	}
	for _, a := range articles {
		bodies[a.ID] = a.Body()
	}
	ids := map[string]bool{}
	for _, q := range qs {
		if ids[q.ID] {
			t.Errorf("question id %s repeats", q.ID)
		}
		ids[q.ID] = true
		if !q.Answerable() {
			continue
		}
		if q.Seed == nil {
			t.Errorf("%s has answers but no seed article", q.ID)
			continue
		}
		body, ok := bodies[*q.Seed]
		if !ok {
			t.Errorf("%s names unknown article %q", q.ID, *q.Seed)
			continue
		}
		for _, s := range q.AnswerSubstrings {
			if !strings.Contains(normalizeForMatch(body), normalizeForMatch(s)) {
				t.Errorf("%s: %q is not in article %s", q.ID, s, *q.Seed)
			}
		}
	}
}
