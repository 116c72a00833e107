package retrieval

import (
	"cmp"
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"iter"
	"strconv"
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/zeebo/xxh3"

	"github.com/vnru/vnru/corpus"
)

// articleHash is a hash of an article's content (its key is its ID): an
// update rewrites an article whose hash changed. It is XXH3-128, a
// checksum, not a cryptographic hash: it guards against articles edited,
// not forged (whoever can forge an article can write it), and it runs
// about ten times faster than SHA-256, which took half of the time an
// unchanged index took to open.
type articleHash [16]byte

func (h articleHash) String() string { return hex.EncodeToString(h[:]) }

func hashArticle(a *corpus.Article) articleHash {
	// Each field is hashed in one call (xxh3's streaming writer copies
	// its input, which took most of the time), and the digests are
	// hashed in turn: a field's place in the sequence tells it apart.
	h := xxh3.New()
	field := func(s string) {
		d := xxh3.HashString128(s).Bytes()
		h.Write(d[:])
	}
	field(a.Title)
	field(a.URL)
	field(a.Source)
	field(a.Published.String())
	field(a.Lang)
	for _, p := range a.Paragraphs {
		field(p)
	}
	return h.Sum128().Bytes()
}

// nextKey is the key in the index of the next article with this ID: its
// ID, or, when the view has an article of that key already, the ID with
// "~2" (or "~3", and so on) added.
func (e *Engine) nextKey(id string) string {
	key := id
	for n := 2; ; n++ {
		if _, ok := e.byKey[key]; !ok {
			return key
		}
		key = id + "~" + strconv.Itoa(n)
	}
}

