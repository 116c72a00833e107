package follow

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/vnru/vnru/corpus"
)

// Topic decides whether an entry is on topic: its texts must mention at
// least one term of every group. The first group names the subject (Russia
// for vnru's default); the others narrow it (Vietnam).
//
// Terms are matched on whole words, as phrases of consecutive words:
//   - Marks count where the text has them: "Nga" (Russia) never matches
//     "ngà" (ivory) or "Ngay", but text typed without marks matches marked
//     terms ("Lien bang Nga" matches "Liên bang Nga"). Case is ignored.
//   - A term word starting with a capital letter matches only capitalised
//     words: "Nga" is Russia, "thiên nga" is a swan.
//   - A trailing "*" matches any ending: "росси*" matches "Россия",
//     "России", "российский".
//   - Except phrases ("chị Nga", a woman's name) hide the words they cover.
type Topic struct {
	groups [][]term
	except []term
	key    string
}

type term struct {
	src   string
	words []pattern
}

type pattern struct {
	lower, folded string
	capital       bool // the text word must start with a capital letter
	prefix        bool // trailing "*"
}

// word is one word of a text.
type word struct {
	lower   string
	marked  bool // has Vietnamese marks (or other combining marks)
	capital bool
}

// NewTopic builds a Topic from groups of alternative terms and except
// phrases. Every group needs at least one term with a letter or digit.
func NewTopic(groups [][]string, except []string) (*Topic, error) {
	if len(groups) == 0 {
		return nil, errors.New("topic: no terms: give at least one group of terms")
	}
	t := &Topic{}
	for i, g := range groups {
		var ts []term
		for _, s := range g {
			tm, err := newTerm(s)
			if err != nil {
				return nil, fmt.Errorf("topic: group %d: %w", i+1, err)
			}
			ts = append(ts, tm)
		}
		if len(ts) == 0 {
			return nil, fmt.Errorf("topic: group %d is empty: give at least one term", i+1)
		}
		t.groups = append(t.groups, ts)
	}
	for _, s := range except {
		tm, err := newTerm(s)
		if err != nil {
			return nil, fmt.Errorf("topic: except: %w", err)
		}
		t.except = append(t.except, tm)
	}
	h := sha256.New()
	for _, g := range groups {
		fmt.Fprintf(h, "%q\n", g)
	}
	fmt.Fprintf(h, "%q", except)
	t.key = hex.EncodeToString(h.Sum(nil)[:8])
	return t, nil
}

// Key identifies the topic's terms: the state remembers which topic
// found an entry off topic, and another topic looks at it afresh.
func (t *Topic) Key() string { return t.key }

// ParseMatch reads a --match pattern: groups joined by "+", each a list of
// alternatives joined by "|". "Nga | Russia + Việt Nam | Vietnam" keeps
// entries naming Nga or Russia and also Việt Nam or Vietnam.
func ParseMatch(s string) (*Topic, error) {
	var groups [][]string
	for _, g := range strings.Split(s, "+") {
		var alts []string
		for _, a := range strings.Split(g, "|") {
			if a = strings.TrimSpace(a); a != "" {
				alts = append(alts, a)
			}
		}
		if len(alts) == 0 {
			return nil, fmt.Errorf("pattern %q has an empty group: write terms as \"a | b + c | d\"", s)
		}
		groups = append(groups, alts)
	}
	return NewTopic(groups, nil)
}

func newTerm(s string) (term, error) {
	src := strings.TrimSpace(s)
	prefix := strings.HasSuffix(src, "*")
	ws := words(strings.TrimSuffix(src, "*"))
	if len(ws) == 0 {
		return term{}, fmt.Errorf("term %q has no letters or digits", s)
	}
	tm := term{src: src}
	for i, w := range ws {
		tm.words = append(tm.words, pattern{
			lower:   w.lower,
			folded:  corpus.Fold(w.lower),
			capital: w.capital,
			prefix:  prefix && i == len(ws)-1,
		})
	}
	return tm, nil
}

// words splits s into lower-cased words: runs of letters, digits and
// combining marks.
func words(s string) []word {
	s = norm.NFC.String(s)
	isWord := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) }
	var out []word
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return !isWord(r) }) {
		lower := strings.ToLower(f)
		first := []rune(f)[0]
		out = append(out, word{lower: lower, marked: corpus.Fold(lower) != lower, capital: unicode.IsUpper(first)})
	}
	return out
}

func (p pattern) matches(w word) bool {
	if p.capital && !w.capital {
		return false
	}
	want, got := p.lower, w.lower
	if !w.marked {
		want = p.folded // typed without marks: compare without marks
	}
	if p.prefix {
		return strings.HasPrefix(got, want)
	}
	return got == want
}

// at reports whether the term's words start at ws[i].
func (t term) at(ws []word, i int) bool {
	if i+len(t.words) > len(ws) {
		return false
	}
	for j, p := range t.words {
		if !p.matches(ws[i+j]) {
			return false
		}
	}
	return true
}

// Match reports whether the texts (title, description, article text)
// mention every group. When they do not, missing describes the first
// group not mentioned, for reports.
func (t *Topic) Match(texts ...string) (ok bool, missing string) {
	found := make([]bool, len(t.groups))
	for _, s := range texts {
		t.scan(s, found)
	}
	for i, f := range found {
		if !f {
			return false, t.describe(i)
		}
	}
	return true, ""
}

// Subject reports whether the texts mention the first group: an entry
// whose title and description do not is off topic without a fetch.
func (t *Topic) Subject(texts ...string) bool {
	found := make([]bool, len(t.groups))
	for _, s := range texts {
		t.scan(s, found)
	}
	return found[0]
}

// scan marks in found the groups s mentions.
func (t *Topic) scan(s string, found []bool) {
	ws := words(s)
	if len(ws) == 0 {
		return
	}
	hidden := make([]bool, len(ws))
	for i := range ws {
		for _, e := range t.except {
			if e.at(ws, i) {
				for j := range e.words {
					hidden[i+j] = true
				}
			}
		}
	}
	for g, terms := range t.groups {
		if found[g] {
			continue
		}
	search:
		for i := range ws {
			for _, tm := range terms {
				if tm.at(ws, i) && !anyTrue(hidden[i:i+len(tm.words)]) {
					found[g] = true
					break search
				}
			}
		}
	}
}

func anyTrue(bs []bool) bool {
	for _, b := range bs {
		if b {
			return true
		}
	}
	return false
}

func (t *Topic) describe(g int) string {
	var names []string
	for i, tm := range t.groups[g] {
		if i == 3 {
			names = append(names, "…")
			break
		}
		names = append(names, tm.src)
	}
	return "no mention of " + strings.Join(names, " | ")
}
