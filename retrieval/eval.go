package retrieval

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// EvalQuestion is one line of a question set (JSON Lines). The format is
// fixed: other question files in it are run against the engine.
type EvalQuestion struct {
	ID               string   `json:"id"`
	Lang             string   `json:"lang"` // vi, vi-nodiac, en, ru
	Question         string   `json:"question"`
	Seed             *string  `json:"seed"` // informational only
	AnswerSubstrings []string `json:"answer_substrings"`
	Kind             string   `json:"kind"`
}

// Answerable reports whether the question has an answer in the articles.
func (q EvalQuestion) Answerable() bool { return len(q.AnswerSubstrings) > 0 }

// ReadQuestionsFile reads a question set from a file; see ReadQuestions.
func ReadQuestionsFile(path string) ([]EvalQuestion, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	qs, err := ReadQuestions(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return qs, nil
}

// ReadQuestions reads a question set, one JSON object per line; blank
// lines are skipped. Errors name the line.
func ReadQuestions(r io.Reader) ([]EvalQuestion, error) {
	var qs []EvalQuestion
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 4*1024*1024)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" {
			continue
		}
		var q EvalQuestion
		if err := json.Unmarshal([]byte(text), &q); err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		if q.Question == "" {
			return nil, fmt.Errorf("line %d: no question", line)
		}
		qs = append(qs, q)
	}
	return qs, sc.Err()
}

// EvalScores are the figures of one group of questions. Fractions are in
// [0,1]: answered@k and false refusals over the answerable questions,
// correct refusals over the unanswerable ones.
type EvalScores struct {
	N                int     `json:"n"`
	Answerable       int     `json:"answerable"`
	Unanswerable     int     `json:"unanswerable"`
	AnsweredAt1      float64 `json:"answered_at_1"`
	AnsweredAt3      float64 `json:"answered_at_3"`
	RefusedCorrectly float64 `json:"refused_correctly"`
	FalseRefusals    float64 `json:"false_refusals"`

	hit1, hit3, refused, falseRefused int
}

// EvalFailure is a question the engine got wrong, with what it quoted.
type EvalFailure struct {
	ID       string   `json:"id"`
	Lang     string   `json:"lang"`
	Kind     string   `json:"kind"`
	Question string   `json:"question"`
	Want     []string `json:"want"`   // answer substrings; empty for unanswerable
	Quoted   []string `json:"quoted"` // the engine's quotes, best first
	Error    string   `json:"error,omitempty"`
}

// EvalReport is the result of running a question set.
type EvalReport struct {
	EvalScores
	ByLang   map[string]*EvalScores `json:"by_lang"`
	ByKind   map[string]*EvalScores `json:"by_kind"`
	Failures []EvalFailure          `json:"failures"`
}

// AnswerFunc answers one question.
type AnswerFunc func(ctx context.Context, question string) (Answer, error)

// Evaluate asks every question and counts: an answerable question is
// answered@k when one of the first k quotes contains one of its answer
// substrings (both NFC, white space collapsed); an unanswerable one is
// refused correctly when the answer says it has none. An engine error
// counts as a refusal and is reported.
func Evaluate(ctx context.Context, answer AnswerFunc, qs []EvalQuestion) (EvalReport, error) {
	rep := EvalReport{ByLang: map[string]*EvalScores{}, ByKind: map[string]*EvalScores{}}
	group := func(m map[string]*EvalScores, key string) *EvalScores {
		if m[key] == nil {
			m[key] = &EvalScores{}
		}
		return m[key]
	}
	for _, q := range qs {
		if err := ctx.Err(); err != nil {
			return EvalReport{}, err
		}
		ans, err := answer(ctx, q.Question)
		var quoted []string
		for _, qt := range ans.Quotes {
			quoted = append(quoted, qt.Text)
		}
		refused := err != nil || !ans.Answered
		rank := firstMatch(quoted, q.AnswerSubstrings)
		for _, s := range []*EvalScores{&rep.EvalScores, group(rep.ByLang, q.Lang), group(rep.ByKind, q.Kind)} {
			s.N++
			if !q.Answerable() {
				s.Unanswerable++
				if refused {
					s.refused++
				}
				continue
			}
			s.Answerable++
			if refused {
				s.falseRefused++
			}
			if rank == 0 {
				s.hit1++
			}
			if rank >= 0 && rank < 3 {
				s.hit3++
			}
		}
		ok := q.Answerable() && rank == 0 || !q.Answerable() && refused
		if !ok {
			f := EvalFailure{ID: q.ID, Lang: q.Lang, Kind: q.Kind, Question: q.Question, Want: q.AnswerSubstrings, Quoted: quoted}
			if err != nil {
				f.Error = err.Error()
			}
			rep.Failures = append(rep.Failures, f)
		}
	}
	for _, s := range append([]*EvalScores{&rep.EvalScores}, values(rep.ByLang, rep.ByKind)...) {
		s.finish()
	}
	if rep.Failures == nil {
		rep.Failures = []EvalFailure{}
	}
	return rep, nil
}

func values(ms ...map[string]*EvalScores) []*EvalScores {
	var out []*EvalScores
	for _, m := range ms {
		for _, s := range m {
			out = append(out, s)
		}
	}
	return out
}

func (s *EvalScores) finish() {
	frac := func(a, b int) float64 {
		if b == 0 {
			return 0
		}
		return float64(a) / float64(b)
	}
	s.AnsweredAt1 = frac(s.hit1, s.Answerable)
	s.AnsweredAt3 = frac(s.hit3, s.Answerable)
	s.FalseRefusals = frac(s.falseRefused, s.Answerable)
	s.RefusedCorrectly = frac(s.refused, s.Unanswerable)
}

// firstMatch returns the rank of the first quote holding one of the
// substrings, or -1.
func firstMatch(quotes, substrings []string) int {
	for i, q := range quotes {
		q = normalizeForMatch(q)
		for _, s := range substrings {
			if s = normalizeForMatch(s); s != "" && strings.Contains(q, s) {
				return i
			}
		}
	}
	return -1
}

func normalizeForMatch(s string) string {
	return strings.Join(strings.Fields(norm.NFC.String(s)), " ")
}

// SortedKeys returns a map's keys in order, for printing reports.
func SortedKeys(m map[string]*EvalScores) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
