package retrieval

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"iter"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/gofrs/flock"
)

// IndexReport says what opening or updating an engine did to its index.
type IndexReport struct {
	Rebuilt  bool // the index was built from scratch
	Added    int  // articles new to the index
	Removed  int  // articles the index no longer holds
	Changed  int  // articles whose text or details changed
	Reused   int  // articles found in the index as they are
	Merged   int  // small segments merged into one
	Segments int  // segments searched
}

// Updated says whether the index changed without a rebuild.
func (r IndexReport) Updated() bool {
	return !r.Rebuilt && r.Added+r.Removed+r.Changed > 0
}

// Segment sizes. A segment is written with at most segmentPassages
// passages: bleve's memory while it builds grows with the segment (a
// million passages in one took over 4 GB of heap; a hundred thousand,
// about 0.5 GB), so a large corpus is written as several segments of
// this size. Segments of at least half of it are full: an update never
// rewrites them unless most of their passages are dead. Past
// maxSegments small segments, an update merges the smallest into one,
// so a search fans out over the full segments and a few small ones.
const (
	segmentPassages = 100_000
	maxSegments     = 6
)

// dirSync brings a persistent index folder to hold exactly some
// articles, writing only what changed.
type dirSync struct {
	lg       *slog.Logger
	dir      string
	rebuild  bool
	progress func(done, total int)
	// beforeSwitch, when set, runs after the new segment is in place and
	// before the manifest is switched (tests fail or stop there).
	beforeSwitch func() error
	// segmentSize, when set, replaces segmentPassages (tests).
	segmentSize int
}

// articleSet is the articles an index is brought to: their keys, content
// hashes and passages.
type articleSet struct {
	keys   []string
	hashes []articleHash
	// passages is how many passages article i has.
	passages func(i int) int
	// texts yields the articles want picks, in order, with their
	// passages' texts (read again from the source if need be).
	texts func(want func(i int) bool) iter.Seq2[segArticle, error]
	held  bool // the state passed to run is known to hold exactly these
}

func all(int) bool { return true }

// run brings the folder to hold arts; read is the state read before, if
// any (nil or empty: none).
func (s dirSync) run(ctx context.Context, arts articleSet, read *dirState) (*dirState, IndexReport, error) {
	if err := os.MkdirAll(s.dir, 0o777); err != nil { // the umask decides
		return nil, IndexReport{}, fmt.Errorf("create index folder: %w", err)
	}
	removeLeftoverBuilds(s.lg, s.dir)
	if !s.rebuild {
		if read == nil || read.live == nil && !arts.held {
			read, _ = readState(s.dir)
		}
		// held: the caller knows the state it read holds arts (from its
		// tables, or the catalog written with its manifest).
		if read != nil && (arts.held || read.live != nil && read.holds(arts)) {
			return read, IndexReport{Reused: len(arts.keys), Segments: len(read.man.Segments)}, nil
		}
	}
	lock := flock.New(filepath.Join(s.dir, updateLock), flock.SetPermissions(0o666))
	if err := lock.Lock(); err != nil {
		return nil, IndexReport{}, fmt.Errorf("lock index folder for an update: %w", err)
	}
	defer lock.Unlock()
	// Read again under the lock: another process may have updated it.
	// When it did not, the state read before serves.
	st, err := readManifest(s.dir)
	if err == nil && read != nil && read.live != nil && st.man.id() == read.man.id() {
		st = read
	} else if err == nil {
		err = st.readTables()
	}
	switch {
	case err != nil && !errors.Is(err, errNoIndex):
		s.lg.Warn("index unusable, rebuilding", "dir", s.dir, "err", err)
		fallthrough
	case err != nil || s.rebuild:
		seq := 0
		if st != nil {
			seq = st.man.Seq
		} else {
			seq = lastSeq(s.dir)
		}
		return s.build(ctx, arts, seq+1)
	case st.holds(arts):
		return st, IndexReport{Reused: len(arts.keys), Segments: len(st.man.Segments)}, nil
	}
	return s.update(ctx, st, arts)
}

