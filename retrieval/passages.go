package retrieval

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/vnru/vnru/corpus"
)

// maxPassageSentences bounds a passage: longer paragraphs are cut into
// windows, so passages stay of similar length (bleve's BM25 length
// normalisation is unreliable, see RESEARCH.md) and quotes stay local.
const maxPassageSentences = 5

// passage is the unit of the index: a paragraph, or a window of sentences
// of a long paragraph. It holds no text: the text is the byte range
// start:end of the article's paragraph, read from the articles in
// memory or, for a persistent index, from the segment that stores it
// (passageText), so an engine over a million passages does not keep the
// corpus in memory.
type passage struct {
	article    int         // index into the engine's articles
	para       int         // paragraph number in the article
	win        int         // window number in the paragraph
	start, end int32       // the passage's bytes in the paragraph
	parsed     *parsedSlot // its parse, shared by the views that hold the passage
}

// in is the passage's text in its article a.
func (p passage) in(a *corpus.Article) string { return a.Paragraphs[p.para][p.start:p.end] }

// whole says whether the passage is its whole paragraph.
func (p passage) whole(para string) bool { return p.start == 0 && int(p.end) == len(para) }

// docID is the passage's stable document ID in the index: the article's
// key, the paragraph and the window, so adding, changing or removing an
// article touches only its own passages.
func docID(key string, para, win int) string {
	return key + "/" + strconv.Itoa(para) + "/" + strconv.Itoa(win)
}

// parseDocID splits a document ID made by docID.
func parseDocID(id string) (key string, para, win int, ok bool) {
	j := strings.LastIndexByte(id, '/')
	if j < 0 {
		return "", 0, 0, false
	}
	i := strings.LastIndexByte(id[:j], '/')
	if i < 0 {
		return "", 0, 0, false
	}
	p, err1 := strconv.Atoi(id[i+1 : j])
	w, err2 := strconv.Atoi(id[j+1:])
	if err1 != nil || err2 != nil {
		return "", 0, 0, false
	}
	return id[:i], p, w, true
}

// makePassages cuts articles into passages.
func makePassages(articles []corpus.Article) []passage {
	var out []passage
	for ai, a := range articles {
		out = appendPassages(out, ai, a)
	}
	return out
}

// appendPassages appends the passages of article a, number ai.
func appendPassages(out []passage, ai int, a corpus.Article) []passage {
	for pi, para := range a.Paragraphs {
		if strings.Count(para, ".")+strings.Count(para, "?")+strings.Count(para, "!")+strings.Count(para, "…") < maxPassageSentences {
			// Every sentence end needs one of these: with fewer than
			// the window's worth, the paragraph is one passage.
			out = append(out, passage{article: ai, para: pi, end: int32(len(para)), parsed: new(parsedSlot)})
			continue
		}
		sents := corpus.SplitSentences(para)
		if len(sents) <= maxPassageSentences {
			out = append(out, passage{article: ai, para: pi, end: int32(len(para)), parsed: new(parsedSlot)})
			continue
		}
		windows := (len(sents) + maxPassageSentences - 1) / maxPassageSentences
		per := (len(sents) + windows - 1) / windows
		for i, w := 0, 0; i < len(sents); i, w = i+per, w+1 {
			j := min(i+per, len(sents))
			out = append(out, passage{article: ai, para: pi, win: w, start: int32(sents[i].Start), end: int32(sents[j-1].End), parsed: new(parsedSlot)})
		}
	}
	return out
}

// passageCuts records where an article's long paragraphs were cut into
// windows, as "para.start.end" byte ranges joined by commas (empty when
// no paragraph was cut), so reopening an index rebuilds the passages of
// the articles it holds unchanged without splitting sentences again
// (most of the time an open took). ps are the article's passages.
func passageCuts(a *corpus.Article, ps []passage) string {
	var b strings.Builder
	for _, p := range ps {
		if p.whole(a.Paragraphs[p.para]) {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, "%d.%d.%d", p.para, p.start, p.end)
	}
	return b.String()
}

// appendCutPassages appends the passages of article a, number ai, cut
// where cuts says; ok is false when cuts does not fit the article (then
// nothing is appended).
func appendCutPassages(out []passage, ai int, a corpus.Article, cuts string, want int) (_ []passage, ok bool) {
	n := len(out)
	next := 0 // the next paragraph not yet appended
	whole := func(upTo int) {
		for ; next < upTo; next++ {
			out = append(out, passage{article: ai, para: next, end: int32(len(a.Paragraphs[next])), parsed: new(parsedSlot)})
		}
	}
	win, last := 0, -1
	for c := range strings.SplitSeq(cuts, ",") {
		if c == "" {
			continue
		}
		f := strings.Split(c, ".")
		if len(f) != 3 {
			return out[:n], false
		}
		pi, err1 := strconv.Atoi(f[0])
		s, err2 := strconv.Atoi(f[1])
		e, err3 := strconv.Atoi(f[2])
		if err1 != nil || err2 != nil || err3 != nil || pi < next-1 || pi >= len(a.Paragraphs) || s < 0 || e < s || e > len(a.Paragraphs[pi]) {
			return out[:n], false
		}
		if pi != last {
			if pi < next {
				return out[:n], false
			}
			whole(pi)
			next, win, last = pi+1, 0, pi
		}
		out = append(out, passage{article: ai, para: pi, win: win, start: int32(s), end: int32(e), parsed: new(parsedSlot)})
		win++
	}
	whole(len(a.Paragraphs))
	if len(out)-n != want {
		return out[:n], false
	}
	return out, true
}
