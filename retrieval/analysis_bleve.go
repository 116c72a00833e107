package retrieval

import (
	"fmt"
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
	_ "github.com/blevesearch/bleve/v2/analysis/analyzer/custom" // registers the "custom" analyzer type
	"github.com/blevesearch/bleve/v2/registry"
)

// This file plugs Tokenize into bleve, so the index and the Go-side
// ranking see exactly the same syllables. Registering a tokenizer type is
// bleve's plugin mechanism and needs a package init: it is the only
// global state of the package.

const tokenizerType = "vnru_syllables"

// Analyzer names used in the index mapping.
const (
	analyzerFold   = "vi_fold"   // lower case, marks removed
	analyzerBigram = "vi_bigram" // folded syllable pairs: "doi tac", "viet nam"
)

func init() {
	err := registry.RegisterTokenizer(tokenizerType, func(config map[string]interface{}, _ *registry.Cache) (analysis.Tokenizer, error) {
		mode, _ := config["mode"].(string)
		tap, _ := config["tap"].(*tokenTap) // absent from a mapping read back: bleve writes it as {}
		switch mode {
		case "fold", "bigram":
			return syllableTokenizer{mode: mode, forms: newFormCache(), tap: tap}, nil
		}
		return nil, fmt.Errorf("%s: unknown mode %q", tokenizerType, mode)
	})
	if err != nil {
		panic(err)
	}
}

// syllableTokenizer belongs to one index mapping; its form cache lives
// and dies with the index.
type syllableTokenizer struct {
	mode  string
	forms *formCache
	tap   *tokenTap // nil, or shared by the mapping's two tokenizers
}

// tokenTap is shared by the two tokenizers of a mapping that writes a
// segment. Bleve analyses a passage's text twice, for the folded
// syllables and then for the bigrams: the bigram tokenizer takes the
// syllables the fold tokenizer has just cut from the same text, and the
// fold tokenizer counts each passage into the statistics, so a build
// cuts each passage once instead of three times (twice for bleve, once
// for the statistics).
type tokenTap struct {
	mu    sync.Mutex
	text  string  // the text last cut by the fold tokenizer
	toks  []Token // its syllables
	count *stats  // nil, or the statistics the passages are counted in
	seen  map[string]bool
}

func newTokenTap(count *stats) *tokenTap { return &tokenTap{count: count, seen: map[string]bool{}} }

// fold notes the syllables of a passage's text.
func (tp *tokenTap) fold(text string, toks []Token) {
	tp.mu.Lock()
	defer tp.mu.Unlock()
	tp.text, tp.toks = text, toks
	if tp.count != nil {
		tp.count.count(toks, tp.seen)
	}
}

// cut returns the syllables of text if the fold tokenizer just cut it.
func (tp *tokenTap) cut(text string) ([]Token, bool) {
	tp.mu.Lock()
	defer tp.mu.Unlock()
	return tp.toks, tp.toks != nil && tp.text == text
}

func (t syllableTokenizer) Tokenize(input []byte) analysis.TokenStream {
	text := string(input)
	var toks []Token
	switch {
	case t.tap == nil:
		toks = tokenize(text, t.forms)
	case t.mode == "fold":
		toks = tokenize(text, t.forms)
		t.tap.fold(text, toks)
	default:
		var ok bool
		if toks, ok = t.tap.cut(text); !ok {
			toks = tokenize(text, t.forms)
		}
	}
	stream := make(analysis.TokenStream, 0, len(toks))
	switch t.mode {
	case "bigram":
		for i := 1; i < len(toks); i++ {
			stream = append(stream, &analysis.Token{
				Term: []byte(bigram(toks[i-1].Fold, toks[i].Fold)), Start: toks[i-1].Start, End: toks[i].End,
				Position: i, Type: analysis.Shingle,
			})
		}
	default:
		for i, tok := range toks {
			stream = append(stream, &analysis.Token{
				Term: []byte(tok.Fold), Start: tok.Start, End: tok.End, Position: i + 1, Type: analysis.AlphaNumeric,
			})
		}
	}
	return stream
}

func bigram(a, b string) string { return a + " " + b }