// lastSeq is the highest manifest number in dir, so a rebuild after an
// unreadable manifest never reuses a name.
func lastSeq(dir string) int {
	entries, _ := os.ReadDir(dir)
	seq := 0
	for _, e := range entries {
		var n int
		if _, err := fmt.Sscanf(e.Name(), manifestPrefix+"%d.json", &n); err == nil {
			seq = max(seq, n)
		}
	}
	return seq
}

// holds says whether the index holds exactly these articles.
func (st *dirState) holds(arts articleSet) bool {
	if len(st.live) != len(arts.keys) {
		return false
	}
	for i, k := range arts.keys {
		if l, ok := st.live[k]; !ok || l.hash != arts.hashes[i] {
			return false
		}
	}
	return true
}

// passageTexts are the passages' texts of the articles.
func passageTexts(arts iter.Seq[segArticle]) iter.Seq[string] {
	return func(yield func(string) bool) {
		for a := range arts {
			for _, p := range a.Passages {
				if !yield(p.Text) {
					return
				}
			}
		}
	}
}

// build writes every article into new segments.
func (s dirSync) build(ctx context.Context, arts articleSet, seq int) (*dirState, IndexReport, error) {
	total := 0
	for i := range arts.keys {
		total += arts.passages(i)
	}
	refs, counts, err := s.writeSegments(ctx, arts.texts(all), total, seq, true)
	if err != nil {
		return nil, IndexReport{}, err
	}
	m := manifest{Seq: seq, Segments: refs, Stats: counts}
	st, err := s.commit(m)
	return st, IndexReport{Rebuilt: true, Added: len(arts.keys), Segments: len(refs)}, err
}

