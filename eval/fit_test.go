package eval

import (
	"context"
	"math"
	"testing"
)

// TestFitRankerFindsTheInformativeFeature fits the ranker to questions
// whose answer is always the candidate with the highest first feature:
// the fitted weight of that feature must dominate the noise feature's.
func TestFitRankerFindsTheInformativeFeature(t *testing.T) {
	var exs []rankExample
	for q := 0; q < 50; q++ {
		ex := rankExample{weight: 1}
		for c := 0; c < 5; c++ {
			signal := float64((q*7+c*3)%5) / 4 // a permutation of 0..1 per question
			noise := float64((q*11+c*5)%7) / 6
			ex.x = append(ex.x, []float64{signal, noise})
			ex.pos = append(ex.pos, signal == 1)
		}
		exs = append(exs, ex)
	}
	w, _ := fitRanker(context.Background(), exs, 2, fitParams{l2: 1e-3, iters: 300, rate: 0.05})
	if w[0] <= 2*math.Abs(w[1]) {
		t.Errorf("weights = %v, want the first to dominate", w)
	}
}

func TestFitLogisticSeparates(t *testing.T) {
	var exs []logitExample
	for i := 0; i < 100; i++ {
		x := float64(i) / 100
		exs = append(exs, logitExample{x: []float64{x}, y: x > 0.5, weight: 1})
	}
	w, b, st := fitLogistic(context.Background(), exs, 1, fitParams{l2: 1e-4, iters: 400, rate: 0.05})
	p := func(x float64) float64 { return 1 / (1 + math.Exp(-(w[0]*(x-st.mean[0])/st.scale[0] + b))) }
	if p(0.9) < 0.8 || p(0.1) > 0.2 {
		t.Errorf("p(0.9) = %.2f, p(0.1) = %.2f; want > 0.8 and < 0.2", p(0.9), p(0.1))
	}
}

func TestChooseThreshold(t *testing.T) {
	tests := []struct {
		name      string
		ds        []decision
		wrongCost float64
		want      float64
	}{
		{"right answers above, wrong below", []decision{
			{p: 0.9, answerable: true, correct: true}, {p: 0.8, answerable: true, correct: true},
			{p: 0.3, answerable: false}, {p: 0.2, answerable: true},
		}, 1, 0.8},
		{"a costly wrong answer raises it", []decision{
			{p: 0.9, answerable: true, correct: true}, {p: 0.7, answerable: false}, {p: 0.6, answerable: true, correct: true},
			{p: 0.5, answerable: true, correct: true},
		}, 3, 0.9},
		{"a cheap wrong answer lowers it", []decision{
			{p: 0.9, answerable: true, correct: true}, {p: 0.7, answerable: false}, {p: 0.6, answerable: true, correct: true},
			{p: 0.5, answerable: true, correct: true},
		}, 0.5, 0.5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := chooseThreshold(tt.ds, tt.wrongCost); got != tt.want {
				t.Errorf("chooseThreshold = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestFoldIsStable(t *testing.T) {
	for _, g := range []string{"reporters/r001", "xquad/Normans", ""} {
		f := Fold(g, 5)
		if f < 0 || f >= 5 || Fold(g, 5) != f {
			t.Errorf("Fold(%q, 5) = %d, not stable in [0,5)", g, f)
		}
	}
}

func TestRelatedThreshold(t *testing.T) {
	var ds []decision
	for i := 1; i <= 10; i++ {
		ds = append(ds, decision{p: float64(i) / 10, answerable: true}, decision{p: 0.05, answerable: false})
	}
	if got := relatedThreshold(ds, 0.9); got != 0.2 {
		t.Errorf("relatedThreshold = %v, want 0.2: nine in ten answerable questions reach it", got)
	}
}

// TestBaggedThreshold: on separable decisions the median of the
// resamples' thresholds still separates them, and the same decisions
// give the same threshold every run.
func TestBaggedThreshold(t *testing.T) {
	var ds []decision
	for i := range 20 {
		ds = append(ds, decision{p: 0.5 + float64(i)/100, answerable: true, correct: true})
		ds = append(ds, decision{p: 0.1 + float64(i)/100, answerable: false})
	}
	got := baggedThreshold(ds, 0.25, thresholdResamples)
	if got <= 0.29 || got > 0.5 {
		t.Errorf("baggedThreshold = %v, want it in (0.29, 0.5]: answer the right ones, refuse the rest", got)
	}
	if again := baggedThreshold(ds, 0.25, thresholdResamples); again != got {
		t.Errorf("baggedThreshold gave %v, then %v: want the same", got, again)
	}
}
