package retrieval

import (
	"bufio"
	"context"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
)

// A segment is an immutable folder of a persistent index: a bleve index
// of some articles' passages, the passages' text (so a later update can
// take a removed article's counts out of the statistics, and a merge can
// rewrite the segment without the article files), and a table of its
// articles. segment.json is written last: a folder without it is
// unfinished.
const (
	segmentPrefix = "seg-"
	segmentIndex  = "index"
	segmentTexts  = "texts.jsonl"
	segmentTable  = "articles.tsv"
	segmentMeta   = "segment.json"
)

// segArticle is one article's passages as a segment stores them.
type segArticle struct {
	Key      string       `json:"key"`
	Hash     articleHash  `json:"-"` // kept in the table
	Cuts     string       `json:"-"` // kept in the table: see passageCuts
	Passages []segPassage `json:"passages"`
}

type segPassage struct {
	Para int    `json:"para"`
	Win  int    `json:"win"`
	Text string `json:"text"`
}

// segEntry is a line of a segment's article table: where an article's
// passages are in the texts file.
type segEntry struct {
	key      string
	hash     articleHash
	cuts     string
	passages int
	off, n   int64
}

type segmentInfo struct {
	Version  string    `json:"version"`
	Articles int       `json:"articles"`
	Passages int       `json:"passages"`
	Built    time.Time `json:"built"`
}

// writeSegment writes a complete segment folder at path. With count, it
// counts the passages into count as it indexes them.
func writeSegment(ctx context.Context, path string, arts iter.Seq[segArticle], progress func(done int), count *stats) error {
	if err := os.MkdirAll(path, 0o777); err != nil {
		return err
	}
	m, err := newMapping(newTokenTap(count))
	if err != nil {
		return err
	}
	n, err := build(ctx, filepath.Join(path, segmentIndex), m, arts, progress)
	if err != nil {
		return err
	}
	articles, err := writeTexts(path, arts)
	if err != nil {
		return fmt.Errorf("write segment texts: %w", err)
	}
	if err := followUmask(path); err != nil {
		return fmt.Errorf("set index file modes: %w", err)
	}
	info, err := json.Marshal(segmentInfo{Version: analysisVersion, Articles: articles, Passages: n, Built: time.Now().UTC()})
	if err != nil {
		return err
	}
	if err := writeFileAtomic(filepath.Join(path, segmentMeta), info); err != nil {
		return fmt.Errorf("write segment meta: %w", err)
	}
	return nil
}

// build writes a bleve index of the articles' passages at path with
// bleve's offline builder: a segment is written once and never updated,
// so it needs none of what a live index does for updates (a batch made
// durable before the next, background merges), which cost a tenth of
// the build time. The builder writes its temporary files beside path
// (in the segment's build folder, removed if the build fails). It
// checks ctx every thousand passages and returns how many it indexed.
func build(ctx context.Context, path string, m mapping.IndexMapping, arts iter.Seq[segArticle], progress func(done int)) (int, error) {
	b, err := bleve.NewBuilder(path, m, map[string]interface{}{"buildPathPrefix": filepath.Dir(path)})
	if err != nil {
		return 0, fmt.Errorf("create index: %w", err)
	}
	n := 0
	for a := range arts {
		for _, p := range a.Passages {
			id := docID(a.Key, p.Para, p.Win)
			if err := b.Index(id, passageDoc{Text: p.Text}); err != nil {
				return n, fmt.Errorf("index passage %s: %w", id, err)
			}
			if n++; n%1000 == 0 {
				if err := ctx.Err(); err != nil {
					return n, err
				}
				if progress != nil {
					progress(n)
				}
			}
		}
	}
	if err := ctx.Err(); err != nil {
		return n, err
	}
	if err := b.Close(); err != nil {
		return n, fmt.Errorf("write new index: %w", err)
	}
	if progress != nil {
		progress(n)
	}
	return n, nil
}