// update writes the added and changed articles into a new segment,
// takes the removed and changed ones out of their segments and of the
// statistics, and merges small segments when there are too many.
func (s dirSync) update(ctx context.Context, st *dirState, arts articleSet) (*dirState, IndexReport, error) {
	m := st.man.clone()
	m.Seq++
	var rep IndexReport
	forms := newFormCache()
	wanted := make(map[string]articleHash, len(arts.keys))
	fresh := make([]bool, len(arts.keys)) // added or changed
	total := 0                            // their passages, and those moved
	gone := map[int][]segEntry{}          // by segment
	for i, k := range arts.keys {
		wanted[k] = arts.hashes[i]
		l, ok := st.live[k]
		switch {
		case !ok:
			rep.Added++
		case l.hash != arts.hashes[i]:
			rep.Changed++
			gone[l.seg] = append(gone[l.seg], l.segEntry)
		default:
			rep.Reused++
			continue
		}
		fresh[i] = true
		total += arts.passages(i)
	}
	for k, l := range st.live {
		if _, ok := wanted[k]; !ok {
			rep.Removed++
			gone[l.seg] = append(gone[l.seg], l.segEntry)
		}
	}
	for si, entries := range gone {
		ref := &m.Segments[si]
		old, err := readTexts(filepath.Join(s.dir, ref.Name), entries)
		if err != nil {
			return nil, rep, fmt.Errorf("read the passages to remove (rebuild the index with --rebuild): %w", err)
		}
		m.Stats.add(passageTexts(slices.Values(old)), forms, -1)
		for _, e := range entries {
			ref.Removed = append(ref.Removed, e.key)
			ref.Dead += e.passages
		}
	}

	// Merge: segments mostly dead, and the smallest ones while there are
	// too many. Their live articles go into the new segment; the
	// statistics do not change.
	merge := map[int]bool{}
	var order []int // the small segments
	for si, ref := range m.Segments {
		switch {
		case ref.Dead*2 > ref.Docs:
			merge[si] = true
		case (ref.Docs-ref.Dead)*2 < segmentPassages:
			order = append(order, si)
		}
	}
	if n := len(order) + 1; n > maxSegments {
		sort.Slice(order, func(i, j int) bool {
			a, b := m.Segments[order[i]], m.Segments[order[j]]
			return a.Docs-a.Dead < b.Docs-b.Dead
		})
		for _, si := range order[:n-maxSegments/2] {
			merge[si] = true
		}
	}
	liveIn := map[int][]segEntry{} // the live articles of the segments merged
	if len(merge) > 0 {
		for _, l := range st.live {
			if h, ok := wanted[l.key]; ok && merge[l.seg] && h == l.hash {
				liveIn[l.seg] = append(liveIn[l.seg], l.segEntry)
			}
		}
	}
	var kept []segmentRef
	var moved []segArticle
	for si, ref := range m.Segments {
		if !merge[si] {
			kept = append(kept, ref)
			continue
		}
		live := liveIn[si]
		sort.Slice(live, func(i, j int) bool { return live[i].off < live[j].off })
		arts, err := readTexts(filepath.Join(s.dir, ref.Name), live)
		if err != nil {
			return nil, rep, fmt.Errorf("read the passages to merge (rebuild the index with --rebuild): %w", err)
		}
		moved = append(moved, arts...)
		for _, a := range arts {
			total += len(a.Passages)
		}
		if len(arts) > 0 { // a segment wholly dead is just dropped
			rep.Merged++
		}
	}
	m.Segments = kept
	// The added and changed articles, counted into the statistics as
	// they go by (the text is read once), then the live articles of the
	// merged segments, whose counts the statistics hold already.
	write := func(yield func(segArticle, error) bool) {
		for a, err := range arts.texts(func(i int) bool { return fresh[i] }) {
			if err == nil {
				m.Stats.add(passageTexts(slices.Values([]segArticle{a})), forms, 1)
			}
			if !yield(a, err) {
				return
			}
		}
		for _, a := range moved {
			if !yield(a, nil) {
				return
			}
		}
	}
	if rep.Added+rep.Changed+len(moved) > 0 {
		refs, _, err := s.writeSegments(ctx, write, total, m.Seq, false)
		if err != nil {
			return nil, rep, err
		}
		m.Segments = append(m.Segments, refs...)
	}
	rep.Segments = len(m.Segments)
	if err := ctx.Err(); err != nil {
		return nil, rep, err
	}
	next, err := s.commit(m)
	return next, rep, err
}

// buildWorkers is how many segments are written at once: bleve's
// builder analyses and writes a segment on one goroutine, so two use
// both cores of a small server (the machine vnru is measured on) and
// hold two segments' build memory (tens of MB each) at a time.
const buildWorkers = 2

// parallelBuildPassages is the smallest build cut into one segment per
// worker: below it, one segment is quick to write and one fewer to
// search.
const parallelBuildPassages = 20_000

// segmentSizeFor is the passages a segment of a build of total holds:
// segmentPassages, but a build that would fill fewer segments than
// buildWorkers is cut into one per worker, so all cores write (a
// 100,000-passage corpus in one segment was written on one core).
func segmentSizeFor(total int) int {
	if total < parallelBuildPassages {
		return segmentPassages
	}
	return min(segmentPassages, (total+buildWorkers-1)/buildWorkers)
}

