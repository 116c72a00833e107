package retrieval

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/vnru/vnru/corpus"
)

// analysisVersion changes whenever tokenising, passage cutting or the
// mapping change, so persistent indexes built by older code are rebuilt.
const analysisVersion = "vnru-analysis-3"

// maxPassageSentences bounds a passage: longer paragraphs are cut into
// windows, so passages stay of similar length (bleve's BM25 length
// normalisation is unreliable, see RESEARCH.md) and quotes stay local.
const maxPassageSentences = 5

// passage is the unit of the index: a paragraph, or a window of sentences
// of a long paragraph. Text is a substring of the article paragraph.
type passage struct {
	article int // index into the engine's articles
	para    int // paragraph number in the article
	text    string
}

// makePassages cuts articles into passages.
func makePassages(articles []corpus.Article) []passage {
	var out []passage
	for ai, a := range articles {
		for pi, para := range a.Paragraphs {
			if strings.Count(para, ".")+strings.Count(para, "?")+strings.Count(para, "!")+strings.Count(para, "…") < maxPassageSentences {
				// Every sentence end needs one of these: with fewer than
				// the window's worth, the paragraph is one passage.
				out = append(out, passage{article: ai, para: pi, text: para})
				continue
			}
			sents := corpus.SplitSentences(para)
			if len(sents) <= maxPassageSentences {
				out = append(out, passage{article: ai, para: pi, text: para})
				continue
			}
			windows := (len(sents) + maxPassageSentences - 1) / maxPassageSentences
			per := (len(sents) + windows - 1) / windows
			for i := 0; i < len(sents); i += per {
				j := min(i+per, len(sents))
				out = append(out, passage{article: ai, para: pi, text: para[sents[i].Start:sents[j-1].End]})
			}
		}
	}
	return out
}

// stats are the document frequencies of folded syllables over passages,
// for the Go-side ranking (bleve's BM25 statistics are not exposed
// reliably; see RESEARCH.md).
type stats struct {
	Passages int            `json:"passages"`
	Tokens   int            `json:"tokens"` // syllables in all passages
	DocFreq  map[string]int `json:"doc_freq"`
}

// avgLength is the mean passage length in syllables.
func (st stats) avgLength() float64 {
	if st.Passages == 0 || st.Tokens == 0 {
		return 1
	}
	return float64(st.Tokens) / float64(st.Passages)
}

func computeStats(ps []passage, forms *formCache) stats {
	st := stats{Passages: len(ps), DocFreq: map[string]int{}}
	seen := map[string]bool{}
	for _, p := range ps {
		clear(seen)
		toks := tokenize(p.text, forms)
		st.Tokens += len(toks)
		for _, t := range toks {
			if !seen[t.Fold] {
				seen[t.Fold] = true
				st.DocFreq[t.Fold]++
			}
		}
	}
	return st
}

