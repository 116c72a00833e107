package retrieval

import (
	"context"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"

	"github.com/vnru/vnru/corpus"
)

// Ranking weights. The sentence's own coverage of the question leads;
// its paragraph and the article title add context (a sentence saying
// "Thủ tướng Nga" in a paragraph about Mishustin); bigrams reward the
// question's word order; the answer type rewards a sentence that holds
// what was asked (a date for "khi nào"). Tuned on the dev set and on
// XQuAD-vi with `vnru eval`.
const (
	weightContext     = 0.35
	weightBigram      = 0.3
	weightType        = 0.15
	weightDate        = 0.45 // dates are told reliably, and a "when" answer without one is no answer
	weightTitle       = 0.1
	weightPassage     = 0.5  // the index's BM25 score of the paragraph, relative to the best
	weightLead        = 0.05 // news ledes carry the who, what and when
	lengthPenalty     = 0.1  // per doubling of the sentence past typicalLength
	typicalLength     = 25   // syllables in a typical news sentence
	contextCredit     = 0.5  // a concept found only around the sentence counts half
	accentMismatch    = 0.5  // "thẩm" for a typed "thăm" counts half
	boostBigram       = 1.5
	duplicateJacard   = 0.6 // sentences this alike say the same thing
	maxQuoteSyllables = 80  // a quote widened to two sentences stays under this
	scoreFloor        = 0.5 // quotes scoring under this share of the best are noise
)

// search asks the index for candidate passages. Only term queries are
// built, from analysed text: user input never reaches a query parser.
// Rare terms lead: syllables found in more than a tenth of the passages
// are left to the ranking (they would cost most of the search time and
// pick nothing out), and at most maxQueryTerms of each kind are asked.
func (e *Engine) search(ctx context.Context, q question) ([]int, error) {
	unigrams, bigrams := q.terms()
	n := float64(max(1, e.st.Passages))
	sort.SliceStable(unigrams, func(i, j int) bool { return e.st.DocFreq[unigrams[i]] < e.st.DocFreq[unigrams[j]] })
	var qs []query.Query
	add := func(term, field string, boost float64) {
		tq := bleve.NewTermQuery(term)
		tq.SetField(field)
		tq.SetBoost(boost)
		qs = append(qs, tq)
	}
	for i, u := range unigrams {
		if i >= maxQueryTerms || i >= minQueryTerms && float64(e.st.DocFreq[u])/n > commonShare {
			break
		}
		add(u, fieldText, 1)
	}
	for i, b := range bigrams {
		if i >= maxQueryTerms {
			break
		}
		add(b, fieldBigram, boostBigram)
	}
	if len(qs) == 0 {
		return nil, nil
	}
	req := bleve.NewSearchRequestOptions(bleve.NewDisjunctionQuery(qs...), e.candidates, 0, false)
	res, err := e.idx.SearchInContext(ctx, req)
	if err != nil {
		return nil, fmt.Errorf("search index: %w", err)
	}
	hits := make([]int, 0, len(res.Hits))
	for _, h := range res.Hits {
		i, err := strconv.Atoi(h.ID)
		if err != nil || i < 0 || i >= len(e.passages) {
			return nil, fmt.Errorf("index holds unknown passage %q: rebuild it", h.ID)
		}
		hits = append(hits, i)
	}
	return hits, nil
}

// Query pruning, measured with `vnru bench` and checked with `vnru eval`.
const (
	maxQueryTerms = 10  // syllables (and bigrams) asked of the index at most
	minQueryTerms = 3   // the rarest syllables always asked
	commonShare   = 0.1 // syllables in more passages than this are not asked
)

// candidate is one sentence considered for quoting.
type candidate struct {
	passage int
	sent    corpus.Sentence
	toks    []Token // the sentence's tokens (offsets in the passage)
	score   float64
	support float64 // share of the question covered, with context
	bm25    float64 // BM25 of the sentence's passage

	// The parts of the score, for --explain.
	cov, titleCov float64
	bigramHits    int
	typed         bool
}

