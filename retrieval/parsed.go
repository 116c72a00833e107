package retrieval

import (
	"sync/atomic"

	"github.com/vnru/vnru/corpus"
)

// parsedPassage is a passage's tokens and sentences, kept after the first
// question that needs them: ranking, features and quote widening all read
// them, and a passage is cut once, not once per question and per reader.
type parsedPassage struct {
	toks  []Token
	sents []parsedSentence
}

// parsedSentence is a sentence of a passage and its token range.
type parsedSentence struct {
	corpus.Sentence
	from, to int // toks[from:to] are the sentence's tokens
}

// parsedCache holds each passage's parse once made. Slots are filled on
// first use (racing fills compute the same value; one wins), so opening
// an index costs nothing and memory grows only with the passages asked
// about.
type parsedCache struct {
	slots []atomic.Pointer[parsedPassage]
}

func newParsedCache(n int) *parsedCache {
	return &parsedCache{slots: make([]atomic.Pointer[parsedPassage], n)}
}

// parsed returns passage pi's tokens and sentences.
func (e *Engine) parsed(pi int) *parsedPassage {
	slot := &e.parsedPassages.slots[pi]
	if p := slot.Load(); p != nil {
		return p
	}
	text := e.passages[pi].text
	p := &parsedPassage{toks: tokenize(text, e.forms)}
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
	slot.Store(p)
	return p
}
