package corpus

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Sentence is one sentence of a text, with its byte offsets:
// text[Start:End] == Text. Sentences never include the white space
// between them.
type Sentence struct {
	Text       string
	Start, End int
}

// abbreviations end with a dot that does not end a sentence. They are
// matched case-sensitively against the word before the dot.
var abbreviations = map[string]bool{
	"TP": true, "Tp": true, "TS": true, "PGS": true, "GS": true, "ThS": true,
	"BS": true, "KS": true, "TT": true, "Q": true, "P": true, "NXB": true,
	"Mr": true, "Mrs": true, "Ms": true, "Dr": true, "St": true, "Prof": true,
	"v.v": true, "Vs": true, "vs": true, "No": true, "tr": true,
}

// SplitSentences splits news text into sentences. A sentence ends at
// ".", "!", "?" (with any closing quotes or brackets after them) when white
// space and then a capital letter, a digit or an opening quote follow, and
// at every line break. It does not split after an initial ("V. Putin"),
// a listed abbreviation ("TP. Hồ Chí Minh"), inside numbers and names
// ("1.000", "TP.HCM", "14/1"), before a photo credit ("(Ảnh: TTXVN)"),
// or at an ellipsis. The offsets are byte offsets into text.
func SplitSentences(text string) []Sentence {
	var out []Sentence
	start := -1 // start of the current sentence, -1 between sentences
	emit := func(end int) {
		if start < 0 {
			return
		}
		end = start + len(strings.TrimRightFunc(text[start:end], unicode.IsSpace))
		if end > start {
			out = append(out, Sentence{Text: text[start:end], Start: start, End: end})
		}
		start = -1
	}
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == '\n':
			emit(i)
		case start < 0 && !unicode.IsSpace(r):
			start = i
		}
		if start >= 0 && isTerminator(r) {
			end := endOfTerminators(text, i)
			if endsSentence(text, start, i, end) {
				emit(end)
				i = end
				continue
			}
			i = end
			continue
		}
		i += size
	}
	emit(len(text))
	return out
}

func isTerminator(r rune) bool {
	return r == '.' || r == '!' || r == '?' || r == '…'
}

func isCloser(r rune) bool {
	switch r {
	case '"', '”', '’', '»', ')', ']', '\'':
		return true
	}
	return false
}

func isOpener(r rune) bool {
	switch r {
	case '"', '“', '‘', '«', '\'':
		return true
	}
	return false
}

// endOfTerminators returns the end of the run of terminators and closing
// quotes or brackets that starts at i.
func endOfTerminators(text string, i int) int {
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !isTerminator(r) && !isCloser(r) {
			break
		}
		i += size
	}
	return i
}

// endsSentence decides whether the terminator run text[i:end] ends the
// sentence that began at start.
func endsSentence(text string, start, i, end int) bool {
	run := text[i:end]
	if end == len(text) {
		return true
	}
	next, _ := utf8.DecodeRuneInString(text[end:])
	if !unicode.IsSpace(next) {
		return false // "1.000", "TP.HCM", "thoidai.com.vn", "”,"
	}
	rest := strings.TrimLeft(text[end:], " \t")
	if rest == "" || rest[0] == '\n' {
		return true
	}
	first, _ := utf8.DecodeRuneInString(rest)
	if !unicode.IsUpper(first) && !unicode.IsDigit(first) && !isOpener(first) {
		return false
	}
	strong := strings.ContainsAny(run, "!?")
	if !strong && (strings.Contains(run, "…") || strings.Contains(run, "..")) {
		return false // an ellipsis trails off; it rarely ends a news sentence
	}
	if !strong && run[0] == '.' {
		word := wordBefore(text[start:i])
		if utf8.RuneCountInString(word) == 1 && unicode.IsUpper([]rune(word)[0]) {
			return false // an initial: "V. Putin", "D. Medvedev"
		}
		if abbreviations[word] {
			return false
		}
	}
	return true
}

// wordBefore returns the letters and inner dots that end s ("TP", "v.v").
func wordBefore(s string) string {
	j := len(s)
	for j > 0 {
		r, size := utf8.DecodeLastRuneInString(s[:j])
		if !unicode.IsLetter(r) && r != '.' {
			break
		}
		j -= size
	}
	return strings.TrimLeft(s[j:], ".")
}
