package corpus

import (
	"fmt"
	"iter"
	"sync"
)

// Stream is the corpus LoadAll returns (the embedded articles, then those
// of a folder), read one article file at a time: a consumer that keeps
// only what it needs of each article never holds the whole corpus's text
// (about a gigabyte at a million passages). It can be read any number of
// times; each read lists the folder again.
type Stream struct {
	dir string

	mu      sync.Mutex // guards skipped
	skipped []error
}

// NewStream reads the embedded articles and those of the folder dir
// (none when dir is empty).
func NewStream(dir string) *Stream { return &Stream{dir: dir} }

// All yields the articles in LoadAll's order, with its skipping rules:
// files that do not load and folder articles whose ID or URL an earlier
// one has are left out and recorded for Skipped. A yielded error (the
// folder is missing or cannot be listed) ends the sequence.
func (s *Stream) All() iter.Seq2[Article, error] {
	return func(yield func(Article, error) bool) {
		for e, err := range s.Entries(nil) {
			if !yield(e.Article, err) {
				return
			}
		}
	}
}

// Entries is All with each article's file stamp; a folder file that
// recall knows at its stamp is not read, its entry holding the details
// recall returned (nil recall: every file is read). Embedded articles
// are always read.
func (s *Stream) Entries(recall Recall) iter.Seq2[Entry, error] {
	return func(yield func(Entry, error) bool) {
		// Files that do not load come first, then the folder's articles
		// that repeat an embedded one, as LoadAll has always listed them.
		var bad, dup []error
		defer func() {
			s.mu.Lock()
			s.skipped = append(bad, dup...)
			s.mu.Unlock()
		}()
		ids, urls := map[string]bool{}, map[string]bool{} // the embedded articles'
		for e, err := range articlesIn(Default(), nil, &bad) {
			if err != nil {
				yield(Entry{}, fmt.Errorf("load embedded articles: %w", err))
				return
			}
			ids[e.ID] = true
			if e.URL != "" {
				urls[e.URL] = true
			}
			e.Stamp = Stamp{}
			if !yield(e, nil) {
				return
			}
		}
		if s.dir == "" {
			return
		}
		folder, err := folderFS(s.dir)
		if err != nil {
			yield(Entry{}, err)
			return
		}
		// Within the folder, IDs are file names, so unique, and a
		// repeated URL is caught by articlesIn: only the embedded
		// articles' IDs and URLs are left to check.
		for e, err := range articlesIn(folder, recall, &bad) {
			switch {
			case err != nil:
				yield(Entry{}, err)
				return
			case ids[e.ID]:
				dup = append(dup, &FieldError{Path: e.ID + Ext, Field: "id", Err: fmt.Errorf("an article named %s is already loaded", e.ID)})
			case e.URL != "" && urls[e.URL]:
				dup = append(dup, &FieldError{Path: e.ID + Ext, Field: "url", Err: fmt.Errorf("%s is already loaded", e.URL)})
			default:
				if !yield(e, nil) {
					return
				}
			}
		}
	}
}

// Skipped returns the files the last complete or interrupted read of All
// left out, as LoadAll reports them.
func (s *Stream) Skipped() []error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.skipped
}
