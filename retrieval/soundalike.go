package retrieval

import (
	"regexp"
	"sort"
	"strings"
)

// A foreign question names people and places the way its language writes
// them: "Варшава", transliterated "varshava", is "Warsaw" in a Vietnamese
// article; "Normans" is "Norman". soundIndex finds such spellings among
// the words of the articles that are not Vietnamese syllables, by their
// consonant outline (skeleton): both "varshava" and "warsaw" are "vrsv".

// soundIndex maps skeletons to the article words that have them.
type soundIndex struct {
	words map[string][]string // skeleton → folded words, most frequent first
}

// syllableShape matches the folded shape of a Vietnamese syllable: an
// optional onset, one to three vowels and an optional coda. Names like
// "Tesla" or "Warsaw" do not have that shape.
var syllableShape = regexp.MustCompile(`^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}(ch|nh|ng|[cmnpt])?$`)

// minSkeleton is the shortest outline worth matching: shorter ones
// ("ld", "gn") collide with too many words.
const minSkeleton = 3

// outlineKey is the sound key under which the index holds an article
// word: only a Latin word of four letters or more, not shaped like a
// Vietnamese syllable, with an outline long enough to match on.
func outlineKey(w string) (string, bool) {
	if len(w) < 4 || syllableShape.MatchString(w) || !isLatinWord(w) {
		return "", false
	}
	k := soundKey(skeleton(w))
	return k, len(k) >= minSkeleton
}

func newSoundIndex(docFreq map[string]int) *soundIndex {
	s := &soundIndex{words: map[string][]string{}}
	for w := range docFreq {
		if k, ok := outlineKey(w); ok {
			s.words[k] = append(s.words[k], w)
		}
	}
	for _, ws := range s.words {
		sort.Slice(ws, func(i, j int) bool {
			if docFreq[ws[i]] != docFreq[ws[j]] {
				return docFreq[ws[i]] > docFreq[ws[j]]
			}
			return ws[i] < ws[j]
		})
	}
	return s
}

// maxSoundAlikes bounds how many article words one question word can
// stand for.
const maxSoundAlikes = 3

// lookup returns the article words that sound like the folded Latin word
// w, at most maxSoundAlikes, most frequent first. A Russian word may end
// in a case ending the article's spelling lacks ("Лютера" for "Luther"),
// so a final "v" or "m" is tried without it as well.
func (s *soundIndex) lookup(w string, russian bool) []string {
	if s == nil || !isLatinWord(w) {
		return nil
	}
	sk := skeleton(w)
	keys := []string{soundKey(sk)}
	if russian && len(sk) > minSkeleton && strings.ContainsAny(sk[len(sk)-1:], "vm") {
		keys = append(keys, soundKey(sk[:len(sk)-1]))
	}
	var out []string
	for _, k := range keys {
		if len(k) < minSkeleton {
			continue
		}
		for _, c := range s.words[k] {
			if len(out) < maxSoundAlikes && c != w && similarLength(c, w) {
				out = append(out, c)
			}
		}
	}
	return out
}

// soundKey drops a final "s", the English plural, from a skeleton.
func soundKey(sk string) string {
	if len(sk) > minSkeleton && strings.HasSuffix(sk, "s") {
		return sk[:len(sk)-1]
	}
	return sk
}

func similarLength(a, b string) bool {
	la, lb := float64(len(a)), float64(len(b))
	return la <= 1.6*lb && lb <= 1.6*la
}

// skeleton is the consonant outline of a lower-case Latin word: vowels
// and h dropped, letters that transliterations swap merged (c k q → k,
// f v w → v, s z → s, j → g), doubled letters merged. A word starting
// with a vowel (after any h) keeps a leading "_".
func skeleton(w string) string {
	w = strings.NewReplacer("dzh", "g", "shch", "s", "sch", "s", "kh", "", "ph", "f", "ck", "k", "x", "ks", "ts", "s").Replace(w)
	var b strings.Builder
	var last byte
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch c {
		case 'a', 'e', 'i', 'o', 'u', 'y':
			if b.Len() == 0 {
				b.WriteByte('_')
			}
			last = 0
			continue
		case 'h':
			continue
		case 'c', 'q':
			c = 'k'
		case 'f', 'w':
			c = 'v'
		case 'z':
			c = 's'
		case 'j':
			c = 'g'
		}
		if c != last {
			b.WriteByte(c)
		}
		last = c
	}
	return b.String()
}

func isLatinWord(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return w != ""
}

// transliterate writes a Cyrillic word in Latin letters, for names the
// glossary does not know ("Безденко" → "bezdenko").
func transliterate(word string) string {
	table := map[rune]string{
		'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "e", 'ж': "zh", 'з': "z", 'и': "i",
		'й': "y", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o", 'п': "p", 'р': "r", 'с': "s", 'т': "t",
		'у': "u", 'ф': "f", 'х': "kh", 'ц': "ts", 'ч': "ch", 'ш': "sh", 'щ': "shch", 'ъ': "", 'ы': "y",
		'ь': "", 'э': "e", 'ю': "yu", 'я': "ya",
	}
	var b strings.Builder
	for _, r := range strings.ToLower(word) {
		if s, ok := table[r]; ok {
			b.WriteString(s)
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}
