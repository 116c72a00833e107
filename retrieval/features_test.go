package retrieval

import (
	"context"
	"testing"
)

func TestLongestRun(t *testing.T) {
	tests := []struct {
		question, sentence string
		want               int
	}{
		{"theo lời mời của ai", "nhận lời mời của Thủ tướng", 3},
		{"mời lời", "nhận lời mời", 1},
		{"Putin", "", 0},
		{"thu tuong mishustin", "Thủ tướng Mishustin", 3},
	}
	for _, tt := range tests {
		var seq []string
		for _, tok := range Tokenize(tt.question) {
			seq = append(seq, tok.Fold)
		}
		if got := longestRun(seq, Tokenize(tt.sentence)); got != tt.want {
			t.Errorf("longestRun(%q, %q) = %d, want %d", tt.question, tt.sentence, got, tt.want)
		}
	}
}

// TestQuestionShape checks what the analysis hands the features: the
// words the question asks about, numbers and bare questions.
func TestQuestionShape(t *testing.T) {
	lx := newLexicon(nil, nil, nil)
	tests := []struct {
		q        string
		focus    []string // labels of the focus concepts
		concepts int
		numbers  int
	}{
		{"Hai bên ký bao nhiêu văn kiện?", []string{"văn"}, 5, 0},
		{"Đại sứ Nga là ai?", []string{"nga"}, 3, 0},
		{"1", nil, 0, 0},
		{"a 5", nil, 0, 0},
		{"Putin thăm năm 2024", nil, 3, 1},
		{"Putin thăm ngày 14 tháng 1", nil, 4, 2},
	}
	for _, tt := range tests {
		q := lx.analyze(tt.q, flatVocabulary{})
		var focus []string
		for _, ci := range q.focus {
			focus = append(focus, q.concepts[ci].label)
		}
		numbers := 0
		for _, c := range q.concepts {
			if c.kind == kindNumber {
				numbers++
			}
		}
		if len(q.concepts) != tt.concepts || numbers != tt.numbers || len(focus) != len(tt.focus) || len(focus) > 0 && focus[0] != tt.focus[0] {
			t.Errorf("analyze(%q): %d concepts, %d numbers, focus %q; want %d, %d, %q", tt.q, len(q.concepts), numbers, focus, tt.concepts, tt.numbers, tt.focus)
		}
	}
}

// TestBareNumberHasNothingToLookUp is defect 5 of the house issue: "1"
// used to quote a sentence holding "14/1".
func TestBareNumberHasNothingToLookUp(t *testing.T) {
	e := testEngine(t)
	for _, q := range []string{"1", "14", "a"} {
		ans, err := e.Answer(context.Background(), q, AskOptions{})
		if err != nil || ans.Answered || len(ans.Quotes)+len(ans.Related) > 0 {
			t.Errorf("Answer(%q) = answered %v, %d quotes, %d related, %v; want nothing", q, ans.Answered, len(ans.Quotes), len(ans.Related), err)
		}
	}
}
