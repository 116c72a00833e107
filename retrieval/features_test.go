package retrieval

import (
	"context"
	"math"
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

// TestFillsSlot checks the answer slot: the piece asked for next to the
// question word's neighbours, new to the question.
func TestFillsSlot(t *testing.T) {
	lx := newLexicon(nil, nil, nil)
	tests := []struct {
		question, sentence string
		want               bool
	}{
		{"Đây là lần thứ mấy Putin thăm Việt Nam?", "Đây là chuyến thăm Việt Nam lần thứ 5 của ông Putin.", true},
		{"Hai bên ký bao nhiêu văn kiện hợp tác?", "Hai bên ký kết 11 văn kiện hợp tác trong nhiều lĩnh vực.", true},
		{"Hai bên ký bao nhiêu văn kiện hợp tác?", "Hai bên ký văn kiện hợp tác năm 2024.", false},             // a number, not in the slot
		{"Đây là lần thứ mấy Putin thăm Việt Nam?", "Đây là lần thứ Putin thăm Việt Nam.", false},              // nothing in the slot
		{"putin tham vn lan thu may", "Chuyến thăm Việt Nam lần thứ 5 của Tổng thống Putin.", true},            // unmarked
		{"Putin thăm Việt Nam lần thứ 4 năm nào?", "Putin thăm Việt Nam lần thứ 4 vào năm 2006.", true},        // date after the neighbours
		{"Ông Putin được mời bởi ai?", "Ông Putin được mời bởi Tổng Bí thư Tô Lâm.", true},                     // a person
		{"What number visit to Vietnam was it for Putin?", "Chuyến thăm Việt Nam lần thứ 5 của Putin.", false}, // a foreign question has no slot
	}
	for _, tt := range tests {
		q := lx.analyze(tt.question, flatVocabulary{})
		toks := Tokenize(tt.sentence)
		if got := fillsSlot(q, tt.sentence, toks, 0); got != tt.want {
			t.Errorf("fillsSlot(%q, %q) = %v, want %v (slots %v)", tt.question, tt.sentence, got, tt.want, q.slots)
		}
	}
}

// TestNumbersDated checks that a question's numbers found in the
// article's publication date count for it, and only there.
func TestNumbersDated(t *testing.T) {
	lx := newLexicon(nil, nil, nil)
	q := lx.analyze("Putin thăm Việt Nam tháng 6/2024 ký bao nhiêu văn kiện?", flatVocabulary{})
	none := make([]cover, len(q.concepts))
	for _, tt := range []struct {
		dated map[string]bool
		want  float64
	}{
		{map[string]bool{"2024": true, "6": true, "20": true}, 1},
		{map[string]bool{"2024": true, "1": true}, 0.5},
		{map[string]bool{"2025": true}, 0},
	} {
		x := features(q, featureInput{own: none, passage: none, title: none, article: none, dated: tt.dated})
		if x[fNumbersDated] != tt.want {
			t.Errorf("numbers_dated with date numbers %v = %v, want %v", tt.dated, x[fNumbersDated], tt.want)
		}
	}
}

// TestHasNumber checks which sentences hold a new number for "bao
// nhiêu": digits and counted number words, but not the "hai nước" of
// every bilateral article or the "một trong" of "one of".
func TestHasNumber(t *testing.T) {
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"Hai bên đã ký 11 văn kiện hợp tác.", true},
		{"Hai nước ký ba văn kiện.", true},
		{"Quan hệ giữa nhân dân hai nước ngày càng tốt đẹp.", false},
		{"Lãnh đạo hai bên trao đổi ý kiến.", false},
		{"Đây là một trong những đối tác hàng đầu.", false},
		{"Ông đã thăm Việt Nam một lần.", true},
	} {
		if got := hasType(TypeNumber, tc.text, Tokenize(tc.text), 0, nil); got != tc.want {
			t.Errorf("hasType(number, %q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}

// TestCoverRare checks that a sentence holding the concepts its article
// seldom repeats covers the question's rare part, and that a concept no
// candidate sentence holds counts for none.
func TestCoverRare(t *testing.T) {
	lx := newLexicon(nil, nil, nil)
	q := lx.analyze("Mishustin tiếp ai", flatVocabulary{}) // concepts: mishustin, tiep
	counts := sentenceCounts{holding: make([]int, len(q.concepts))}
	lead := []cover{{factor: 1}, {factor: 1}}
	body := []cover{{factor: 1}, {}}
	for _, own := range [][]cover{lead, body, body, body} {
		counts.add(own)
	}
	rarity := counts.rarity()
	if rarity[0] >= rarity[1] {
		t.Fatalf("rarity = %v: the concept every sentence holds should weigh less", rarity)
	}
	none := make([]cover, len(q.concepts))
	for _, tt := range []struct {
		name string
		own  []cover
		want float64
	}{
		{"both", lead, 1},
		{"the common one", body, rarity[0] / (rarity[0] + rarity[1])},
		{"neither", none, 0},
	} {
		x := features(q, featureInput{own: tt.own, passage: none, title: none, article: none, rarity: rarity})
		if math.Abs(x[fCoverRare]-tt.want) > 1e-9 {
			t.Errorf("%s: cover_rare = %v, want %v", tt.name, x[fCoverRare], tt.want)
		}
	}
	if r := (&sentenceCounts{sentences: 3, holding: []int{0}}).rarity(); r[0] != 0 {
		t.Errorf("rarity of a concept no sentence holds = %v, want 0", r[0])
	}
}
