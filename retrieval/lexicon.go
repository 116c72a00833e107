package retrieval

import "strings"

// QuestionType is what kind of answer a question asks for.
type QuestionType string

// Question types recognised from question words.
const (
	TypeOther  QuestionType = ""
	TypeDate   QuestionType = "date"   // khi nào, bao giờ, năm nào, when, когда
	TypeNumber QuestionType = "number" // bao nhiêu, mấy, how many, сколько
	TypePerson QuestionType = "person" // ai, who, кто
	TypePlace  QuestionType = "place"  // ở đâu, where, где
)

// questionPhrases map question words to the answer type they ask for.
// They carry no content, so they never count as terms to match. Longer
// phrases are tried first.
func questionPhrases() map[string]QuestionType {
	return map[string]QuestionType{
		"khi nào": TypeDate, "bao giờ": TypeDate, "năm nào": TypeDate, "ngày nào": TypeDate,
		"tháng nào": TypeDate, "lúc nào": TypeDate, "hồi nào": TypeDate, "dịp nào": TypeDate,
		"thời gian nào": TypeDate, "thời điểm nào": TypeDate, "vào năm nào": TypeDate, "ngày bao nhiêu": TypeDate,
		"when": TypeDate, "what year": TypeDate, "which year": TypeDate, "what date": TypeDate,
		"когда": TypeDate, "в каком году": TypeDate, "какого числа": TypeDate,
		"bao nhiêu": TypeNumber, "mấy": TypeNumber, "số lượng": TypeNumber,
		"how many": TypeNumber, "how much": TypeNumber, "сколько": TypeNumber,
		"ai": TypePerson, "người nào": TypePerson, "vị nào": TypePerson, "ông nào": TypePerson, "bà nào": TypePerson,
		"who": TypePerson, "whom": TypePerson, "кто": TypePerson, "кого": TypePerson, "кому": TypePerson,
		"ở đâu": TypePlace, "tại đâu": TypePlace, "nơi nào": TypePlace, "chỗ nào": TypePlace, "đâu": TypePlace,
		"where": TypePlace, "где": TypePlace,
		"tại sao": TypeOther, "vì sao": TypeOther, "như thế nào": TypeOther, "thế nào": TypeOther,
		"là gì": TypeOther, "cái gì": TypeOther, "điều gì": TypeOther, "việc gì": TypeOther, "chuyện gì": TypeOther,
		"những gì": TypeOther, "gì": TypeOther, "ra sao": TypeOther,
		"bn": TypeNumber, "ntn": TypeOther, "j": TypeOther, // chat spellings of bao nhiêu, như thế nào, gì
		"why": TypeOther, "what": TypeOther, "which": TypeOther, "how": TypeOther,
		"what day": TypeDate, "which day": TypeDate, "what month": TypeDate, "which month": TypeDate,
		"в каком месяце": TypeDate, "в какой день": TypeDate, "в какие годы": TypeDate,
		"how often": TypeNumber, "how long": TypeNumber, "сколько раз": TypeNumber, "какое количество": TypeNumber,
		"whose": TypePerson, "чей": TypePerson, "чья": TypePerson, "чьё": TypePerson, "кем": TypePerson,
		"в каком городе": TypePlace, "куда": TypePlace, "откуда": TypePlace, "which city": TypePlace,
		"почему": TypeOther, "что": TypeOther, "как": TypeOther, "какой": TypeOther, "какую": TypeOther,
		"каким": TypeOther, "какими": TypeOther, "какому": TypeOther, "какого": TypeOther, "каков": TypeOther,
		"какова": TypeOther, "каково": TypeOther, "каковы": TypeOther, "насколько": TypeOther, "зачем": TypeOther,
		"чем": TypeOther, "чего": TypeOther, "о чём": TypeOther,
		// A unit before "mấy" or "nào" asks for a date ("tháng mấy" is
		// a month, not a count), and a name is asked by "tên gì".
		"ngày mấy": TypeDate, "tháng mấy": TypeDate, "năm mấy": TypeDate, "hôm nào": TypeDate, "bữa nào": TypeDate,
		"buổi nào": TypeDate, "mấy giờ": TypeDate, "năm bao nhiêu": TypeDate, "tháng bao nhiêu": TypeDate,
		"ngày tháng năm nào": TypeDate, "bằng cách nào": TypeOther, "cách nào": TypeOther, "như nào": TypeOther,
		"làm sao": TypeOther, "làm thế nào": TypeOther,
		"tên gì": TypePerson, "tên là gì": TypePerson, "tên j": TypePerson, "tên là j": TypePerson,
		"what exact date": TypeDate, "on what date": TypeDate, "which date": TypeDate, "what time": TypeDate,
		"на какое число": TypeDate, "какое число": TypeDate, "какие числа": TypeDate, "к какому году": TypeDate,
		"до какого года": TypeDate, "с какого года": TypeDate, "какого года": TypeDate, "в какое время": TypeDate,
		"как зовут": TypePerson, "чьему": TypePerson, "чьей": TypePerson, "чьим": TypePerson, "чьих": TypePerson, "чьи": TypePerson,
		"which anniversary": TypeNumber, "what anniversary": TypeNumber,
		"какую годовщину": TypeNumber, "какая годовщина": TypeNumber, "какой годовщины": TypeNumber, "какой юбилей": TypeNumber,
		"какой по счёту": TypeNumber, "какой по счету": TypeNumber, "в который раз": TypeNumber, "который раз": TypeNumber,
	}
}

