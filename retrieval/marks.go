package retrieval

import (
	"strings"

	"golang.org/x/text/unicode/norm"
)

// sameMarks reports whether two lower-case NFC syllables that fold alike
// are the same word: the same letters and the same tone, wherever the
// tone mark sits (old "hoà" and new "hòa" placement).
func sameMarks(a, b string) bool {
	return a == b || toneKey(a) == toneKey(b)
}

// toneKey is s with its tone mark moved to the end, so placement does
// not matter: the syllable's letters (vowel marks kept) and then its
// tone, one of the five combining tone marks or none.
func toneKey(s string) string {
	var letters strings.Builder
	var tone rune
	for _, r := range norm.NFD.String(s) {
		switch r {
		case '\u0300', '\u0301', '\u0303', '\u0309', '\u0323': // huyền, sắc, ngã, hỏi, nặng
			tone = r
		default:
			letters.WriteRune(r)
		}
	}
	key := norm.NFC.String(letters.String())
	if tone != 0 {
		key += string(tone)
	}
	return key
}

// marksAgree reports whether toks, which fold to a concept's alternative,
// carry the marks it asks for: want holds one lower-case syllable per
// token, "" where any marks do (a syllable the user typed unmarked).
func marksAgree(want []string, toks []Token) bool {
	for k, w := range want {
		if w != "" && !sameMarks(toks[k].Text, w) {
			return false
		}
	}
	return true
}

// typedMarks are the syllables of a question's words to check against
// the articles: those the user typed with marks, "" for the others.
func typedMarks(toks []Token) []string {
	out := make([]string, len(toks))
	for i, t := range toks {
		if t.HasMarks() {
			out[i] = t.Text
		}
	}
	return out
}
