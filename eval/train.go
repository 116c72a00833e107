package eval

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/vnru/vnru/retrieval"
)

// Params are the fitting choices: regularisation, and how much each set
// weighs (each set's examples share its weight equally).
type Params struct {
	RankL2, AnswerL2 float64
	SetWeights       map[string]float64 // by set name prefix; missing sets weigh 0
	WithheldWeight   float64            // XQuAD questions asked without their paragraph, as near-miss negatives
	// AnswerXQuAD is what XQuAD weighs, against the product's questions,
	// when the answerability model is fitted.
	AnswerXQuAD float64
	// WrongCost is what a wrong answer costs against the gain of a right
	// one (and of a right refusal), when the answer threshold is chosen.
	WrongCost float64
	// RelatedRecall is the share of the answerable questions whose
	// probability the related threshold stays under: below it, a question
	// is more like the unanswerable ones, and nothing is shown.
	RelatedRecall float64
}

// DefaultParams are the fitting choices of the product model: those
// `vnru train` chose by cross-validation on 2026-11-24 (see README),
// used where no choice is made (train --cv 0, eval --cv, --ablate).
func DefaultParams() Params {
	return Params{RankL2: 1e-3, AnswerL2: 1e-3,
		SetWeights:  map[string]float64{"reporters": 1, "dev": 0.5, "xquad": 0.1},
		AnswerXQuAD: 0.1, WithheldWeight: 0.3, WrongCost: 0.25, RelatedRecall: 0.9}
}

// String names the settings that CandidateParams vary.
func (p Params) String() string {
	return fmt.Sprintf("xquad=%.2g withheld=%.2g wrong=%.2g l2=%.0e", p.SetWeights["xquad"], p.WithheldWeight, p.WrongCost, p.RankL2)
}

// CandidateParams are the settings `vnru train` chooses among by
// cross-validation: how much XQuAD weighs against the reporters' and dev
// questions, and what a wrong answer costs against a right one. (How much
// XQuAD questions asked without their paragraph weigh as negatives of
// answerability was tried at 0 and 0.5 with the earlier features: 0.497
// and 0.490 answered@1 out of fold; it stays at 0.3.)
func CandidateParams() []Params {
	var out []Params
	for _, xq := range []float64{0.1, 1} {
		for _, wrong := range []float64{0.25, 0.5, 1} {
			p := DefaultParams()
			p.SetWeights = map[string]float64{"reporters": 1, "dev": 0.5, "xquad": xq}
			p.WrongCost = wrong
			out = append(out, p)
		}
	}
	return out
}

func (p Params) setWeight(set string) float64 {
	for prefix, w := range p.SetWeights {
		if strings.HasPrefix(set, prefix) {
			return w
		}
	}
	return 0
}

// Fit fits a model to the examples, in two stages. The ranker is fitted
// to every example. The answerability model is fitted to what the
// ranker does on questions it has not seen: the product's questions
// (reporters, dev: the news the bot serves) are cut into innerFolds, and
// each fold's best sentences come from a ranker fitted without that
// fold (stacking), so the model learns how often an unseen question's
// best sentence is right, not how often a memorised one is. XQuAD's
// observations, which weigh little there, use the full ranker. The
// threshold is chosen on the same unseen observations.
func Fit(exs []Example, p Params, trained string) *retrieval.Model {
	weight := exampleWeights(exs, p)
	ranker := func(skip func(i int) bool) *retrieval.Model {
		var rex []rankExample
		for i, e := range exs {
			if w := weight(i); w > 0 && (skip == nil || !skip(i)) {
				x, pos := trainingCandidates(e.X, e.Pos)
				rex = append(rex, rankExample{x: x, pos: pos, weight: w})
			}
		}
		dim := len(retrieval.FeatureNames())
		rw, rst := fitRanker(rex, dim, fitParams{l2: p.RankL2, iters: 300, rate: 0.05})
		return &retrieval.Model{Features: retrieval.FeatureNames(), AnswerFeatures: retrieval.AnswerFeatureNames(),
			Rank: rw, RankMean: rst.mean, RankScale: rst.scale, Trained: trained}
	}
	m := ranker(nil)

	// The ranker each example's answer observation comes from.
	product := func(i int) bool { return exs[i].Gold == "" }
	seenBy := make([]*retrieval.Model, len(exs))
	for f := 0; f < innerFolds; f++ {
		inFold := func(i int) bool { return product(i) && Fold(exs[i].Group, innerFolds) == f }
		inner := ranker(inFold)
		for i := range exs {
			if inFold(i) {
				seenBy[i] = inner
			}
		}
	}
	var lex []logitExample
	var obs [][]float64
	var correct []bool
	for i, e := range exs {
		obs = append(obs, nil)
		correct = append(correct, false)
		w := weight(i)
		if w == 0 || len(e.X) == 0 {
			continue
		}
		r := m
		if seenBy[i] != nil {
			r = seenBy[i]
		}
		obs[i], correct[i] = answerObservation(r, e)
		if !product(i) {
			// XQuAD weighs for answerability as AnswerXQuAD says, whatever
			// it weighs for ranking: the probability is calibrated to
			// the news the bot serves.
			w = p.AnswerXQuAD * w / p.setWeight(e.Set)
		}
		lex = append(lex, logitExample{x: obs[i], y: correct[i], weight: w})
		if !product(i) && p.WithheldWeight > 0 {
			// The same question without its paragraph: a near miss on its
			// topic, which must not be answered.
			if a := withheldObservation(m, e); a != nil {
				lex = append(lex, logitExample{x: a, y: false, weight: p.WithheldWeight * w})
			}
		}
	}
	adim := len(retrieval.AnswerFeatureNames())
	aw, bias, ast := fitLogistic(lex, adim, fitParams{l2: p.AnswerL2, iters: 400, rate: 0.05})
	m.Answer, m.AnswerBias, m.AnswerMean, m.AnswerScale = aw, bias, ast.mean, ast.scale

	var decide []decision // the product's questions, unseen by their ranker
	for i, e := range exs {
		if !product(i) || weight(i) == 0 {
			continue
		}
		d := decision{answerable: e.Answerable}
		if obs[i] != nil {
			d.p, d.correct = m.Probability(obs[i]), correct[i]
		}
		decide = append(decide, d)
	}
	m.AnswerThreshold = chooseThreshold(decide, p.WrongCost)
	m.RelatedThreshold = math.Min(relatedThreshold(decide, p.RelatedRecall), m.AnswerThreshold)
	return m
}

