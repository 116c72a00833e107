package retrieval

import (
	"fmt"

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
		switch mode {
		case "fold", "bigram":
			return syllableTokenizer{mode: mode, forms: newFormCache()}, nil
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
}

func (t syllableTokenizer) Tokenize(input []byte) analysis.TokenStream {
	toks := tokenize(string(input), t.forms)
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
