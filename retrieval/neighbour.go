package retrieval

import (
	"unicode"
	"unicode/utf8"

	"github.com/vnru/vnru/corpus"
)

// withNeighbour widens a quote to two sentences when one refers back to
// the other, so the quote reads on its own: "Ông khẳng định…" gets the
// sentence before, which names him; a sentence that lacks what was asked
// and is followed by "Nó được tái lập vào tháng 4 năm 1991" gets that
// one, which likely holds it. The text stays verbatim: one run of the
// passage.
func (e *Engine) withNeighbour(c candidate) candidate {
	pp := e.parsed(c.passage)
	text := pp.text
	i := 0
	for i < len(pp.sents) && pp.sents[i].Start != c.sent.Start {
		i++
	}
	if i == len(pp.sents) {
		return c
	}
	from, to := i, i
	switch {
	case i > 0 && continues(text, c.toks):
		from = i - 1
	case !c.typed && i+1 < len(pp.sents) && continues(text, pp.toks[pp.sents[i+1].from:pp.sents[i+1].to]):
		to = i + 1
	default:
		return c
	}
	first, last := pp.sents[from], pp.sents[to]
	if last.to-first.from > maxQuoteSyllables {
		return c
	}
	c.sent = corpus.Sentence{Text: text[first.Start:last.End], Start: first.Start, End: last.End}
	c.toks = pp.toks[first.from:last.to]
	return c
}

// continues says whether a sentence starts by referring back to the one
// before: a pronoun not followed by a name ("Nó", "Họ", "Ông khẳng…" but
// not "Ông Putin…"), a demonstrative among its first words ("Công ty
// này", "Điều đó", "Sau đó") or a connective ("Tuy nhiên", "Ngoài ra").
// The tokens' offsets are in text.
func continues(text string, toks []Token) bool {
	if len(toks) == 0 {
		return false
	}
	switch toks[0].Text {
	case "nó", "họ", "chúng", "điều", "đây", "tuy", "ngoài", "đồng", "hơn", "bên":
		return true
	case "ông", "bà", "anh", "cô", "chị":
		if len(toks) == 1 {
			return false
		}
		r, _ := utf8.DecodeRuneInString(text[toks[1].Start:])
		return !unicode.IsUpper(r)
	}
	for _, t := range toks[1:min(len(toks), 4)] {
		switch t.Text {
		case "này", "đó", "ấy", "vậy":
			return true
		}
	}
	return false
}
