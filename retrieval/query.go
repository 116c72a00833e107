package retrieval

import (
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// concept is one thing the question asks about: a syllable, or a name
// with all its variants. A sentence covers it when it contains any of the
// alternatives.
type concept struct {
	label     string      // as the user typed it, for --explain
	alts      [][]string  // folded token sequences
	marks     [][]string  // per alternative, the marks it must carry (see marksAgree); nil: any
	strict    bool        // marks come from a data file: a sentence with others has another word
	paras     [][]string  // paraphrases (configs/paraphrases.txt): other words for it
	paraMarks [][]string  // their marked syllables, which a sentence must carry
	weight    float64     // inverse document frequency
	kind      conceptKind // a name or a number weighs differently in the ranking
}

// conceptKind tells names and numbers from other words: a sentence that
// lacks the question's name or year is about something else.
type conceptKind uint8

const (
	kindWord conceptKind = iota
	kindName
	kindNumber
)

// question is an analysed question.
type question struct {
	text          string
	lang          string // vi, en or ru
	typ           QuestionType
	marked        bool // the user typed Vietnamese marks
	concepts      []concept
	bigrams       []string           // folded pairs of adjacent content syllables
	bigramWeights []float64          // mean weight of each bigram's two syllables
	bigramPairs   [][2]string        // the bigrams as syllable pairs
	bigramSet     map[[2]string]bool // the same, for lookups
	weight        float64            // sum of concept weights
	folds         map[string]bool    // every folded syllable of the question
	unknown       float64            // the share of concepts no passage contains
	seq           []string           // the question's folded syllables, question words left out
	focus         []int              // the concepts the question words ask about
	slots         []slot             // where the answer goes: the question words' neighbours
}

// slot is where a question word stands, by its neighbours: "lần thứ" before
// "mấy", "văn kiện" after "bao nhiêu". A sentence that answers puts the
// piece asked for in its place ("lần thứ 5", "11 văn kiện").
type slot struct {
	before, after []string // folded syllables, nearest last and first
}

// nameWeight multiplies the weight of a name the question asks about
// (one of the variants in configs/names.txt).
const nameWeight = 1.5

// vocabulary is what question analysis needs to know of the articles.
type vocabulary interface {
	// idf is the inverse document frequency of a folded syllable.
	idf(fold string) float64
	// has says whether any passage contains the folded syllable.
	has(fold string) bool
	// soundAlikes are the articles' spellings of a foreign name
	// (folded, Latin) written another way; see soundIndex.
	soundAlikes(fold string, russian bool) []string
}

// analyze turns question text (already normalised) into concepts,
// weighed by what v says of the articles. A Vietnamese question's
// abbreviations are first spelled out. It runs in phases, each taking
// the tokens the ones before left: question phrases, glossary terms (of
// English and Russian questions), names (or a longer paraphrase phrase),
// paraphrases, plain words, then bigrams.
func (lx *lexicon) analyze(text string, v vocabulary) question {
	var spelled [][2]int
	if toks := Tokenize(text); len(lx.abbrevs) > 0 && detectLanguage(text, toks, lx.enWords, lx.viWords) == LangVietnamese {
		text, spelled = lx.abbrevs.expand(text, toks)
	}
	a := newAnalysis(lx, v, text)
	a.markSpelled(spelled)
	a.questionPhrases()
	a.askedPerson()
	a.glossaryTerms()
	a.ambiguousAbbreviations()
	a.names()
	a.dateWords()
	a.paraphrases()
	a.plainWords()
	a.dropBareNumbers()
	a.q.unknown = a.unknownShare()
	for i, t := range a.toks {
		if !a.phraseTok[i] {
			a.q.seq = append(a.q.seq, t.Fold)
		}
	}
	for _, c := range a.q.concepts {
		a.q.weight += c.weight
	}
	a.bigrams()
	a.focus()
	a.slots()
	return a.q
}

// focus finds the concepts the question words ask about: the content
// word right after the question phrase ("bao nhiêu văn kiện", "năm
// nào"), else the one right before it ("Đại sứ … là ai"). An answer
// names them.
func (a *questionAnalysis) focus() {
	seen := map[int]bool{}
	for _, p := range a.phrases {
		owner := -1
		for k := p[1]; k < min(len(a.toks), p[1]+2) && owner < 0; k++ {
			owner = a.owner[k]
		}
		for k := p[0] - 1; k >= max(0, p[0]-2) && owner < 0; k-- {
			owner = a.owner[k]
		}
		if owner >= 0 && !seen[owner] && owner < len(a.q.concepts) {
			seen[owner] = true
			a.q.focus = append(a.q.focus, owner)
		}
	}
}

// slotContext is how many syllables on each side of a question word
// place it.
const slotContext = 2

// slots records the neighbours of each question word of a Vietnamese
// question that asks for a date, number, person or place, up to
// slotContext syllables on each side and not crossing another question
// word. A foreign question's word order says nothing of the Vietnamese.
func (a *questionAnalysis) slots() {
	if a.q.lang != LangVietnamese || a.q.typ == TypeOther {
		return
	}
	for _, p := range a.phrases {
		var sl slot
		for k := p[0] - 1; k >= max(0, p[0]-slotContext) && !a.phraseTok[k]; k-- {
			sl.before = append([]string{a.toks[k].Fold}, sl.before...)
		}
		for k := p[1]; k < min(len(a.toks), p[1]+slotContext) && !a.phraseTok[k]; k++ {
			sl.after = append(sl.after, a.toks[k].Fold)
		}
		if len(sl.before) > 0 || len(sl.after) > 0 {
			a.q.slots = append(a.q.slots, sl)
		}
	}
}

// questionAnalysis is a question being analysed.
type questionAnalysis struct {
	lx        *lexicon
	v         vocabulary
	q         question
	toks      []Token
	used      []bool   // consumed by a question phrase, a glossary term or a name
	phraseTok []bool   // part of a question phrase
	owner     []int    // concept index of each token, -1 if none
	phrases   [][2]int // token ranges of the question phrases
	spelled   []bool   // part of a spelled-out abbreviation
}

func newAnalysis(lx *lexicon, v vocabulary, text string) *questionAnalysis {
	toks := Tokenize(text)
	a := &questionAnalysis{lx: lx, v: v, toks: toks, used: make([]bool, len(toks)), phraseTok: make([]bool, len(toks)), owner: make([]int, len(toks)), spelled: make([]bool, len(toks))}
	a.q = question{text: text, folds: map[string]bool{}, bigramSet: map[[2]string]bool{}}
	a.q.lang = detectLanguage(text, toks, lx.enWords, lx.viWords)
	for i, t := range toks {
		a.q.folds[t.Fold] = true
		a.q.marked = a.q.marked || t.HasMarks()
		a.owner[i] = -1
	}
	return a
}

// markSpelled records the tokens inside the byte ranges of spelled-out
// abbreviations.
func (a *questionAnalysis) markSpelled(spelled [][2]int) {
	for i, t := range a.toks {
		for _, r := range spelled {
			a.spelled[i] = a.spelled[i] || t.Start >= r[0] && t.End <= r[1]
		}
	}
}

// addConcept records c as owning tokens [i, i+n).
func (a *questionAnalysis) addConcept(c concept, i, n int) {
	for k := i; k < i+n; k++ {
		a.used[k] = true
		a.owner[k] = len(a.q.concepts)
	}
	a.q.concepts = append(a.q.concepts, c)
}

// questionPhrases finds the question words: they set the answer type
// and are not content.
func (a *questionAnalysis) questionPhrases() {
	toks := a.toks
	for i := 0; i < len(toks); i++ {
		for _, p := range a.lx.phrases {
			if i+len(p.words) > len(toks) || !phraseAt(toks[i:], p.words, a.q.marked) || !askedHere(toks, i, p.words) ||
				slices.Contains(a.spelled[i:i+len(p.words)], true) {
				continue
			}
			if a.q.typ == TypeOther {
				a.q.typ = p.typ
			}
			for k := range p.words {
				a.used[i+k] = true
				a.phraseTok[i+k] = true
			}
			a.phrases = append(a.phrases, [2]int{i, i + len(p.words)})
			i += len(p.words) - 1
			break
		}
	}
}

// askedPerson makes a question that asks "which" of a person noun ask
// for a person: "vị Đại sứ Nga nào", "những lãnh đạo nào", "which
// Russian official", "какой посол". The noun stays content: the answer
// names the person with it.
func (a *questionAnalysis) askedPerson() {
	if a.q.typ != TypeOther {
		return
	}
	toks, nouns := a.toks, a.lx.persons[a.q.lang]
	const reach = 4 // syllables between the question word and its noun
	for i, t := range toks {
		var window []Token
		switch a.q.lang {
		case LangVietnamese:
			if t.Fold == "nao" && (!t.HasMarks() || t.Text == "nào") && !a.phraseTok[i] {
				window = toks[max(0, i-reach):i]
			}
		case LangEnglish:
			if t.Fold == "which" || t.Fold == "what" {
				window = toks[i+1 : min(len(toks), i+reach)]
			}
		case LangRussian:
			if strings.HasPrefix(t.Fold, "как") && t.Fold != "как" && a.phraseTok[i] {
				window = toks[i+1 : min(len(toks), i+reach)]
			}
		}
		for k := range window {
			for _, n := range nouns {
				if nounAt(window[k:], n, a.q.lang == LangVietnamese) {
					a.q.typ = TypePerson
					return
				}
			}
		}
	}
}

// nounAt reports whether toks open with the noun: its folded syllables,
// or, in English and Russian, a word its stem begins.
func nounAt(toks []Token, noun []string, whole bool) bool {
	if len(toks) < len(noun) {
		return false
	}
	for k, s := range noun {
		if whole && toks[k].Fold != s || !whole && !strings.HasPrefix(toks[k].Fold, s) {
			return false
		}
	}
	return true
}

// glossaryTerms turns the terms of a foreign question into their
// Vietnamese renderings, longest match first.
func (a *questionAnalysis) glossaryTerms() {
	if a.q.lang == LangVietnamese {
		return
	}
	toks := a.toks
	stems := wordStems(a.q.lang, toks)
	for i := 0; i < len(toks); i++ {
		if a.used[i] {
			continue
		}
		g, n := a.lx.longestGloss(a.q.lang, toks, stems, a.used, i)
		if n == 0 {
			continue
		}
		c := concept{label: a.q.text[toks[i].Start:toks[i+n-1].End], alts: g.alts, marks: g.marks, strict: true}
		c.weight = math.Inf(1)
		for _, alt := range g.alts {
			w := 0.0
			for _, f := range alt {
				w = math.Max(w, a.v.idf(f))
			}
			c.weight = math.Min(c.weight, w)
		}
		a.addConcept(c, i, n)
		i += n - 1
	}
}

// names finds name variants, longest match first.
func (a *questionAnalysis) names() {
	toks := a.toks
	for i := 0; i < len(toks); i++ {
		if a.used[i] {
			continue
		}
		hits, n := a.lx.names.matches(toks, a.used, i, false)
		// A paraphrase phrase of several words, longer than any name
		// here, is taken first (leftmost longest): it may hold a name
		// ("người đứng đầu nước Nga") or a date word ("Cách mạng tháng
		// 10") that the later phases would take apart.
		if phits, pn := a.lx.paraphrases.matches(toks, a.used, i, true); pn > 1 && pn > n {
			a.addParaphrase(phits, i, pn)
			i += pn - 1
			continue
		}
		if n == 0 {
			continue
		}
		c := concept{label: a.q.text[toks[i].Start:toks[i+n-1].End], alts: a.lx.names.groups[hits[0].group], kind: kindName}
		c.weight = nameIDF(c.alts, a.v)
		if c.weight == 0 { // no article spells it: as rare as the words typed
			for k := i; k < i+n; k++ {
				c.weight = math.Max(c.weight, a.v.idf(toks[k].Fold))
			}
		}
		// The people and places a question names anchor it: a sentence
		// about another leader's phone call is not the answer.
		c.weight *= nameWeight
		a.addConcept(c, i, n)
		i += n - 1
	}
}

// nameIDF weighs a name (or an abbreviation's readings) by its
// commonest spelling in the articles, each spelling by its rarest
// syllable, whichever the question typed: "VN", which news spells "Việt
// Nam", is as common as Việt Nam. It is 0 when no article holds any
// spelling.
func nameIDF(alts [][]string, v vocabulary) float64 {
	best := 0.0
	for _, alt := range alts {
		w, known := 0.0, true
		for _, s := range alt {
			known = known && v.has(s)
			w = math.Max(w, v.idf(s))
		}
		if known && (best == 0 || w < best) {
			best = w
		}
	}
	return best
}

// dateWords drops "ngày", "tháng", "năm" (day, month, year) before a
// number: "ngày 14 tháng 1" is the date "14/1" that news writes without
// them, so only the numbers are content.
func (a *questionAnalysis) dateWords() {
	for i := 0; i+1 < len(a.toks); i++ {
		switch a.toks[i].Fold {
		case "ngay", "thang", "nam":
			if !a.used[i] && isDigits(a.toks[i+1].Text) {
				a.used[i] = true
			}
		}
	}
}

// paraphrases finds words and phrases of the paraphrase list: the
// concept is the word as asked, and the other words of its group are its
// paraphrases, which the ranking credits apart (fParaphrase).
func (a *questionAnalysis) paraphrases() {
	toks := a.toks
	for i := 0; i < len(toks); i++ {
		if a.used[i] {
			continue
		}
		hits, n := a.lx.paraphrases.matches(toks, a.used, i, true)
		// A function word ("đến") is no content; a phrase that opens
		// with one ("bà con") is.
		if n == 0 || n == 1 && a.lx.isStop(toks[i]) {
			continue
		}
		a.addParaphrase(hits, i, n)
		i += n - 1
	}
}

// addParaphrase adds the n tokens from i, a phrase of the paraphrase
// list, as a concept whose paraphrases are the other phrases of its
// groups.
func (a *questionAnalysis) addParaphrase(hits []variantHit, i, n int) {
	toks := a.toks
	c := concept{label: a.q.text[toks[i].Start:toks[i+n-1].End], alts: [][]string{foldsOf(toks[i : i+n])},
		marks: [][]string{typedMarks(toks[i : i+n])}}
	for _, h := range hits { // a word in several groups has the paraphrases of each
		for k, alt := range a.lx.paraphrases.groups[h.group] {
			if k != h.variant {
				c.paras = append(c.paras, alt)
				c.paraMarks = append(c.paraMarks, a.lx.paraphrases.marks[h.group][k])
			}
		}
	}
	for k := i; k < i+n; k++ {
		c.weight = math.Max(c.weight, a.v.idf(toks[k].Fold))
	}
	a.addConcept(c, i, n)
}

// dropBareNumbers empties a question whose only content is numbers or
// single characters ("1", "a 5"): it has nothing to look up, and a
// sentence holding "14/1" is no answer to "1".
func (a *questionAnalysis) dropBareNumbers() {
	for _, c := range a.q.concepts {
		if c.kind != kindNumber && utf8.RuneCountInString(c.label) > 1 {
			return
		}
	}
	a.q.concepts = nil
}

// unknownShare is the share of the concepts that no passage contains in
// any of their forms: a question about what the articles never mention
// ("giá vàng", "Navalny") is rarely answerable.
func (a *questionAnalysis) unknownShare() float64 {
	if len(a.q.concepts) == 0 {
		return 0
	}
	unknown := 0
	for _, c := range a.q.concepts {
		known := false
		for _, alt := range c.alts {
			all := true
			for _, f := range alt {
				all = all && a.v.has(f)
			}
			known = known || all
		}
		if !known {
			unknown++
		}
	}
	return float64(unknown) / float64(len(a.q.concepts))
}

// shape is what the answerability model needs to know of the question.
func (q question) shape() QuestionShape {
	return QuestionShape{Lang: q.lang, Type: q.typ, Marked: q.marked, Concepts: len(q.concepts), Unknown: q.unknown}
}

// plainWords makes a concept of each remaining content syllable.
func (a *questionAnalysis) plainWords() {
	seen := map[string]int{}
	for i, t := range a.toks {
		if a.used[i] || a.lx.isStop(t) || a.unknownStop(t) {
			continue
		}
		if j, ok := seen[t.Text]; ok {
			a.owner[i] = j
			continue
		}
		c := a.plainWord(t)
		seen[t.Text] = len(a.q.concepts)
		a.owner[i] = len(a.q.concepts)
		a.q.concepts = append(a.q.concepts, c)
	}
}

// unknownStop reports an unmarked syllable that folds to a stop word and
// to a content word (ambiguousFolds) when no passage holds it: the
// articles cannot hold the content word, so it is the stop word ("nao"
// is "nào" when no article says "não").
func (a *questionAnalysis) unknownStop(t Token) bool {
	return !t.HasMarks() && a.lx.ambiguousStops[t.Fold] && !a.v.has(t.Fold)
}

// plainWord weighs one content syllable. A foreign word is looked up
// among the articles' spellings of names when capitalised, and weighs
// nothing when neither the lexicons nor the articles know it.
func (a *questionAnalysis) plainWord(t Token) concept {
	q, v := &a.q, a.v
	fold := t.Fold
	if q.lang == LangRussian && hasCyrillic(fold) {
		fold = transliterate(fold) // an unknown name, most likely
	}
	c := concept{label: t.Text, alts: [][]string{{fold}}, weight: v.idf(fold)}
	if strings.ContainsAny(fold, "0123456789") {
		c.kind = kindNumber
	}
	if d := numberDigits(t.Text); d != "" {
		// "mười một văn kiện" is written "11 văn kiện".
		c.alts = append(c.alts, []string{d})
	}
	if q.lang == LangVietnamese {
		if fix := typoFix(fold, v); fix != "" {
			c.alts = append(c.alts, []string{fix})
			c.weight = v.idf(fix)
		}
	}
	if q.lang != LangVietnamese && !v.has(fold) {
		if isCapitalized(q.text[t.Start:t.End]) && !opensQuestion(q.text, t) {
			// A name as the question's language spells it: add the
			// articles' spellings that sound alike, and weigh the
			// concept by the rarest of them. The question's first word
			// is capitalised whatever it is ("Besides…").
			if alike := v.soundAlikes(fold, q.lang == LangRussian); len(alike) > 0 {
				c.weight = 0
				c.kind = kindName
				for _, s := range alike {
					c.alts = append(c.alts, []string{s})
					c.weight = math.Max(c.weight, v.idf(s))
				}
			}
		} else if !strings.ContainsAny(fold, "0123456789") {
			// A foreign word neither the lexicons nor the articles
			// know is vocabulary vnru cannot translate, not a sign
			// that the articles lack the answer: it weighs nothing.
			// Numbers ("2023") are written the same in every
			// language and keep their weight.
			c.weight = 0
		}
	}
	if t.HasMarks() {
		c.marks = [][]string{{t.Text}}
	}
	return c
}

// opensQuestion reports whether t is the question's first word.
func opensQuestion(text string, t Token) bool {
	return strings.IndexFunc(text[:t.Start], unicode.IsLetter) < 0
}

// bigrams pairs adjacent syllables of Vietnamese questions (a foreign
// question's word order says nothing about the Vietnamese text), for
// word order: at least one of the two is content ("đại sứ", "nam tại",
// "tại nga" tell "Đại sứ Việt Nam tại Nga" from "Đại sứ Nga tại Việt
// Nam"), neither is a question word, and they are not one name.
func (a *questionAnalysis) bigrams() {
	if a.q.lang != LangVietnamese {
		return
	}
	q, toks := &a.q, a.toks
	for i := 1; i < len(toks); i++ {
		x, y := a.owner[i-1], a.owner[i]
		if x < 0 && y < 0 || x == y || a.phraseTok[i-1] || a.phraseTok[i] {
			continue
		}
		q.bigrams = append(q.bigrams, bigram(toks[i-1].Fold, toks[i].Fold))
		pair := [2]string{toks[i-1].Fold, toks[i].Fold}
		q.bigramPairs = append(q.bigramPairs, pair)
		q.bigramSet[pair] = true
		q.bigramWeights = append(q.bigramWeights, (a.v.idf(toks[i-1].Fold)+a.v.idf(toks[i].Fold))/2)
	}
}

// askedHere tells a question word typed without marks from the content
// word it folds to: "dau" is "đâu" (where) in "o dau" or at the end of
// the question, but "đầu" in "dau tien" (first); "may" is "mấy" (how
// many) in "may nguoi" or "lan thu may", but "máy" in "may bay".
func askedHere(toks []Token, i int, words []string) bool {
	if len(words) != 1 || toks[i].HasMarks() || i == len(toks)-1 {
		return true
	}
	prev, next := "", toks[i+1].Fold
	if i > 0 {
		prev = toks[i-1].Fold
	}
	switch words[0] {
	case "đâu":
		return prev == "o" || prev == "tai" || prev == "tu" || prev == "den" || prev == "di" || prev == "ve" || prev == "noi"
	case "mấy":
		return prev == "thu" || countWord(next)
	}
	return true
}

// countWord reports a folded word that follows "mấy" when it asks how
// many: a unit or a classifier ("mấy người", "mấy năm", "mấy chiếc").
func countWord(fold string) bool {
	switch fold {
	case "nguoi", "lan", "nam", "ngay", "thang", "tuan", "gio", "phut", "chiec", "cai", "con", "tuoi",
		"nuoc", "ben", "van", "ty", "trieu", "nghin", "ngan", "tram", "muoi", "doi", "chuyen", "loai", "ban":
		return true
	}
	return false
}

// phraseAt reports whether toks open with the question phrase. In a
// question typed with marks an unmarked syllable is itself: "Việt Nam
// bao nhiêu" does not hold "năm bao nhiêu".
func phraseAt(toks []Token, words []string, marked bool) bool {
	for k, w := range words {
		if marked && toks[k].Text != w || !wordMatches(toks[k], w) {
			return false
		}
	}
	return true
}

// isCapitalized says whether a word starts with a capital letter, as
// names do in English and Russian.
func isCapitalized(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

func hasCyrillic(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Cyrillic, r) {
			return true
		}
	}
	return false
}

