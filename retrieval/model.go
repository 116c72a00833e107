package retrieval

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"sort"
)

// Model is the fitted part of the engine: weights for the ranking
// features of a sentence, and a logistic model of the probability that
// the best sentence answers the question. `vnru train` fits it (see
// README, "How answers are chosen"); the product embeds the result
// (configs/model.json). Nothing in it is set by hand.
type Model struct {
	Features       []string `json:"features"`        // FeatureNames() when it was fitted
	AnswerFeatures []string `json:"answer_features"` // AnswerFeatureNames() likewise
	// Rank weighs the standardised ranking features: a sentence's score
	// is Σ Rank[i]·(x[i]−RankMean[i])/RankScale[i].
	Rank      []float64 `json:"rank"`
	RankMean  []float64 `json:"rank_mean"`
	RankScale []float64 `json:"rank_scale"`
	// Trees are added to the linear score: boosted corrections over the
	// raw ranking features.
	Trees []Tree `json:"trees,omitempty"`
	// Associations are the learned word associations the assoc feature
	// reads (associations.go).
	Associations Associations `json:"associations,omitempty"`
	// Answer is the logistic model of answerability over the standardised
	// answer features; AnswerBias is its intercept.
	Answer      []float64 `json:"answer"`
	AnswerBias  float64   `json:"answer_bias"`
	AnswerMean  []float64 `json:"answer_mean"`
	AnswerScale []float64 `json:"answer_scale"`
	// AnswerThreshold is the probability from which the best quote is
	// given as an answer; RelatedThreshold the one from which the closest
	// passages are shown as possibly related. Below it, nothing is.
	AnswerThreshold  float64 `json:"answer_threshold"`
	RelatedThreshold float64 `json:"related_threshold"`
	// Trained says how and on what the model was fitted.
	Trained string `json:"trained,omitempty"`
}

// ParseModel reads a model written by `vnru train` and checks that it
// fits this engine's features.
func ParseModel(data []byte) (*Model, error) {
	var m Model
	if err := json.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("read ranking model: %w", err)
	}
	if err := m.Validate(); err != nil {
		return nil, err
	}
	return &m, nil
}

// Validate checks that the model was fitted to this engine's features.
func (m *Model) Validate() error {
	switch {
	case !slices.Equal(m.Features, FeatureNames()):
		return fmt.Errorf("ranking model has features %v, the engine computes %v: refit it with `vnru train`", m.Features, FeatureNames())
	case !slices.Equal(m.AnswerFeatures, AnswerFeatureNames()):
		return fmt.Errorf("ranking model has answer features %v, the engine computes %v: refit it with `vnru train`", m.AnswerFeatures, AnswerFeatureNames())
	case len(m.Rank) != numFeatures || len(m.RankMean) != numFeatures || len(m.RankScale) != numFeatures:
		return fmt.Errorf("ranking model has %d rank weights for %d features: refit it with `vnru train`", len(m.Rank), numFeatures)
	case len(m.Answer) != numAnswerFeatures || len(m.AnswerMean) != numAnswerFeatures || len(m.AnswerScale) != numAnswerFeatures:
		return fmt.Errorf("ranking model has %d answer weights for %d features: refit it with `vnru train`", len(m.Answer), numAnswerFeatures)
	case !(m.AnswerThreshold > 0 && m.AnswerThreshold <= 1) || !(m.RelatedThreshold >= 0 && m.RelatedThreshold <= m.AnswerThreshold):
		return fmt.Errorf("ranking model thresholds %v (answer) and %v (related) must satisfy 0 ≤ related ≤ answer ≤ 1", m.AnswerThreshold, m.RelatedThreshold)
	}
	return m.validateTrees()
}

// Score is the ranking score of a feature vector.
func (m *Model) Score(x []float64) float64 {
	s := linear(m.Rank, m.RankMean, m.RankScale, x)
	for _, t := range m.Trees {
		s += t.Eval(x)
	}
	return s
}

// validateTrees checks that every tree reads the ranking features and
// ends.
func (m *Model) validateTrees() error {
	for i, t := range m.Trees {
		if err := t.validate(numFeatures); err != nil {
			return fmt.Errorf("ranking model tree %d: %w: refit it with `vnru train`", i, err)
		}
	}
	return nil
}

// Probability is the answerability of a question's best sentence, from
// its answer features.
func (m *Model) Probability(a []float64) float64 {
	return sigmoid(m.AnswerBias + linear(m.Answer, m.AnswerMean, m.AnswerScale, a))
}

func linear(w, mean, scale, x []float64) float64 {
	var s float64
	for i := range w {
		s += w[i] * (x[i] - mean[i]) / scale[i]
	}
	return s
}

// sigmoid is the logistic function.
func sigmoid(z float64) float64 { return 1 / (1 + math.Exp(-z)) }

// The answer features describe a question and its best sentence: how
// sure the ranking is (the best score, its margin over the next, its
// share of the softmax), how much of the question the best sentence
// leaves out, and the question's language and shape.
const (
	aScore = iota
	aMargin
	aSoftmax
	aSoftmax3
	aCover
	aCoverWindow
	aMissing
	aMissingOwn
	aNamesMissing
	aNumbersMissing
	aTypeMissing
	aParaphrase
	aBigrams
	aCoverArticle
	aNumbersOffArticle
	aEnglish
	aRussian
	aUnmarked
	aTyped
	aConcepts
	aUnknown
	aSlot
	aFocus
	aNumbersDated
	aAssoc
	aCoverRare
	numAnswerFeatures
)

