package eval

import (
	"context"
	"math"
	"sort"
	"sync"

	"github.com/vnru/vnru/retrieval"
)

// Gradient boosting of the ranker: regression trees fitted, one after
// another, to the gradient of the same listwise loss the linear ranker
// minimises, starting from its scores (Newton steps, as in XGBoost and
// LambdaMART). Features are cut into at most maxBins quantile bins, so a
// split is found from per-bin sums. Deterministic like the rest.

// boostParams are the boosting settings.
type boostParams struct {
	trees   int     // how many trees
	depth   int     // splits from root to leaf
	rate    float64 // shrinkage of every leaf
	lambda  float64 // L2 penalty on leaf values (question weights sum to 1)
	minHess float64 // the least hessian a leaf holds, as a share of all
}

const maxBins = 32

// boostCandidates is how many of a question's candidates, best first by
// the linear score, the trees are fitted to.
const boostCandidates = 20

// boostData is the flattened training data of the booster.
type boostData struct {
	dim    int
	x      [][]float64
	bins   []uint8 // row-major: bins[r*dim+f]
	edges  [][]float64
	pos    []bool
	starts []int     // question q's rows are starts[q]:starts[q+1]
	weight []float64 // per question, summing to 1
	score  []float64
}

// fitBoost fits trees that correct base's scores of the examples.
func fitBoost(ctx context.Context, exs []rankExample, base func([]float64) float64, dim int, p boostParams) []retrieval.Tree {
	d := newBoostData(exs, base, dim)
	if len(d.starts) < 2 {
		return nil
	}
	g := make([]float64, len(d.x))
	h := make([]float64, len(d.x))
	var out []retrieval.Tree
	for range p.trees {
		if ctx.Err() != nil {
			return out // the caller discards them
		}
		d.gradients(g, h)
		var hTotal float64
		for _, v := range h {
			hTotal += v
		}
		b := treeBuilder{d: d, g: g, h: h, p: p, minHess: p.minHess * hTotal}
		rows := make([]int32, len(d.x))
		for i := range rows {
			rows[i] = int32(i)
		}
		b.node(rows, 0)
		out = append(out, b.tree)
	}
	return out
}

func newBoostData(exs []rankExample, base func([]float64) float64, dim int) *boostData {
	d := &boostData{dim: dim, starts: []int{0}}
	var total float64
	for _, e := range exs {
		if !e.teaches() {
			continue
		}
		// The best boostCandidates by base score, and every answer: the
		// others' share of the softmax, and so their gradient, is nil.
		scores := make([]float64, len(e.x))
		order := make([]int, len(e.x))
		for i, x := range e.x {
			scores[i], order[i] = base(x), i
		}
		sort.SliceStable(order, func(a, b int) bool { return scores[order[a]] > scores[order[b]] })
		for k, i := range order {
			if k < boostCandidates || e.pos[i] {
				d.x = append(d.x, e.x[i])
				d.pos = append(d.pos, e.pos[i])
				d.score = append(d.score, scores[i])
			}
		}
		d.starts = append(d.starts, len(d.x))
		d.weight = append(d.weight, e.weight)
		total += e.weight
	}
	for i := range d.weight {
		d.weight[i] /= total
	}
	d.edges = make([][]float64, dim)
	vals := make([]float64, len(d.x))
	for f := range dim {
		for r, x := range d.x {
			vals[r] = x[f]
		}
		d.edges[f] = quantileEdges(vals)
	}
	d.bins = make([]uint8, len(d.x)*dim)
	for r, x := range d.x {
		for f := range dim {
			d.bins[r*dim+f] = uint8(sort.SearchFloat64s(d.edges[f], x[f]))
		}
	}
	return d
}

// quantileEdges are up to maxBins−1 cut points of the values: x ≤
// edges[b] falls in bin b or lower. It sorts vals.
func quantileEdges(vals []float64) []float64 {
	sort.Float64s(vals)
	var edges []float64
	for k := 1; k < maxBins; k++ {
		v := vals[k*len(vals)/maxBins]
		if v < vals[len(vals)-1] && (len(edges) == 0 || v > edges[len(edges)-1]) {
			edges = append(edges, v)
		}
	}
	// A feature with few values keeps a cut between each pair of them.
	if len(edges) < maxBins-1 {
		var uniq []float64
		for i, v := range vals {
			if i == 0 || v != vals[i-1] {
				uniq = append(uniq, v)
				if len(uniq) > maxBins {
					return edges
				}
			}
		}
		return uniq[:len(uniq)-1]
	}
	return edges
}