// newMapping builds the index mapping: the passage text analysed two ways,
// folded syllables and folded bigrams. Marks and titles are weighed by
// the ranking in Go, so they need no index fields. Nothing is stored:
// the document ID is the passage number, and the text is quoted from the
// articles in memory.
func newMapping() (*mapping.IndexMappingImpl, error) {
	m := bleve.NewIndexMapping()
	m.ScoringModel = "bm25"
	for _, a := range []struct{ name, mode string }{
		{analyzerFold, "fold"}, {analyzerBigram, "bigram"},
	} {
		if err := m.AddCustomTokenizer(a.name, map[string]interface{}{"type": tokenizerType, "mode": a.mode}); err != nil {
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

// fill indexes passages into idx in batches, checking ctx between them.
func fill(ctx context.Context, idx bleve.Index, articles []corpus.Article, ps []passage, progress func(done int)) error {
	const batchSize = 1000
	b := idx.NewBatch()
	for i, p := range ps {
		if err := b.Index(strconv.Itoa(i), passageDoc{Text: p.text}); err != nil {
			return fmt.Errorf("index passage %d: %w", i, err)
		}
		if b.Size() >= batchSize || i == len(ps)-1 {
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := idx.Batch(b); err != nil {
				return fmt.Errorf("index batch: %w", err)
			}
			b.Reset()
			if progress != nil {
				progress(i + 1)
			}
		}
	}
	return nil
}

// CorpusHash identifies a corpus and the analysis of this code: a
// persistent index is reused only when it was built from the same hash.
func CorpusHash(articles []corpus.Article) string {
	h := sha256.New()
	h.Write([]byte(analysisVersion + "\n"))
	field := func(s string) {
		h.Write([]byte(strconv.Itoa(len(s))))
		h.Write([]byte{':'})
		h.Write([]byte(s))
	}
	for _, a := range articles {
		field(a.ID)
		field(a.Title)
		field(a.URL)
		field(a.Source)
		field(a.Published.String())
		for _, p := range a.Paragraphs {
			field(p)
		}
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// indexMeta is written beside a persistent index.
type indexMeta struct {
	Hash     string    `json:"corpus_hash"`
	Articles int       `json:"articles"`
	Built    time.Time `json:"built"`
	Stats    stats     `json:"stats"`
}

const (
	metaFile    = "vnru-meta.json"
	currentFile = "CURRENT"
)

// openMem builds an in-memory index (scorch, so BM25 applies).
func openMem(ctx context.Context, articles []corpus.Article, ps []passage) (bleve.Index, error) {
	m, err := newMapping()
	if err != nil {
		return nil, err
	}
	idx, err := bleve.NewUsing("", m, scorch.Name, scorch.Name, nil)
	if err != nil {
		return nil, fmt.Errorf("create in-memory index: %w", err)
	}
	if err := fill(ctx, idx, articles, ps, nil); err != nil {
		idx.Close()
		return nil, err
	}
	return idx, nil
}

// openDir opens the index in dir that matches hash, or builds one beside
// the live index and swaps it in. The swap is the atomic rename of the
// CURRENT file, which names the live index folder; a crash before it
// leaves the old index in place, and a half-built folder is removed on
// the next build.
func openDir(ctx context.Context, lg *slog.Logger, dir string, articles []corpus.Article, ps []passage, hash string, progress func(int)) (bleve.Index, stats, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, stats{}, fmt.Errorf("create index folder: %w", err)
	}
	name := "idx-" + hash[:16]
	if cur, err := os.ReadFile(filepath.Join(dir, currentFile)); err == nil && strings.TrimSpace(string(cur)) == name {
		idx, st, err := openBuilt(filepath.Join(dir, name), hash)
		if err == nil {
			lg.Debug("index opened", "dir", dir, "name", name)
			return idx, st, nil
		}
		lg.Warn("index unusable, rebuilding", "dir", dir, "err", err)
	}

	tmp, err := os.MkdirTemp(dir, ".build-")
	if err != nil {
		return nil, stats{}, fmt.Errorf("create build folder: %w", err)
	}
	defer os.RemoveAll(tmp) // gone after the rename; cleans up a failed build
	if err := build(ctx, filepath.Join(tmp, "index"), articles, ps, hash, progress); err != nil {
		return nil, stats{}, err
	}
	final := filepath.Join(dir, name)
	if err := os.RemoveAll(final); err != nil {
		return nil, stats{}, fmt.Errorf("remove stale %s: %w", final, err)
	}
	if err := os.Rename(filepath.Join(tmp, "index"), final); err != nil {
		return nil, stats{}, fmt.Errorf("move new index into place: %w", err)
	}
	if err := writeFileAtomic(filepath.Join(dir, currentFile), []byte(name+"\n")); err != nil {
		return nil, stats{}, fmt.Errorf("switch to new index: %w", err)
	}
	removeStale(lg, dir, name)
	return openBuilt(final, hash)
}

// build writes a complete index folder at path.
func build(ctx context.Context, path string, articles []corpus.Article, ps []passage, hash string, progress func(int)) error {
	m, err := newMapping()
	if err != nil {
		return err
	}
	idx, err := bleve.NewUsing(path, m, scorch.Name, scorch.Name, nil)
	if err != nil {
		return fmt.Errorf("create index: %w", err)
	}
	if err := fill(ctx, idx, articles, ps, progress); err != nil {
		idx.Close()
		return err
	}
	if err := idx.Close(); err != nil {
		return fmt.Errorf("close new index: %w", err)
	}
	meta, err := json.Marshal(indexMeta{Hash: hash, Articles: len(articles), Built: time.Now().UTC(), Stats: computeStats(ps, newFormCache())})
	if err != nil {
		return err
	}
	// The meta file is written last: an index folder without it is unfinished.
	if err := writeFileAtomic(filepath.Join(path, metaFile), meta); err != nil {
		return fmt.Errorf("write index meta: %w", err)
	}
	return nil
}

// openBuilt opens a finished index folder read-only and checks its hash.
func openBuilt(path, hash string) (bleve.Index, stats, error) {
	data, err := os.ReadFile(filepath.Join(path, metaFile))
	if err != nil {
		return nil, stats{}, fmt.Errorf("read index meta: %w", err)
	}
	var meta indexMeta
	if err := json.Unmarshal(data, &meta); err != nil {
		return nil, stats{}, fmt.Errorf("parse index meta: %w", err)
	}
	if meta.Hash != hash {
		return nil, stats{}, errors.New("index was built from another corpus")
	}
	idx, err := bleve.OpenUsing(path, map[string]interface{}{"read_only": true})
	if err != nil {
		return nil, stats{}, fmt.Errorf("open index %s: %w", path, err)
	}
	return idx, meta.Stats, nil
}

// removeStale deletes index folders other than keep, and leftovers of
// interrupted builds. Another process still reading an old folder keeps
// its open files (POSIX unlink semantics). Two processes building in one
// index folder at the same time are not supported: each would remove the
// other's build folder.
func removeStale(lg *slog.Logger, dir, keep string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() && n != keep && (strings.HasPrefix(n, "idx-") || strings.HasPrefix(n, ".build-")) {
			if err := os.RemoveAll(filepath.Join(dir, n)); err != nil {
				lg.Warn("remove old index", "name", n, "err", err)
			}
		}
	}
}

// writeFileAtomic writes data to a temporary file beside path, syncs it
// and renames it over path, so readers see the old or the new content.
func writeFileAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}
