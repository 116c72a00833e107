package eval

import (
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
