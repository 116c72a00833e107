package retrieval

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// A persistent index folder holds immutable segments and manifests. The
// manifest named by CURRENT lists the live segments, the articles each
// no longer holds (removed or changed since), and the statistics of the
// live passages. An update writes a new segment and a new manifest, then
// switches CURRENT (an atomic rename): a reader sees the old manifest or
// the new one, whose segments are all complete, never half an update.
const (
	currentFile    = "CURRENT"
	manifestPrefix = "manifest-"
	updateLock     = ".update.lock" // held by the one process updating the folder
)

// analysisVersion changes whenever tokenising, passage cutting, the
// mapping or the folder's format change, so persistent indexes built by
// older code are rebuilt.
const analysisVersion = "vnru-analysis-5" // 5: article hashes are XXH3-128

// errNoIndex says the folder holds no index yet.
var errNoIndex = errors.New("no index built yet")

type manifest struct {
	Version  string       `json:"version"`
	Seq      int          `json:"seq"`
	Updated  time.Time    `json:"updated"`
	Segments []segmentRef `json:"segments"`
	Stats    stats        `json:"stats"`
}

// segmentRef is a live segment and what of it is no longer live.
type segmentRef struct {
	Name    string   `json:"name"`
	Docs    int      `json:"passages"`       // passages indexed, live or not
	Dead    int      `json:"dead,omitempty"` // passages of the removed articles
	Removed []string `json:"removed,omitempty"`
}

func (m manifest) clone() manifest {
	m.Segments = slices.Clone(m.Segments)
	for i := range m.Segments {
		m.Segments[i].Removed = slices.Clone(m.Segments[i].Removed)
	}
	m.Stats = m.Stats.clone()
	return m
}

func manifestName(seq int) string { return fmt.Sprintf("%s%08d.json", manifestPrefix, seq) }

// liveArticle is where an article's passages are: a segment (index into
// the manifest's segments) and its line in that segment's table.
type liveArticle struct {
	seg int
	segEntry
}

// dirState is a persistent index as one manifest describes it.
type dirState struct {
	dir  string
	man  manifest
	live map[string]liveArticle // nil until the segments' tables are read
}

// manifestID tells one manifest of a folder from another, even across
// a rebuild that reuses a number: its number and when it was written.
type manifestID struct {
	Seq     int
	Updated int64 // Unix nanoseconds
}

func (m manifest) id() manifestID { return manifestID{m.Seq, m.Updated.UnixNano()} }

// readState reads the manifest CURRENT names and its segments' tables.
// A writer may switch CURRENT and remove the old manifest's segments
// while this reads them: then it reads the new one.
func readState(dir string) (*dirState, error) { return readCurrent(dir, true) }

// readManifest is readState without the tables (live stays nil).
func readManifest(dir string) (*dirState, error) { return readCurrent(dir, false) }

func readCurrent(dir string, tables bool) (*dirState, error) {
	for try := 0; ; try++ {
		cur, err := os.ReadFile(filepath.Join(dir, currentFile))
		if errors.Is(err, fs.ErrNotExist) {
			return nil, errNoIndex
		}
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", currentFile, err)
		}
		st, err := readManifestOf(dir, strings.TrimSpace(string(cur)))
		if err == nil && tables {
			err = st.readTables()
		}
		if err == nil || try == 3 {
			return st, err
		}
		if again, _ := os.ReadFile(filepath.Join(dir, currentFile)); string(again) == string(cur) {
			return nil, err
		}
	}
}

func readStateOf(dir, name string) (*dirState, error) {
	st, err := readManifestOf(dir, name)
	if err != nil {
		return nil, err
	}
	return st, st.readTables()
}