// view makes the engine view of the articles src yields: base's
// settings, and, when prev is set, prev's articles, passages, parses and
// segments wherever they did not change. With a persistent index it
// keeps no article's text past the article (see ArticleSource).
func (base *Engine) view(ctx context.Context, src ArticleSource, prev *Engine) (*Engine, error) {
	e := &Engine{
		lg: base.lg, lx: base.lx, model: base.model, answerAt: base.answerAt, maxPassages: base.maxPassages,
		forms: base.forms, parsedPassages: base.parsedPassages, opt: base.opt,
	}
	// The index on disk, if any, says where it cut the articles it holds;
	// on an open, its catalog says what the article files held. They are
	// read while the source lists its folder (each takes a few tenths of
	// a second at a million passages): the source's first recall, and
	// the first article, wait for them.
	onDiskIndex := base.opt.persistent()
	rebuild := base.opt.Rebuild && prev == nil
	onDisk := &dirState{}
	var kn known
	var slots slotSlab // parse slots for the passages of the catalog
	var recall corpus.Recall
	ready := make(chan struct{})
	if onDiskIndex {
		go func() {
			defer close(ready)
			kn = base.readKnown(prev, rebuild)
			onDisk = kn.onDisk
			if kn.cat != nil {
				slots = make(slotSlab, onDisk.man.Stats.Passages)
			}
		}()
		recall = func(id string, st corpus.Stamp) (corpus.Article, bool) {
			<-ready
			if kn.recall == nil {
				return corpus.Article{}, false
			}
			return kn.recall(id, st)
		}
	} else {
		close(ready)
	}
	defer func() { <-ready }() // an open that fails at once leaves nothing running
	started := false
	start := func() {
		<-ready
		started = true
		// In memory, the engine answers from the articles as given. With
		// a persistent index it keeps only their details, not their
		// text: the passages' texts are in the segments (passageText),
		// and those the index lacks are kept while few (kept) or read
		// again when written. The index read, or the view before, tells
		// how many articles and passages to expect (slices grown by
		// appending would hold a third more, and twice while they grow).
		expect, passages := max(len(onDisk.live), kn.articles()), onDisk.man.Stats.Passages
		if prev != nil {
			expect, passages = max(expect, len(prev.keys)), max(passages, len(prev.passages))
		}
		expect, passages = expect+expect/64, passages+passages/64 // room for a few added
		e.keys = make([]string, 0, expect)
		e.hashes = make([]articleHash, 0, expect)
		e.stamps = make([]corpus.Stamp, 0, expect)
		e.articles = make([]corpus.Article, 0, expect)
		e.first = make([]int, 0, expect+1)
		e.segOf = make([]int, 0, expect)
		e.spans = make([]textSpan, 0, expect)
		e.passages = make([]passage, 0, passages)
		e.byKey = make(map[string]int, expect)
	}
	kept := keptTexts{limit: cmp.Or(base.keepPassages, keptPassages)}
	found := 0        // articles found on disk as they are
	reused := 0       // articles the view before holds as they are
	fileRead := false // a folder file was read, not recalled
	for ent, err := range src.Entries(recall) {
		if err != nil {
			return nil, err
		}
		if !started {
			start()
		}
		a := ent.Article
		i := len(e.keys)
		if i%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		key := e.nextKey(a.ID)
		var h articleHash
		at, ce, inCatalog := kn.entryOf(key)
		switch {
		case !ent.Recalled:
			h = hashArticle(&a)
			fileRead = fileRead || !ent.Stamp.IsZero()
		case prev != nil:
			h = prev.hashes[prev.byKey[key]]
		default:
			h = ce.hash
		}
		e.keys = append(e.keys, key)
		e.hashes = append(e.hashes, h)
		e.stamps = append(e.stamps, ent.Stamp)
		e.byKey[key] = i
		e.first = append(e.first, len(e.passages))
		e.segOf = append(e.segOf, 0)
		e.spans = append(e.spans, textSpan{})
		if j, ok := prev.holds(key, h); ok {
			// Unchanged: the old view's article (so the text loaded again
			// can be freed) and passages, with their parses.
			e.articles = append(e.articles, prev.articles[j])
			for _, p := range prev.passages[prev.first[j]:prev.first[j+1]] {
				p.article = i
				e.passages = append(e.passages, p)
			}
			reused++
			if kn.fast { // the index is the view before's: so are the places
				e.segOf[i], e.spans[i] = prev.segOf[j], prev.spans[j]
			}
			if l, ok := onDisk.live[key]; onDiskIndex && !kn.fast && (!ok || l.hash != h) {
				kept.add(i, e.segArticleWith(&a, i, e.passages[e.first[i]:])) // the folder lost it
			}
			continue
		}
		if onDiskIndex {
			e.articles = append(e.articles, details(a))
		} else {
			e.articles = append(e.articles, a)
		}
		if inCatalog && kn.catalogHolds(key, ce, h) {
			// The catalog has the article as it is, and the index holds
			// it: recalled (checked by recall), or read and unchanged.
			seg, span := ce.seg, ce.span
			if !kn.fast {
				l := onDisk.live[key]
				seg, span = l.seg, textSpan{l.off, l.n}
			}
			e.segOf[i], e.spans[i] = seg, span
			found++
			e.passages = kn.cat.appendPassages(e.passages, at, ce.passages, i, &slots)
			continue
		}
		if l, ok := onDisk.live[key]; ok && l.hash == h {
			e.segOf[i], e.spans[i] = l.seg, textSpan{l.off, l.n}
			found++
			var cut bool
			if e.passages, cut = appendCutPassages(e.passages, i, a, l.cuts, l.passages); cut {
				continue
			}
			e.passages = appendPassages(e.passages, i, a)
			continue
		}
		e.passages = appendPassages(e.passages, i, a)
		if onDiskIndex {
			kept.add(i, e.segArticleWith(&a, i, e.passages[e.first[i]:]))
		}
	}
	if !started {
		start()
	}
	n := len(e.keys)
	e.first = append(e.first, len(e.passages))

	var progress func(int, int)
	if base.opt.Progress != nil {
		progress = base.opt.Progress
	}
	if !onDiskIndex {
		idx, err := openMem(ctx, e.segArticles(e.articles), progress)
		if err != nil {
			return nil, fmt.Errorf("open index: %w", err)
		}
		s := &segment{name: "memory", idx: idx, docs: len(e.passages)}
		s.refs.Store(1)
		e.segs = []*segment{s}
		e.dead = []int{0}
		e.st = computeStats(passageTexts(e.segArticles(e.articles)), e.forms)
		e.sounds = newSoundIndex(e.st.DocFreq)
		e.report = IndexReport{Rebuilt: true, Added: n, Segments: 1}
		return e, nil
	}

	// The index read holds exactly the view's articles, and the loop
	// noted where: every article found on disk as it is (most opens), or
	// held by the view before, whose index is still current (a reload
	// that found nothing changed).
	openHeld := prev == nil && found == n && (kn.fast && kn.articles() == n || onDisk.live != nil && len(onDisk.live) == n)
	reloadHeld := prev != nil && kn.fast && reused == n && n == len(prev.keys)
	if prev != nil && kn.fast && !reloadHeld {
		onDisk.live = prev.liveArticles() // for the update: the index is the view before's
	}
	ds := dirSync{lg: base.lg, dir: base.opt.IndexDir, rebuild: rebuild, progress: progress, beforeSwitch: base.beforeSwitch, segmentSize: base.segmentSize}
	var st *dirState
	for try := 0; ; try++ {
		var rep IndexReport
		var err error
		held := onDisk != nil && (openHeld || reloadHeld)
		arts := articleSet{keys: e.keys, hashes: e.hashes, passages: e.passageCount, texts: e.texts(src, recall, &kept), held: held}
		st, rep, err = ds.run(ctx, arts, onDisk)
		if err != nil {
			return nil, fmt.Errorf("open index: %w", err)
		}
		e.report = rep
		if base.beforeOpen != nil {
			base.beforeOpen()
		}
		err = e.openSegments(st, prev)
		if err == nil {
			break
		}
		// Another process's update may have removed a segment of the
		// manifest read (it removes what its new manifest no longer
		// names): read the folder again.
		if try == 2 || !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		onDisk = nil
	}
	// Where each article is, unless the state is the one read before,
	// which held every article and whose places the loop above noted.
	for i, k := range e.keys {
		if st == onDisk && (openHeld || reloadHeld) {
			break
		}
		l, ok := st.live[k]
		if !ok || l.hash != e.hashes[i] {
			e.Close()
			return nil, fmt.Errorf("open index: it does not hold article %q as loaded (another process changed it meanwhile): open again", k)
		}
		e.segOf[i] = l.seg
		e.spans[i] = textSpan{l.off, l.n}
	}
	e.man = st.man.id()
	// The catalog, written again when this view read a file or the index
	// changed since it was written.
	e.catalogFor = kn.catalogFor
	if prev != nil {
		e.catalogFor = prev.catalogFor
	}
	if id := st.man.id(); fileRead || e.catalogFor != id {
		if err := e.writeCatalog(base.opt.IndexDir, id); err != nil {
			// Only later opens are slower: they read the files again.
			e.lg.Warn("the next open will read every article file", "err", err)
		} else {
			e.catalogFor = id
		}
	}
	e.st = st.man.Stats
	if prev != nil && prev.sounds != nil {
		e.sounds = prev.sounds.updated(e.st.DocFreq, changedFolds(prev.st.DocFreq, e.st.DocFreq))
	} else {
		e.sounds = newSoundIndex(e.st.DocFreq)
	}
	if len(e.segs) > 1 {
		// Each segment scores with the whole index's document count and
		// field cardinalities (summed as bleve's own alias does with
		// global scoring), so the candidates of a small new segment
		// compete with those of the large ones on the same scale.
		e.bm25 = &search.BM25Stats{FieldCardinality: map[string]int{}}
		for _, s := range e.segs {
			e.bm25.DocCount += float64(s.docs)
			for f, n := range s.card {
				e.bm25.FieldCardinality[f] += n
			}
		}
	}
	return e, nil
}

