package retrieval

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"testing"
)

// BenchmarkWriteSegment writes one segment of 20,000 passages and counts
// their statistics, as a build does: the build rate of one core
// (passages/s; `vnru index` writes two segments at a time).
func BenchmarkWriteSegment(b *testing.B) {
	ctx := context.Background()
	articles := synthetic(b, 20_000, "seg", 0)
	ps := makePassages(articles)
	e := &Engine{articles: articles, passages: ps, keys: keysOf(articles), hashes: hashAll(articles), first: firsts(ps, len(articles))}
	arts := slices.Collect(e.segArticles(articles))
	dir := b.TempDir()
	i := 0
	for b.Loop() {
		i++
		if err := writeSegment(ctx, filepath.Join(dir, fmt.Sprint(i)), slices.Values(arts), nil, &stats{DocFreq: map[string]int{}}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(len(ps))*float64(b.N)/b.Elapsed().Seconds(), "passages/s")
}

func firsts(ps []passage, n int) []int {
	out := make([]int, n+1)
	for i := len(ps) - 1; i >= 0; i-- {
		out[ps[i].article] = i
	}
	out[n] = len(ps)
	return out
}
