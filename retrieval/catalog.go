package retrieval

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/google/renameio/v2"
	"github.com/zeebo/xxh3"

	"github.com/vnru/vnru/corpus"
)

// The catalog (catalogFile in the index folder) remembers, for each
// article of the view that wrote it, its file's stamp (when it was read
// from a file) and what the engine made of it: its hash, its details,
// its passages and where the index holds them. An open that finds a
// file at the stamp the catalog has takes the article from the catalog
// instead of reading and parsing the file, which was most of an open's
// time (77 µs a file: 38 s for half a million). The catalog names the
// manifest it was written with: while that manifest is current, the
// index holds exactly the catalog's articles, and an open needs neither
// the segments' tables nor a check of each article against them; once
// another manifest is current, each recalled article is checked against
// the tables. It is a cache: missing, damaged, of another format or
// stale, it costs reading the files again, never a wrong article. A view
// that read a file or changed the index writes it again, atomically.
const catalogFile = "catalog.bin"

// catalogMagic starts the file, with the versions whose change makes a
// catalog stale: the index format's (passage cutting) and the article
// parser's.
var catalogMagic = "vnru-catalog 2 " + analysisVersion + " " + corpus.ParserVersion + "\n"

// After the magic come the manifest's ID (seq, updated: varints) and the
// number of entries. An entry is the key (in the lookup, not the entry),
// then the fixed part, then the details and passages as varints and
// strings:
//
//	size, mtime, inode, ctime   4 × 8 bytes (zero: not read from a file)
//	hash                        16 bytes
//	passages, segment           2 × 4 bytes
//	offset, length in texts     2 × 8 bytes
//	title, url, source, lang    strings (uvarint length, bytes)
//	published                   kind (byte: 0 none, 1 day, 2 with time), unix ns, zone offset s (varints)
//	tags                        uvarint count, strings
//	passages                    para, start, end uvarints each
const catalogFixed = 4*8 + 16 + 2*4 + 2*8

// catalog is a catalog file read: its bytes, and where each key's entry
// starts in them. Details it returns are substrings of data.
type catalog struct {
	data     string
	manifest manifestID // the manifest it was written with
	at       map[string]int
	zones    map[int64]*time.Location // the dates' zones, by offset, one each
}

// readCatalog reads the catalog of an index folder; nil when there is
// none usable.
func readCatalog(dir string) *catalog {
	raw, err := os.ReadFile(filepath.Join(dir, catalogFile))
	if err != nil {
		return nil
	}
	c, err := parseCatalog(string(raw))
	if err != nil {
		return nil
	}
	return c
}

var errBadCatalog = errors.New("catalog damaged")

func parseCatalog(data string) (*catalog, error) {
	if len(data) < len(catalogMagic)+8 || !strings.HasPrefix(data, catalogMagic) {
		return nil, errBadCatalog
	}
	body := data[:len(data)-8]
	if xxh3.HashString(body) != binary.LittleEndian.Uint64([]byte(data[len(body):])) {
		return nil, errBadCatalog
	}
	r := catalogReader{s: body, i: len(catalogMagic)}
	man := manifestID{Seq: int(r.uvarint()), Updated: r.varint()}
	n := int(r.uvarint())
	c := &catalog{data: body, manifest: man, at: make(map[string]int, min(n, len(body)/catalogFixed)), zones: map[int64]*time.Location{0: time.UTC}}
	for k := 0; k < n && !r.bad; k++ {
		key := r.str()
		c.at[key] = r.i
		r.i += catalogFixed
		if r.i > len(body) {
			return nil, errBadCatalog
		}
		np := c.fixed(r.i - catalogFixed).passages
		if off := r.skipDetails(); c.zones[off] == nil {
			c.zones[off] = time.FixedZone("", int(off))
		}
		for k := 0; k < 3*np && !r.bad; k++ {
			r.uvarint()
		}
		if r.bad {
			return nil, errBadCatalog
		}
	}
	if r.i != len(body) {
		return nil, errBadCatalog
	}
	return c, nil
}

