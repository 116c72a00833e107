package retrieval

import (
	"strings"
	"testing"
)

// TestGlossaryStems checks how question words find glossary keys: exact,
// by "*" prefix, by the regular English endings of keyMatches, and by
// Snowball stem for English only.
func TestGlossaryStems(t *testing.T) {
	lx := newLexicon(nil, map[string][][]string{
		"en": {
			{"war", "chiến tranh"}, {"visit", "thăm"}, {"study", "nghiên cứu"},
			{"cooperate", "hợp tác"}, {"negotiate", "đàm phán"}, {"invest", "đầu tư"},
			{"engine", "động cơ"}, {"engineer", "kỹ sư"}, {"build", "xây dựng"}, {"building", "tòa nhà"},
			{"win", "thắng"}, {"gas", "khí"}, {"celebrate", "kỷ niệm"}, {"celebration", "lễ kỷ niệm"},
			{"go", "đi"}, {"child", "trẻ em"}, {"economy", "kinh tế"},
			{"minister", "bộ trưởng"}, {"prime minister", "thủ tướng"},
		},
		"ru": {
			{"визит*", "chuyến thăm"}, {"переговор*", "hội đàm"}, {"лет", "năm"}, {"лед", "băng"},
			{"мед*", "đồng"}, {"медицин*", "y học"}, {"стать", "trở thành"},
		},
	}, nil)
	tests := []struct {
		name, lang, q, want string // want: the first rendering, folded; "" for no match
	}{
		{"plural", "en", "wars", "chien tranh"},
		{"-ed", "en", "visited", "tham"},
		{"-ing", "en", "visiting", "tham"},
		{"-ies", "en", "studies", "nghien cuu"},
		{"-ied", "en", "studied", "nghien cuu"},
		{"not a form", "en", "ward", ""},
		{"snowball -ation", "en", "cooperation", "hop tac"},
		{"snowball -ations", "en", "negotiations", "dam phan"},
		{"snowball -ment", "en", "investment", "dau tu"},
		{"written rule before stem: engines", "en", "engines", "dong co"},
		{"written rule before stem: engineers", "en", "engineers", "ky su"},
		{"written rule before stem: engineering", "en", "engineering", "ky su"},
		{"written rule before stem: buildings", "en", "buildings", "toa nha"},
		{"written rule before stem: celebrating", "en", "celebrating", "ky niem"},
		{"snowball leaves -er: rule", "en", "winner", "thang"},
		{"snowball leaves gases: rule", "en", "gases", "khi"},
		{"irregular past", "en", "went", ""},
		{"irregular plural", "en", "children", ""},
		{"adjective stems apart", "en", "economic", ""},
		{"two words with a plural", "en", "prime ministers", "thu tuong"},
		{"ru nominative", "ru", "визит", "chuyen tham"},
		{"ru genitive", "ru", "визита", "chuyen tham"},
		{"ru instrumental", "ru", "визитом", "chuyen tham"},
		{"ru plural", "ru", "переговоры", "hoi dam"},
		{"ru prepositional plural", "ru", "переговорах", "hoi dam"},
		{"ru listed form only", "ru", "лета", ""},
		{"ru not stemmed: леди", "ru", "леди", ""},
		{"ru not stemmed: статья", "ru", "статья", ""},
		{"ru more specific prefix", "ru", "медицина", "y hoc"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			toks := Tokenize(tt.q)
			g, n := lx.longestGloss(tt.lang, toks, wordStems(tt.lang, toks), make([]bool, len(toks)), 0)
			got := ""
			if n > 0 {
				got = strings.Join(g.alts[0], " ")
			}
			if got != tt.want || n > 0 && n != len(toks) {
				t.Errorf("longestGloss(%s, %q) = %q (%d words), want %q", tt.lang, tt.q, got, n, tt.want)
			}
		})
	}
}

func TestSnowballStem(t *testing.T) {
	tests := []struct{ lang, word, want string }{
		{"en", "cooperation", "cooper"},
		{"en", "cooperate", "cooper"},
		{"en", "studies", "studi"},
		{"en", "winner", "winner"}, // Porter2 keeps -er: keyMatches' rule catches it
		{"ru", "визитом", ""},      // Russian is not stemmed
		{"vi", "thăm", ""},
	}
	for _, tt := range tests {
		if got := snowballStem(tt.lang, tt.word); got != tt.want {
			t.Errorf("snowballStem(%s, %q) = %q, want %q", tt.lang, tt.word, got, tt.want)
		}
	}
}

// BenchmarkWordStems measures stemming an English question's words, done
// once per question before the glossary lookup.
func BenchmarkWordStems(b *testing.B) {
	toks := Tokenize("When did the prime ministers sign the agreements on economic cooperation and energy investments?")
	for b.Loop() {
		wordStems(LangEnglish, toks)
	}
}