// fill indexes the articles' passages into idx in batches, checking ctx
// between them, and returns how many it indexed.
func fill(ctx context.Context, idx bleve.Index, arts iter.Seq[segArticle], progress func(done int)) (int, error) {
	const batchSize = 1000
	b := idx.NewBatch()
	n := 0
	flush := func() error {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := idx.Batch(b); err != nil {
			return fmt.Errorf("index batch: %w", err)
		}
		b.Reset()
		if progress != nil {
			progress(n)
		}
		return nil
	}
	for a := range arts {
		for _, p := range a.Passages {
			id := docID(a.Key, p.Para, p.Win)
			if err := b.Index(id, passageDoc{Text: p.Text}); err != nil {
				return n, fmt.Errorf("index passage %s: %w", id, err)
			}
			n++
			if b.Size() >= batchSize {
				if err := flush(); err != nil {
					return n, err
				}
			}
		}
	}
	if b.Size() > 0 {
		return n, flush()
	}
	return n, nil
}

// writeTexts writes the texts file (one JSON line per article) and the
// article table that points into it, and returns how many articles.
func writeTexts(path string, arts iter.Seq[segArticle]) (int, error) {
	tf, err := os.Create(filepath.Join(path, segmentTexts))
	if err != nil {
		return 0, err
	}
	defer tf.Close()
	w := bufio.NewWriterSize(tf, 1<<20)
	var table strings.Builder
	var off int64
	count := 0
	for a := range arts {
		line, err := json.Marshal(a)
		if err != nil {
			return 0, err
		}
		line = append(line, '\n')
		if _, err := w.Write(line); err != nil {
			return 0, err
		}
		fmt.Fprintf(&table, "%s\t%d\t%d\t%d\t%s\t%s\n", a.Hash.String(), len(a.Passages), off, len(line), a.Cuts, strconv.Quote(a.Key))
		off += int64(len(line))
		count++
	}
	if err := w.Flush(); err != nil {
		return 0, err
	}
	if err := tf.Sync(); err != nil {
		return 0, err
	}
	if err := tf.Close(); err != nil {
		return 0, err
	}
	return count, writeFileAtomic(filepath.Join(path, segmentTable), []byte(table.String()))
}

// readSegmentInfo reads a finished segment's meta file.
func readSegmentInfo(path string) (segmentInfo, error) {
	var info segmentInfo
	data, err := os.ReadFile(filepath.Join(path, segmentMeta))
	if err != nil {
		return info, err
	}
	if err := json.Unmarshal(data, &info); err != nil {
		return info, fmt.Errorf("parse %s: %w", segmentMeta, err)
	}
	if info.Version != analysisVersion {
		return info, fmt.Errorf("segment of format %q, want %q", info.Version, analysisVersion)
	}
	return info, nil
}

// readTable reads a segment's article table.
func readTable(path string) ([]segEntry, error) {
	data, err := os.ReadFile(filepath.Join(path, segmentTable))
	if err != nil {
		return nil, err
	}
	var out []segEntry
	for line := range strings.SplitSeq(strings.TrimSuffix(string(data), "\n"), "\n") {
		if line == "" {
			continue
		}
		f := strings.SplitN(line, "\t", 6)
		if len(f) != 6 {
			return nil, fmt.Errorf("%s: bad line %q", segmentTable, line)
		}
		var e segEntry
		var err1, err2, err3, err4 error
		if n, err := hex.Decode(e.hash[:], []byte(f[0])); err != nil || n != len(e.hash) {
			return nil, fmt.Errorf("%s: bad hash in line %q", segmentTable, line)
		}
		e.passages, err1 = strconv.Atoi(f[1])
		e.off, err2 = strconv.ParseInt(f[2], 10, 64)
		e.n, err3 = strconv.ParseInt(f[3], 10, 64)
		e.cuts = strings.Clone(f[4]) // not a piece of the whole table
		e.key, err4 = strconv.Unquote(f[5])
		if err := errors.Join(err1, err2, err3, err4); err != nil {
			return nil, fmt.Errorf("%s: bad line %q: %w", segmentTable, line, err)
		}
		out = append(out, e)
	}
	return out, nil
}

