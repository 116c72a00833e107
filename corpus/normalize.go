package corpus

import (
	"strings"
	"unicode"

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
	return strings.Join(strings.Fields(s), " ")
}
