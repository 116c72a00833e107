package retrieval

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/vnru/vnru/corpus"
)

// Token is one syllable (or word, or number) of a text.
type Token struct {
	Text       string // lower case, NFC
	Fold       string // Text without tone or vowel marks, "đ" as "d"
	Start, End int    // byte offsets in the text
}

// HasMarks reports whether the token carries Vietnamese marks.
func (t Token) HasMarks() bool { return t.Text != t.Fold }

// Tokenize splits text into lower-case syllables. Vietnamese writes one
// syllable per space-separated word, so syllables are runs of letters,
// marks and digits; hyphens and slashes split ("Pu-tin", "15/1"), while
// dots and commas inside numbers ("1.000") and dots between capitals
// ("TP.HCM") do not. The text should be NFC (see corpus.NormalizeText);
// offsets refer to it as given.
func Tokenize(text string) []Token {
	var out []Token
	start := -1
	var prev rune
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case isWordRune(r):
			if start < 0 {
				start = i
			}
		case start >= 0 && (r == '.' || r == ',') && i+size < len(text):
			next, _ := utf8.DecodeRuneInString(text[i+size:])
			joins := unicode.IsDigit(prev) && unicode.IsDigit(next) ||
				r == '.' && unicode.IsUpper(prev) && unicode.IsUpper(next)
			if !joins {
				out = appendToken(out, text, start, i)
				start = -1
			}
		default:
			if start >= 0 {
				out = appendToken(out, text, start, i)
				start = -1
			}
		}
		prev = r
		i += size
	}
	if start >= 0 {
		out = appendToken(out, text, start, len(text))
	}
	return out
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

func appendToken(out []Token, text string, start, end int) []Token {
	lower := strings.ToLower(text[start:end])
	return append(out, Token{Text: lower, Fold: Fold(lower), Start: start, End: end})
}

// Fold removes Vietnamese marks; see corpus.Fold.
func Fold(s string) string { return corpus.Fold(s) }

// HasMarks reports whether s carries any mark that Fold would remove.
func HasMarks(s string) bool { return Fold(s) != s }
