package retrieval

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/vnru/vnru/corpus"
)

// Constants of matching and quoting (not of ranking: the ranking's
// weights are fitted, see model.go).
const (
	accentMismatch    = 0.5 // "thẩm" for a typed "thăm" counts half
	boostBigram       = 1.5
	duplicateJacard   = 0.6 // sentences this alike say the same thing
	maxQuoteSyllables = 80  // a quote widened to two sentences stays under this
	// quoteFloor keeps the quotes after the first whose score is within
	// ln(10) of the best: ten times less likely, by the ranking's
	// softmax, than the best. Further down they are noise.
	quoteFloor = 2.302585
)

// candidate is one sentence considered for quoting.
type candidate struct {
	passage int
	sent    corpus.Sentence
	toks    []Token // the sentence's tokens (offsets in the passage)
	own     []cover // how the sentence covers each concept
	typed   bool    // holds a new piece of what was asked
	x       [numFeatures]float64
	score   float64
}

// rank computes the features of every sentence of the candidate passages
// and sorts them by the model's score. It is the hot path of every
// answer: passages are parsed once (parsed.go), and the spans and word
// sets of quotes are left to selectQuotes, which needs them for a few
// sentences only. A first pass finds which concepts each sentence holds
// and counts them by article (the rarity cover_rare needs), the second
// computes the features.
func (e *Engine) rank(q question, hits []int) []candidate {
	var out []candidate
	nc := len(q.concepts)
	passages, articles := e.passageCovers(q, hits)
	assoc := e.model.Associations.Matcher(q.assocQuestion())
	titles := map[int][]cover{}
	dated := map[int]map[string]bool{}
	parses := make([]*parsedPassage, len(hits))
	own := make([][][]cover, len(hits)) // by hit, then sentence
	held := map[int]*sentenceCounts{}
	for h, pi := range hits {
		p := e.passages[pi]
		pp := e.parsed(pi)
		parses[h] = pp
		if titles[p.article] == nil {
			titles[p.article] = make([]cover, nc)
			coverInto(q, e.title(p.article), titles[p.article])
			dated[p.article] = dateNumbers(e.articles[p.article].Published.Time)
			held[p.article] = &sentenceCounts{holding: make([]int, nc)}
		}
		own[h] = make([][]cover, len(pp.sents))
		for si, s := range pp.sents {
			own[h][si] = make([]cover, nc)
			coverInto(q, pp.toks[s.from:s.to], own[h][si])
			held[p.article].add(own[h][si])
		}
	}
	rarity := make(map[int][]float64, len(held))
	for a, c := range held {
		rarity[a] = c.rarity()
	}
	var bm25s []float64
	for h, pi := range hits {
		p, pp := e.passages[pi], parses[h]
		for si, s := range pp.sents {
			st := pp.toks[s.from:s.to]
			in := featureInput{own: own[h][si], passage: passages[h].cover, title: titles[p.article], toks: st,
				article: articles[p.article], rarity: rarity[p.article], dated: dated[p.article],
				lead: p.para == 0, first: si == 0, refersBack: continues(pp.text, st)}
			if si > 0 {
				in.prev = own[h][si-1]
			}
			if si+1 < len(pp.sents) {
				in.next = own[h][si+1]
			}
			for i := 1; i < len(st); i++ {
				if q.bigramSet[[2]string{st[i-1].Fold, st[i].Fold}] {
					in.bigramHits++
				}
			}
			in.typed = hasType(q.typ, s.Text, st, s.Start, q.folds)
			in.slot = in.typed && fillsSlot(q, s.Text, st, s.Start)
			c := candidate{passage: pi, sent: s.Sentence, toks: st, own: own[h][si], typed: in.typed, x: features(q, in)}
			c.x[fAssoc] = assoc.coverTokens(own[h][si], st)
			out = append(out, c)
			bm25s = append(bm25s, passages[h].bm25)
		}
	}
	// The passage's BM25, relative to the best candidate passage.
	var best float64
	for _, b := range bm25s {
		best = max(best, b)
	}
	for i := range out {
		if best > 0 {
			out[i].x[fBM25] = bm25s[i] / best
		}
		out[i].score = e.model.Score(out[i].x[:])
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].score > out[j].score })
	return out
}

// sentenceCounts counts an article's candidate sentences and, for each
// concept, those that hold it.
type sentenceCounts struct {
	sentences int
	holding   []int
}

func (c *sentenceCounts) add(own []cover) {
	c.sentences++
	for ci, cv := range own {
		if cv.factor > 0 {
			c.holding[ci]++
		}
	}
}

// rarity is each concept's inverse sentence frequency among the
// article's candidate sentences, 0 for one none holds: a concept every
// sentence repeats is the article's subject ("Mishustin" in the report
// of his visit), one a single sentence holds is what that sentence
// adds. A question names its article's event and then asks something
// of it; the sentence that answers holds the rare part.
func (c *sentenceCounts) rarity() []float64 {
	r := make([]float64, len(c.holding))
	for ci, n := range c.holding {
		if n > 0 {
			r[ci] = math.Log(float64(c.sentences+1) / float64(n))
		}
	}
	return r
}

// passageCover is how one candidate passage covers the question, and its
// BM25.
type passageCover struct {
	cover []cover
	bm25  float64
}

// passageCovers scans each candidate passage once for the question's
// concepts: its coverage and BM25, and, merged with its title, how each
// article of the candidates covers the question.
func (e *Engine) passageCovers(q question, hits []int) ([]passageCover, map[int][]cover) {
	nc := len(q.concepts)
	passages := make([]passageCover, len(hits))
	articles := map[int][]cover{}
	var whole []conceptMatch
	for h, pi := range hits {
		pp := e.parsed(pi)
		whole = matchConceptsInto(q, pp.toks, whole)
		pc := passageCover{cover: make([]cover, nc), bm25: passageScore(q, whole, pp.toks, e.st.avgLength())}
		a := e.passages[pi].article
		if articles[a] == nil {
			articles[a] = make([]cover, nc)
			coverInto(q, e.title(a), articles[a])
		}
		for ci := range whole {
			pc.cover[ci].factor = whole[ci].factor
			articles[a][ci].factor = max(articles[a][ci].factor, whole[ci].factor)
		}
		passages[h] = pc
	}
	return passages, articles
}

// dateNumbers are the numbers a question may use for a publication date:
// its year, month and day, with and without a leading zero.
func dateNumbers(t time.Time) map[string]bool {
	if t.IsZero() {
		return nil
	}
	return map[string]bool{
		strconv.Itoa(t.Year()):       true,
		strconv.Itoa(int(t.Month())): true, fmt.Sprintf("%02d", int(t.Month())): true,
		strconv.Itoa(t.Day()): true, fmt.Sprintf("%02d", t.Day()): true,
	}
}

// explain describes how a candidate scored, for --explain: its score
// and every feature.
func (c candidate) explain() string {
	var b strings.Builder
	fmt.Fprintf(&b, "score=%.3f", c.score)
	for i, name := range FeatureNames() {
		if c.x[i] != 0 {
			fmt.Fprintf(&b, " %s=%.2f", name, c.x[i])
		}
	}
	return b.String()
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
