package retrieval

import (
	"strings"
	"unicode"
)

// Languages a question can be in.
const (
	LangVietnamese = "vi"
	LangEnglish    = "en"
	LangRussian    = "ru"
)

// DetectLanguage tells Vietnamese (with or without marks), English and
// Russian apart from the text itself: the script, Vietnamese marks, and
// which function words and syllable shapes it uses. Vietnamese, the
// product's language, wins ties.
func DetectLanguage(text string) string {
	return detectLanguage(text, Tokenize(text), englishWords(), vietnameseSyllables())
}

func detectLanguage(text string, toks []Token, en, vi map[string]bool) string {
	var cyrillic, latin int
	for _, r := range text {
		switch {
		case unicode.Is(unicode.Cyrillic, r):
			cyrillic++
		case unicode.Is(unicode.Latin, r):
			latin++
		}
	}
	if cyrillic > latin {
		return LangRussian
	}
	if HasMarks(text) {
		return LangVietnamese
	}
	var enScore, viScore int
	for _, t := range toks {
		w := strings.ToLower(t.Text) // "When", "Who": a question opens capitalised
		if en[w] {
			enScore++
		}
		if vi[w] {
			viScore++
		}
	}
	if enScore > viScore {
		return LangEnglish
	}
	return LangVietnamese
}

// englishWords are common English function and question words.
func englishWords() map[string]bool {
	return wordSet(`the a an of to in on at for with by from and or is are was were be been did do does
		has have had when who whom what which where why how many much first time visit visited
		this that it its his her their between during after before about will would could not
		russia russian russians vietnam vietnamese minister president prime secretary ambassador
		talks agreement agreements meeting met meet said say says sign signed year years`)
}

// vietnameseSyllables are frequent Vietnamese syllables written without
// marks, as people type them; none is an English word.
func vietnameseSyllables() map[string]bool {
	return wordSet(`khi nao bao gio nhieu ai la cua va cac nhung duoc da se co khong tham viet nam nga
		thu tuong tong thong bi dai su hop tac quan he ngoai giao chu tich dau gi ngay thang lan tien
		ve voi tai cho trong nuoc hai ben chinh phu lien bang ky ket doi chien luoc toan dien nhat
		moi sao vay the nhu tu den nay nguoi cung dang hoi dam dien`)
}

func wordSet(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}
