package retrieval

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search"

	"github.com/vnru/vnru/corpus"
)

// engineArticle is what an engine view keeps of one article. Views share
// it for the articles an update leaves unchanged, with their passages
// and so the passages' parses.
type engineArticle struct {
	article   corpus.Article
	key, hash string
	title     []Token
	passages  []passage // article numbers are set per view
}

// articleHash identifies an article's content (its key is its ID): an
// update rewrites an article whose hash changed.
func articleHash(a *corpus.Article) string {
	h := sha256.New()
	field := func(s string) {
		h.Write([]byte(strconv.Itoa(len(s))))
		h.Write([]byte{':'})
		h.Write([]byte(s))
	}
	field(a.Title)
	field(a.URL)
	field(a.Source)
	field(a.Published.String())
	field(a.Lang)
	for _, p := range a.Paragraphs {
		field(p)
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// keysOf gives each article its key in the index: its ID, or, for a
// second article with the same ID, the ID with "~2" (and so on) added.
func keysOf(articles []corpus.Article) []string {
	keys := make([]string, len(articles))
	seen := make(map[string]int, len(articles))
	for i, a := range articles {
		k := a.ID
		if n := seen[a.ID]; n > 0 {
			k = a.ID + "~" + strconv.Itoa(n+1)
		}
		seen[a.ID]++
		keys[i] = k
	}
	return keys
}

// hashAll hashes the articles on two goroutines (hashing a large corpus
// is most of the time an unchanged index takes to open).
func hashAll(articles []corpus.Article) []string {
	out := make([]string, len(articles))
	var wg sync.WaitGroup
	const workers = 2
	for w := range workers {
		wg.Add(1)
		go func() { // exits when its share is hashed
			defer wg.Done()
			for i := w; i < len(articles); i += workers {
				out[i] = articleHash(&articles[i])
			}
		}()
	}
	wg.Wait()
	return out
}

// view makes the engine view of articles: base's settings, and, when
// prev is set, prev's articles, passages, parses and segments wherever
// they did not change.
func (base *Engine) view(ctx context.Context, articles []corpus.Article, prev *Engine) (*Engine, error) {
	e := &Engine{
		lg: base.lg, lx: base.lx, model: base.model, answerAt: base.answerAt, maxPassages: base.maxPassages,
		forms: base.forms, parsedPassages: base.parsedPassages, opt: base.opt,
	}
	keys := keysOf(articles)
	hashes := hashAll(articles)
	var old map[string]*engineArticle
	if prev != nil {
		old = make(map[string]*engineArticle, len(prev.arts))
		for _, a := range prev.arts {
			old[a.key] = a
		}
	}
	e.arts = make([]*engineArticle, len(articles))
	total := 0
	for i := range articles {
		if a, ok := old[keys[i]]; ok && a.hash == hashes[i] {
			e.arts[i] = a
		} else {
			a := &engineArticle{article: articles[i], key: keys[i], hash: hashes[i], title: Tokenize(articles[i].Title)}
			a.passages = appendPassages(nil, 0, a.article)
			e.arts[i] = a
		}
		total += len(e.arts[i].passages)
	}
	e.articles = make([]corpus.Article, len(articles))
	e.titles = make([][]Token, len(articles))
	e.first = make([]int, len(articles)+1)
	e.byKey = make(map[string]int, len(articles))
	e.passages = make([]passage, 0, total)
	for i, a := range e.arts {
		e.articles[i] = a.article
		e.titles[i] = a.title
		e.byKey[a.key] = i
		e.first[i] = len(e.passages)
		for _, p := range a.passages {
			p.article = i
			e.passages = append(e.passages, p)
		}
	}
	e.first[len(articles)] = len(e.passages)
	e.segOf = make([]int, len(articles))

	var progress func(int, int)
	if base.opt.Progress != nil {
		progress = base.opt.Progress
	}
	if base.opt.IndexDir == "" {
		idx, err := openMem(ctx, e.arts, progress)
		if err != nil {
			return nil, fmt.Errorf("open index: %w", err)
		}
		s := &segment{name: "memory", idx: idx, docs: len(e.passages)}
		s.refs.Store(1)
		e.segs = []*segment{s}
		e.dead = []int{0}
		e.st = computeStats(e.passages, e.forms)
		e.sounds = newSoundIndex(e.st.DocFreq)
		e.report = IndexReport{Rebuilt: true, Added: len(articles), Segments: 1}
		return e, nil
	}

	keyed := make([]keyedArticle, len(e.arts))
	for i, a := range e.arts {
		keyed[i] = keyedArticle{key: a.key, hash: a.hash, article: a}
	}
	ds := dirSync{lg: base.lg, dir: base.opt.IndexDir, rebuild: base.opt.Rebuild && prev == nil, progress: progress, beforeSwitch: base.beforeSwitch}
	st, rep, err := ds.run(ctx, keyed)
	if err != nil {
		return nil, fmt.Errorf("open index: %w", err)
	}
	e.report = rep
	if err := e.openSegments(st, prev); err != nil {
		return nil, err
	}
	for i, a := range e.arts {
		l, ok := st.live[a.key]
		if !ok || l.hash != a.hash {
			e.Close()
			return nil, fmt.Errorf("open index: it does not hold article %q as loaded (another process changed it meanwhile): open again", a.key)
		}
		e.segOf[i] = l.seg
	}
	e.st = st.man.Stats
	if prev != nil && prev.sounds != nil {
		e.sounds = prev.sounds.updated(e.st.DocFreq, changedFolds(prev.st.DocFreq, e.st.DocFreq))
	} else {
		e.sounds = newSoundIndex(e.st.DocFreq)
	}
	if len(e.segs) > 1 {
		// Each segment scores with the corpus' document count and mean
		// lengths, so the candidates of a small new segment compete with
		// those of the large one on the same scale.
		docs := 0
		for _, s := range e.segs {
			docs += s.docs
		}
		scale := float64(docs) / float64(max(1, e.st.Passages))
		e.bm25 = &search.BM25Stats{DocCount: float64(docs), FieldCardinality: map[string]int{
			fieldText:   int(float64(e.st.Tokens) * scale),
			fieldBigram: int(float64(e.st.Tokens-e.st.Passages) * scale),
		}}
	}
	return e, nil
}

// openSegments opens the segments st names, sharing those prev has open.
func (e *Engine) openSegments(st *dirState, prev *Engine) error {
	open := map[string]*segment{}
	if prev != nil {
		for _, s := range prev.segs {
			open[s.name] = s
		}
	}
	for _, ref := range st.man.Segments {
		if s, ok := open[ref.Name]; ok {
			e.segs = append(e.segs, s.acquire())
		} else {
			s, err := openSegment(st.dir + "/" + ref.Name)
			if err != nil {
				e.Close()
				return fmt.Errorf("open index: %w", err)
			}
			e.segs = append(e.segs, s)
		}
		e.dead = append(e.dead, ref.Dead)
	}
	return nil
}

// openMem builds an in-memory index (scorch, so BM25 applies).
func openMem(ctx context.Context, arts []*engineArticle, progress func(int, int)) (bleve.Index, error) {
	m, err := newMapping()
	if err != nil {
		return nil, err
	}
	idx, err := bleve.NewUsing("", m, scorch.Name, scorch.Name, nil)
	if err != nil {
		return nil, fmt.Errorf("create in-memory index: %w", err)
	}
	segs := make([]segArticle, len(arts))
	total := 0
	for i, a := range arts {
		segs[i] = toSeg(keyedArticle{key: a.key, hash: a.hash, article: a})
		total += len(a.passages)
	}
	var p func(int)
	if progress != nil {
		p = func(done int) { progress(done, total) }
	}
	if _, err := fill(ctx, idx, segs, p); err != nil {
		idx.Close()
		return nil, err
	}
	return idx, nil
}

// Close releases the view's segments; those a newer view shares stay
// open until it is closed too.
func (e *Engine) Close() error {
	var errs []error
	for _, s := range e.segs {
		errs = append(errs, s.release())
	}
	e.segs = nil
	return errors.Join(errs...)
}

// Update returns an engine view of articles that shares with e whatever
// did not change: for a persistent index, only the added, changed and
// removed articles are written (a new segment and manifest), and the
// unchanged segments, passages and parses are shared. e keeps answering
// from its own articles until it is closed; close it once the new view
// is in place (Live.Swap does).
func (e *Engine) Update(ctx context.Context, articles []corpus.Article) (*Engine, error) {
	return e.view(ctx, articles, e)
}

// IndexReport says what opening (or updating) the engine did to its
// index.
func (e *Engine) IndexReport() IndexReport { return e.report }