// catalogEntry is the fixed part of an entry.
type catalogEntry struct {
	stamp    corpus.Stamp
	hash     articleHash
	passages int
	seg      int
	span     textSpan
}

// fixed reads the fixed part of the entry at i.
func (c *catalog) fixed(i int) catalogEntry {
	b := []byte(c.data[i : i+catalogFixed])
	le := binary.LittleEndian
	ce := catalogEntry{
		stamp:    corpus.Stamp{Size: int64(le.Uint64(b)), ModTime: int64(le.Uint64(b[8:])), Inode: le.Uint64(b[16:]), Change: int64(le.Uint64(b[24:]))},
		passages: int(le.Uint32(b[48:])),
		seg:      int(le.Uint32(b[52:])),
		span:     textSpan{int64(le.Uint64(b[56:])), int64(le.Uint64(b[64:]))},
	}
	copy(ce.hash[:], b[32:48])
	return ce
}

// recall recalls the articles of the files the catalog has at their
// stamps. live, unless nil (the catalog's manifest is current), is the
// index's articles: the index must hold the article with the hash and
// passages the catalog says.
func (c *catalog) recall(live map[string]liveArticle) corpus.Recall {
	return func(id string, st corpus.Stamp) (corpus.Article, bool) {
		i, ok := c.at[id]
		if !ok {
			return corpus.Article{}, false
		}
		ce := c.fixed(i)
		if ce.stamp != st || st.IsZero() || live != nil && !liveAs(live, id, ce.hash, ce.passages) {
			return corpus.Article{}, false
		}
		return c.entry(id, i), true
	}
}

// entry reads the details of the entry at i (of key).
func (c *catalog) entry(key string, i int) corpus.Article {
	r := catalogReader{s: c.data, i: i + catalogFixed}
	a := corpus.Article{ID: key, Title: r.str(), URL: r.str(), Source: r.str(), Lang: r.str()}
	kind := r.s[r.i]
	r.i++
	ns, off := r.varint(), r.varint()
	if kind > 0 {
		a.Published = corpus.Date{Time: time.Unix(0, ns).In(c.zones[off]), HasTime: kind == 2}
	}
	if n := r.uvarint(); n > 0 {
		a.Tags = make([]string, n)
		for k := range a.Tags {
			a.Tags[k] = r.str()
		}
	}
	return a
}

// appendPassages appends the np passages of the entry at i, as article
// ai.
func (c *catalog) appendPassages(out []passage, i, np, ai int, slots *slotSlab) []passage {
	r := catalogReader{s: c.data, i: i + catalogFixed}
	r.skipDetails()
	win, last := 0, -1
	for range np {
		p := passage{article: ai, para: int(r.uvarint()), parsed: slots.next()}
		p.start, p.end = int32(r.uvarint()), int32(r.uvarint())
		if p.para == last {
			win++
		} else {
			win, last = 0, p.para
		}
		p.win = win
		out = append(out, p)
	}
	return out
}

// catalogReader reads a catalog's varints and strings; bad is set when
// one runs past the end.
type catalogReader struct {
	s   string
	i   int
	bad bool
}

func (r *catalogReader) uvarint() uint64 {
	var v uint64
	for shift := 0; r.i < len(r.s) && shift < 64; shift += 7 {
		b := r.s[r.i]
		r.i++
		v |= uint64(b&0x7f) << shift
		if b < 0x80 {
			return v
		}
	}
	r.bad = true
	return 0
}

// skipDetails moves past an entry's details (as entry reads them) and
// returns its date's zone offset.
func (r *catalogReader) skipDetails() (zoneOffset int64) {
	for range 4 { // title, URL, source, language
		r.str()
	}
	r.i++ // the date's kind
	r.varint()
	zoneOffset = r.varint()
	for k := r.uvarint(); k > 0 && !r.bad; k-- {
		r.str()
	}
	return zoneOffset
}