// personNouns are the nouns that make "nào", "which" and "какой" ask for
// a person: "vị Đại sứ Nga nào", "which Russian official", "какой
// посол". Folded; English and Russian ones are stems matched as a
// prefix. The noun stays content: the answer names the person with it.
func personNouns() map[string][]string {
	return map[string][]string{
		LangVietnamese: {"lanh dao", "dai su", "ngoai truong", "bo truong", "thu truong", "thu tuong",
			"tong thong", "chu tich", "bi thu", "quan chuc", "nhan vat", "dong chi", "phong vien", "nha bao",
			"chinh khach", "nguyen thu", "dai bieu", "dien gia"},
		LangEnglish: {"leader", "official", "minister", "ambassador", "envoy", "president", "premier", "speaker",
			"figure", "person", "people", "diplomat", "politician", "chairman", "secretar", "spokes", "journalist"},
		LangRussian: {"лидер", "посол", "министр", "президент", "премьер", "руководител", "глав", "чиновник",
			"политик", "дипломат", "председател", "генсек", "секретар", "представител", "журналист"},
	}
}

// stopWords are dropped from questions (never from the index): function
// words and chat fillers that say nothing about what is asked, and the
// honorifics and reporting verbs a question adds but an answer rarely
// repeats ("ông Trọng nói gì về…" is answered by "Tổng Bí thư khẳng
// định…"), with their chat spellings ("ko", "dc"). "năm", "ngày",
// "tháng", "người" are deliberately absent: in questions about events
// they carry meaning.
func stopWords() []string {
	return strings.Fields(`
		có không là của và các những một được đã sẽ đang với cho trong tại ở về từ
		thì mà này đó kia ấy nhỉ nhé vậy ạ à ơi hả hỏi xin tôi mình hãy như
		bị để do đến tới vào hay hoặc cũng rất đều chỉ lại ra nên vì cùng nhau
		chưa rồi nữa thế sao biết cho biết nói phải bởi theo nào gì ai đâu bao
		giờ nhiêu mấy chứ hết luôn thật từng vừa vẫn gồm
		the a an of to in on at for by with from and or is are was were be been
		did do does has have had it its this that these those about as into
		в во на с со и а о об от по к ко из за для у же ли ни не был была были было это
		as his her their its he she they him them there here into than then also s during between
		его её их он она они мы вы я какие какой какая какое каких каком году года время
		между котором которой который которые проходил проходила проходило были был была
		ông bà ngài nói nêu nhắc
		ko k kh hok dc đc`)
}

// ambiguousFolds are stop words whose unmarked spelling is also a content
// word ("dang" is đang but also Đảng, "bao" is báo, "hoi" is hỏi but
// also hội, "bi" is bị but also Bí in Tổng Bí thư, "ba" is bà but also
// three): without marks they are kept. A kept function word costs
// little (it is frequent, so it weighs little); a dropped content word
// loses the answer.
func ambiguousFolds() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`dang do tu bao the ma tai gio co cung ra theo hay noi hoi dau may ha bi chi
		lai nen den toi minh vay sao that nao chua roi nua phai boi biet nhi voi cho trong ve thi nay la cua
		da vi nhu de ba tung vua van gom`) {
		m[w] = true
	}
	return m
}

// lexicon holds the word lists of the query analyser and the name
// variants, prepared for matching.
type lexicon struct {
	stops          map[string]bool                    // exact lower-case forms
	foldedStops    map[string]bool                    // folded forms safe to drop from unmarked text
	ambiguousStops map[string]bool                    // folded forms of stop words that are also content words (ambiguousFolds)
	phrases        []phrase                           // question phrases, longest first
	persons        map[string][][]string              // personNouns by language, as folded syllables
	names          variantGroups                      // name variants (configs/names.txt)
	paraphrases    variantGroups                      // news paraphrases (configs/paraphrases.txt)
	abbrevs        abbreviations                      // Vietnamese abbreviations (configs/abbreviations.txt)
	glossaries     map[string]map[string][]glossEntry // by question language, then glossHead of the first key
	enWords        map[string]bool
	viWords        map[string]bool
}

