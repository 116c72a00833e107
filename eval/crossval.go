package eval

import (
	"context"
	"fmt"
	"hash/fnv"
	"math"
	"slices"
	"sort"

	"github.com/vnru/vnru/retrieval"
)

// CVScores are out-of-fold figures computed from ranked examples, the
// way the engine decides: the best-scored sentence is quoted when its
// answerability reaches the threshold. They count sentences as ranked,
// before near-duplicates are merged and quotes widened, so they differ a
// little from `vnru eval --cv`, which asks the engine itself.
type CVScores struct {
	Answerable, Unanswerable int
	AnsweredAt1, AnsweredAt3 float64 // over answerable questions, counting only answers
	RankedAt1                float64 // the best sentence holds the answer, answered or not
	RefusedCorrectly         float64 // over unanswerable questions
	FalseRefusals            float64 // over answerable questions
	// Right says, for each held-out example in order, whether it was
	// handled right: answered with a right first quote, or refused
	// when it has no answer.
	Right []bool
}

// CrossValidate fits k models, each without one fold of the examples
// heldOut selects, and scores every held-out example with its fold's
// model.
func CrossValidate(ctx context.Context, exs []Example, k int, p Params, heldOut func(Example) bool) (CVScores, error) {
	models, err := FoldModels(ctx, exs, k, p, heldOut)
	if err != nil {
		return CVScores{}, err
	}
	var s CVScores
	var hit1, hit3, ranked1, refused, falseRefused int
	for _, e := range exs {
		if !heldOut(e) {
			continue
		}
		m := models[Fold(e.Group, k)]
		answered, top := decide(m, e)
		if !e.Answerable {
			s.Unanswerable++
			if !answered {
				refused++
			}
			s.Right = append(s.Right, !answered)
			continue
		}
		s.Answerable++
		if !answered {
			falseRefused++
		}
		right := false
		for i, c := range top {
			if e.Pos[c] {
				if i == 0 {
					ranked1++
				}
				if answered {
					if i == 0 {
						hit1++
						right = true
					}
					hit3++
				}
				break
			}
		}
		s.Right = append(s.Right, right)
	}
	frac := func(a, b int) float64 {
		if b == 0 {
			return 0
		}
		return float64(a) / float64(b)
	}
	s.AnsweredAt1, s.AnsweredAt3, s.RankedAt1 = frac(hit1, s.Answerable), frac(hit3, s.Answerable), frac(ranked1, s.Answerable)
	s.RefusedCorrectly, s.FalseRefusals = frac(refused, s.Unanswerable), frac(falseRefused, s.Answerable)
	return s, nil
}

// decide says whether the model answers the example, and its three best
// candidates.
func decide(m *retrieval.Model, e Example) (bool, []int) {
	if len(e.X) == 0 {
		return false, nil
	}
	xs := e.FeaturesFor(m)
	scores := scoreAll(m, xs)
	order := make([]int, len(xs))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return scores[order[a]] > scores[order[b]] })
	p := m.Probability(retrieval.AnswerVector(e.Shape, xs, scores, order[0]))
	return p >= m.AnswerThreshold, order[:min(3, len(order))]
}

// FeatureGroups are the ranking features by what they describe, for
// ablation: each group is left out in turn to see what it adds.
func FeatureGroups() []FeatureGroup {
	return []FeatureGroup{
		{"coverage", []string{"cover", "cover_window", "cover_passage", "cover_title", "cover_article", "share", "run", "cover_rare"}},
		{"missing", []string{"missing", "missing_own", "names_missing", "numbers_missing", "numbers_off_article", "numbers_dated"}},
		{"wording", []string{"paraphrase", "accent", "bigrams", "focus"}},
		{"answer type", []string{"date", "number", "person", "place", "type_missing", "slot"}},
		{"position, length", []string{"bm25", "lead", "first", "length", "refers_back"}},
		{"learned associations", []string{"assoc"}},
	}
}

// FeatureGroup names a group of ranking features.
type FeatureGroup struct {
	Name     string
	Features []string
}

// Without returns copies of the examples with the group's features set
// to zero: a constant feature gets no weight, as if it were not there.
func Without(exs []Example, g FeatureGroup) []Example {
	names := retrieval.FeatureNames()
	idx := map[string]int{}
	for i, n := range names {
		idx[n] = i
	}
	// Without the syllables, nothing recomputes the association feature
	// over the zero left in X.
	noAssoc := slices.Contains(g.Features, names[retrieval.FeatureAssoc])
	out := make([]Example, len(exs))
	for i, e := range exs {
		if noAssoc {
			e.Assoc, e.Missing, e.Syllables = retrieval.AssocQuestion{}, nil, nil
		}
		e.X = make([][]float64, len(exs[i].X))
		for j, x := range exs[i].X {
			x = append([]float64(nil), x...)
			for _, n := range g.Features {
				x[idx[n]] = 0
			}
			e.X[j] = x
		}
		out[i] = e
	}
	return out
}

// Fold assigns a group to one of k folds, the same way every run.
func Fold(group string, k int) int {
	h := fnv.New32a()
	h.Write([]byte(group))
	return int(h.Sum32() % uint32(k))
}

// FoldModels fits k models: model f is fitted to every example except
// those heldOut puts in fold f, so it can be measured on them.
func FoldModels(ctx context.Context, exs []Example, k int, p Params, heldOut func(Example) bool) ([]*retrieval.Model, error) {
	models := make([]*retrieval.Model, k)
	for f := 0; f < k; f++ {
		var train []Example
		for _, e := range exs {
			if heldOut(e) && Fold(e.Group, k) == f {
				continue
			}
			train = append(train, e)
		}
		m, err := Fit(ctx, train, p, fmt.Sprintf("fold %d of %d", f+1, k))
		if err != nil {
			return nil, err
		}
		models[f] = m
	}
	return models, nil
}

// PairedGain compares two settings on the same held-out examples (each
// CVScores.Right): the mean gain of b over a in questions handled right,
// and its standard error. A gain within one standard error is noise: on
// a few hundred questions, the answer threshold alone moves the count
// by a handful.
func PairedGain(b, a []bool) (gain, stderr float64) {
	n := min(len(a), len(b))
	if n < 2 {
		return 0, 0
	}
	d := make([]float64, n)
	for i := range d {
		d[i] = flag(b[i]) - flag(a[i])
		gain += d[i]
	}
	gain /= float64(n)
	var ss float64
	for _, x := range d {
		ss += (x - gain) * (x - gain)
	}
	return gain, math.Sqrt(ss/float64(n-1)) / math.Sqrt(float64(n))
}

func flag(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