func (r *catalogReader) varint() int64 {
	u := r.uvarint()
	return int64(u>>1) ^ -int64(u&1)
}

func (r *catalogReader) str() string {
	n := int(r.uvarint())
	if n < 0 || r.i+n > len(r.s) {
		r.bad = true
		r.i = len(r.s)
		return ""
	}
	s := r.s[r.i : r.i+n]
	r.i += n
	return s
}

// writeCatalog writes the catalog of the view's articles, which the
// index holds as the manifest man says, one entry at a time (at half a
// million articles it is about 100 MB, which a reload should not hold).
func (e *Engine) writeCatalog(dir string, man manifestID) (err error) {
	defer func() {
		if err != nil {
			err = fmt.Errorf("write the corpus catalog: %w", err)
		}
	}()
	t, err := renameio.NewPendingFile(filepath.Join(dir, catalogFile), renameio.WithTempDir(dir), renameio.WithPermissions(0o666))
	if err != nil {
		return err
	}
	defer t.Cleanup()
	w := bufio.NewWriterSize(t, 1<<20)
	sum := xxh3.New()
	b := binary.AppendUvarint([]byte(catalogMagic), uint64(man.Seq))
	b = binary.AppendVarint(b, man.Updated)
	b = binary.AppendUvarint(b, uint64(len(e.keys)))
	le := binary.LittleEndian
	for i, key := range e.keys {
		st := e.stamps[i]
		a := &e.articles[i]
		ps := e.passages[e.first[i]:e.first[i+1]]
		b = appendString(b, key)
		b = le.AppendUint64(b, uint64(st.Size))
		b = le.AppendUint64(b, uint64(st.ModTime))
		b = le.AppendUint64(b, st.Inode)
		b = le.AppendUint64(b, uint64(st.Change))
		b = append(b, e.hashes[i][:]...)
		b = le.AppendUint32(b, uint32(len(ps)))
		b = le.AppendUint32(b, uint32(e.segOf[i]))
		b = le.AppendUint64(b, uint64(e.spans[i].off))
		b = le.AppendUint64(b, uint64(e.spans[i].n))
		for _, s := range []string{a.Title, a.URL, a.Source, a.Lang} {
			b = appendString(b, s)
		}
		var kind byte
		var ns int64
		switch {
		case a.Published.IsZero():
		case a.Published.HasTime:
			kind, ns = 2, a.Published.Time.UnixNano()
		default:
			kind, ns = 1, a.Published.Time.UnixNano()
		}
		_, off := a.Published.Time.Zone()
		b = append(b, kind)
		b = binary.AppendVarint(b, ns)
		b = binary.AppendVarint(b, int64(off))
		b = binary.AppendUvarint(b, uint64(len(a.Tags)))
		for _, t := range a.Tags {
			b = appendString(b, t)
		}
		for _, p := range ps {
			b = binary.AppendUvarint(b, uint64(p.para))
			b = binary.AppendUvarint(b, uint64(p.start))
			b = binary.AppendUvarint(b, uint64(p.end))
		}
		if len(b) >= 64<<10 {
			if b, err = writeSummed(w, sum, b); err != nil {
				return err
			}
		}
	}
	if b, err = writeSummed(w, sum, b); err != nil {
		return err
	}
	if _, err := w.Write(le.AppendUint64(b, sum.Sum64())); err != nil {
		return err
	}
	if err := w.Flush(); err != nil {
		return err
	}
	return t.CloseAtomicallyReplace()
}

// writeSummed writes b to w and to the checksum, and returns b emptied.
func writeSummed(w io.Writer, sum hash.Hash, b []byte) ([]byte, error) {
	sum.Write(b)
	_, err := w.Write(b)
	return b[:0], err
}

func appendString(b []byte, s string) []byte {
	b = binary.AppendUvarint(b, uint64(len(s)))
	return append(b, s...)
}