// glossEntry is a foreign term and its Vietnamese renderings.
type glossEntry struct {
	keys  []string   // folded tokens; a trailing "*" matches any ending
	stems []string   // the keys' Snowball stems (English only), "" where none
	alts  [][]string // renderings, folded token sequences
	marks [][]string // the renderings' marked syllables
}

// glossHead buckets glossary entries by the first two letters of their
// first key, so a question word is compared with a few entries only.
func glossHead(w string) string {
	w = strings.TrimSuffix(w, "*")
	n := 0
	for i := range w {
		if n == 2 {
			return w[:i]
		}
		n++
	}
	return w
}

type phrase struct {
	words []string // exact lower-case tokens
	typ   QuestionType
}

func newLexicon(synonyms [][]string, glossaries map[string][][]string, paraphrases [][]string) *lexicon {
	lx := &lexicon{stops: map[string]bool{}, foldedStops: map[string]bool{}, ambiguousStops: map[string]bool{}, names: newVariantGroups(synonyms), paraphrases: newVariantGroups(paraphrases),
		glossaries: map[string]map[string][]glossEntry{}, enWords: englishWords(), viWords: vietnameseSyllables()}
	for lang, entries := range glossaries {
		for _, e := range entries {
			var g glossEntry
			for _, k := range strings.Fields(strings.ReplaceAll(strings.ToLower(e[0]), "-", " ")) {
				raw, star := strings.CutSuffix(k, "*")
				k = Fold(raw)
				stem := ""
				if star {
					k += "*"
				} else {
					stem = snowballStem(lang, raw)
				}
				g.keys = append(g.keys, k)
				g.stems = append(g.stems, stem)
			}
			for _, r := range e[1:] {
				if toks := Tokenize(r); len(toks) > 0 {
					g.alts = append(g.alts, foldsOf(toks))
					g.marks = append(g.marks, textsOf(toks))
				}
			}
			if len(g.keys) == 0 || len(g.alts) == 0 {
				continue
			}
			if lx.glossaries[lang] == nil {
				lx.glossaries[lang] = map[string][]glossEntry{}
			}
			h := glossHead(g.keys[0])
			lx.glossaries[lang][h] = append(lx.glossaries[lang][h], g)
		}
	}
	amb := ambiguousFolds()
	for _, w := range stopWords() {
		lx.stops[w] = true
		if f := Fold(w); !amb[f] {
			lx.foldedStops[f] = true
		} else {
			lx.ambiguousStops[f] = true
		}
	}
	for p, typ := range questionPhrases() {
		lx.phrases = append(lx.phrases, phrase{words: textsOf(Tokenize(p)), typ: typ})
	}
	sortPhrases(lx.phrases)
	lx.persons = map[string][][]string{}
	for lang, nouns := range personNouns() {
		for _, n := range nouns {
			lx.persons[lang] = append(lx.persons[lang], strings.Fields(n))
		}
	}
	return lx
}

// sortPhrases orders phrases longest first, then alphabetically, so the
// match is deterministic.
func sortPhrases(ps []phrase) {
	less := func(a, b phrase) bool {
		if len(a.words) != len(b.words) {
			return len(a.words) > len(b.words)
		}
		return strings.Join(a.words, " ") < strings.Join(b.words, " ")
	}
	for i := 1; i < len(ps); i++ {
		for j := i; j > 0 && less(ps[j], ps[j-1]); j-- {
			ps[j], ps[j-1] = ps[j-1], ps[j]
		}
	}
}

// wordMatches reports whether a query token is the given word: equal when
// the user typed marks, equal after folding when they did not.
func wordMatches(t Token, word string) bool {
	if t.HasMarks() {
		return t.Text == word
	}
	return t.Fold == Fold(word)
}

func (lx *lexicon) isStop(t Token) bool {
	if t.HasMarks() {
		return lx.stops[t.Text]
	}
	return lx.stops[t.Text] || lx.foldedStops[t.Fold]
}

