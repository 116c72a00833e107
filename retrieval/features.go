package retrieval

import "math"

// The features of a (question, sentence) pair, in the order of a feature
// vector. Each is a fact about the pair, never a judgement: the model
// (model.go) weighs them, and `vnru train` fits the weights to
// questions whose answers are known. Coverages are shares of the
// question's weighted concepts (IDF, names 1.5×), so a question's length
// does not shift them.
const (
	fCover             = iota // concepts in the sentence (an unmarked match of a marked word counts half)
	fCoverWindow              // concepts in the sentence or the one before or after it
	fCoverPassage             // concepts anywhere in the sentence's passage
	fCoverTitle               // concepts in the article title
	fShare                    // the share of concepts in the sentence, unweighted
	fMissing                  // the heaviest concept absent from the sentence, its window and title, over the heaviest of all
	fMissingOwn               // the heaviest concept absent from the sentence itself, likewise
	fNamesMissing             // share of the question's names absent from the window and title
	fNumbersMissing           // share of the question's numbers absent from the window
	fParaphrase               // concepts found only through a paraphrase, in the window
	fAccent                   // concepts whose marks disagree (thẩm for thăm), in the sentence
	fBigrams                  // share of the question's word pairs found in the sentence
	fDate                     // a "when" question, and the sentence holds a date the question does not
	fNumber                   // a "how many" question, and the sentence holds a new number
	fPerson                   // a "who" question, and the sentence holds a new name
	fPlace                    // a "where" question, and the sentence holds a new place
	fTypeMissing              // the question asks for a date, number, person or place and the sentence holds none
	fBM25                     // the passage's BM25, over the best candidate passage's
	fLead                     // the passage is the article's first paragraph
	fFirst                    // the sentence opens its passage
	fLength                   // log2 of the sentence's syllables over 25, clipped to [-2, 3]
	fRefersBack               // the sentence opens by referring back ("Ông khẳng…", "Điều này…")
	fCoverArticle             // concepts anywhere in the article (its candidate passages and title)
	fNumbersOffArticle        // share of the question's numbers in neither the article nor its publication date
	fRun                      // the longest run of the question's words found in the same order in the sentence, over the question's length
	fFocus                    // the concepts the question words ask about ("bao nhiêu văn kiện") are in the sentence
	fSlot                     // the question word's place is filled: its neighbours in the question are in the sentence next to a new piece of the asked kind ("lần thứ mấy", "lần thứ 5")
	fNumbersDated             // share of the question's numbers that the article's publication date holds (a news article reports its own day's event)
	fAssoc                    // concepts absent from the sentence for which it holds a learned associated word (associations.go), each by its association
	fCoverRare                // concepts in the sentence, each weighed also by how few of its article's candidate sentences hold it, over the article's concepts weighed so
	numFeatures
)

// FeatureAssoc is the index of the association feature, which depends
// on the model's associations: training recomputes it for each model it
// fits.
const FeatureAssoc = fAssoc

// FeatureNames names the ranking features, in vector order.
func FeatureNames() []string {
	return []string{"cover", "cover_window", "cover_passage", "cover_title", "share", "missing", "missing_own",
		"names_missing", "numbers_missing", "paraphrase", "accent", "bigrams", "date", "number", "person", "place",
		"type_missing", "bm25", "lead", "first", "length", "refers_back", "cover_article", "numbers_off_article", "run", "focus", "slot", "numbers_dated", "assoc", "cover_rare"}
}

// featureInput is what the features of one sentence are computed from:
// how the sentence, its neighbours, its passage and its title cover each
// concept.
type featureInput struct {
	own, prev, next, passage, title []cover
	article                         []cover         // the article's candidate passages and title
	rarity                          []float64       // each concept's inverse sentence frequency among the article's candidate sentences
	dated                           map[string]bool // the article's publication year, month and day, as written in numbers
	toks                            []Token         // the sentence's
	bigramHits                      int
	typed, slot                     bool
	lead, first, refersBack         bool
}

