package corpus

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// Overrides replace what was extracted from a source; empty fields keep
// what the page gave.
type Overrides struct {
	Title, URL, Source string
	Published          Date
}

// IngestOptions tune one ingest.
type IngestOptions struct {
	Overrides
	// Update replaces an article already in the folder under the same
	// URL; without it the source is reported unchanged.
	Update bool
}

// Outcome says what an ingest did with a source.
type Outcome int

// Outcomes of an ingest.
const (
	Failed    Outcome = iota // nothing written; Result.Err says why
	Added                    // a new article file was written
	Unchanged                // the corpus has it already; Result.Err says where
	Replaced                 // an article under the same URL was replaced (Update)
)

func (o Outcome) String() string {
	switch o {
	case Added:
		return "added"
	case Unchanged:
		return "unchanged"
	case Replaced:
		return "replaced"
	}
	return "failed"
}

// Result is what became of one source.
type Result struct {
	Source   string  // the URL or file given, or the article's URL for Add
	Outcome  Outcome //
	Article  Article // the article as written (Added, Replaced) or as read
	Path     string  // the file written (Added, Replaced)
	Replaced string  // ID of the article an update replaced (Replaced)
	Err      error   // why it failed (Failed) or is a duplicate (Unchanged, wraps ErrDuplicate)
}

// ErrDuplicate is wrapped by the Err of an Unchanged result.
var ErrDuplicate = errors.New("duplicate")

// Ingester adds articles to a corpus folder: it reads sources (URLs,
// saved HTML pages, scraped text), applies overrides, checks the required
// fields, refuses duplicates (same URL, or same normalised text, embedded
// articles included), picks a free file name and writes the file
// atomically. It is safe for concurrent use by goroutines and by several
// processes: each write holds the folder's lock (LockFile) and rereads
// the folder under it.
type Ingester struct {
	dir      string
	fetcher  Fetcher
	embedded []stored

	mu    sync.Mutex // guards files
	files map[string]folderFile
}

// stored is an article of the corpus with its ContentHash.
type stored struct {
	Article
	hash string
}

// folderFile is a parsed file of the folder, kept while its size and
// time do not change, so a long ingest does not reparse and rehash the
// folder for every source.
type folderFile struct {
	size    int64
	modTime time.Time
	article stored
	ok      bool // parsed
}

// NewIngester returns an Ingester writing into dir (created if need be).
// With dir empty it can only read and prepare articles (a dry run).
func NewIngester(dir string, f Fetcher) (*Ingester, error) {
	articles, _, err := Load(Default())
	if err != nil {
		return nil, fmt.Errorf("load embedded articles: %w", err)
	}
	embedded := make([]stored, len(articles))
	for i, a := range articles {
		embedded[i] = stored{a, ContentHash(a.Paragraphs)}
	}
	if dir != "" {
		if err := os.MkdirAll(dir, 0o777); err != nil {
			return nil, fmt.Errorf("create corpus folder: %w", err)
		}
	}
	return &Ingester{dir: dir, fetcher: f, embedded: embedded, files: map[string]folderFile{}}, nil
}

// Ingest reads a source (an http(s) URL, a .html/.htm page or a .txt file
// of scraped text) and adds its article to the folder.
func (in *Ingester) Ingest(ctx context.Context, src string, opt IngestOptions) Result {
	a, err := in.ReadSource(ctx, src, opt.Title)
	if err != nil {
		return Result{Source: src, Err: err}
	}
	res := in.Add(ctx, a, opt)
	res.Source = src
	return res
}

// Add adds an article already read (by FromHTML, Clean or ReadSource) to
// the folder: it applies the overrides, checks the fields, refuses
// duplicates and writes the file.
func (in *Ingester) Add(ctx context.Context, a Article, opt IngestOptions) Result {
	res := Result{Source: a.URL}
	a, err := Prepare(a, opt.Overrides)
	res.Article = a
	if err != nil {
		res.Err = err
		return res
	}
	if in.dir == "" {
		res.Err = errors.New("no corpus folder to write to")
		return res
	}
	unlock, err := lockDir(ctx, in.dir)
	if err != nil {
		res.Err = err
		return res
	}
	defer unlock()
	existing, names, err := in.scan()
	if err != nil {
		res.Err = err
		return res
	}
	replaced, err := in.dedupe(&a, existing, names, opt.Update)
	res.Article = a
	if err != nil {
		res.Err = err
		if errors.Is(err, ErrDuplicate) {
			res.Outcome = Unchanged
		}
		return res
	}
	if res.Path, err = WriteArticle(in.dir, a); err != nil {
		res.Err = err
		return res
	}
	res.Outcome = Added
	if replaced != "" {
		res.Outcome, res.Replaced = Replaced, replaced
		if replaced != a.ID {
			if err := os.Remove(filepath.Join(in.dir, replaced+Ext)); err != nil && !errors.Is(err, os.ErrNotExist) {
				res.Err = fmt.Errorf("remove the replaced %s%s: %w", replaced, Ext, err)
			}
		}
	}
	return res
}

