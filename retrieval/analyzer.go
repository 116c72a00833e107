package retrieval

import (
	"strings"
	"sync"
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
func Tokenize(text string) []Token { return tokenize(text, nil) }

// tokenize is Tokenize with an optional cache of word forms.
func tokenize(text string, forms *formCache) []Token {
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
				out = appendToken(out, text, start, i, forms)
				start = -1
			}
		default:
			if start >= 0 {
				out = appendToken(out, text, start, i, forms)
				start = -1
			}
		}
		prev = r
		i += size
	}
	if start >= 0 {
		out = appendToken(out, text, start, len(text), forms)
	}
	return out
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

func appendToken(out []Token, text string, start, end int, forms *formCache) []Token {
	lower, fold := forms.get(text[start:end])
	return append(out, Token{Text: lower, Fold: fold, Start: start, End: end})
}

// formCache remembers the lower-case and folded forms of words: a corpus
// has a few tens of thousands of distinct syllables, and ranking
// tokenizes the same passages again and again. It is bounded, safe for
// concurrent use, and a nil *formCache computes every time.
type formCache struct {
	mu    sync.RWMutex
	forms map[string][2]string
}

// maxCachedForms bounds the cache: past it, new words are computed, not
// stored (a corpus' vocabulary fits well below).
const maxCachedForms = 500_000

func newFormCache() *formCache { return &formCache{forms: map[string][2]string{}} }

func (c *formCache) get(word string) (lower, fold string) {
	if c != nil {
		c.mu.RLock()
		f, ok := c.forms[word]
		c.mu.RUnlock()
		if ok {
			return f[0], f[1]
		}
	}
	lower = strings.ToLower(word)
	fold = Fold(lower)
	if c != nil {
		c.mu.Lock()
		if len(c.forms) < maxCachedForms {
			c.forms[strings.Clone(word)] = [2]string{lower, fold}
		}
		c.mu.Unlock()
	}
	return lower, fold
}

// Fold removes Vietnamese marks; see corpus.Fold.
func Fold(s string) string { return corpus.Fold(s) }

// HasMarks reports whether s carries any mark that Fold would remove.
func HasMarks(s string) bool { return Fold(s) != s }
