package eval

import (
	"context"
	"strings"

	"golang.org/x/text/unicode/norm"

	"github.com/vnru/vnru/retrieval"
)

// Scores are the figures of one group of questions. Fractions are in
// [0,1]: answered@k and false refusals over the answerable questions,
// correct refusals over the unanswerable ones.
type Scores struct {
	N                int     `json:"n"`
	Answerable       int     `json:"answerable"`
	Unanswerable     int     `json:"unanswerable"`
	AnsweredAt1      float64 `json:"answered_at_1"`
	AnsweredAt3      float64 `json:"answered_at_3"`
	RefusedCorrectly float64 `json:"refused_correctly"`
	FalseRefusals    float64 `json:"false_refusals"`

	hit1, hit3, refused, falseRefused int
}

// Failure is a question the engine got wrong, with what it quoted.
type Failure struct {
	ID       string   `json:"id"`
	Lang     string   `json:"lang"`
	Kind     string   `json:"kind"`
	Question string   `json:"question"`
	Want     []string `json:"want"`   // answer substrings; empty for unanswerable
	Quoted   []string `json:"quoted"` // the engine's quotes, best first
	Error    string   `json:"error,omitempty"`
}

// Report is the result of running a question set.
type Report struct {
	Scores
	ByLang   map[string]*Scores `json:"by_lang"`
	ByKind   map[string]*Scores `json:"by_kind"`
	Failures []Failure          `json:"failures"`
}

// AnswerFunc answers one question.
type AnswerFunc func(ctx context.Context, question string) (retrieval.Answer, error)

// Evaluate asks every question and counts: an answerable question is
// answered@k when one of the first k quotes contains one of its answer
// substrings (both NFC, white space collapsed); an unanswerable one is
// refused correctly when the answer says it has none. An engine error
// counts as a refusal and is reported.
func Evaluate(ctx context.Context, answer AnswerFunc, qs []Question) (Report, error) {
	rep := Report{ByLang: map[string]*Scores{}, ByKind: map[string]*Scores{}}
	group := func(m map[string]*Scores, key string) *Scores {
		if m[key] == nil {
			m[key] = &Scores{}
		}
		return m[key]
	}
	for _, q := range qs {
		if err := ctx.Err(); err != nil {
			return Report{}, err
		}
		ans, err := answer(ctx, q.Question)
		var quoted []string
		for _, qt := range ans.Quotes {
			quoted = append(quoted, qt.Text)
		}
		refused := err != nil || !ans.Answered
		rank := firstMatch(quoted, q.AnswerSubstrings)
		for _, s := range []*Scores{&rep.Scores, group(rep.ByLang, q.Lang), group(rep.ByKind, q.Kind)} {
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
			f := Failure{ID: q.ID, Lang: q.Lang, Kind: q.Kind, Question: q.Question, Want: q.AnswerSubstrings, Quoted: quoted}
			if err != nil {
				f.Error = err.Error()
			}
			rep.Failures = append(rep.Failures, f)
		}
	}
	for _, s := range append([]*Scores{&rep.Scores}, values(rep.ByLang, rep.ByKind)...) {
		s.finish()
	}
	if rep.Failures == nil {
		rep.Failures = []Failure{}
	}
	return rep, nil
}

func values(ms ...map[string]*Scores) []*Scores {
	var out []*Scores
	for _, m := range ms {
		for _, s := range m {
			out = append(out, s)
		}
	}
	return out
}

func (s *Scores) finish() {
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
