package retrieval

import (
	"fmt"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
)

// newMapping builds the index mapping: the passage text analysed two ways,
// folded syllables and folded bigrams. A mapping that writes a segment
// shares a tap between its tokenizers (nil otherwise). Marks and titles are weighed by
// the ranking in Go, so they need no index fields. Nothing is stored:
// the document ID names the passage (docID), and the text is quoted from
// the articles in memory.
func newMapping(tap *tokenTap) (*mapping.IndexMappingImpl, error) {
	m := bleve.NewIndexMapping()
	m.ScoringModel = "bm25"
	for _, a := range []struct{ name, mode string }{
		{analyzerFold, "fold"}, {analyzerBigram, "bigram"},
	} {
		config := map[string]interface{}{"type": tokenizerType, "mode": a.mode}
		if tap != nil {
			config["tap"] = tap
		}
		if err := m.AddCustomTokenizer(a.name, config); err != nil {
			return nil, fmt.Errorf("tokenizer %s: %w", a.name, err)
		}
		if err := m.AddCustomAnalyzer(a.name, map[string]interface{}{"type": "custom", "tokenizer": a.name}); err != nil {
			return nil, fmt.Errorf("analyzer %s: %w", a.name, err)
		}
	}
	field := func(name, analyzer string) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Name = name
		f.Analyzer = analyzer
		f.Store = false
		f.IncludeInAll = false
		f.IncludeTermVectors = false
		f.DocValues = false
		return f
	}
	dm := bleve.NewDocumentStaticMapping()
	dm.AddFieldMappingsAt("text", field(fieldText, analyzerFold), field(fieldBigram, analyzerBigram))
	m.AddDocumentMapping(docType, dm)
	m.DefaultMapping = dm
	m.DefaultType = docType
	m.DefaultAnalyzer = analyzerFold
	return m, nil
}

// Index field names.
const (
	docType     = "passage"
	fieldText   = "text"
	fieldBigram = "bigram"
)

type passageDoc struct {
	Text string `json:"text"`
}

func (passageDoc) Type() string { return docType }
