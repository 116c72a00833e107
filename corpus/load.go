package corpus

import (
	"embed"
	"fmt"
	"io/fs"
	"iter"
	"path"
	"slices"
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
	for e, err := range articlesIn(fsys, nil, &skipped) {
		if err != nil {
			return nil, nil, err
		}
		articles = append(articles, e.Article)
	}
	return articles, skipped, nil
}

// articlesIn yields the articles of the files at the top of fsys, in
// name order, reading and parsing one file at a time, as Load returns
// them, with their stamps; a file recall knows is not read. The files
// skipped are appended to skipped. A yielded error (the folder cannot be
// listed) ends the sequence.
func articlesIn(fsys fs.FS, recall Recall, skipped *[]error) iter.Seq2[Entry, error] {
	return func(yield func(Entry, error) bool) {
		folder, err := readerOf(fsys)
		if err != nil {
			yield(Entry{}, fmt.Errorf("read corpus folder: %w", err))
			return
		}
		defer folder.close()
		names, err := folder.names()
		if err != nil {
			yield(Entry{}, fmt.Errorf("read corpus folder: %w", err))
			return
		}
		seenURL := map[string]string{}
		for f := range readAhead(folder, names, recall) {
			switch {
			case f.dir:
				continue // a folder named like an article file
			case f.err != nil:
				*skipped = append(*skipped, f.err)
				continue
			}
			if prev, ok := seenURL[f.URL]; ok && f.URL != "" {
				*skipped = append(*skipped, &FieldError{Path: f.name, Field: "url", Err: fmt.Errorf("same URL as %s", prev)})
				continue
			}
			seenURL[f.URL] = f.name
			if !yield(f.Entry, nil) {
				return
			}
		}
	}
}

// readFile is an article file read (or recalled), or why it was not.
type readFile struct {
	Entry
	name string
	dir  bool // a folder, not a file
	err  error
}

// Reading ahead: parsing (NFC, white space, YAML) is most of a load's
// time, so readWorkers files are read at once, keeping both cores of a
// small server busy while the consumer works on the articles already
// read. Files go to the workers in batches of readBatch, so a file
// recalled, which costs a stat, does not cost more in hand-overs.
const (
	readWorkers = 2
	readBatch   = 32
)

// readAhead reads the files names (recalling those recall knows),
// readWorkers at a time, and yields them in order; at most a few hundred
// are read ahead of the one yielded, so memory does not grow with the
// corpus. The names are cleared as they are taken.
func readAhead(folder folderReader, names []string, recall Recall) iter.Seq[readFile] {
	return func(yield func(readFile) bool) {
		type job struct {
			names []string
			out   chan []readFile
		}
		const ahead = 4 * readWorkers
		order := make(chan chan []readFile, ahead) // results, in name order
		work := make(chan job)
		done := make(chan struct{})
		var wg sync.WaitGroup
		defer wg.Wait()
		defer close(done)
		for range readWorkers {
			wg.Add(1)
			go func() { // exits when work is closed
				defer wg.Done()
				for j := range work {
					out := make([]readFile, len(j.names))
					for i, name := range j.names {
						out[i] = readArticleFile(folder, name, recall)
					}
					j.out <- out // buffered: never blocks
				}
			}()
		}
		wg.Add(1)
		go func() { // exits after the last name, or when the consumer stops
			defer wg.Done()
			defer close(work)
			defer close(order)
			for len(names) > 0 {
				batch := slices.Clone(names[:min(readBatch, len(names))])
				clear(names[:len(batch)]) // the folder's names need not outlive the read
				names = names[len(batch):]
				out := make(chan []readFile, 1)
				select {
				case order <- out:
				case <-done:
					return
				}
				select {
				case work <- job{batch, out}:
				case <-done:
					return
				}
			}
		}()
		for out := range order {
			for _, f := range <-out {
				if !yield(f) {
					return
				}
			}
		}
	}
}

// readArticleFile stamps one article file and, unless recall knows it,
// reads and parses it.
func readArticleFile(folder folderReader, name string, recall Recall) readFile {
	id := strings.TrimSuffix(name, Ext)
	st, ok, dir := folder.stamp(name)
	if dir {
		return readFile{name: name, dir: true}
	}
	if !ok {
		st = Stamp{}
	} else if recall != nil {
		if a, ok := recall(id, st); ok {
			return readFile{Entry: Entry{Article: a, Stamp: st, Recalled: true}, name: name}
		}
	}
	data, err := folder.read(name)
	if err != nil {
		return readFile{name: name, err: fmt.Errorf("read %s: %w", name, err)}
	}
	a, err := ParseArticle(id, name, data)
	return readFile{Entry: Entry{Article: a, Stamp: st}, name: name, err: err}
}

// LoadDir loads the article files in a folder on disk; see Load.
func LoadDir(dir string) ([]Article, []error, error) {
	fsys, err := folderFS(dir)
	if err != nil {
		return nil, nil, err
	}
	return Load(fsys)
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
