package retrieval

import (
	"sync"
	"sync/atomic"

	"github.com/vnru/vnru/corpus"
)

// parsedPassage is a passage's tokens and sentences, kept after the first
// question that needs them: ranking, features and quote widening all read
// them, and a passage is cut once, not once per question and per reader.
type parsedPassage struct {
	text  string // the passage's text, which the offsets below point into
	toks  []Token
	sents []parsedSentence
}

// parsedSentence is a sentence of a passage and its token range.
type parsedSentence struct {
	corpus.Sentence
	from, to int // toks[from:to] are the sentence's tokens
}

// parsedSlot holds one passage's parse while the cache keeps it. Each
// passage has its own slot, shared by every engine view that holds the
// passage, so an update keeps the parses of unchanged passages.
type parsedSlot struct {
	p      atomic.Pointer[parsedPassage]
	used   atomic.Bool // read since the clock hand last passed
	inRing bool        // guarded by parsedCache.mu
}

// slotSlab hands out parse slots from one allocation: an open that takes
// a million passages from the catalog made a million small allocations,
// a tenth of its time with the collections they caused.
type slotSlab []parsedSlot

func (s *slotSlab) next() *parsedSlot {
	if len(*s) == 0 {
		return new(parsedSlot)
	}
	p := &(*s)[0]
	*s = (*s)[1:]
	return p
}

// parsedCapacity bounds how many passages keep their parse. A parse
// takes about 6 KB (a Token is 48 bytes, a passage about 120 of them),
// so this is about 100 MB at most: a million parsed passages would not
// fit in memory, and the candidates of a few hundred questions fit here.
const parsedCapacity = 1 << 14

// parsedCache bounds the parses kept with clock eviction (second
// chance): a filled slot joins a ring; when the ring is full, the hand
// skips (and clears) slots read since it last passed and empties the
// first one that was not. Reading a kept parse takes no lock.
type parsedCache struct {
	mu   sync.Mutex
	ring []*parsedSlot
	hand int
	max  int
}

func newParsedCache(capacity int) *parsedCache {
	return &parsedCache{max: max(1, capacity)}
}

// keep stores p in slot s, evicting another slot's parse if the cache is
// full.
func (c *parsedCache) keep(s *parsedSlot, p *parsedPassage) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !s.inRing {
		if len(c.ring) < c.max {
			c.ring = append(c.ring, s)
		} else {
			for c.ring[c.hand].used.Swap(false) {
				c.hand = (c.hand + 1) % len(c.ring)
			}
			old := c.ring[c.hand]
			old.p.Store(nil)
			old.inRing = false
			c.ring[c.hand] = s
			c.hand = (c.hand + 1) % len(c.ring)
		}
		s.inRing = true
	}
	s.p.Store(p)
}

// len is how many parses the cache holds.
func (c *parsedCache) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.ring)
}

// parsed returns passage pi's tokens and sentences.
func (e *Engine) parsed(pi int) *parsedPassage {
	slot := e.passages[pi].parsed
	if p := slot.p.Load(); p != nil {
		if !slot.used.Load() {
			slot.used.Store(true)
		}
		return p
	}
	text, err := e.passageText(pi)
	if err != nil {
		// The segment files were damaged or removed behind the engine's
		// back: the passage ranks as empty, and is not kept.
		e.lg.Error("read passage text; if this repeats, rebuild the index (vnru index --rebuild)", "err", err)
		return &parsedPassage{}
	}
	p := parsePassage(text, e.forms)
	e.parsedPassages.keep(slot, p)
	return p
}

func parsePassage(text string, forms *formCache) *parsedPassage {
	p := &parsedPassage{text: text, toks: tokenize(text, forms)}
	k := 0
	for _, s := range corpus.SplitSentences(text) {
		from := k
		for k < len(p.toks) && p.toks[k].Start < s.End {
			k++
		}
		if k > from {
			p.sents = append(p.sents, parsedSentence{Sentence: s, from: from, to: k})
		}
	}
	return p
}