func readManifestOf(dir, name string) (*dirState, error) {
	if !strings.HasPrefix(name, manifestPrefix) {
		return nil, fmt.Errorf("%s names %q, an index of an older format", currentFile, name)
	}
	data, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		return nil, fmt.Errorf("read manifest: %w", err)
	}
	st := &dirState{dir: dir}
	if err := json.Unmarshal(data, &st.man); err != nil {
		return nil, fmt.Errorf("parse manifest %s: %w", name, err)
	}
	if st.man.Version != analysisVersion {
		return nil, fmt.Errorf("index of format %q, want %q", st.man.Version, analysisVersion)
	}
	if st.man.Stats.DocFreq == nil {
		st.man.Stats.DocFreq = map[string]int{}
	}
	return st, nil
}

// readTables reads the segments' tables: where each live article is.
func (st *dirState) readTables() error {
	tables := make([][]segEntry, len(st.man.Segments))
	size := 0
	for si, ref := range st.man.Segments {
		entries, err := readTable(filepath.Join(st.dir, ref.Name))
		if err != nil {
			return fmt.Errorf("read segment %s: %w", ref.Name, err)
		}
		tables[si] = entries
		size += len(entries)
	}
	// Sized once: growing a map of a million articles step by step took
	// a tenth of an open.
	st.live = make(map[string]liveArticle, size)
	for si, ref := range st.man.Segments {
		removed := map[string]bool{}
		for _, k := range ref.Removed {
			removed[k] = true
		}
		for _, e := range tables[si] {
			if !removed[e.key] {
				st.live[e.key] = liveArticle{seg: si, segEntry: e}
			}
		}
	}
	return nil
}

// commit writes the manifest and switches CURRENT to it, then removes
// what no manifest names any more. The caller holds the update lock.
func commit(lg *slog.Logger, dir string, m manifest) error {
	m.Version = analysisVersion
	m.Updated = time.Now().UTC()
	data, err := json.Marshal(m)
	if err != nil {
		return err
	}
	name := manifestName(m.Seq)
	if err := writeFileAtomic(filepath.Join(dir, name), data); err != nil {
		return fmt.Errorf("write manifest: %w", err)
	}
	if err := writeFileAtomic(filepath.Join(dir, currentFile), []byte(name+"\n")); err != nil {
		return fmt.Errorf("switch to the new manifest: %w", err)
	}
	removeUnused(lg, dir, m)
	return nil
}

// removeUnused deletes the segments and manifests m does not name, and
// index folders of older formats. Another process still reading an old
// segment keeps its open files (POSIX unlink semantics); one about to
// open an old manifest finds CURRENT changed and reads the new one.
// Build folders are removeLeftoverBuilds' job.
func removeUnused(lg *slog.Logger, dir string, m manifest) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	keep := map[string]bool{manifestName(m.Seq): true}
	for _, s := range m.Segments {
		keep[s.Name] = true
	}
	for _, e := range entries {
		n := e.Name()
		if keep[n] || !(strings.HasPrefix(n, segmentPrefix) || strings.HasPrefix(n, manifestPrefix) || strings.HasPrefix(n, "idx-")) {
			continue
		}
		if err := os.RemoveAll(filepath.Join(dir, n)); err != nil {
			lg.Warn("remove unused index file", "name", n, "err", err)
		}
	}
}

// IndexFolders returns the bleve index folders of the persistent index
// in dir, largest first, for tools that query them directly (the plain
// bleve baseline of `vnru bench`). Each is a scorch index whose field
// "text" holds passages' folded syllables, to be opened read-only; the
// passages of removed articles may still be in them.
func IndexFolders(dir string) ([]string, error) {
	st, err := readState(dir)
	if errors.Is(err, errNoIndex) {
		return nil, fmt.Errorf("%s holds no built index: open an engine with this IndexDir first", dir)
	}
	if err != nil {
		return nil, err
	}
	refs := slices.Clone(st.man.Segments)
	slices.SortStableFunc(refs, func(a, b segmentRef) int { return b.Docs - a.Docs })
	out := make([]string, len(refs))
	for i, r := range refs {
		out[i] = filepath.Join(dir, r.Name, segmentIndex)
	}
	return out, nil
}
