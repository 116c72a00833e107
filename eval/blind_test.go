package eval

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/vnru/vnru/corpus"
)

// blindSetPaths are the question sets written blind: over the five
// embedded articles, by writers who had not seen the engine or the other
// question sets (see retrieval/testdata/README.md). blind.jsonl is
// training data; heldout.jsonl, by a second writer who had not seen
// blind.jsonl either, is kept out of training to measure the shipped
// model. heldout2.jsonl, by a third writer who had seen neither, is a
// second held-out set.
var blindSetPaths = []string{
	"../retrieval/testdata/blind.jsonl",
	"../retrieval/testdata/heldout.jsonl",
	"../retrieval/testdata/heldout2.jsonl",
}

// TestBlindSetIsWellFormed checks each blind training set line by line,
// so that a fitted model learns from its questions and not from typos:
// every answer substring stands verbatim inside one sentence of the
// cleaned article its question names, IDs and questions do not repeat,
// languages and kinds are the documented ones, and the refusal kinds
// carry neither answers nor a seed.
func TestBlindSetIsWellFormed(t *testing.T) {
	articles, skipped, err := corpus.Load(corpus.Default())
	if err != nil || len(skipped) > 0 {
		t.Fatalf("load default corpus: %v %v", err, skipped)
	}
	bodies := map[string]string{}
	for _, a := range articles {
		bodies[a.ID] = normalizeForMatch(a.Body())
	}
	for _, path := range blindSetPaths {
		t.Run(filepath.Base(path), func(t *testing.T) {
			qs, err := ReadQuestionsFile(path)
			if err != nil {
				t.Fatal(err)
			}
			// Each set was written with about 240 questions; far fewer
			// means a truncated file.
			if len(qs) < 200 {
				t.Errorf("%s has %d questions, want at least 200", path, len(qs))
			}
			for _, p := range checkBlindSet(qs, bodies) {
				t.Error(p)
			}
		})
	}
}

// TestCheckBlindSetCatchesDefects feeds checkBlindSet one defect at a
// time, so the test above cannot pass by checking nothing.
func TestCheckBlindSetCatchesDefects(t *testing.T) {
	seed := "a1"
	bodies := map[string]string{seed: normalizeForMatch("Chiều 2/4, tại trụ sở Trung ương Đảng, Tổng Bí thư đã tiếp Đại sứ. Câu thứ hai ở đây.")}
	good := Question{ID: "b001", Lang: "vi", Question: "Khi nào?", Seed: &seed, AnswerSubstrings: []string{"Chiều 2/4, tại trụ sở Trung ương Đảng"}, Kind: "date"}
	refusal := Question{ID: "b002", Lang: "en", Question: "Weather?", Kind: "boilerplate-trap"}
	if p := checkBlindSet([]Question{good, refusal}, bodies); len(p) > 0 {
		t.Fatalf("checkBlindSet(valid set) = %q, want no problems", p)
	}
	other := "a2"
	decomposed := norm.NFD.String("Khi nào?")
	cases := []struct {
		name string
		edit func(q *Question)
		want string
	}{
		{"not verbatim", func(q *Question) { q.AnswerSubstrings = []string{"Chiều 3/4, tại trụ sở Trung ương Đảng"} }, "is not in article"},
		{"unknown article", func(q *Question) { q.Seed = &other }, "unknown article"},
		{"no seed", func(q *Question) { q.Seed = nil }, "no seed"},
		{"too short", func(q *Question) { q.AnswerSubstrings = []string{"Chiều 2/4"} }, "runes, want 15 to 80"},
		{"two sentences", func(q *Question) { q.AnswerSubstrings = []string{"đã tiếp Đại sứ. Câu thứ hai"} }, "crosses a sentence"},
		{"too many", func(q *Question) { q.AnswerSubstrings = []string{"a", "b", "c", "d"} }, "4 answer substrings"},
		{"unknown kind", func(q *Question) { q.Kind = "trivia" }, "unknown kind"},
		{"unknown lang", func(q *Question) { q.Lang = "fr" }, "unknown lang"},
		{"not NFC", func(q *Question) { q.Question = decomposed }, "not NFC"},
		{"refusal with answers", func(q *Question) { q.Kind = "unanswerable" }, "refusal kind"},
		{"repeated id", func(q *Question) { q.ID = "b002" }, "repeats"},
		{"repeated question", func(q *Question) { q.Question = "Weather?" }, "repeats"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			bad := good
			bad.AnswerSubstrings = append([]string(nil), good.AnswerSubstrings...)
			c.edit(&bad)
			p := checkBlindSet([]Question{refusal, bad}, bodies)
			if !strings.Contains(strings.Join(p, "\n"), c.want) {
				t.Errorf("checkBlindSet(%s) = %q, want a problem containing %q", c.name, p, c.want)
			}
		})
	}
}

// checkBlindSet returns one line per defect of a blind question set;
// bodies maps article IDs to bodies already passed through
// normalizeForMatch.
func checkBlindSet(qs []Question, bodies map[string]string) []string {
	langs := map[string]bool{"vi": true, "vi-nodiac": true, "en": true, "ru": true}
	answerKinds := map[string]bool{"date": true, "number": true, "who": true, "fact": true, "paraphrase": true, "multi-hop": true}
	refusalKinds := map[string]bool{"unanswerable": true, "boilerplate-trap": true}
	var problems []string
	bad := func(q Question, format string, args ...any) {
		problems = append(problems, q.ID+": "+fmt.Sprintf(format, args...))
	}
	ids, texts := map[string]bool{}, map[string]bool{}
	for _, q := range qs {
		if ids[q.ID] {
			bad(q, "id repeats")
		}
		ids[q.ID] = true
		if texts[q.Question] {
			bad(q, "question %q repeats", q.Question)
		}
		texts[q.Question] = true
		if !langs[q.Lang] {
			bad(q, "unknown lang %q", q.Lang)
		}
		if !norm.NFC.IsNormalString(q.Question) {
			bad(q, "question is not NFC")
		}
		switch {
		case refusalKinds[q.Kind]:
			if len(q.AnswerSubstrings) > 0 || q.Seed != nil {
				bad(q, "refusal kind %s has answers or a seed", q.Kind)
			}
			continue
		case !answerKinds[q.Kind]:
			bad(q, "unknown kind %q", q.Kind)
			continue
		}
		if n := len(q.AnswerSubstrings); n < 1 || n > 3 {
			bad(q, "%d answer substrings, want 1 to 3", n)
		}
		if q.Seed == nil {
			bad(q, "answerable question has no seed article")
			continue
		}
		body, ok := bodies[*q.Seed]
		if !ok {
			bad(q, "names unknown article %q", *q.Seed)
			continue
		}
		for _, s := range q.AnswerSubstrings {
			if n := utf8.RuneCountInString(s); n < 15 || n > 80 {
				bad(q, "%q has %d runes, want 15 to 80", s, n)
			}
			if !norm.NFC.IsNormalString(s) {
				bad(q, "%q is not NFC", s)
			}
			if strings.ContainsAny(s, "\n") || strings.Contains(s, ". ") || strings.Contains(s, "? ") || strings.Contains(s, "! ") {
				bad(q, "%q crosses a sentence boundary", s)
			}
			if !strings.Contains(body, normalizeForMatch(s)) {
				bad(q, "%q is not in article %s", s, *q.Seed)
			}
		}
	}
	return problems
}
