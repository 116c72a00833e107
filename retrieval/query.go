package retrieval

import (
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// concept is one thing the question asks about: a syllable, or a name
// with all its variants. A sentence covers it when it contains any of the
// alternatives.
type concept struct {
	label  string     // as the user typed it, for --explain
	alts   [][]string // folded token sequences
	exact  string     // the marked syllable the user typed; "" when unmarked or a name
	weight float64    // inverse document frequency
}

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
// weighed by what v says of the articles.
func (lx *lexicon) analyze(text string, v vocabulary) question {
	idf := v.idf
	toks := Tokenize(text)
	q := question{text: text, folds: map[string]bool{}, bigramSet: map[[2]string]bool{}}
	q.lang = detectLanguage(text, toks, lx.enWords, lx.viWords)
	for _, t := range toks {
		q.folds[t.Fold] = true
	}
	for _, t := range toks {
		if t.HasMarks() {
			q.marked = true
			break
		}
	}
	used := make([]bool, len(toks))      // consumed by a question phrase or a name
	phraseTok := make([]bool, len(toks)) // part of a question phrase
	owner := make([]int, len(toks))      // concept index of each token, -1 if none
	for i := range owner {
		owner[i] = -1
	}

	// Question phrases: the answer type, and words that are not content.
	for i := 0; i < len(toks); i++ {
		for _, p := range lx.phrases {
			if i+len(p.words) > len(toks) || !phraseAt(toks[i:], p.words) || !askedHere(toks, i, p.words) {
				continue
			}
			if q.typ == TypeOther {
				q.typ = p.typ
			}
			for k := range p.words {
				used[i+k] = true
				phraseTok[i+k] = true
			}
			i += len(p.words) - 1
			break
		}
	}

	// Foreign questions: glossary terms become their Vietnamese
	// renderings, longest match first.
	for i := 0; i < len(toks) && q.lang != LangVietnamese; i++ {
		if used[i] {
			continue
		}
		g, n := lx.longestGloss(q.lang, toks, used, i)
		if n == 0 {
			continue
		}
		c := concept{label: text[toks[i].Start:toks[i+n-1].End], alts: g.alts}
		c.weight = math.Inf(1)
		for _, alt := range g.alts {
			w := 0.0
			for _, f := range alt {
				w = math.Max(w, idf(f))
			}
			c.weight = math.Min(c.weight, w)
		}
		for k := i; k < i+n; k++ {
			used[k] = true
			owner[k] = len(q.concepts)
		}
		q.concepts = append(q.concepts, c)
		i += n - 1
	}

	// Names and their variants, longest match first.
	for i := 0; i < len(toks); i++ {
		if used[i] {
			continue
		}
		g, n := lx.longestName(toks, used, i)
		if n == 0 {
			continue
		}
		c := concept{label: text[toks[i].Start:toks[i+n-1].End], alts: lx.synonyms[g]}
		for k := i; k < i+n; k++ {
			used[k] = true
			owner[k] = len(q.concepts)
			c.weight = math.Max(c.weight, idf(toks[k].Fold))
		}
		// The people and places a question names anchor it: a sentence
		// about another leader's phone call is not the answer.
		c.weight *= nameWeight
		q.concepts = append(q.concepts, c)
		i += n - 1
	}

	// The remaining content syllables.
	seen := map[string]int{}
	for i, t := range toks {
		if used[i] || lx.isStop(t) {
			continue
		}
		if j, ok := seen[t.Text]; ok {
			owner[i] = j
			continue
		}
		fold := t.Fold
		if q.lang == LangRussian && hasCyrillic(fold) {
			fold = transliterate(fold) // an unknown name, most likely
		}
		c := concept{label: t.Text, alts: [][]string{{fold}}, weight: idf(fold)}
		if q.lang != LangVietnamese && !v.has(fold) {
			if isCapitalized(text[t.Start:t.End]) {
				// A name as the question's language spells it: add the
				// articles' spellings that sound alike, and weigh the
				// concept by the rarest of them.
				if alike := v.soundAlikes(fold, q.lang == LangRussian); len(alike) > 0 {
					c.weight = 0
					for _, a := range alike {
						c.alts = append(c.alts, []string{a})
						c.weight = math.Max(c.weight, idf(a))
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
			c.exact = t.Text
		}
		seen[t.Text] = len(q.concepts)
		owner[i] = len(q.concepts)
		q.concepts = append(q.concepts, c)
	}
	for _, c := range q.concepts {
		q.weight += c.weight
	}

	// Bigrams of adjacent syllables (of Vietnamese questions: a foreign
	// question's word order says nothing about the Vietnamese text), for
	// word order: at least one of the
	// two is content ("đại sứ", "nam tại", "tại nga" tell "Đại sứ Việt
	// Nam tại Nga" from "Đại sứ Nga tại Việt Nam"), neither is a question
	// word, and they are not one name.
	for i := 1; i < len(toks) && q.lang == LangVietnamese; i++ {
		a, b := owner[i-1], owner[i]
		if a < 0 && b < 0 || a == b || phraseTok[i-1] || phraseTok[i] {
			continue
		}
		q.bigrams = append(q.bigrams, bigram(toks[i-1].Fold, toks[i].Fold))
		pair := [2]string{toks[i-1].Fold, toks[i].Fold}
		q.bigramPairs = append(q.bigramPairs, pair)
		q.bigramSet[pair] = true
		q.bigramWeights = append(q.bigramWeights, (idf(toks[i-1].Fold)+idf(toks[i].Fold))/2)
	}
	return q
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

func phraseAt(toks []Token, words []string) bool {
	for k, w := range words {
		if !wordMatches(toks[k], w) {
			return false
		}
	}
	return true
}

// longestGloss finds the longest glossary term of lang starting at
// toks[i]; it returns the entry and the number of tokens matched. Of two
// terms as long, the more specific wins ("медицин*" over "мед*").
func (lx *lexicon) longestGloss(lang string, toks []Token, used []bool, i int) (best glossEntry, n int) {
	for _, g := range lx.glossaries[lang][glossHead(toks[i].Fold)] {
		if len(g.keys) < n || len(g.keys) == n && g.specificity <= best.specificity || i+len(g.keys) > len(toks) {
			continue
		}
		ok := true
		for k, key := range g.keys {
			if used[i+k] || !keyMatches(lang, key, toks[i+k].Fold) {
				ok = false
				break
			}
		}
		if ok {
			best, n = g, len(g.keys)
		}
	}
	return best, n
}

// keyMatches says whether a glossary key matches a folded word: the
// same word, a stem ("войн*") of it, or for English the word without a
// regular ending ("wars", "founded", "studies").
func keyMatches(lang, key, w string) bool {
	if stem, ok := strings.CutSuffix(key, "*"); ok {
		return strings.HasPrefix(w, stem)
	}
	if w == key {
		return true
	}
	if lang != LangEnglish || len(w) <= len(key) {
		return false
	}
	switch rest := w[len(key):]; {
	case strings.HasPrefix(w, key):
		// war+s, visit+ed, visit+ing, church+es, die+d, plan+ned, big+ger.
		return rest == "s" || rest == "es" || rest == "ed" || rest == "ing" || rest == "d" && strings.HasSuffix(key, "e") ||
			len(rest) == 3 && rest[0] == key[len(key)-1] && (rest[1:] == "ed" || rest[1:] == "er")
	case strings.HasSuffix(key, "y"):
		// stud+y → stud+ies, stud+ied.
		stem := key[:len(key)-1]
		return w == stem+"ies" || w == stem+"ied"
	case strings.HasSuffix(key, "e"):
		// produc+e → produc+ing.
		stem := key[:len(key)-1]
		return w == stem+"ing"
	}
	return false
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

// longestName finds the longest name variant starting at toks[i]. It
// returns the synonym group and the number of tokens matched.
func (lx *lexicon) longestName(toks []Token, used []bool, i int) (group, n int) {
	for _, g := range lx.synIndex[toks[i].Fold] {
		for _, alt := range lx.synonyms[g] {
			if len(alt) <= n || i+len(alt) > len(toks) {
				continue
			}
			ok := true
			for k, f := range alt {
				if used[i+k] || toks[i+k].Fold != f {
					ok = false
					break
				}
			}
			if ok {
				group, n = g, len(alt)
			}
		}
	}
	return group, n
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

// explain describes the analysis for `vnru ask --explain`.
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
