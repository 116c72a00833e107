package retrieval

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"

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

// maxSegments bounds the segments a search fans out over: past it, an
// update merges the smallest into one.
const maxSegments = 6

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
}

// keyedArticle is an article with its key in the index and its content
// hash.
type keyedArticle struct {
	key, hash string
	article   *engineArticle
}

func (s dirSync) run(ctx context.Context, arts []keyedArticle) (*dirState, IndexReport, error) {
	if err := os.MkdirAll(s.dir, 0o777); err != nil { // the umask decides
		return nil, IndexReport{}, fmt.Errorf("create index folder: %w", err)
	}
	removeLeftoverBuilds(s.lg, s.dir)
	if !s.rebuild {
		if st, err := readState(s.dir); err == nil && st.holds(arts) {
			return st, IndexReport{Reused: len(arts), Segments: len(st.man.Segments)}, nil
		}
	}
	lock := flock.New(filepath.Join(s.dir, updateLock), flock.SetPermissions(0o666))
	if err := lock.Lock(); err != nil {
		return nil, IndexReport{}, fmt.Errorf("lock index folder for an update: %w", err)
	}
	defer lock.Unlock()
	// Read again under the lock: another process may have updated it.
	st, err := readState(s.dir)
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
		return st, IndexReport{Reused: len(arts), Segments: len(st.man.Segments)}, nil
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
func (st *dirState) holds(arts []keyedArticle) bool {
	if len(st.live) != len(arts) {
		return false
	}
	for _, a := range arts {
		if l, ok := st.live[a.key]; !ok || l.hash != a.hash {
			return false
		}
	}
	return true
}

func toSeg(a keyedArticle) segArticle {
	sa := segArticle{Key: a.key, Hash: a.hash, Passages: make([]segPassage, len(a.article.passages))}
	for i, p := range a.article.passages {
		sa.Passages[i] = segPassage{Para: p.para, Win: p.win, Text: p.text}
	}
	return sa
}

func segTexts(arts []segArticle) []string {
	var out []string
	for _, a := range arts {
		for _, p := range a.Passages {
			out = append(out, p.Text)
		}
	}
	return out
}

// build writes every article into one new segment.
func (s dirSync) build(ctx context.Context, arts []keyedArticle, seq int) (*dirState, IndexReport, error) {
	segs := make([]segArticle, len(arts))
	for i, a := range arts {
		segs[i] = toSeg(a)
	}
	m := manifest{Seq: seq, Stats: stats{DocFreq: map[string]int{}}}
	m.Stats.add(segTexts(segs), newFormCache(), 1)
	ref, err := s.writeSegment(ctx, segs, seq)
	if err != nil {
		return nil, IndexReport{}, err
	}
	m.Segments = []segmentRef{ref}
	st, err := s.commit(m)
	return st, IndexReport{Rebuilt: true, Added: len(arts), Segments: 1}, err
}

// update writes the added and changed articles into a new segment,
// takes the removed and changed ones out of their segments and of the
// statistics, and merges small segments when there are too many.
func (s dirSync) update(ctx context.Context, st *dirState, arts []keyedArticle) (*dirState, IndexReport, error) {
	m := st.man.clone()
	m.Seq++
	var rep IndexReport
	forms := newFormCache()
	wanted := map[string]string{} // key → hash
	var fresh []segArticle
	gone := map[int][]segEntry{} // by segment
	for _, a := range arts {
		wanted[a.key] = a.hash
		l, ok := st.live[a.key]
		switch {
		case !ok:
			rep.Added++
		case l.hash != a.hash:
			rep.Changed++
			gone[l.seg] = append(gone[l.seg], l.segEntry)
		default:
			rep.Reused++
			continue
		}
		fresh = append(fresh, toSeg(a))
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
		m.Stats.add(segTexts(old), forms, -1)
		for _, e := range entries {
			ref.Removed = append(ref.Removed, e.key)
			ref.Dead += e.passages
		}
	}
	m.Stats.add(segTexts(fresh), forms, 1)

	// Merge: segments mostly dead, and the smallest ones while there are
	// too many. Their live articles go into the new segment; the
	// statistics do not change.
	merge := map[int]bool{}
	for si, ref := range m.Segments {
		if ref.Dead*2 > ref.Docs {
			merge[si] = true
		}
	}
	if n := len(m.Segments) - len(merge) + 1; n > maxSegments {
		order := make([]int, 0, len(m.Segments))
		for si := range m.Segments {
			if !merge[si] {
				order = append(order, si)
			}
		}
		sort.Slice(order, func(i, j int) bool {
			a, b := m.Segments[order[i]], m.Segments[order[j]]
			return a.Docs-a.Dead < b.Docs-b.Dead
		})
		for _, si := range order[:n-maxSegments/2] {
			merge[si] = true
		}
	}
	var kept []segmentRef
	for si, ref := range m.Segments {
		if !merge[si] {
			kept = append(kept, ref)
			continue
		}
		var live []segEntry
		for _, l := range st.live {
			if h, ok := wanted[l.key]; ok && l.seg == si && h == l.hash {
				live = append(live, l.segEntry)
			}
		}
		sort.Slice(live, func(i, j int) bool { return live[i].off < live[j].off })
		moved, err := readTexts(filepath.Join(s.dir, ref.Name), live)
		if err != nil {
			return nil, rep, fmt.Errorf("read the passages to merge (rebuild the index with --rebuild): %w", err)
		}
		fresh = append(fresh, moved...)
		if len(moved) > 0 { // a segment wholly dead is just dropped
			rep.Merged++
		}
	}
	m.Segments = kept
	if len(fresh) > 0 {
		ref, err := s.writeSegment(ctx, fresh, m.Seq)
		if err != nil {
			return nil, rep, err
		}
		m.Segments = append(m.Segments, ref)
	}
	rep.Segments = len(m.Segments)
	if err := ctx.Err(); err != nil {
		return nil, rep, err
	}
	next, err := s.commit(m)
	return next, rep, err
}

// writeSegment builds a segment in a locked build folder and moves it
// into place under a name no other segment has.
func (s dirSync) writeSegment(ctx context.Context, arts []segArticle, seq int) (segmentRef, error) {
	tmp, release, err := newBuildFolder(s.dir)
	if err != nil {
		return segmentRef{}, err
	}
	defer release() // gone after the rename; cleans up a failed build
	total := 0
	for _, a := range arts {
		total += len(a.Passages)
	}
	var progress func(int)
	if s.progress != nil {
		progress = func(done int) { s.progress(done, total) }
	}
	if err := writeSegment(ctx, filepath.Join(tmp, "seg"), arts, progress); err != nil {
		return segmentRef{}, err
	}
	name := fmt.Sprintf("%s%08d-%s", segmentPrefix, seq, strings.TrimPrefix(filepath.Base(tmp), buildPrefix))
	if err := os.Rename(filepath.Join(tmp, "seg"), filepath.Join(s.dir, name)); err != nil {
		return segmentRef{}, fmt.Errorf("move new segment into place: %w", err)
	}
	return segmentRef{Name: name, Docs: total}, nil
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