// rank scores every sentence of the candidate passages. It is the hot
// path of every answer: it allocates little, and leaves the spans and
// word sets of quotes to selectQuotes, which needs them for a few
// sentences only.
func (e *Engine) rank(q question, hits []int) []candidate {
	var out []candidate
	nc := len(q.concepts)
	title := make([]float64, nc)
	whole := make([]conceptMatch, nc)
	own := make([]float64, nc)
	for _, pi := range hits {
		p := e.passages[pi]
		toks := tokenize(p.text, e.forms)
		sents := corpus.SplitSentences(p.text)
		coverFactors(q, e.titles[p.article], title)
		whole = matchConceptsInto(q, toks, whole)
		titleCov := 0.0
		for ci, c := range q.concepts {
			titleCov += c.weight * title[ci]
		}
		titleCov /= q.weight
		bm25 := passageScore(q, whole, toks, e.st.avgLength())

		k := 0
		for _, s := range sents {
			start := k
			for k < len(toks) && toks[k].Start < s.End {
				k++
			}
			st := toks[start:k]
			if len(st) == 0 {
				continue
			}
			coverFactors(q, st, own)
			var cov, support float64
			for ci, con := range q.concepts {
				cov += con.weight * own[ci]
				ctx := max(whole[ci].factor, title[ci]) * contextCredit
				support += con.weight * max(own[ci], ctx)
			}
			c := candidate{passage: pi, sent: s, toks: st, bm25: bm25, titleCov: titleCov}
			c.cov = cov / q.weight
			c.support = support / q.weight
			for i := 1; i < len(st); i++ {
				if q.bigramSet[[2]string{st[i-1].Fold, st[i].Fold}] {
					c.bigramHits++
				}
			}
			c.score = c.cov + weightContext*c.support + weightTitle*titleCov
			if len(q.bigrams) > 0 {
				c.score += weightBigram * float64(min(c.bigramHits, len(q.bigrams))) / float64(len(q.bigrams))
			}
			if p.para == 0 {
				c.score += weightLead
			}
			// Long sentences match more words by chance; BM25 normalises
			// length for the same reason.
			if n := float64(len(st)); n > typicalLength {
				c.score -= lengthPenalty * math.Log2(n/typicalLength)
			}
			if c.typed = hasType(q.typ, s.Text, st, s.Start, q.folds); c.typed {
				c.score += typeWeight(q.typ)
			}
			out = append(out, c)
		}
	}
	// The passage's BM25, relative to the best candidate passage.
	var best float64
	for _, c := range out {
		best = max(best, c.bm25)
	}
	if best > 0 {
		for i := range out {
			out[i].score += weightPassage * out[i].bm25 / best
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].score > out[j].score })
	return out
}

// typeWeight is what holding a new piece of the asked type adds: dates
// are spotted reliably, people, places and numbers less so.
func typeWeight(t QuestionType) float64 {
	if t == TypeDate {
		return weightDate
	}
	return weightType
}

// explain describes how a candidate scored, for --explain.
func (c candidate) explain(q question) string {
	return fmt.Sprintf("score=%.3f cov=%.3f support=%.3f title=%.3f bigrams=%d/%d type=%v",
		c.score, c.cov, c.support, c.titleCov, c.bigramHits, len(q.bigrams), c.typed)
}

// spans are the byte ranges, in the sentence, of the question's words
// whose marks agree with the question: what the bot puts in bold.
func (c candidate) spans(q question) []Span {
	var out []Span
	for _, m := range matchConceptsInto(q, c.toks, nil) {
		for _, r := range m.exact {
			out = append(out, Span{Start: c.toks[r[0]].Start - c.sent.Start, End: c.toks[r[1]-1].End - c.sent.Start})
		}
	}
	return mergeSpans(out)
}

// folds is the set of the sentence's folded syllables, for spotting the
// same sentence in two articles.
func (c candidate) folds() map[string]bool {
	m := make(map[string]bool, len(c.toks))
	for _, t := range c.toks {
		m[t.Fold] = true
	}
	return m
}

// passageScore rates a whole passage with BM25 over the question's
// concepts (k1 1.2, b 0.75, the usual values), computed here with correct
// length statistics: bleve's own BM25 uses unreliable ones (RESEARCH.md)
// that shift as segments merge. The caller scales it by the best passage.
func passageScore(q question, whole []conceptMatch, toks []Token, avgLen float64) float64 {
	const k1, b = 1.2, 0.75
	norm := k1 * (1 - b + b*float64(len(toks))/avgLen)
	bm25 := func(w, tf float64) float64 { return w * tf * (k1 + 1) / (tf + norm) }
	var score float64
	for ci, c := range q.concepts {
		score += bm25(c.weight, float64(len(whole[ci].spans))*whole[ci].factor)
	}
	if len(q.bigrams) == 0 {
		return score
	}
	// Bigrams count as terms too, with the mean weight of their
	// syllables: word order and multi-syllable words.
	tf := make([]int, len(q.bigrams))
	for i := 1; i < len(toks); i++ {
		if q.bigramSet[[2]string{toks[i-1].Fold, toks[i].Fold}] {
			for bi, pair := range q.bigramPairs {
				if pair[0] == toks[i-1].Fold && pair[1] == toks[i].Fold {
					tf[bi]++
				}
			}
		}
	}
	for bi, n := range tf {
		score += bm25(q.bigramWeights[bi], float64(n))
	}
	return score
}