// openSegments opens the segments st names, sharing those prev has open.
func (e *Engine) openSegments(st *dirState, prev *Engine) error {
	e.segs, e.dead = nil, nil
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
				return fmt.Errorf("open index (if it was damaged, rebuild it: vnru index --rebuild): %w", err)
			}
			e.segs = append(e.segs, s)
		}
		e.dead = append(e.dead, ref.Dead)
	}
	return nil
}

// known is what a view knows of the articles before it reads them.
type known struct {
	onDisk *dirState // the index on disk (empty when none)
	cat    *catalog  // on an open, the catalog, if any
	// fast: the catalog's manifest (on a reload, the view before's) is
	// current, so it says where the index holds each article, and onDisk
	// has no tables.
	fast       bool
	catalogFor manifestID // the manifest the catalog on disk was written with
	recall     corpus.Recall
}

// readKnown reads what a view knows of the articles before it reads
// them: the index on disk and, on an open (not a rebuild), the catalog,
// read at once; the segments' tables only when the catalog does not
// stand for them.
func (base *Engine) readKnown(prev *Engine, rebuild bool) known {
	dir := base.opt.IndexDir
	full := func() *dirState {
		st, err := readState(dir)
		if err != nil {
			return &dirState{}
		}
		return st
	}
	if prev != nil {
		if cur, err := readManifest(dir); err == nil && cur.man.id() == prev.man {
			// The index is as the view before left it: it knows where
			// each article is, and the tables need not be read.
			return known{onDisk: cur, fast: true, recall: prev.recall(nil)}
		}
	}
	if prev != nil || rebuild {
		kn := known{onDisk: full()}
		if prev != nil {
			kn.recall = prev.recall(kn.onDisk.live)
		}
		return kn
	}
	var cat *catalog
	var wg sync.WaitGroup
	wg.Go(func() { cat = readCatalog(dir) })
	onDisk, err := readManifest(dir)
	wg.Wait()
	kn := known{cat: cat}
	if cat != nil {
		kn.catalogFor = cat.manifest
	}
	switch {
	case err != nil:
		kn.onDisk, kn.cat = &dirState{}, nil
		return kn
	case cat != nil && cat.manifest == onDisk.man.id():
		kn.onDisk, kn.fast, kn.recall = onDisk, true, cat.recall(nil)
		return kn
	}
	if err := onDisk.readTables(); err != nil {
		onDisk = full() // CURRENT switched meanwhile
	}
	kn.onDisk = onDisk
	if cat != nil {
		kn.recall = cat.recall(onDisk.live)
	}
	return kn
}

