package eval

import (
	"context"
	"errors"
	"fmt"
	"math"
	"testing"

	"github.com/vnru/vnru/retrieval"
)

// TestFeatureGroupsCoverEveryFeature: the ablation leaves out every
// feature in some group, once; a new feature must be given a group.
func TestFeatureGroupsCoverEveryFeature(t *testing.T) {
	in := map[string]int{}
	for _, g := range FeatureGroups() {
		for _, f := range g.Features {
			in[f]++
		}
	}
	for _, f := range retrieval.FeatureNames() {
		if in[f] != 1 {
			t.Errorf("feature %q is in %d ablation groups, want 1", f, in[f])
		}
		delete(in, f)
	}
	for f := range in {
		t.Errorf("ablation group names %q, which is not a feature", f)
	}
}

// TestFitStopsWhenCancelled: a cancelled fit (Ctrl-C during vnru train)
// returns the context's error, not a half-fitted model.
func TestFitStopsWhenCancelled(t *testing.T) {
	dim := len(retrieval.FeatureNames())
	var exs []Example
	for q := range 12 {
		e := Example{Set: "reporters", Group: fmt.Sprint("reporters/", q), Answerable: q%4 != 0}
		for c := range 4 {
			x := make([]float64, dim)
			x[0] = float64((q+c)%4) / 3
			e.X = append(e.X, x)
			e.Pos = append(e.Pos, e.Answerable && x[0] == 1)
		}
		exs = append(exs, e)
	}
	if _, err := Fit(context.Background(), exs, DefaultParams(), "test"); err != nil {
		t.Fatalf("Fit: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if m, err := Fit(ctx, exs, DefaultParams(), "test"); !errors.Is(err, context.Canceled) || m != nil {
		t.Errorf("Fit with a cancelled context = %v, %v; want no model and context.Canceled", m, err)
	}
	if _, err := CrossValidate(ctx, exs, 3, DefaultParams(), func(Example) bool { return true }); !errors.Is(err, context.Canceled) {
		t.Errorf("CrossValidate with a cancelled context: %v, want context.Canceled", err)
	}
}

func TestPairedGain(t *testing.T) {
	tests := []struct {
		name       string
		b, a       []bool
		gain, serr float64
	}{
		{"equal", []bool{true, false, true}, []bool{true, false, true}, 0, 0},
		{"one more right in four", []bool{true, true, false, false}, []bool{true, false, false, false}, 0.25, 0.25},
		{"too few to compare", []bool{true}, []bool{false}, 0, 0},
	}
	for _, tt := range tests {
		gain, serr := PairedGain(tt.b, tt.a)
		if math.Abs(gain-tt.gain) > 1e-9 || math.Abs(serr-tt.serr) > 1e-9 {
			t.Errorf("%s: PairedGain = %v ± %v, want %v ± %v", tt.name, gain, serr, tt.gain, tt.serr)
		}
	}
}
