package eval

import (
	"context"
	"slices"
	"testing"
)

// TestBoostLearnsAnInteraction fits trees to questions whose answer is
// the candidate with both features high: no linear ranking of two
// features ranks it first when another candidate is higher on one
// alone, and the trees, starting from a flat base, must.
func TestBoostLearnsAnInteraction(t *testing.T) {
	var exs []rankExample
	for q := 0; q < 60; q++ {
		ex := rankExample{weight: 1}
		// The answer (0.6, 0.6) against (1, 0) and (0, 1), in turn first.
		cands := [][]float64{{1, 0}, {0, 1}, {0.6, 0.6}, {0.2, 0.1}}
		for c := range cands {
			x := cands[(c+q)%len(cands)]
			ex.x = append(ex.x, x)
			ex.pos = append(ex.pos, x[0] == 0.6)
		}
		exs = append(exs, ex)
	}
	flat := func([]float64) float64 { return 0 }
	p := boostParams{trees: 30, depth: 2, rate: 0.3, lambda: 0.01, minHess: 0.01}
	trees := fitBoost(context.Background(), exs, flat, 2, p)
	score := func(x []float64) float64 {
		var s float64
		for _, tr := range trees {
			s += tr.Eval(x)
		}
		return s
	}
	if a, b, c := score([]float64{0.6, 0.6}), score([]float64{1, 0}), score([]float64{0, 1}); a <= b || a <= c {
		t.Errorf("scores: answer %.3f, one feature high %.3f and %.3f; want the answer first", a, b, c)
	}
	// Deterministic: the same data give the same trees.
	again := fitBoost(context.Background(), exs, flat, 2, p)
	for i := range trees {
		if !slices.Equal(trees[i].Nodes, again[i].Nodes) {
			t.Fatalf("tree %d differs between two fits of the same data", i)
		}
	}
}

func TestQuantileEdges(t *testing.T) {
	tests := []struct {
		vals []float64
		want int // edges
	}{
		{[]float64{0, 0, 1, 1}, 1},
		{[]float64{3, 3, 3}, 0},
		{[]float64{0, 0.5, 1, 0.5}, 2},
	}
	for _, tt := range tests {
		if got := quantileEdges(slices.Clone(tt.vals)); len(got) != tt.want {
			t.Errorf("quantileEdges(%v) = %v, want %d edges", tt.vals, got, tt.want)
		}
	}
	many := make([]float64, 1000)
	for i := range many {
		many[i] = float64(i)
	}
	if got := quantileEdges(many); len(got) != maxBins-1 || !slices.IsSorted(got) {
		t.Errorf("quantileEdges(0..999) = %d edges, want %d sorted", len(got), maxBins-1)
	}
}
