package retrieval

import "fmt"

// Tree is a regression tree over the raw ranking features, fitted by
// `vnru train` to what the linear ranking gets wrong (gradient boosting):
// it lets a feature count differently depending on another ("the
// heaviest concept is missing" matters more when the sentence covers
// little else). Nodes[0] is the root.
type Tree struct {
	Nodes []TreeNode `json:"nodes"`
}

// TreeNode is a split (x[Feature] ≤ Threshold goes to Left, else Right)
// or, when Left is 0, a leaf worth Value.
type TreeNode struct {
	Feature   int     `json:"f,omitempty"`
	Threshold float64 `json:"t,omitempty"`
	Left      int     `json:"l,omitempty"`
	Right     int     `json:"r,omitempty"`
	Value     float64 `json:"v,omitempty"`
}

// Eval is the tree's value for the feature vector x.
func (t Tree) Eval(x []float64) float64 {
	n := t.Nodes[0]
	for n.Left != 0 {
		if x[n.Feature] <= n.Threshold {
			n = t.Nodes[n.Left]
		} else {
			n = t.Nodes[n.Right]
		}
	}
	return n.Value
}

// validate checks that every split names a feature of dim and every
// child lies after its parent, so eval ends.
func (t Tree) validate(dim int) error {
	if len(t.Nodes) == 0 {
		return fmt.Errorf("empty tree")
	}
	for i, n := range t.Nodes {
		if n.Left == 0 {
			continue
		}
		if n.Feature < 0 || n.Feature >= dim || n.Left <= i || n.Right <= i || n.Left >= len(t.Nodes) || n.Right >= len(t.Nodes) {
			return fmt.Errorf("tree node %d is malformed", i)
		}
	}
	return nil
}