// longestGloss finds the longest glossary term of lang starting at
// toks[i]; it returns the entry and the number of tokens matched. A key
// matches a word as keyMatches says or, failing that, by Snowball stem
// (stems holds the words' stems, from wordStems). Of two terms as long,
// the one matched more by keyMatches wins, then the more specific
// ("медицин*" over "мед*"); see glossMatch.better.
func (lx *lexicon) longestGloss(lang string, toks []Token, stems []string, used []bool, i int) (best glossEntry, n int) {
	var bestM glossMatch
	for _, g := range lx.glossaries[lang][glossHead(toks[i].Fold)] {
		if len(g.keys) < n || i+len(g.keys) > len(toks) {
			continue
		}
		m, ok := glossMatch{words: len(g.keys)}, true
		for k, key := range g.keys {
			letters := len(strings.TrimSuffix(key, "*"))
			switch {
			case used[i+k]:
				ok = false
			case keyMatches(lang, key, toks[i+k].Fold):
				m.direct++
				m.directLetters += letters
			case g.stems[k] != "" && g.stems[k] == stems[i+k]:
				m.stemShared += sharedPrefix(key, toks[i+k].Fold)
				m.stemLetters += letters
			default:
				ok = false
			}
			if !ok {
				break
			}
		}
		if ok && m.better(bestM) {
			best, n, bestM = g, len(g.keys), m
		}
	}
	return best, n
}

// glossMatch describes how a glossary term matched a question.
type glossMatch struct {
	words         int // keys matched
	direct        int // keys matched as written or as a "*" stem
	directLetters int // letters in those keys
	stemShared    int // of the keys matched by Snowball stem, letters shared with the question's words
	stemLetters   int // letters in the keys matched by Snowball stem
}

// better orders matches: the longest term first; then the one matched
// more by its written keys; then the most specific of those ("медицин*"
// over "мед*"); then, of keys matched by stem only, the ones sharing
// more letters with the question's words ("buildings" is building, not
// build), and of those the shortest, nearest the base form ("engines" is
// engine, not engineer). An entry earlier in the glossary wins ties.
func (m glossMatch) better(o glossMatch) bool {
	switch {
	case m.words != o.words:
		return m.words > o.words
	case m.direct != o.direct:
		return m.direct > o.direct
	case m.directLetters != o.directLetters:
		return m.directLetters > o.directLetters
	}
	if m.stemShared != o.stemShared {
		return m.stemShared > o.stemShared
	}
	return m.stemLetters < o.stemLetters
}

// sharedPrefix returns the number of bytes a and b share at their start.
func sharedPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
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

// variantGroups are groups of words or phrases that stand for one
// another, each a folded token sequence, indexed by first syllable.
type variantGroups struct {
	groups [][][]string
	marks  [][][]string // the variants' marked syllables, as groups
	index  map[string][]int
}

func newVariantGroups(lines [][]string) variantGroups {
	vg := variantGroups{index: map[string][]int{}}
	for _, group := range lines {
		var alts, marks [][]string
		for _, v := range group {
			if toks := Tokenize(v); len(toks) > 0 {
				alts = append(alts, foldsOf(toks))
				marks = append(marks, textsOf(toks))
			}
		}
		if len(alts) < 2 {
			continue
		}
		gi := len(vg.groups)
		vg.groups = append(vg.groups, alts)
		vg.marks = append(vg.marks, marks)
		for _, a := range alts {
			vg.index[a[0]] = append(vg.index[a[0]], gi)
		}
	}
	return vg
}

// variantHit is a variant found in a question: its group and which of
// the group's variants it is.
type variantHit struct{ group, variant int }

// matches finds the longest variants starting at toks[i] among tokens
// not yet used, in every group that has one that long, and returns them
// with their length in tokens (0 when none). With checkMarks, a syllable
// the user typed with marks must carry the variant's ("đang" is not
// "Đảng"); without marks, or for names, the folded forms decide.
func (vg variantGroups) matches(toks []Token, used []bool, i int, checkMarks bool) (hits []variantHit, n int) {
	for _, g := range vg.index[toks[i].Fold] {
		for vi, alt := range vg.groups[g] {
			if len(alt) < n || i+len(alt) > len(toks) || !vg.matchAt(toks[i:], used[i:], g, vi, checkMarks) {
				continue
			}
			if len(alt) > n {
				hits, n = hits[:0], len(alt)
			}
			if len(hits) == 0 || hits[len(hits)-1].group != g {
				hits = append(hits, variantHit{g, vi})
			}
		}
	}
	return hits, n
}

// matchAt reports whether variant vi of group g stands at the start of
// toks, none of them used.
func (vg variantGroups) matchAt(toks []Token, used []bool, g, vi int, checkMarks bool) bool {
	for k, f := range vg.groups[g][vi] {
		t := toks[k]
		if used[k] || t.Fold != f || checkMarks && t.HasMarks() && !sameMarks(t.Text, vg.marks[g][vi][k]) {
			return false
		}
	}
	return true
}

// textsOf returns the tokens' lower-case texts, marks kept: a data
// file's words as written, which a match must carry.
func textsOf(toks []Token) []string {
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.Text
	}
	return out
}

// foldsOf returns the tokens' folded forms.
func foldsOf(toks []Token) []string {
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.Fold
	}
	return out
}