// readTexts reads the stored passages of the given articles of the
// segment at path.
func readTexts(path string, entries []segEntry) ([]segArticle, error) {
	f, err := os.Open(filepath.Join(path, segmentTexts))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := make([]segArticle, 0, len(entries))
	var buf []byte
	for _, e := range entries {
		buf = append(buf[:0], make([]byte, e.n)...)
		if _, err := f.ReadAt(buf, e.off); err != nil {
			return nil, fmt.Errorf("read passages of %q: %w", e.key, err)
		}
		var a segArticle
		if err := json.Unmarshal(buf, &a); err != nil || a.Key != e.key {
			return nil, fmt.Errorf("read passages of %q: the texts file does not match its table (%v)", e.key, err)
		}
		a.Hash, a.Cuts = e.hash, e.cuts
		out = append(out, a)
	}
	return out, nil
}

// textSpan is where an article's line is in a segment's texts file.
type textSpan struct{ off, n int64 }

// segment is an open segment, shared by the engine views that search it
// and closed when the last of them is.
type segment struct {
	name  string
	idx   bleve.Index
	texts *os.File       // the passages' texts; nil for an in-memory index
	docs  int            // passages indexed, live or not
	card  map[string]int // distinct terms of each field, as bleve's BM25 counts them
	refs  atomic.Int64
}

// passageText reads the text of passage para/win of the article with
// this key, whose line is at sp in the texts file.
func (s *segment) passageText(key string, sp textSpan, para, win int) (string, error) {
	buf := make([]byte, sp.n)
	if _, err := s.texts.ReadAt(buf, sp.off); err != nil {
		return "", fmt.Errorf("read passages of %q in segment %s: %w", key, s.name, err)
	}
	var a segArticle
	if err := json.Unmarshal(buf, &a); err != nil || a.Key != key {
		return "", fmt.Errorf("read passages of %q in segment %s: the texts file does not match its table (%v)", key, s.name, err)
	}
	for _, p := range a.Passages {
		if p.Para == para && p.Win == win {
			return p.Text, nil
		}
	}
	return "", fmt.Errorf("segment %s holds no passage %s", s.name, docID(key, para, win))
}

// openSegment opens the finished segment folder at path read-only.
func openSegment(path string) (*segment, error) {
	info, err := readSegmentInfo(path)
	if err != nil {
		return nil, fmt.Errorf("open segment %s: %w", path, err)
	}
	idx, err := bleve.OpenUsing(filepath.Join(path, segmentIndex), map[string]interface{}{"read_only": true})
	if err != nil {
		return nil, fmt.Errorf("open segment %s: %w", path, err)
	}
	texts, err := os.Open(filepath.Join(path, segmentTexts))
	if err != nil {
		idx.Close()
		return nil, fmt.Errorf("open segment %s: %w", path, err)
	}
	s := &segment{name: filepath.Base(path), idx: idx, texts: texts, docs: info.Passages, card: map[string]int{}}
	for _, f := range []string{fieldText, fieldBigram} {
		d, err := idx.FieldDict(f)
		if err != nil {
			s.close()
			return nil, fmt.Errorf("open segment %s: %w", path, err)
		}
		s.card[f] = d.Cardinality()
		d.Close()
	}
	s.refs.Store(1)
	return s, nil
}

func (s *segment) acquire() *segment {
	s.refs.Add(1)
	return s
}

// release drops a reference and closes the index with the last one.
func (s *segment) release() error {
	if s.refs.Add(-1) == 0 {
		return s.close()
	}
	return nil
}

func (s *segment) close() error {
	err := s.idx.Close()
	if s.texts != nil {
		err = errors.Join(err, s.texts.Close())
	}
	return err
}
