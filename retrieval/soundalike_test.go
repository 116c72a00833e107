package retrieval

import (
	"reflect"
	"strings"
	"testing"
)

func TestSkeleton(t *testing.T) {
	tests := []struct{ a, b string }{
		// A Russian transliteration and the English spelling meet.
		{"varshava", "warsaw"},
		{"lyuter", "luther"},
		{"mishustin", "mishustin"},
		{"dzhordzh", "george"},
		{"khyuston", "houston"},
		{"filadelfiya", "philadelphia"},
		{"karolina", "carolina"},
	}
	for _, tt := range tests {
		if sa, sb := skeleton(tt.a), skeleton(tt.b); sa != sb {
			t.Errorf("skeleton(%q) = %q, skeleton(%q) = %q, want equal", tt.a, sa, tt.b, sb)
		}
	}
	for _, pair := range [][2]string{{"tesla", "tesco"}, {"amazon", "mazon"}, {"putin", "patent"}} {
		if skeleton(pair[0]) == skeleton(pair[1]) {
			t.Errorf("skeleton(%q) = skeleton(%q) = %q, want different", pair[0], pair[1], skeleton(pair[0]))
		}
	}
}

func TestSoundIndexLookup(t *testing.T) {
	df := map[string]int{
		"warsaw": 5, "warszawa": 1, "luther": 7, "norman": 3, "broncos": 2,
		// Vietnamese syllables never stand for a foreign name, however
		// their consonants line up.
		"trong": 900, "thanh": 400, "nguyen": 50,
	}
	s := newSoundIndex(df)
	tests := []struct {
		word    string
		russian bool
		want    []string
	}{
		{"varshava", true, []string{"warsaw", "warszawa"}}, // most frequent first
		{"lyutera", true, []string{"luther"}},              // genitive ending
		{"normanov", true, []string{"norman"}},             // -ов dropped
		{"normans", false, []string{"norman"}},             // English plural
		{"bronkos", true, []string{"broncos"}},             // к for c
		{"luther", false, nil},                             // the article's own spelling needs no stand-in
		{"trang", false, nil},                              // Vietnamese-shaped words are not indexed
		{"xyzzy", false, nil},
		{"путин", true, nil}, // not transliterated: not a Latin word
	}
	for _, tt := range tests {
		if got := s.lookup(tt.word, tt.russian); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("lookup(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
	var none *soundIndex
	if got := none.lookup("warsaw", false); got != nil {
		t.Errorf("nil index lookup = %q", got)
	}
}

func TestAnalyzeAddsSoundAlikeSpellings(t *testing.T) {
	lx := newLexicon(nil, nil, nil)
	vocab := dfVocabulary{"luther": 3, "warsaw": 2, "khi": 9, "nao": 9, "tham": 9}
	tests := []struct {
		q, label string
		want     [][]string // the alternatives of the concept with that label
	}{
		{"Когда умер Лютер?", "Лютер", [][]string{{"lyuter"}, {"luther"}}},
		{"Where is Warsaw?", "warsaw", [][]string{{"warsaw"}}},                      // spelled as in the articles
		{"Когда умер лютер?", "лютер", [][]string{{"lyuter"}}},                      // not capitalised: not taken for a name
		{"Luther tham Warsaw khi nào?", "luther", [][]string{{"luther"}}},           // Vietnamese questions are left alone
		{"Where did the Normans live?", "normans", [][]string{{"normans"}}},         // nothing alike in the articles
		{"When did Luthers visit?", "luthers", [][]string{{"luthers"}, {"luther"}}}, // English plural
		{"Luthers visited when?", "luthers", [][]string{{"luthers"}}},               // the first word is capitalised whatever it is
	}
	for _, tt := range tests {
		q := lx.analyze(tt.q, vocab)
		var got [][]string
		for _, c := range q.concepts {
			if strings.EqualFold(c.label, tt.label) {
				got = c.alts
			}
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("analyze(%q): alternatives of %q = %q, want %q", tt.q, tt.label, got, tt.want)
		}
	}
}

// dfVocabulary is a vocabulary from document frequencies.
type dfVocabulary map[string]int

func (v dfVocabulary) idf(fold string) float64 { return 1 / float64(1+v[fold]) }
func (v dfVocabulary) has(fold string) bool    { return v[fold] > 0 }
func (v dfVocabulary) soundAlikes(fold string, russian bool) []string {
	return newSoundIndex(v).lookup(fold, russian)
}

func TestAnalyzeWeighsUnknownForeignWords(t *testing.T) {
	lx := newLexicon(nil, nil, nil)
	vocab := dfVocabulary{"putin": 4, "vietnam": 9}
	weights := map[string]float64{}
	for _, c := range lx.analyze("What did Putin tell the Vietnamese sides in Navalnyburg in 2023?", vocab).concepts {
		weights[c.label] = c.weight
	}
	if weights["sides"] != 0 || weights["tell"] != 0 {
		t.Errorf("untranslated lower-case words weigh %v, want 0: vnru cannot translate them", weights)
	}
	if weights["navalnyburg"] != 1 || weights["2023"] != 1 || weights["putin"] != vocab.idf("putin") {
		t.Errorf("names and numbers the articles lack weigh %v, want the full weight 1 (they ask about something absent)", weights)
	}
	if weights["vietnamese"] != vocab.idf("vietnam") {
		t.Errorf("Vietnamese weighs %v, want the weight of its sound-alike vietnam", weights["vietnamese"])
	}
	for _, c := range lx.analyze("Putin thăm Hà Nội", vocab).concepts {
		if c.label == "hà" && c.weight != 1 {
			t.Errorf("Vietnamese word the articles lack weighs %v, want 1", c.weight)
		}
	}
}
