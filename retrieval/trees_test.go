package retrieval

import (
	"strings"
	"testing"
)

func TestTreeEval(t *testing.T) {
	// x[0] ≤ 0.5 → (x[1] ≤ 2 → 1, else 2); else 3.
	tree := Tree{Nodes: []TreeNode{
		{Feature: 0, Threshold: 0.5, Left: 1, Right: 4},
		{Feature: 1, Threshold: 2, Left: 2, Right: 3},
		{Value: 1}, {Value: 2}, {Value: 3},
	}}
	for _, tt := range []struct {
		x    []float64
		want float64
	}{
		{[]float64{0.5, 2}, 1}, {[]float64{0, 3}, 2}, {[]float64{0.6, 0}, 3},
	} {
		if got := tree.Eval(tt.x); got != tt.want {
			t.Errorf("Eval(%v) = %v, want %v", tt.x, got, tt.want)
		}
	}
	if err := tree.validate(2); err != nil {
		t.Errorf("validate: %v", err)
	}
}

// TestModelRejectsBadTrees checks that a model file whose trees would
// read past the features or loop is refused, not served.
func TestModelRejectsBadTrees(t *testing.T) {
	for name, tree := range map[string]Tree{
		"empty":            {},
		"feature too high": {Nodes: []TreeNode{{Feature: numFeatures, Left: 1, Right: 2}, {}, {}}},
		"child before":     {Nodes: []TreeNode{{Left: 1, Right: 2}, {Left: 0, Right: 0}, {Feature: 0, Left: 1, Right: 1}}},
		"child missing":    {Nodes: []TreeNode{{Left: 1, Right: 5}, {}}},
	} {
		m := BootstrapModel()
		m.Trees = []Tree{tree}
		err := m.Validate()
		if err == nil || !strings.Contains(err.Error(), "vnru train") {
			t.Errorf("%s: Validate() = %v, want an error saying to refit", name, err)
		}
	}
}