// conceptMatch says how well a token run covers one concept.
type conceptMatch struct {
	factor float64  // 1 exact, accentMismatch when only the folded form matched, 0 absent
	spans  [][2]int // token ranges [from, to) of the matches
	exact  [][2]int // the matches whose marks agree with the question, for bolding
}

// matchConceptsInto finds each concept of q in toks, reusing out.
func matchConceptsInto(q question, toks []Token, out []conceptMatch) []conceptMatch {
	if cap(out) < len(q.concepts) {
		out = make([]conceptMatch, len(q.concepts))
	}
	out = out[:len(q.concepts)]
	for ci, c := range q.concepts {
		out[ci] = conceptMatch{spans: out[ci].spans[:0], exact: out[ci].exact[:0]}
		for _, alt := range c.alts {
			for i := 0; i+len(alt) <= len(toks); i++ {
				if !foldsAt(toks[i:], alt) {
					continue
				}
				f := 1.0
				if c.exact != "" && toks[i].Text != c.exact {
					f = accentMismatch
				}
				out[ci].factor = max(out[ci].factor, f)
				out[ci].spans = append(out[ci].spans, [2]int{i, i + len(alt)})
				if f == 1 {
					out[ci].exact = append(out[ci].exact, [2]int{i, i + len(alt)})
				}
			}
		}
	}
	return out
}

// coverFactors sets out[ci] to how well toks cover concept ci: 1, the
// accent-mismatch factor, or 0. It allocates nothing.
func coverFactors(q question, toks []Token, out []float64) {
	for ci, c := range q.concepts {
		out[ci] = 0
		for _, alt := range c.alts {
			for i := 0; i+len(alt) <= len(toks) && out[ci] < 1; i++ {
				if !foldsAt(toks[i:], alt) {
					continue
				}
				f := 1.0
				if c.exact != "" && toks[i].Text != c.exact {
					f = accentMismatch
				}
				out[ci] = max(out[ci], f)
			}
		}
	}
}

func foldsAt(toks []Token, alt []string) bool {
	for k, f := range alt {
		if toks[k].Fold != f {
			return false
		}
	}
	return true
}

func mergeSpans(spans []Span) []Span {
	if len(spans) == 0 {
		return []Span{}
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].Start < spans[j].Start })
	out := spans[:1]
	for _, s := range spans[1:] {
		last := &out[len(out)-1]
		if s.Start <= last.End {
			last.End = max(last.End, s.End)
			continue
		}
		out = append(out, s)
	}
	return out
}

// hasType reports whether a sentence (its text and tokens) holds a new
// piece of the kind asked for: a date for "khi nào", a number for "bao
// nhiêu", a name for "ai", a capitalised place after "tại/ở/đến" for "ở
// đâu". New means not already in the question (asked is the question's
// folded syllables): a sentence that repeats the question's own year or
// name restates it rather than answering it.
func hasType(t QuestionType, text string, toks []Token, offset int, asked map[string]bool) bool {
	upper := func(tok Token) bool {
		r, _ := utf8.DecodeRuneInString(text[tok.Start-offset:])
		return unicode.IsUpper(r)
	}
	for i, tok := range toks {
		if asked[tok.Fold] {
			continue
		}
		digits := isDigits(tok.Text)
		prev := ""
		if i > 0 {
			prev = toks[i-1].Fold
		}
		switch t {
		case TypeDate:
			end := tok.End - offset
			if digits && (len(tok.Text) == 4 && (tok.Text[:2] == "19" || tok.Text[:2] == "20" || tok.Text[:2] == "18") ||
				end < len(text) && text[end] == '/' || dateWord(prev)) {
				return true
			}
		case TypeNumber:
			if strings.ContainsAny(tok.Text, "0123456789") || numberWord(tok.Text) {
				return true
			}
		case TypePlace:
			if i > 0 && placeWord(toks[i-1].Text) && upper(tok) {
				return true
			}
		case TypePerson:
			if i > 1 && upper(toks[i-1]) && upper(tok) {
				return true
			}
		}
	}
	return false
}

// numberWord reports a Vietnamese number word ("năm", five, is left out:
// it is far more often "year").
func numberWord(text string) bool {
	switch text {
	case "một", "hai", "ba", "bốn", "sáu", "bảy", "tám", "chín", "mười", "mươi", "trăm", "nghìn", "ngàn", "triệu", "tỷ":
		return true
	}
	return false
}