// AnswerFeatureNames names the answer features, in vector order.
func AnswerFeatureNames() []string {
	return []string{"score", "margin", "softmax", "softmax3", "cover", "cover_window", "missing", "missing_own", "names_missing",
		"numbers_missing", "type_missing", "paraphrase", "bigrams", "cover_article", "numbers_off_article", "english", "russian", "unmarked", "typed", "concepts", "unknown", "slot", "focus", "numbers_dated", "assoc", "cover_rare"}
}

// QuestionShape is what the answer features need to know of a question.
type QuestionShape struct {
	Lang     string       `json:"lang"`
	Type     QuestionType `json:"type,omitempty"`
	Marked   bool         `json:"marked"`   // typed with Vietnamese marks
	Concepts int          `json:"concepts"` // how many concepts it asks about
	Unknown  float64      `json:"unknown"`  // the share of them no article contains
}

// AnswerVector computes the answer features of a question whose
// candidates have the given features and scores; best is the index of
// the best-scored candidate. Training and the engine share it.
func AnswerVector(shape QuestionShape, xs [][]float64, scores []float64, best int) []float64 {
	a := make([]float64, numAnswerFeatures)
	second := math.Inf(-1)
	var z float64
	for i, s := range scores {
		z += math.Exp(s - scores[best])
		if i != best {
			second = max(second, s)
		}
	}
	x := xs[best]
	// The best score and its margin in standard deviations of the
	// question's scores: free of the ranker's scale, which differs
	// between the rankers the answer model is fitted on (stacking) and
	// the one it serves with.
	var mean, sd float64
	for _, s := range scores {
		mean += s
	}
	mean /= float64(len(scores))
	for _, s := range scores {
		sd += (s - mean) * (s - mean)
	}
	sd = math.Sqrt(sd / float64(len(scores)))
	if sd < 1e-9 {
		sd = 1
	}
	a[aScore] = (scores[best] - mean) / sd
	a[aMargin] = 5 // no rival: as sure as a wide margin
	if !math.IsInf(second, -1) {
		a[aMargin] = min(5, (scores[best]-second)/sd)
	}
	a[aSoftmax] = 1 / z
	// The three best together: several sentences that all fit (the same
	// fact in two articles) split the softmax without making the
	// question any less answerable.
	top := append([]float64(nil), scores...)
	sort.Sort(sort.Reverse(sort.Float64Slice(top)))
	for _, s := range top[:min(3, len(top))] {
		a[aSoftmax3] += math.Exp(s-scores[best]) / z
	}
	a[aCover] = x[fCover]
	a[aCoverWindow] = x[fCoverWindow]
	a[aMissing] = x[fMissing]
	a[aMissingOwn] = x[fMissingOwn]
	a[aNamesMissing] = x[fNamesMissing]
	a[aNumbersMissing] = x[fNumbersMissing]
	a[aTypeMissing] = x[fTypeMissing]
	a[aParaphrase] = x[fParaphrase]
	a[aBigrams] = x[fBigrams]
	a[aCoverArticle] = x[fCoverArticle]
	a[aNumbersOffArticle] = x[fNumbersOffArticle]
	a[aEnglish] = flag(shape.Lang == LangEnglish)
	a[aRussian] = flag(shape.Lang == LangRussian)
	a[aUnmarked] = flag(shape.Lang == LangVietnamese && !shape.Marked)
	a[aTyped] = flag(shape.Type != TypeOther)
	a[aConcepts] = math.Log2(1 + float64(shape.Concepts))
	a[aUnknown] = shape.Unknown
	a[aSlot] = x[fSlot]
	a[aFocus] = x[fFocus]
	a[aNumbersDated] = x[fNumbersDated]
	a[aAssoc] = x[fAssoc]
	a[aCoverRare] = x[fCoverRare]
	return a
}

// BootstrapModel ranks by the sentence's weighted coverage of the
// question alone and answers from an even chance. It is where `vnru
// train` starts: the features it fits do not depend on the model, only
// the order they are listed in.
func BootstrapModel() *Model {
	m := &Model{Features: FeatureNames(), AnswerFeatures: AnswerFeatureNames(),
		Rank: make([]float64, numFeatures), RankMean: make([]float64, numFeatures), RankScale: make([]float64, numFeatures),
		Answer: make([]float64, numAnswerFeatures), AnswerMean: make([]float64, numAnswerFeatures), AnswerScale: make([]float64, numAnswerFeatures),
		AnswerThreshold: 0.5, RelatedThreshold: 0.5, Trained: "bootstrap: coverage only"}
	for i := range m.RankScale {
		m.RankScale[i] = 1
	}
	for i := range m.AnswerScale {
		m.AnswerScale[i] = 1
	}
	m.Rank[fCover] = 1
	m.Answer[aCover] = 4
	m.AnswerBias = -2
	return m
}