// terms lists the folded syllables and bigrams a candidate passage should
// contain, for the index query.
func (q question) terms() (unigrams, bigrams []string) {
	seen := map[string]bool{}
	add := func(list *[]string, s string) {
		if !seen[s] {
			seen[s] = true
			*list = append(*list, s)
		}
	}
	for _, c := range q.concepts {
		for _, alt := range c.alts {
			if len(alt) == 1 {
				add(&unigrams, alt[0])
				continue
			}
			for k := 1; k < len(alt); k++ {
				add(&bigrams, bigram(alt[k-1], alt[k]))
			}
		}
	}
	for _, b := range q.bigrams {
		add(&bigrams, b)
	}
	return unigrams, bigrams
}

// explain describes the questionAnalysis for `vnru ask --explain`.
func (q question) explain() string {
	var b strings.Builder
	b.WriteString("lang=" + q.lang + " type=")
	if q.typ == TypeOther {
		b.WriteString("-")
	} else {
		b.WriteString(string(q.typ))
	}
	for _, c := range q.concepts {
		b.WriteString(" [")
		b.WriteString(c.label)
		if len(c.alts) > 1 {
			var alts []string
			for _, a := range c.alts {
				alts = append(alts, strings.Join(a, " "))
			}
			b.WriteString(" = " + strings.Join(alts, " | "))
		}
		b.WriteString(" w=")
		b.WriteString(strconv.FormatFloat(c.weight, 'f', 2, 64))
		b.WriteString("]")
	}
	if len(q.bigrams) > 0 {
		b.WriteString(" bigrams=" + strings.Join(q.bigrams, ","))
	}
	return b.String()
}

// numberDigits is the digits of a Vietnamese number word, or "" ("năm",
// five, is left out: in questions it is far more often "year").
func numberDigits(word string) string {
	switch word {
	case "một":
		return "1"
	case "hai":
		return "2"
	case "ba":
		return "3"
	case "bốn", "tư":
		return "4"
	case "sáu":
		return "6"
	case "bảy":
		return "7"
	case "tám":
		return "8"
	case "chín":
		return "9"
	case "mười":
		return "10"
	}
	return ""
}