// writeSegments writes the articles, of total passages, into segments
// of at most segmentPassages passages (an article is never split),
// buildWorkers at a time; an error from arts ends it. With count, it also
// returns the statistics of their passages, counted as bleve cuts them
// (tokenTap).
func (s dirSync) writeSegments(ctx context.Context, arts iter.Seq2[segArticle, error], total, seq int, count bool) ([]segmentRef, stats, error) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	type job struct {
		i    int
		arts []segArticle
	}
	jobs := make(chan job)
	// A token per worker: a chunk is gathered only once a worker is free
	// to take it, so no more than buildWorkers chunks' texts are held
	// (not one more waiting, 100 MB at a million passages).
	free := make(chan struct{}, buildWorkers)
	var (
		mu       sync.Mutex // guards what follows
		refs     = map[int]segmentRef{}
		st       = stats{DocFreq: map[string]int{}}
		firstErr error
		done     int
	)
	var wg sync.WaitGroup
	for range buildWorkers {
		wg.Add(1)
		go func() { // exits when jobs is closed (after an error, the jobs left end at once)
			defer wg.Done()
			for j := range jobs {
				var part *stats
				if count {
					part = &stats{DocFreq: map[string]int{}}
				}
				last := 0
				var progress func(int)
				if s.progress != nil {
					progress = func(d int) {
						mu.Lock()
						defer mu.Unlock()
						done += d - last
						last = d
						s.progress(done, total)
					}
				}
				ref, err := s.writeSegment(ctx, j.arts, seq, progress, part)
				mu.Lock()
				if err != nil && firstErr == nil {
					firstErr = err
					cancel()
				}
				refs[j.i] = ref
				if part != nil {
					st.merge(*part)
				}
				mu.Unlock()
				<-free
			}
		}()
	}
	var chunk []segArticle
	n, chunks := 0, 0
	send := func() bool {
		select {
		case jobs <- job{chunks, chunk}:
			chunks++
			chunk, n = nil, 0
			return true
		case <-ctx.Done():
			return false
		}
	}
	size := cmp.Or(s.segmentSize, segmentSizeFor(total))
	for a, err := range arts {
		if err != nil {
			mu.Lock()
			if firstErr == nil {
				firstErr = err
			}
			mu.Unlock()
			cancel()
			break
		}
		if len(chunk) == 0 {
			select {
			case free <- struct{}{}:
			case <-ctx.Done():
			}
			if ctx.Err() != nil {
				break
			}
		}
		chunk = append(chunk, a)
		if n += len(a.Passages); n >= size && !send() {
			break
		}
	}
	if len(chunk) > 0 && ctx.Err() == nil {
		send()
	}
	close(jobs)
	wg.Wait()
	if firstErr == nil {
		firstErr = ctx.Err()
	}
	if firstErr != nil {
		return nil, stats{}, firstErr
	}
	out := make([]segmentRef, chunks)
	for i := range out {
		out[i] = refs[i]
	}
	return out, st, nil
}

// writeSegment builds a segment in a locked build folder and moves it
// into place under a name no other segment has.
func (s dirSync) writeSegment(ctx context.Context, arts []segArticle, seq int, progress func(int), count *stats) (segmentRef, error) {
	tmp, release, err := newBuildFolder(s.dir)
	if err != nil {
		return segmentRef{}, err
	}
	defer release() // gone after the rename; cleans up a failed build
	if err := writeSegment(ctx, filepath.Join(tmp, "seg"), slices.Values(arts), progress, count); err != nil {
		return segmentRef{}, err
	}
	docs := 0
	for _, a := range arts {
		docs += len(a.Passages)
	}
	name := fmt.Sprintf("%s%08d-%s", segmentPrefix, seq, strings.TrimPrefix(filepath.Base(tmp), buildPrefix))
	if err := os.Rename(filepath.Join(tmp, "seg"), filepath.Join(s.dir, name)); err != nil {
		return segmentRef{}, fmt.Errorf("move new segment into place: %w", err)
	}
	return segmentRef{Name: name, Docs: docs}, nil
}

// commit switches the folder to m and reads it back.
func (s dirSync) commit(m manifest) (*dirState, error) {
	if s.beforeSwitch != nil {
		if err := s.beforeSwitch(); err != nil {
			return nil, err
		}
	}
	if err := commit(s.lg, s.dir, m); err != nil {
		return nil, err
	}
	return readStateOf(s.dir, manifestName(m.Seq))
}