// articles is how many articles the catalog has.
func (kn *known) articles() int {
	if kn.cat == nil {
		return 0
	}
	return len(kn.cat.at)
}

// entryOf is where article key's entry is in the catalog, and its fixed
// part, if the catalog has one.
func (kn *known) entryOf(key string) (int, catalogEntry, bool) {
	if kn.cat == nil {
		return 0, catalogEntry{}, false
	}
	at, ok := kn.cat.at[key]
	if !ok {
		return 0, catalogEntry{}, false
	}
	return at, kn.cat.fixed(at), true
}

// catalogHolds says whether the catalog's entry ce (of article key) has
// hash h and the index holds the article so.
func (kn *known) catalogHolds(key string, ce catalogEntry, h articleHash) bool {
	return ce.hash == h && (kn.fast || liveAs(kn.onDisk.live, key, h, ce.passages))
}

// liveAs says whether live holds article key with hash h, cut into
// passages passages.
func liveAs(live map[string]liveArticle, key string, h articleHash, passages int) bool {
	l, ok := live[key]
	return ok && l.hash == h && l.passages == passages
}

// recall recalls the articles of the view read from files, at the stamps
// they were read at, when the index (live, unless nil: the view's own
// manifest is current) still holds them as they were.
func (e *Engine) recall(live map[string]liveArticle) corpus.Recall {
	return func(id string, st corpus.Stamp) (corpus.Article, bool) {
		j, ok := e.byKey[id]
		if !ok || st.IsZero() || e.stamps[j] != st {
			return corpus.Article{}, false
		}
		if l, ok := live[id]; live != nil && (!ok || l.hash != e.hashes[j]) {
			return corpus.Article{}, false
		}
		return e.articles[j], true
	}
}

