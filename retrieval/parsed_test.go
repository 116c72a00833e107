package retrieval

import (
	"reflect"
	"testing"
)

// TestParsedCacheBounded: the parses kept never exceed the capacity (a
// parse per passage, kept forever, would not fit at a million passages),
// and a parse evicted is made again, the same.
func TestParsedCacheBounded(t *testing.T) {
	shared := testEngine(t)
	e := *shared
	e.passages = append([]passage(nil), shared.passages...)
	for i := range e.passages {
		e.passages[i].parsed = new(parsedSlot)
	}
	const capacity = 8
	e.parsedPassages = newParsedCache(capacity)
	first := e.parsed(0)
	for round := 0; round < 2; round++ {
		for pi := range e.passages {
			e.parsed(pi)
			e.parsed(0) // read often: the clock keeps it
			if n := e.parsedPassages.len(); n > capacity {
				t.Fatalf("the cache holds %d parses, want at most %d", n, capacity)
			}
		}
	}
	if e.passages[0].parsed.p.Load() != first {
		t.Errorf("the passage read between all the others was evicted")
	}
	kept := 0
	for pi := range e.passages {
		if e.passages[pi].parsed.p.Load() != nil {
			kept++
		}
	}
	if kept > capacity {
		t.Errorf("%d passages keep a parse, want at most %d", kept, capacity)
	}
	last := len(e.passages) / 2
	if got, want := e.parsed(last), parsePassage(e.passages[last].in(&e.articles[e.passages[last].article]), nil); !reflect.DeepEqual(got, want) {
		t.Errorf("a parse made again differs from the first")
	}
}