// innerFolds is how many folds the answerability model's observations
// are cut into.
const innerFolds = 3

// exampleWeights gives each example its set's weight, shared equally
// among the set's examples.
func exampleWeights(exs []Example, p Params) func(i int) float64 {
	counts := map[string]int{}
	for _, e := range exs {
		counts[e.Set]++
	}
	return func(i int) float64 { return p.setWeight(exs[i].Set) / float64(counts[exs[i].Set]) }
}

// rankerCandidates is how many candidates, best by coverage, the ranker
// is fitted to per question (its answers among them or not): the rest
// teach it little and cost most of the time.
const rankerCandidates = 60

// trainingCandidates are the candidates the ranker is fitted to, and
// which hold an answer: the first rankerCandidates (the examples list
// them best coverage first) and every answer.
func trainingCandidates(xs [][]float64, pos []bool) ([][]float64, []bool) {
	var x [][]float64
	var p []bool
	for i := range xs {
		if i < rankerCandidates || pos[i] {
			x = append(x, xs[i])
			p = append(p, pos[i])
		}
	}
	return x, p
}

// answerObservation scores an example's candidates with the model's
// ranker and returns the answer features of the best and whether it
// answers.
func answerObservation(m *retrieval.Model, e Example) ([]float64, bool) {
	xs, pos := e.X, e.Pos
	scores := make([]float64, len(xs))
	best := 0
	for i, x := range xs {
		scores[i] = m.Score(x)
		if scores[i] > scores[best] {
			best = i
		}
	}
	return retrieval.AnswerVector(e.Shape, xs, scores, best), e.Answerable && pos[best]
}

// withheldObservation is the answer features of an XQuAD example's best
// candidate outside its gold paragraph, or nil when none is left.
func withheldObservation(m *retrieval.Model, e Example) []float64 {
	var xs [][]float64
	var scores []float64
	best := -1
	for i, x := range e.X {
		if e.InGold[i] {
			continue
		}
		xs = append(xs, x)
		scores = append(scores, m.Score(x))
		if best < 0 || scores[len(scores)-1] > scores[best] {
			best = len(scores) - 1
		}
	}
	if best < 0 {
		return nil
	}
	return retrieval.AnswerVector(e.Shape, xs, scores, best)
}

// decision is one question's answerability and what answering it would
// be: right, or wrong.
type decision struct {
	p                   float64
	answerable, correct bool
}

// relatedThreshold is the probability that the given share of the
// answerable questions reach.
func relatedThreshold(ds []decision, recall float64) float64 {
	var ps []float64
	for _, d := range ds {
		if d.answerable {
			ps = append(ps, d.p)
		}
	}
	if len(ps) == 0 {
		return 0
	}
	sort.Float64s(ps)
	// The highest threshold that keeps ⌈recall·n⌉ of them.
	keep := int(math.Ceil(recall*float64(len(ps)) - 1e-9))
	return ps[max(0, len(ps)-keep)]
}

// chooseThreshold picks the probability from which to answer that does
// best on the decisions: a right answer and a right refusal gain 1, a
// wrong answer costs wrongCost, refusing an answerable question gains
// nothing. Of equal choices, the highest threshold wins (precision).
func chooseThreshold(ds []decision, wrongCost float64) float64 {
	ps := []float64{1}
	for _, d := range ds {
		ps = append(ps, d.p)
	}
	sort.Float64s(ps)
	best, bestT := math.Inf(-1), 0.5
	for _, t := range ps {
		if t <= 0 {
			continue
		}
		var u float64
		for _, d := range ds {
			switch answered := d.p >= t; {
			case answered && d.correct:
				u++
			case answered:
				u -= wrongCost
			case !d.answerable:
				u++
			}
		}
		if u >= best {
			best, bestT = u, t
		}
	}
	return bestT
}