// gradients sets g and h to the first and (diagonal) second derivative
// of the weighted listwise loss −log(Σpos e^s / Σall e^s) in each score.
func (d *boostData) gradients(g, h []float64) {
	for q := range d.weight {
		lo, hi := d.starts[q], d.starts[q+1]
		m := math.Inf(-1)
		for i := lo; i < hi; i++ {
			m = max(m, d.score[i])
		}
		var z, zp float64
		for i := lo; i < hi; i++ {
			v := math.Exp(d.score[i] - m)
			z += v
			if d.pos[i] {
				zp += v
			}
		}
		w := d.weight[q]
		for i := lo; i < hi; i++ {
			v := math.Exp(d.score[i] - m)
			pi := v / z
			gi := pi
			if d.pos[i] {
				gi -= v / zp
			}
			g[i] = w * gi
			h[i] = w * max(pi*(1-pi), 1e-6)
		}
	}
}

// treeBuilder grows one tree.
type treeBuilder struct {
	d       *boostData
	g, h    []float64
	p       boostParams
	minHess float64
	tree    retrieval.Tree
}

// node grows the subtree of rows and returns its node index.
func (b *treeBuilder) node(rows []int32, depth int) int {
	idx := len(b.tree.Nodes)
	b.tree.Nodes = append(b.tree.Nodes, retrieval.TreeNode{})
	var G, H float64
	for _, r := range rows {
		G += b.g[r]
		H += b.h[r]
	}
	f, bin, ok := -1, 0, false
	if depth < b.p.depth {
		f, bin, ok = b.bestSplit(rows, G, H)
	}
	if !ok {
		v := -G / (H + b.p.lambda) * b.p.rate
		b.tree.Nodes[idx].Value = v
		for _, r := range rows {
			b.d.score[r] += v
		}
		return idx
	}
	var left, right []int32
	for _, r := range rows {
		if int(b.d.bins[int(r)*b.d.dim+f]) <= bin {
			left = append(left, r)
		} else {
			right = append(right, r)
		}
	}
	l := b.node(left, depth+1)
	r := b.node(right, depth+1)
	b.tree.Nodes[idx] = retrieval.TreeNode{Feature: f, Threshold: b.d.edges[f][bin], Left: l, Right: r}
	return idx
}

// bestSplit finds the feature and bin whose split lowers the loss most.
func (b *treeBuilder) bestSplit(rows []int32, G, H float64) (feature, bin int, ok bool) {
	dim := b.d.dim
	type best struct {
		gain float64
		bin  int
	}
	bests := make([]best, dim)
	var wg sync.WaitGroup
	const workers = 2
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var gs, hs [maxBins]float64
			for f := w; f < dim; f += workers {
				bests[f] = best{gain: 0, bin: -1}
				nb := len(b.d.edges[f])
				if nb == 0 {
					continue
				}
				clear(gs[:])
				clear(hs[:])
				for _, r := range rows {
					k := b.d.bins[int(r)*dim+f]
					gs[k] += b.g[r]
					hs[k] += b.h[r]
				}
				parent := G * G / (H + b.p.lambda)
				var gl, hl float64
				for k := 0; k < nb; k++ {
					gl += gs[k]
					hl += hs[k]
					gr, hr := G-gl, H-hl
					if hl < b.minHess || hr < b.minHess {
						continue
					}
					gain := gl*gl/(hl+b.p.lambda) + gr*gr/(hr+b.p.lambda) - parent
					if gain > bests[f].gain {
						bests[f] = best{gain, k}
					}
				}
			}
		}()
	}
	wg.Wait()
	feature, bestGain := -1, 1e-12
	for f, bs := range bests {
		if bs.bin >= 0 && bs.gain > bestGain {
			feature, bin, bestGain = f, bs.bin, bs.gain
		}
	}
	return feature, bin, feature >= 0
}