// ReadSource extracts the article of a URL, a saved HTML page or a text
// file of scraped page text (titleHint, if known, marks where its article
// starts). Files are held to the same size cap as downloads.
func (in *Ingester) ReadSource(ctx context.Context, src, titleHint string) (Article, error) {
	if strings.HasPrefix(src, "http://") || strings.HasPrefix(src, "https://") {
		return in.fetcher.Fetch(ctx, src)
	}
	ext := strings.ToLower(filepath.Ext(src))
	if ext != ".html" && ext != ".htm" && ext != ".txt" {
		return Article{}, errors.New("unsupported source: give a URL, a .html page or a .txt file")
	}
	raw, err := readCapped(src, in.fetcher.withDefaults().MaxBytes)
	if err != nil {
		return Article{}, err
	}
	if ext == ".txt" {
		c := Clean(string(raw), titleHint)
		if len(c.Paragraphs) == 0 {
			return Article{}, ErrNoArticle
		}
		return c, nil
	}
	return FromHTML(strings.NewReader(string(raw)), "", nil)
}

// readCapped reads a file of at most max bytes; a bigger one is refused
// before it is read into memory.
func readCapped(path string, max int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	limit := fmt.Sprintf("%d bytes", max)
	if max%(1<<20) == 0 {
		limit = fmt.Sprintf("%d MiB", max>>20)
	}
	tooBig := fmt.Errorf("%s is larger than %s, the cap for a page: save only the article's page, or split the text", path, limit)
	if fi, err := f.Stat(); err == nil && fi.Size() > max {
		return nil, tooBig
	}
	raw, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if int64(len(raw)) > max { // grew since Stat, or not a regular file
		return nil, tooBig
	}
	return raw, nil
}

// Prepare applies the overrides to an article read from a source, checks
// the fields an article file requires, and names it (Slug). The result is
// exactly what the file will hold: it went through the file format.
func Prepare(a Article, o Overrides) (Article, error) {
	if o.Title != "" {
		a.Title = o.Title
	}
	if o.URL != "" {
		a.URL = o.URL
	}
	if o.Source != "" {
		a.Source = o.Source
	}
	if !o.Published.IsZero() {
		a.Published = o.Published
	}
	if a.Lang == "" {
		a.Lang = "vi"
	}
	switch {
	case a.Title == "":
		return a, errors.New("no title found: pass --title")
	case a.Source == "":
		return a, errors.New(`no source name found: pass --source (or --source unknown)`)
	case a.Published.IsZero():
		return a, errors.New("no publication date found: pass --published YYYY-MM-DD")
	}
	a.ID = Slug(a.Published, a.Title)
	return ParseArticle(a.ID, a.ID+Ext, a.Marshal())
}

// scan reads the folder's article files, reparsing only those changed
// since the last scan. It returns the parsed articles and the names of
// every article file, parsed or not (a file that does not parse still
// owns its name). The caller holds the folder lock.
func (in *Ingester) scan() (existing []stored, names map[string]bool, err error) {
	in.mu.Lock()
	defer in.mu.Unlock()
	entries, err := os.ReadDir(in.dir)
	if err != nil {
		return nil, nil, fmt.Errorf("read corpus folder: %w", err)
	}
	names = map[string]bool{}
	seen := map[string]bool{}
	for _, e := range entries {
		if e.IsDir() || !IsArticleFile(e.Name()) {
			continue
		}
		id := strings.TrimSuffix(e.Name(), Ext)
		names[id], seen[e.Name()] = true, true
		info, err := e.Info()
		if err != nil {
			continue // removed meanwhile
		}
		f, ok := in.files[e.Name()]
		if !ok || f.size != info.Size() || !f.modTime.Equal(info.ModTime()) {
			f = folderFile{size: info.Size(), modTime: info.ModTime()}
			if data, err := os.ReadFile(filepath.Join(in.dir, e.Name())); err == nil {
				a, err := ParseArticle(id, e.Name(), data)
				f.article, f.ok = stored{a, ContentHash(a.Paragraphs)}, err == nil
			}
			in.files[e.Name()] = f
		}
		if f.ok {
			existing = append(existing, f.article)
		}
	}
	for name := range in.files {
		if !seen[name] {
			delete(in.files, name)
		}
	}
	return existing, names, nil
}

// dedupe refuses an article the corpus already has (same URL unless
// update, or same text) and picks a free file name. It returns the ID of
// the article an update replaces.
func (in *Ingester) dedupe(a *Article, existing []stored, names map[string]bool, update bool) (replaced string, err error) {
	hash := ContentHash(a.Paragraphs)
	for _, e := range in.embedded {
		if a.URL != "" && e.URL == a.URL || e.hash == hash {
			return "", fmt.Errorf("%w: the embedded article %s has it already", ErrDuplicate, e.ID)
		}
	}
	for _, e := range existing {
		sameURL := a.URL != "" && e.URL == a.URL
		if e.hash == hash && (sameURL || !update) {
			return "", fmt.Errorf("%w: same text as %s%s", ErrDuplicate, e.ID, Ext)
		}
		if sameURL {
			if !update {
				return "", fmt.Errorf("%w: %s is already in the corpus as %s%s (use --update to replace it)", ErrDuplicate, a.URL, e.ID, Ext)
			}
			replaced = e.ID
		}
	}
	taken := func(id string) bool {
		if id == replaced {
			return false
		}
		if names[id] {
			return true
		}
		for _, e := range in.embedded {
			if e.ID == id {
				return true
			}
		}
		return false
	}
	base := a.ID
	for n := 2; taken(a.ID); n++ {
		a.ID = fmt.Sprintf("%s-%d", base, n)
	}
	return replaced, nil
}
