package retrieval

import "testing"

func TestExpandAbbreviations(t *testing.T) {
	ab := newAbbreviations([][]string{{"TBT", "Tổng Bí thư"}, {"ĐSQ", "DSQ", "Đại sứ quán"}, {"VN", "Việt Nam"}})
	tests := []struct{ in, want string }{
		// Unmarked questions get the unmarked expansion, so they stay
		// unmarked; marked ones get the marks.
		{"tbt tiep dsq nga hom nao", "tong bi thu tiep dai su quan nga hom nao"},
		{"TBT tiếp ĐSQ Nga", "Tổng Bí thư tiếp Đại sứ quán Nga"},
		{"Đại sứ VN ở Nga là ai?", "Đại sứ Việt Nam ở Nga là ai?"},
		// Only whole words: "TTXVN" and "vnd" hold no abbreviation.
		{"TTXVN đưa tin bao nhiêu vnd", "TTXVN đưa tin bao nhiêu vnd"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := ab.expand(tt.in); got != tt.want {
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
	if q := lx.analyze("When did the PM visit Russia?", flatVocabulary{}); q.text != "When did the PM visit Russia?" {
		t.Errorf("English question read as %q", q.text)
	}
}
