package retrieval

import "testing"

func TestSameMarks(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"hòa", "hòa", true},
		{"hoà", "hòa", true}, // old and new tone placement
		{"thuỷ", "thủy", true},
		{"đảng", "đang", false},
		{"mời", "mới", false},
		{"thăm", "thẩm", false},
		{"ký", "kí", false}, // another spelling, not another placement: list both
	}
	for _, tt := range tests {
		if got := sameMarks(tt.a, tt.b); got != tt.want {
			t.Errorf("sameMarks(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

// TestRenderingsKeepTheirMarks: a paraphrase or glossary rendering finds
// sentences that write it with its marks, not its unmarked twins, and a
// marked question word finds only the paraphrase group of that word.
func TestRenderingsKeepTheirMarks(t *testing.T) {
	lx := newLexicon(nil, map[string][][]string{"en": {{"party", "Đảng"}}},
		[][]string{{"Đảng", "Đảng Cộng sản"}, {"tiếp", "gặp"}, {"hội đàm", "gặp"}, {"mời", "đề nghị"}, {"bà con", "cộng đồng người Việt"}})
	tests := []struct {
		question, sentence string
		factor             float64 // of the first concept's own words
		para               bool    // a paraphrase of it is in the sentence
	}{
		{"What did the party decide?", "Đảng quyết định mở rộng hợp tác.", 1, false},
		{"What did the party decide?", "Hai bên đang quyết định.", 0, false},
		{"Đảng Cộng sản quyết định gì?", "Đảng quyết định mở rộng hợp tác.", 0, true},
		{"mới ký gì?", "Ông được đề nghị ký.", 0, false},              // "mới" is no paraphrase of "mời"
		{"dang cong san quyet dinh gi?", "Đảng quyết định.", 0, true}, // unmarked: the folded form decides
		{"ai được mời?", "Ông được đề nghị phát biểu.", 0, true},      // exact marks
		{"ai được mời?", "Ông mới đề nghị.", accentMismatch, false},   // the user's marks differ: half
		{"Ai gặp đoàn?", "Bộ trưởng tiếp đoàn.", 0, true},             // "gặp" is in two groups: both count
		{"Ai gặp đoàn?", "Bộ trưởng hội đàm với đoàn.", 0, true},
		{"bà con sống ra sao?", "Cộng đồng người Việt ổn định.", 0, true}, // a phrase may open with a stop word
		{"hoà đàm ở đâu", "Hai bên hòa đàm tại Hà Nội.", 1, false},        // tone placement
	}
	for _, tt := range tests {
		q := lx.analyze(tt.question, flatVocabulary{})
		if len(q.concepts) == 0 {
			t.Fatalf("analyze(%q): no concepts", tt.question)
		}
		out := make([]cover, len(q.concepts))
		coverInto(q, Tokenize(tt.sentence), out)
		if out[0].factor != tt.factor || out[0].para != tt.para {
			t.Errorf("%q in %q: cover %+v, want factor %v para %v", q.concepts[0].label, tt.sentence, out[0], tt.factor, tt.para)
		}
	}
}

// TestParaphraseHoldingAName: a paraphrase phrase that holds a name is
// found whole, not cut into the name and loose words.
func TestParaphraseHoldingAName(t *testing.T) {
	lx := newLexicon([][]string{{"Nga", "Liên bang Nga"}}, nil, [][]string{{"người đứng đầu nước Nga", "Tổng thống Nga"}})
	q := lx.analyze("người đứng đầu nước Nga nói gì?", flatVocabulary{})
	if len(q.concepts) != 1 || q.concepts[0].label != "người đứng đầu nước Nga" {
		t.Fatalf("concepts = %+v, want the one paraphrase phrase", q.concepts)
	}
	out := make([]cover, 1)
	coverInto(q, Tokenize("Tổng thống Nga phát biểu."), out)
	if !out[0].para {
		t.Errorf("cover = %+v, want the paraphrase found", out[0])
	}
	q = lx.analyze("Nga nói gì?", flatVocabulary{})
	if len(q.concepts) != 1 || q.concepts[0].kind != kindName {
		t.Errorf("concepts = %+v, want the name alone", q.concepts)
	}
}