// features computes a sentence's feature vector, except fBM25, which
// needs the other candidates, and fAssoc, which needs the model (see
// rank).
func features(q question, in featureInput) [numFeatures]float64 {
	var x [numFeatures]float64
	var heaviest, missing, missingOwn, rareTotal float64
	var names, namesMissing, numbers, numbersMissing, numbersOff, numbersDated int
	for ci, c := range q.concepts {
		own := in.own[ci].factor
		win := max(own, factor(in.prev, ci), factor(in.next, ci))
		heaviest = max(heaviest, c.weight)
		x[fCover] += c.weight * own
		x[fCoverWindow] += c.weight * win
		x[fCoverPassage] += c.weight * in.passage[ci].factor
		x[fCoverTitle] += c.weight * in.title[ci].factor
		x[fCoverArticle] += c.weight * in.article[ci].factor
		if in.rarity != nil {
			x[fCoverRare] += c.weight * in.rarity[ci] * own
			rareTotal += c.weight * in.rarity[ci]
		}
		if own > 0 {
			x[fShare]++
		} else {
			missingOwn = max(missingOwn, c.weight)
		}
		if own > 0 && own < 1 {
			x[fAccent] += c.weight
		}
		if win == 0 && in.title[ci].factor == 0 {
			missing = max(missing, c.weight)
			if in.own[ci].para || para(in.prev, ci) || para(in.next, ci) {
				x[fParaphrase] += c.weight
			}
		}
		switch c.kind {
		case kindName:
			names++
			if win == 0 && in.title[ci].factor == 0 {
				namesMissing++
			}
		case kindNumber:
			numbers++
			if win == 0 {
				numbersMissing++
			}
			if in.dated[c.alts[0][0]] {
				numbersDated++
			} else if in.article[ci].factor == 0 {
				numbersOff++
			}
		}
	}
	if q.weight > 0 {
		for _, f := range []int{fCover, fCoverWindow, fCoverPassage, fCoverTitle, fCoverArticle, fAccent, fParaphrase} {
			x[f] /= q.weight
		}
	}
	if rareTotal > 0 {
		x[fCoverRare] /= rareTotal
	}
	if heaviest > 0 {
		x[fMissing] = missing / heaviest
		x[fMissingOwn] = missingOwn / heaviest
	}
	x[fShare] /= float64(max(1, len(q.concepts)))
	if names > 0 {
		x[fNamesMissing] = float64(namesMissing) / float64(names)
	}
	if numbers > 0 {
		x[fNumbersMissing] = float64(numbersMissing) / float64(numbers)
		x[fNumbersOffArticle] = float64(numbersOff) / float64(numbers)
		x[fNumbersDated] = float64(numbersDated) / float64(numbers)
	}
	if len(q.bigrams) > 0 {
		x[fBigrams] = float64(min(in.bigramHits, len(q.bigrams))) / float64(len(q.bigrams))
	}
	if in.typed {
		switch q.typ {
		case TypeDate:
			x[fDate] = 1
		case TypeNumber:
			x[fNumber] = 1
		case TypePerson:
			x[fPerson] = 1
		case TypePlace:
			x[fPlace] = 1
		}
	} else if q.typ != TypeOther {
		x[fTypeMissing] = 1
	}
	x[fSlot] = flag(in.slot)
	x[fLead] = flag(in.lead)
	x[fFirst] = flag(in.first)
	x[fRefersBack] = flag(in.refersBack)
	x[fLength] = min(3, max(-2, math.Log2(float64(len(in.toks))/typicalLength)))
	for _, ci := range q.focus {
		if in.own[ci].factor > 0 {
			x[fFocus] += 1 / float64(len(q.focus))
		}
	}
	if n := longestRun(q.seq, in.toks); n > 1 {
		x[fRun] = float64(n) / float64(len(q.seq))
	}
	return x
}

// typicalLength is the syllables of a typical news sentence.
const typicalLength = 25

func factor(cs []cover, ci int) float64 {
	if cs == nil {
		return 0
	}
	return cs[ci].factor
}

func para(cs []cover, ci int) bool { return cs != nil && cs[ci].para }

func flag(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// longestRun is the length of the longest run of syllables that seq and
// toks share, in order and adjacent ("lời mời của" in both).
func longestRun(seq []string, toks []Token) int {
	if len(seq) == 0 || len(toks) == 0 {
		return 0
	}
	prev := make([]int, len(toks)+1)
	cur := make([]int, len(toks)+1)
	best := 0
	for _, s := range seq {
		for j, t := range toks {
			if t.Fold == s {
				cur[j+1] = prev[j] + 1
				best = max(best, cur[j+1])
			} else {
				cur[j+1] = 0
			}
		}
		prev, cur = cur, prev
	}
	return best
}