// dateWord reports a folded word that introduces a date in Vietnamese
// news: "ngày 14", "tháng 6", "chiều 2/4".
func dateWord(fold string) bool {
	switch fold {
	case "ngay", "thang", "nam", "chieu", "sang", "toi", "trua", "dem":
		return true
	}
	return false
}

// placeWord reports a word that introduces a place: "tại Kazan".
func placeWord(text string) bool {
	switch text {
	case "tại", "ở", "đến", "tới", "sang", "thăm":
		return true
	}
	return false
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// selectQuotes keeps the best sentences above the support threshold,
// folding near-duplicates from other articles into "also reported by".
// With keepAll, weak candidates are kept too (for measuring ranking).
func (e *Engine) selectQuotes(q question, cands []candidate, limit int, keepAll bool) []Quote {
	quotes := []Quote{}
	var kept []map[string]bool // word sets of the quotes kept
	var shown []candidate      // the quotes kept, for their sentence ranges
	if len(cands) == 0 || !keepAll && cands[0].support < e.minSupport {
		return quotes
	}
	best := cands[0].score
	for _, c := range cands {
		if !keepAll && (c.support < e.minSupport || c.score < scoreFloor*best) {
			continue
		}
		words := c.folds()
		dup := -1
		for i, k := range kept {
			if jaccard(words, k) >= duplicateJacard {
				dup = i
				break
			}
		}
		art := e.articles[e.passages[c.passage].article]
		if dup >= 0 {
			q := &quotes[dup]
			if art.ID != q.Article.ID && !hasSource(q.AlsoIn, art.ID) {
				q.AlsoIn = append(q.AlsoIn, sourceOf(art))
			}
			continue
		}
		if len(quotes) == limit || overlaps(c, shown) {
			continue // keep scanning: later duplicates still add sources
		}
		if w := e.withNeighbour(c); !overlaps(w, shown) {
			c = w
		}
		kept = append(kept, words)
		shown = append(shown, c)
		quotes = append(quotes, Quote{Text: c.sent.Text, Article: sourceOf(art), Score: round3(c.score), Matches: c.spans(q), Explain: c.explain(q)})
	}
	return quotes
}

// overlaps says whether c's text shares a sentence with a quote already
// kept.
func overlaps(c candidate, kept []candidate) bool {
	for _, k := range kept {
		if k.passage == c.passage && c.sent.Start < k.sent.End && k.sent.Start < c.sent.End {
			return true
		}
	}
	return false
}

// withNeighbour widens a quote to two sentences when one refers back to
// the other, so the quote reads on its own: "Ông khẳng định…" gets the
// sentence before, which names him; a sentence that lacks what was asked
// and is followed by "Nó được tái lập vào tháng 4 năm 1991" gets that
// one, which likely holds it. The text stays verbatim: one run of the
// passage.
func (e *Engine) withNeighbour(c candidate) candidate {
	text := e.passages[c.passage].text
	sents := corpus.SplitSentences(text)
	i := 0
	for i < len(sents) && sents[i].Start != c.sent.Start {
		i++
	}
	if i == len(sents) {
		return c
	}
	toks := tokenize(text, e.forms)
	within := func(a, b int) []Token {
		var out []Token
		for _, t := range toks {
			if t.Start >= a && t.End <= b {
				out = append(out, t)
			}
		}
		return out
	}
	from, to := i, i
	switch {
	case i > 0 && continues(text, c.toks):
		from = i - 1
	case !c.typed && i+1 < len(sents) && continues(text, within(sents[i+1].Start, sents[i+1].End)):
		to = i + 1
	default:
		return c
	}
	a, b := sents[from].Start, sents[to].End
	st := within(a, b)
	if len(st) > maxQuoteSyllables {
		return c
	}
	c.sent = corpus.Sentence{Text: text[a:b], Start: a, End: b}
	c.toks = st
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

func sourceOf(a corpus.Article) Source {
	return Source{ID: a.ID, Title: a.Title, Source: a.Source, URL: a.URL, Published: a.Published}
}

func hasSource(ss []Source, id string) bool {
	for _, s := range ss {
		if s.ID == id {
			return true
		}
	}
	return false
}

func jaccard(a, b map[string]bool) float64 {
	inter := 0
	for k := range a {
		if b[k] {
			inter++
		}
	}
	union := len(a) + len(b) - inter
	if union == 0 {
		return 0
	}
	return float64(inter) / float64(union)
}

func round3(f float64) float64 { return float64(int(f*1000+0.5)) / 1000 }
