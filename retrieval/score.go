package retrieval

import (
	"fmt"
	"math"
	"sort"

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
