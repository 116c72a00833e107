package retrieval

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/gofrs/flock"
	"github.com/google/renameio/v2"

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
	if err := os.MkdirAll(dir, 0o777); err != nil { // the umask decides
		return nil, stats{}, fmt.Errorf("create index folder: %w", err)
	}
	removeLeftoverBuilds(lg, dir)
	name := "idx-" + hash[:16]
	if cur, err := os.ReadFile(filepath.Join(dir, currentFile)); err == nil && strings.TrimSpace(string(cur)) == name {
		idx, st, err := openBuilt(filepath.Join(dir, name), hash)
		if err == nil {
			lg.Debug("index opened", "dir", dir, "name", name)
			return idx, st, nil
		}
		lg.Warn("index unusable, rebuilding", "dir", dir, "err", err)
	}

	tmp, release, err := newBuildFolder(dir)
	if err != nil {
		return nil, stats{}, err
	}
	defer release() // gone after the rename; cleans up a failed build
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
	if err := followUmask(path); err != nil {
		return fmt.Errorf("set index file modes: %w", err)
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

// removeStale deletes index folders other than keep. Another process
// still reading an old folder keeps its open files (POSIX unlink
// semantics). Build folders are removeLeftoverBuilds' job.
func removeStale(lg *slog.Logger, dir, keep string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		n := e.Name()
		if e.IsDir() && n != keep && strings.HasPrefix(n, "idx-") {
			if err := os.RemoveAll(filepath.Join(dir, n)); err != nil {
				lg.Warn("remove old index", "name", n, "err", err)
			}
		}
	}
}

// writeFileAtomic writes data with renameio: a hidden temporary file
// beside path, synced, then renamed over it, so readers see the old or
// the new content, never half of it. The file follows the umask.
func writeFileAtomic(path string, data []byte) error {
	t, err := renameio.NewPendingFile(path, renameio.WithTempDir(filepath.Dir(path)), renameio.WithPermissions(0o666))
	if err != nil {
		return err
	}
	defer t.Cleanup()
	if _, err := t.Write(data); err != nil {
		return err
	}
	return t.CloseAtomicallyReplace()
}

// Build folders. A build happens in a hidden ".build-*" folder beside the
// live index and holds an flock on the lock file inside it until it ends;
// the kernel drops the lock when the process dies, so a folder whose lock
// can be taken is the leftover of a killed build. Builders create their
// folder and lock it while holding buildGuard shared, and the clean-up
// holds it exclusive, so it never sees a new folder before its lock.
const (
	buildPrefix   = ".build-"
	buildLockFile = "build.lock"
	buildGuard    = ".build.lock"
)

// newBuildFolder creates a locked build folder in dir; release removes
// it and drops the lock.
func newBuildFolder(dir string) (path string, release func(), err error) {
	guard := flock.New(filepath.Join(dir, buildGuard), flock.SetPermissions(0o666))
	if err := guard.RLock(); err != nil {
		return "", nil, fmt.Errorf("lock index folder: %w", err)
	}
	defer guard.Unlock()
	tmp, err := os.MkdirTemp(dir, buildPrefix)
	if err != nil {
		return "", nil, fmt.Errorf("create build folder: %w", err)
	}
	lock := flock.New(filepath.Join(tmp, buildLockFile), flock.SetPermissions(0o666))
	if err := lock.Lock(); err != nil {
		os.RemoveAll(tmp)
		return "", nil, fmt.Errorf("lock build folder: %w", err)
	}
	return tmp, func() {
		os.RemoveAll(tmp)
		lock.Unlock()
	}, nil
}

// removeLeftoverBuilds removes the build folders of interrupted builds
// (whose lock no live builder holds) and logs what it freed; folders of
// builds still running are left alone.
func removeLeftoverBuilds(lg *slog.Logger, dir string) {
	guard := flock.New(filepath.Join(dir, buildGuard), flock.SetPermissions(0o666))
	if err := guard.Lock(); err != nil {
		level := slog.LevelWarn
		if errors.Is(err, fs.ErrPermission) {
			level = slog.LevelDebug // a read-only index folder: nothing to clean
		}
		lg.Log(context.Background(), level, "lock index folder to clean up", "dir", dir, "err", err)
		return
	}
	defer guard.Unlock()
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	removed, running := 0, 0
	var freed int64
	for _, e := range entries {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), buildPrefix) {
			continue
		}
		path := filepath.Join(dir, e.Name())
		// A folder without a lock file (older vnru) gets one here, and
		// counts as left over.
		lock := flock.New(filepath.Join(path, buildLockFile))
		if ok, err := lock.TryLock(); err != nil || !ok {
			running++
			continue
		}
		size := folderSize(path)
		if err := os.RemoveAll(path); err != nil {
			lg.Warn("remove leftover index build", "name", e.Name(), "err", err)
		} else {
			removed++
			freed += size
		}
		lock.Unlock()
	}
	if removed > 0 {
		lg.Info("removed leftover index builds", "dir", dir, "folders", removed, "bytes", freed)
	}
	if running > 0 {
		lg.Info("index builds in progress left alone", "dir", dir, "folders", running)
	}
}

// folderSize is the total size of the files under path.
func folderSize(path string) int64 {
	var n int64
	filepath.WalkDir(path, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				n += info.Size()
			}
		}
		return nil
	})
	return n
}

// followUmask gives the folders and files bleve wrote under path (0700
// and 0600 whatever the umask) the modes any new folder and file get
// (0755 and 0644 under umask 022), so another account, such as the
// bot's, can read an index built by hand.
func followUmask(path string) error {
	probe, err := os.MkdirTemp(filepath.Dir(path), ".mode-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(probe)
	// MkdirTemp makes 0700; a folder made with 0777 shows the umask.
	if err := os.Mkdir(filepath.Join(probe, "d"), 0o777); err != nil {
		return err
	}
	f, err := os.OpenFile(filepath.Join(probe, "f"), os.O_CREATE|os.O_WRONLY, 0o666)
	if err != nil {
		return err
	}
	f.Close()
	di, err := os.Stat(filepath.Join(probe, "d"))
	if err != nil {
		return err
	}
	fi, err := os.Stat(filepath.Join(probe, "f"))
	if err != nil {
		return err
	}
	dirMode, fileMode := di.Mode().Perm(), fi.Mode().Perm()
	return filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return os.Chmod(p, dirMode)
		}
		return os.Chmod(p, fileMode)
	})
}
