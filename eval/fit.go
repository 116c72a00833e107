package eval

import (
	"context"
	"math"
	"slices"
	"sync"
)

// Fitting: a listwise ranker (softmax over a question's candidates, the
// log-likelihood of its answering sentences) and a logistic model of
// answerability, both linear over standardised features, with L2
// regularisation, fitted by full-batch gradient descent with Adam. Both
// are deterministic: the same data give the same weights.

// rankExample is one question's candidates, for the ranker.
type rankExample struct {
	x      [][]float64 // candidates' features
	pos    []bool      // the candidate answers the question
	weight float64
}

// teaches says whether the example has anything to teach about order:
// an answer, and another candidate.
func (e rankExample) teaches() bool {
	return len(e.x) >= 2 && slices.Contains(e.pos, true)
}

// logitExample is one observation, for the answerability model.
type logitExample struct {
	x      []float64
	y      bool
	weight float64
}

// standardiser centres and scales features.
type standardiser struct{ mean, scale []float64 }

func fitStandardiser(rows [][]float64, dim int) standardiser {
	s := standardiser{mean: make([]float64, dim), scale: make([]float64, dim)}
	if len(rows) == 0 {
		for i := range s.scale {
			s.scale[i] = 1
		}
		return s
	}
	for _, r := range rows {
		for i, v := range r {
			s.mean[i] += v
		}
	}
	for i := range s.mean {
		s.mean[i] /= float64(len(rows))
	}
	for _, r := range rows {
		for i, v := range r {
			d := v - s.mean[i]
			s.scale[i] += d * d
		}
	}
	for i := range s.scale {
		s.scale[i] = math.Sqrt(s.scale[i] / float64(len(rows)))
		if s.scale[i] < 1e-9 {
			s.scale[i] = 1 // a constant feature: its weight stays 0
		}
	}
	return s
}

func (s standardiser) apply(x []float64) []float64 {
	out := make([]float64, len(x))
	for i, v := range x {
		out[i] = (v - s.mean[i]) / s.scale[i]
	}
	return out
}

// fitParams are the optimiser's settings.
type fitParams struct {
	l2    float64
	iters int
	rate  float64
}

// fitRanker fits ranking weights to standardised examples; it returns the
// weights and the standardiser.
func fitRanker(ctx context.Context, exs []rankExample, dim int, p fitParams) ([]float64, standardiser) {
	var rows [][]float64
	for _, e := range exs {
		rows = append(rows, e.x...)
	}
	st := fitStandardiser(rows, dim)
	std := make([]rankExample, 0, len(exs))
	var total float64
	for _, e := range exs {
		if !e.teaches() {
			continue
		}
		se := rankExample{pos: e.pos, weight: e.weight}
		for _, x := range e.x {
			se.x = append(se.x, st.apply(x))
		}
		std = append(std, se)
		total += e.weight
	}
	w := make([]float64, dim)
	grad := func(w []float64) []float64 {
		// A fixed number of chunks of questions, in parallel, summed in
		// chunk order: the weights are the same on any machine.
		chunks := make([][]float64, gradientChunks)
		size := (len(std) + len(chunks) - 1) / len(chunks)
		var wg sync.WaitGroup
		for c := range chunks {
			chunks[c] = make([]float64, dim)
			lo, hi := min(c*size, len(std)), min((c+1)*size, len(std))
			wg.Add(1)
			go func(g []float64, exs []rankExample) {
				defer wg.Done()
				rankGradient(w, exs, total, g)
			}(chunks[c], std[lo:hi])
		}
		wg.Wait()
		g := make([]float64, dim)
		for _, c := range chunks {
			for k := range g {
				g[k] += c[k]
			}
		}
		for k := range g {
			g[k] += p.l2 * w[k]
		}
		return g
	}
	adam(ctx, w, grad, p)
	return w, st
}

// gradientChunks is how many parts the ranker's gradient is computed in.
const gradientChunks = 8

// rankGradient adds to g the gradient of the weighted listwise loss of
// exs at w.
func rankGradient(w []float64, exs []rankExample, total float64, g []float64) {
	var scores []float64
	for _, e := range exs {
		scores = scores[:0]
		m := math.Inf(-1)
		for _, x := range e.x {
			s := dot(w, x)
			scores = append(scores, s)
			m = max(m, s)
		}
		var z, zp float64
		for i, s := range scores {
			v := math.Exp(s - m)
			z += v
			if e.pos[i] {
				zp += v
			}
		}
		// d/dw of −log(Σpos e^s / Σall e^s) = E_all[x] − E_pos[x].
		for i, x := range e.x {
			v := math.Exp(scores[i] - m)
			c := v / z
			if e.pos[i] {
				c -= v / zp
			}
			c *= e.weight / total
			for k := range g {
				g[k] += c * x[k]
			}
		}
	}
}

// fitLogistic fits a weighted logistic regression; it returns the weights,
// the intercept and the standardiser.
func fitLogistic(ctx context.Context, exs []logitExample, dim int, p fitParams) ([]float64, float64, standardiser) {
	var rows [][]float64
	for _, e := range exs {
		rows = append(rows, e.x)
	}
	st := fitStandardiser(rows, dim)
	xs := make([][]float64, len(exs))
	var total float64
	for i, e := range exs {
		xs[i] = st.apply(e.x)
		total += e.weight
	}
	// The last weight is the intercept, not regularised.
	w := make([]float64, dim+1)
	grad := func(w []float64) []float64 {
		g := make([]float64, dim+1)
		for i, e := range exs {
			pr := 1 / (1 + math.Exp(-(dot(w[:dim], xs[i]) + w[dim])))
			y := 0.0
			if e.y {
				y = 1
			}
			c := (pr - y) * e.weight / total
			for k := 0; k < dim; k++ {
				g[k] += c * xs[i][k]
			}
			g[dim] += c
		}
		for k := 0; k < dim; k++ {
			g[k] += p.l2 * w[k]
		}
		return g
	}
	adam(ctx, w, grad, p)
	return w[:dim], w[dim], st
}

// adam minimises by gradient descent with Adam's step sizes. It stops
// early when ctx is done (the caller then discards w).
func adam(ctx context.Context, w []float64, grad func([]float64) []float64, p fitParams) {
	const b1, b2, eps = 0.9, 0.999, 1e-8
	m := make([]float64, len(w))
	v := make([]float64, len(w))
	for t := 1; t <= p.iters && ctx.Err() == nil; t++ {
		g := grad(w)
		for k := range w {
			m[k] = b1*m[k] + (1-b1)*g[k]
			v[k] = b2*v[k] + (1-b2)*g[k]*g[k]
			mh := m[k] / (1 - math.Pow(b1, float64(t)))
			vh := v[k] / (1 - math.Pow(b2, float64(t)))
			w[k] -= p.rate * mh / (math.Sqrt(vh) + eps)
		}
	}
}

func dot(a, b []float64) float64 {
	var s float64
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}
