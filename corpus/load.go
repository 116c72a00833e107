package corpus

import (
	"embed"
	"fmt"
	"io/fs"
	"iter"
	"os"
	"path"
	"sort"
	"strings"
	"sync"
)

//go:embed articles/*.md
var embedded embed.FS

// Default returns the founding articles embedded in the binary.
func Default() fs.FS {
	sub, err := fs.Sub(embedded, "articles")
	if err != nil {
		panic(err) // the embed pattern above guarantees the folder exists
	}
	return sub
}

// Ext is the extension of article files.
const Ext = ".md"

// IsArticleFile reports whether name is an article file that Load reads.
// Hidden files and editors' or writers' temporary files (".name.md.tmp",
// "name.md~") are not, so a file being written is never loaded.
func IsArticleFile(name string) bool {
	base := path.Base(name)
	return strings.HasSuffix(base, Ext) && !strings.HasPrefix(base, ".") && !strings.HasPrefix(base, "_")
}

// Load reads every article file at the top of fsys, in name order. A file
// that cannot be read or parsed is skipped and reported in skipped (as a
// *FieldError where a field is at fault); the others still load. An
// article whose ID or URL repeats an earlier one is skipped too.
func Load(fsys fs.FS) (articles []Article, skipped []error, err error) {
	for a, err := range articlesIn(fsys, &skipped) {
		if err != nil {
			return nil, nil, err
		}
		articles = append(articles, a)
	}
	return articles, skipped, nil
}

// articlesIn yields the articles of the files at the top of fsys, in
// name order, reading and parsing one file at a time, as Load returns
// them; the files skipped are appended to skipped. A yielded error (the
// folder cannot be listed) ends the sequence.
func articlesIn(fsys fs.FS, skipped *[]error) iter.Seq2[Article, error] {
	return func(yield func(Article, error) bool) {
		names, err := articleNames(fsys)
		if err != nil {
			yield(Article{}, fmt.Errorf("read corpus folder: %w", err))
			return
		}
		seenURL := map[string]string{}
		for f := range parseAhead(fsys, names) {
			if f.err != nil {
				*skipped = append(*skipped, f.err)
				continue
			}
			a := f.a
			if prev, ok := seenURL[a.URL]; ok && a.URL != "" {
				*skipped = append(*skipped, &FieldError{Path: f.name, Field: "url", Err: fmt.Errorf("same URL as %s", prev)})
				continue
			}
			seenURL[a.URL] = f.name
			if !yield(a, nil) {
				return
			}
		}
	}
}

// parsedFile is an article file read and parsed, or why it was not.
type parsedFile struct {
	name string
	a    Article
	err  error
}

// parseWorkers is how many files are read and parsed at once: parsing
// (NFC, white space, YAML) is most of a load's time, and two keep both
// cores of a small server busy while the consumer works on the articles
// already parsed.
const parseWorkers = 2

// parseAhead reads and parses the files names, parseWorkers at a time,
// and yields them in order; at most a few dozen are parsed ahead of the
// one yielded, so memory does not grow with the corpus. The names are
// cleared as they are taken.
func parseAhead(fsys fs.FS, names []string) iter.Seq[parsedFile] {
	return func(yield func(parsedFile) bool) {
		type job struct {
			name string
			out  chan parsedFile
		}
		const ahead = 8 * parseWorkers
		order := make(chan chan parsedFile, ahead) // results, in name order
		work := make(chan job)
		done := make(chan struct{})
		var wg sync.WaitGroup
		defer wg.Wait()
		defer close(done)
		for range parseWorkers {
			wg.Add(1)
			go func() { // exits when work is closed
				defer wg.Done()
				for j := range work {
					j.out <- parseFile(fsys, j.name) // buffered: never blocks
				}
			}()
		}
		wg.Add(1)
		go func() { // exits after the last name, or when the consumer stops
			defer wg.Done()
			defer close(work)
			defer close(order)
			for i, name := range names {
				names[i] = "" // the folder's names need not outlive the read
				out := make(chan parsedFile, 1)
				select {
				case order <- out:
				case <-done:
					return
				}
				select {
				case work <- job{name, out}:
				case <-done:
					return
				}
			}
		}()
		for out := range order {
			if !yield(<-out) {
				return
			}
		}
	}
}

// parseFile reads and parses one article file.
func parseFile(fsys fs.FS, name string) parsedFile {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return parsedFile{name: name, err: fmt.Errorf("read %s: %w", name, err)}
	}
	a, err := ParseArticle(strings.TrimSuffix(name, Ext), name, data)
	return parsedFile{name: name, a: a, err: err}
}

// articleNames are the names of the article files at the top of fsys,
// sorted.
func articleNames(fsys fs.FS) ([]string, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		if !e.IsDir() && IsArticleFile(e.Name()) {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	return names, nil
}

// LoadDir loads the article files in a folder on disk; see Load.
func LoadDir(dir string) ([]Article, []error, error) {
	fsys, err := folderFS(dir)
	if err != nil {
		return nil, nil, err
	}
	return Load(fsys)
}

// folderFS is the corpus folder dir, which must exist.
func folderFS(dir string) (fs.FS, error) {
	if _, err := os.Stat(dir); err != nil {
		return nil, fmt.Errorf("corpus folder: %w", err)
	}
	return os.DirFS(dir), nil
}

// LoadAll returns the corpus vnru answers from: the embedded articles,
// then those of the folder dir (none when dir is empty). Files that do not
// load, and folder articles whose ID or URL an earlier one has, are
// skipped and reported in skipped. ask, bot, index and ingest all see
// this one set; Stream reads it one article at a time.
func LoadAll(dir string) (articles []Article, skipped []error, err error) {
	s := NewStream(dir)
	for a, err := range s.All() {
		if err != nil {
			return nil, nil, err
		}
		articles = append(articles, a)
	}
	return articles, s.Skipped(), nil
}
