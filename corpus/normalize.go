package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// NormalizeText puts text into the form every other step expects: NFC
// (users and some sites send decomposed Vietnamese), "\n" line ends, no
// zero-width or bidi control characters, no NUL bytes, and valid UTF-8
// (invalid bytes are dropped).
func NormalizeText(s string) string {
	s = strings.ToValidUTF8(s, "")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.Map(func(r rune) rune {
		switch {
		case r >= ' ' && r < 0x7f:
			return r // printable ASCII, most of any text: nothing to check
		case r == '\r' || r == '\v' || r == '\f':
			return '\n'
		case r == '\u00a0' || r == '\u2007' || r == '\u202f':
			return ' ' // no-break spaces: web pages are full of them
		case r == '\n' || r == '\t':
			return r
		case unicode.Is(unicode.Cf, r) || unicode.IsControl(r):
			return -1 // zero-width, bidi marks, BOM, NUL and other controls
		}
		return r
	}, s)
	return norm.NFC.String(s)
}

// collapseSpace trims s and turns every run of white space into one space.
func collapseSpace(s string) string {
	if collapsed(s) {
		return s // most paragraphs: no copy
	}
	return strings.Join(strings.Fields(s), " ")
}

// collapsed reports whether s has no white space but single spaces
// between words.
func collapsed(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c == ' ' && (i == 0 || i == len(s)-1 || s[i-1] == ' ') || c != ' ' && asciiSpace(c) {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if unicode.IsSpace(r) {
			return false
		}
		i += n
	}
	return true
}

func asciiSpace(c byte) bool { return c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r' }

// Fold removes Vietnamese tone and vowel marks (and any other combining
// marks) and maps "đ" to "d", so "Mát-xcơ-va" and "mat-xco-va" meet. It
// works on NFC and NFD input alike and keeps case.
func Fold(s string) string {
	i := 0
	for i < len(s) && s[i] < utf8.RuneSelf {
		i++
	}
	if i == len(s) {
		return s // ASCII: nothing to fold
	}
	var b strings.Builder
	b.Grow(len(s))
	b.WriteString(s[:i])
	for _, r := range s[i:] {
		if r := foldRune(r); r >= 0 {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// foldTable maps the precomposed Latin letters (U+00C0–U+1EFF, which hold
// every Vietnamese letter) to their base letters. It is computed once and
// only read.
var foldTable = func() []rune {
	t := make([]rune, 0x1F00)
	for r := range t {
		t[r] = rune(r)
		if r < 0xC0 {
			continue
		}
		for _, d := range norm.NFD.String(string(rune(r))) {
			t[r] = d // the first rune of the decomposition is the base letter
			break
		}
	}
	t['đ'], t['Đ'] = 'd', 'D'
	return t
}()

// foldRune returns r without marks, or -1 for a combining mark.
func foldRune(r rune) rune {
	switch {
	case r < utf8.RuneSelf:
		return r
	case unicode.Is(unicode.Mn, r):
		return -1
	case int(r) < len(foldTable):
		return foldTable[r]
	}
	return r
}
