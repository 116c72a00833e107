package retrieval

import "strings"

// abbreviations are what Vietnamese abbreviations ("TBT", "QH", "VN")
// stand for, by the abbreviation's folded form: a question that says
// "tbt tiep dsq nga" asks about the Tổng Bí thư and the Đại sứ quán,
// which news spells out. Some have two readings ("TT" is Thủ tướng or
// Tổng thống).
type abbreviations map[string][]string

// newAbbreviations reads entries of an abbreviation, then what it stands
// for, one reading after another (configs/abbreviations.txt).
func newAbbreviations(entries [][]string) abbreviations {
	ab := abbreviations{}
	for _, e := range entries {
		if len(e) >= 2 {
			ab[Fold(strings.ToLower(e[0]))] = e[1:]
		}
	}
	return ab
}

// expand spells out the abbreviations of one reading in a question: with
// marks when the question has them, folded when it has none, so that the
// expansion does not make an unmarked question look marked. It returns
// the byte ranges of the spellings in the new text, which no question
// phrase may use: "vn may lan" spelled "viet nam may lan" does not ask
// "năm mấy". toks are the text's tokens.
func (ab abbreviations) expand(text string, toks []Token) (string, [][2]int) {
	if len(ab) == 0 {
		return text, nil
	}
	marked := false
	for _, t := range toks {
		marked = marked || t.HasMarks()
	}
	var b strings.Builder
	var spelled [][2]int
	last := 0
	for _, t := range toks {
		readings := ab[t.Fold]
		if len(readings) != 1 {
			continue
		}
		full := readings[0]
		if !marked {
			full = Fold(strings.ToLower(full))
		}
		b.WriteString(text[last:t.Start])
		spelled = append(spelled, [2]int{b.Len(), b.Len() + len(full)})
		b.WriteString(full)
		last = t.End
	}
	if last == 0 {
		return text, nil
	}
	b.WriteString(text[last:])
	return b.String(), spelled
}

// ambiguousAbbreviations makes a concept of each abbreviation with
// several readings: a sentence saying any of them covers it, and it
// weighs what its commonest reading does.
func (a *questionAnalysis) ambiguousAbbreviations() {
	if a.q.lang != LangVietnamese {
		return
	}
	for i, t := range a.toks {
		readings := a.lx.abbrevs[t.Fold]
		if a.used[i] || len(readings) < 2 {
			continue
		}
		c := concept{label: t.Text}
		for _, r := range readings {
			c.alts = append(c.alts, foldsOf(Tokenize(r)))
		}
		if c.weight = nameIDF(c.alts, a.v); c.weight == 0 { // no article spells any reading
			c.weight = a.v.idf(t.Fold)
		}
		a.addConcept(c, i, 1)
	}
}
