package retrieval

import "strings"

// abbreviations are what Vietnamese abbreviations ("TBT", "QH", "VN")
// stand for, by the abbreviation's folded form: a question that says
// "tbt tiep dsq nga" asks about the Tổng Bí thư and the Đại sứ quán,
// which news spells out.
type abbreviations map[string]string

// newAbbreviations reads entries of an abbreviation, its other
// spellings, then what they stand for (configs/abbreviations.txt).
func newAbbreviations(entries [][]string) abbreviations {
	ab := abbreviations{}
	for _, e := range entries {
		if len(e) < 2 {
			continue
		}
		for _, a := range e[:len(e)-1] {
			ab[Fold(strings.ToLower(a))] = e[len(e)-1]
		}
	}
	return ab
}

// expand spells out the abbreviations of a question: with marks when the
// question has them, folded when it has none, so that the expansion does
// not make an unmarked question look marked.
func (ab abbreviations) expand(text string) string {
	if len(ab) == 0 {
		return text
	}
	toks := Tokenize(text)
	marked := false
	for _, t := range toks {
		marked = marked || t.HasMarks()
	}
	var b strings.Builder
	last := 0
	for _, t := range toks {
		full, ok := ab[t.Fold]
		if !ok {
			continue
		}
		if !marked {
			full = Fold(strings.ToLower(full))
		}
		b.WriteString(text[last:t.Start])
		b.WriteString(full)
		last = t.End
	}
	if last == 0 {
		return text
	}
	b.WriteString(text[last:])
	return b.String()
}
