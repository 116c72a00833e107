package retrieval

import (
	"errors"
	"fmt"
	"iter"
	"strings"

	"github.com/vnru/vnru/corpus"
)

// An ArticleSource yields the articles an engine answers from (OpenFrom,
// UpdateFrom), one at a time: the engine keeps each one's details and
// where its passages are cut, and its text only while it is hashed and,
// if the index lacks it, written. It ranges over the source once to
// compare the articles with the index and, when more articles than
// keptPassages allows are missing from it (a build), once more to write
// them, so the source must yield the same articles in the same order
// each time (corpus.Stream does, unless a file changes in between: then
// the open fails, changing nothing, and can be retried). A yielded error
// ends the open with that error.
//
// Given a recall, a source may yield an article file the engine holds
// unchanged (at the stamp it recalls) as recalled, without reading it:
// with a persistent index, an open reads only the files that are new or
// changed since the catalog was written (see catalogFile).
type ArticleSource interface {
	Entries(recall corpus.Recall) iter.Seq2[corpus.Entry, error]
}

// ArticlesOf is the source of the articles of a slice: they have no
// stamps, so each read yields them all.
func ArticlesOf(articles []corpus.Article) ArticleSource { return articleSlice(articles) }

type articleSlice []corpus.Article

func (s articleSlice) Entries(corpus.Recall) iter.Seq2[corpus.Entry, error] {
	return func(yield func(corpus.Entry, error) bool) {
		for _, a := range s {
			if !yield(corpus.Entry{Article: a}, nil) {
				return
			}
		}
	}
}

// keptPassages bounds the text kept from the first read of a source: the
// articles the index lacks are kept while they hold no more passages than
// this (about 20 MB of text), so a reload that adds or changes a few
// articles reads the corpus once; a build, which lacks them all, reads
// it again to write them instead of holding the whole corpus.
const keptPassages = 20_000

// keptTexts are the texts of the articles the index lacked when first
// read, while they are few (keptPassages); over is set once they were
// too many and were dropped.
type keptTexts struct {
	limit    int // keptPassages, or less in tests
	arts     map[int]segArticle
	passages int
	over     bool
}

// add keeps article i's texts, unless too many are kept already.
func (k *keptTexts) add(i int, sa segArticle) {
	if k.over {
		return
	}
	if k.passages += len(sa.Passages); k.passages > k.limit {
		k.arts, k.over = nil, true
		return
	}
	if k.arts == nil {
		k.arts = map[int]segArticle{}
	}
	k.arts[i] = sa
}

// errSourceChanged is returned when a source read again does not yield
// the articles it yielded before.
var errSourceChanged = errors.New("the articles changed while the index was written (a file was added, edited or removed meanwhile): nothing was changed, open or reload again")

// texts returns the articles want picks, in order, with their passages'
// texts: those kept from the first read of src, or, when some were not
// kept, src read again (with the recall of the first read, so the files
// recalled then are not read), each article checked against its hash.
func (e *Engine) texts(src ArticleSource, recall corpus.Recall, kept *keptTexts) func(want func(i int) bool) iter.Seq2[segArticle, error] {
	return func(want func(i int) bool) iter.Seq2[segArticle, error] {
		return func(yield func(segArticle, error) bool) {
			if !e.opt.persistent() {
				for i := range e.keys {
					if want(i) && !yield(e.segArticle(e.articles, i), nil) {
						return
					}
				}
				return
			}
			if kept.covers(len(e.keys), want) {
				for i := range e.keys {
					if want(i) && !yield(kept.arts[i], nil) {
						return
					}
				}
				return
			}
			i := 0
			for ent, err := range src.Entries(recall) {
				a := &ent.Article
				if err != nil {
					yield(segArticle{}, err)
					return
				}
				if i >= len(e.keys) {
					yield(segArticle{}, fmt.Errorf("more than %d articles: %w", len(e.keys), errSourceChanged))
					return
				}
				if want(i) {
					if k := e.keys[i]; k != a.ID && !strings.HasPrefix(k, a.ID+"~") || ent.Recalled || hashArticle(a) != e.hashes[i] {
						yield(segArticle{}, fmt.Errorf("article %q: %w", a.ID, errSourceChanged))
						return
					}
					if !yield(e.segArticleOf(a, i), nil) {
						return
					}
				}
				i++
			}
			if i != len(e.keys) {
				yield(segArticle{}, fmt.Errorf("%d articles, not %d: %w", i, len(e.keys), errSourceChanged))
			}
		}
	}
}

// covers says whether every article of n that want picks is kept.
func (k *keptTexts) covers(n int, want func(i int) bool) bool {
	if k.over {
		return false
	}
	for i := range n {
		if _, ok := k.arts[i]; want(i) && !ok {
			return false
		}
	}
	return true
}

// persistent says whether the engine keeps its index on disk.
func (o Options) persistent() bool { return o.IndexDir != "" }
