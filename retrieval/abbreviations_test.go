package retrieval

import (
	"reflect"
	"testing"
)

func TestExpandAbbreviations(t *testing.T) {
	ab := newAbbreviations([][]string{{"TBT", "Tổng Bí thư"}, {"ĐSQ", "Đại sứ quán"}, {"TT", "Thủ tướng", "Tổng thống"}, {"VN", "Việt Nam"}})
	tests := []struct{ in, want string }{
		// Unmarked questions get the unmarked expansion, so they stay
		// unmarked; marked ones get the marks.
		{"tbt tiep dsq nga hom nao", "tong bi thu tiep dai su quan nga hom nao"},
		{"TBT tiếp ĐSQ Nga", "Tổng Bí thư tiếp Đại sứ quán Nga"},
		{"Đại sứ VN ở Nga là ai?", "Đại sứ Việt Nam ở Nga là ai?"},
		// Only whole words: "TTXVN" and "vnd" hold no abbreviation.
		{"TTXVN đưa tin bao nhiêu vnd", "TTXVN đưa tin bao nhiêu vnd"},
		// One of several readings is not chosen for the user.
		{"tt nga sang vn", "tt nga sang viet nam"},
		{"", ""},
	}
	for _, tt := range tests {
		if got, _ := ab.expand(tt.in, Tokenize(tt.in)); got != tt.want {
			t.Errorf("expand(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestAnalyzeExpandsAbbreviationsOfVietnameseQuestions(t *testing.T) {
	lx := newLexicon(nil, nil, nil)
	lx.abbrevs = newAbbreviations([][]string{{"PM", "Phó Mục"}})
	if q := lx.analyze("pm tham nga", flatVocabulary{}); q.text != "pho muc tham nga" {
		t.Errorf("Vietnamese question read as %q", q.text)
	}
	// A spelled-out abbreviation opens no question phrase: "vn may"
	// is not "năm mấy".
	lx.abbrevs = newAbbreviations([][]string{{"VN", "Việt Nam"}})
	if q := lx.analyze("putin sang vn may lan", flatVocabulary{}); q.typ != TypeNumber {
		t.Errorf("%q asks for %q, want a number", q.text, q.typ)
	}
	if q := lx.analyze("When did the PM visit Russia?", flatVocabulary{}); q.text != "When did the PM visit Russia?" {
		t.Errorf("English question read as %q", q.text)
	}
}

func TestAnalyzeReadsAmbiguousAbbreviationsEitherWay(t *testing.T) {
	lx := newLexicon(nil, nil, nil)
	lx.abbrevs = newAbbreviations([][]string{{"TT", "Thủ tướng", "Tổng thống"}})
	q := lx.analyze("tt nga sang", flatVocabulary{})
	if len(q.concepts) == 0 || q.concepts[0].label != "tt" || !reflect.DeepEqual(q.concepts[0].alts, [][]string{{"thu", "tuong"}, {"tong", "thong"}}) {
		t.Errorf("concepts = %+v, want tt read as thu tuong or tong thong", q.concepts)
	}
}