// liveArticles is where the view's index holds each article, as its
// manifest's tables would say (without where long paragraphs were cut,
// which only a view reads).
func (e *Engine) liveArticles() map[string]liveArticle {
	live := make(map[string]liveArticle, len(e.keys))
	for i, k := range e.keys {
		live[k] = liveArticle{seg: e.segOf[i], segEntry: segEntry{key: k, hash: e.hashes[i], passages: e.passageCount(i), off: e.spans[i].off, n: e.spans[i].n}}
	}
	return live
}

// holds says whether the view holds an article with this key and hash,
// and its number; a nil view holds none.
func (e *Engine) holds(key string, h articleHash) (int, bool) {
	if e == nil {
		return 0, false
	}
	j, ok := e.byKey[key]
	return j, ok && e.hashes[j] == h
}

// segArticle is article i's passages as a segment stores them, their
// text cut from articles (the view's articles, with their text).
func (e *Engine) segArticle(articles []corpus.Article, i int) segArticle {
	return e.segArticleOf(&articles[i], i)
}

// segArticleOf is article i, a, as a segment stores it.
func (e *Engine) segArticleOf(a *corpus.Article, i int) segArticle {
	return e.segArticleWith(a, i, e.passages[e.first[i]:e.first[i+1]])
}

// segArticleWith is article i, a, whose passages are ps, as a segment
// stores it.
func (e *Engine) segArticleWith(a *corpus.Article, i int, ps []passage) segArticle {
	sa := segArticle{Key: e.keys[i], Hash: e.hashes[i], Cuts: passageCuts(a, ps), Passages: make([]segPassage, len(ps))}
	for k, p := range ps {
		sa.Passages[k] = segPassage{Para: p.para, Win: p.win, Text: p.in(a)}
	}
	return sa
}

// passageCount is how many passages article i has.
func (e *Engine) passageCount(i int) int { return e.first[i+1] - e.first[i] }

func (e *Engine) segArticles(articles []corpus.Article) iter.Seq[segArticle] {
	return func(yield func(segArticle) bool) {
		for i := range e.keys {
			if !yield(e.segArticle(articles, i)) {
				return
			}
		}
	}
}

// passageText is passage pi's text: cut from its article in memory, or
// read from the segment that holds it.
func (e *Engine) passageText(pi int) (string, error) {
	p := e.passages[pi]
	if e.opt.IndexDir == "" {
		return p.in(&e.articles[p.article]), nil
	}
	return e.segs[e.segOf[p.article]].passageText(e.keys[p.article], e.spans[p.article], p.para, p.win)
}

// details is a without its text: the details are short strings of their
// own (the loader's), the paragraphs most of an article's memory.
func details(a corpus.Article) corpus.Article {
	a.Paragraphs = nil
	return a
}

// title is article a's title, tokenized: made when a question needs it
// (a few dozen articles), not kept for every article.
func (e *Engine) title(a int) []Token { return tokenize(e.articles[a].Title, e.forms) }

// openMem builds an in-memory index (scorch, so BM25 applies).
func openMem(ctx context.Context, arts iter.Seq[segArticle], progress func(int, int)) (bleve.Index, error) {
	m, err := newMapping(nil)
	if err != nil {
		return nil, err
	}
	idx, err := bleve.NewUsing("", m, scorch.Name, scorch.Name, nil)
	if err != nil {
		return nil, fmt.Errorf("create in-memory index: %w", err)
	}
	var p func(int)
	if progress != nil {
		total := 0
		for a := range arts {
			total += len(a.Passages)
		}
		p = func(done int) { progress(done, total) }
	}
	if _, err := fill(ctx, idx, arts, p); err != nil {
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
	return e.view(ctx, ArticlesOf(articles), e)
}

// UpdateFrom is Update with the articles of a source, read one at a
// time (see ArticleSource).
func (e *Engine) UpdateFrom(ctx context.Context, src ArticleSource) (*Engine, error) {
	return e.view(ctx, src, e)
}

// IndexReport says what opening (or updating) the engine did to its
// index.
func (e *Engine) IndexReport() IndexReport { return e.report }
