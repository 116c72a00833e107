package retrieval

import (
	"reflect"
	"strings"
	"testing"
)

func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		want string // tokens as text|fold, space separated
	}{
		{"Thủ tướng Nga", "thủ|thu tướng|tuong nga|nga"},
		{"Pu-tin thăm Mát-xcơ-va", "pu|pu tin|tin thăm|tham mát|mat xcơ|xco va|va"},
		{"ngày 14/1, 1.000 người", "ngày|ngay 14|14 1|1 1.000|1.000 người|nguoi"},
		{"TP.HCM và thoidai.com.vn", "tp.hcm|tp.hcm và|va thoidai|thoidai com|com vn|vn"},
		{"Đặng Minh Khôi", "đặng|dang minh|minh khôi|khoi"},
		{"V. Putin (30/1/1950-30/1/2025)", "v|v putin|putin 30|30 1|1 1950|1950 30|30 1|1 2025|2025"},
		{"Путин, Вьетнам", "путин|путин вьетнам|вьетнам"},
		{"2,5 tỷ USD.", "2,5|2,5 tỷ|ty usd|usd"},
		{"", ""},
		{"?!… «»", ""},
	}
	for _, tt := range tests {
		var got []string
		for _, tok := range Tokenize(tt.in) {
			got = append(got, tok.Text+"|"+tok.Fold)
			if tt.in[tok.Start:tok.End] == "" || !strings.EqualFold(tt.in[tok.Start:tok.End], tok.Text) {
				t.Errorf("Tokenize(%q): token %q has offsets [%d:%d] = %q", tt.in, tok.Text, tok.Start, tok.End, tt.in[tok.Start:tok.End])
			}
		}
		if g := strings.Join(got, " "); g != tt.want {
			t.Errorf("Tokenize(%q) = %q, want %q", tt.in, g, tt.want)
		}
	}
}

func TestFold(t *testing.T) {
	tests := map[string]string{
		"Việt Nam":           "Viet Nam",
		"đối tác chiến lược": "doi tac chien luoc",
		"Đảng":               "Dang",
		"ươ ỳ ễ ạ ơ ư":       "uo y e a o u",
		"Vie\u0323\u0302t":   "Viet", // NFD input
		"Путин":              "Путин",
		"plain ascii":        "plain ascii",
	}
	for in, want := range tests {
		if got := Fold(in); got != want {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestAnalyzeQuestion(t *testing.T) {
	lx := newLexicon(testVariants(t), nil, nil)
	flat := flatVocabulary{}
	tests := []struct {
		q         string
		wantType  QuestionType
		wantLabel []string
	}{
		{"Thủ tướng Mishustin thăm Việt Nam khi nào?", TypeDate, []string{"Mishustin", "Việt Nam", "thủ", "tướng", "thăm"}},
		{"thu tuong mishustin tham viet nam bao gio", TypeDate, []string{"mishustin", "viet nam", "thu", "tuong", "tham"}},
		{"Ai là Đại sứ Nga tại Việt Nam?", TypePerson, []string{"Nga", "Việt Nam", "đại", "sứ"}},
		{"Hai bên ký bao nhiêu văn kiện?", TypeNumber, []string{"hai", "bên", "ký", "văn", "kiện"}},
		{"Lavrov hội đàm ở đâu?", TypePlace, []string{"Lavrov", "hội", "đàm"}},
		{"Tổng thống Pu-tin nói gì?", TypeOther, []string{"Pu-tin", "tổng", "thống"}},
		{"Hai bên ký văn kiện về điều gì?", TypeOther, []string{"hai", "bên", "ký", "văn", "kiện"}},
		// Unmarked "dang" may be Đảng: it is kept, while marked "đang" is dropped.
		{"dang cong san", TypeOther, []string{"dang", "cong", "san"}},
		{"đang làm gì", TypeOther, []string{"làm"}},
		{"When did Putin visit Vietnam?", TypeDate, []string{"Putin", "Vietnam", "visit"}},
		// Question words typed without marks, told from the words they
		// fold to by where they stand.
		{"lavrov hoi dam o dau", TypePlace, []string{"lavrov", "hoi", "dam"}},
		// "cua" stays: it may be cửa as well as của.
		{"chuyen tham dau tien cua mishustin khi nao", TypeDate, []string{"mishustin", "chuyen", "tham", "dau", "tien", "cua"}},
		{"hai ben ky may van kien", TypeNumber, []string{"hai", "ben", "ky", "van", "kien"}},
		{"putin tham viet nam lan thu may", TypeNumber, []string{"putin", "viet nam", "tham", "lan", "thu"}},
		{"may bay cua putin ha canh o dau", TypePlace, []string{"putin", "may", "bay", "cua", "ha", "canh"}},
		// Chat spellings: "bn" is bao nhiêu, "ko" and "dc" are fillers;
		// unmarked "ba" may be three.
		{"ky dc bn van kien", TypeNumber, []string{"ky", "van", "kien"}},
		{"ba nuoc ky ko", TypeOther, []string{"ba", "nuoc", "ky"}},
		// A unit before "mấy" or "nào" asks for a date, "tên gì" for a
		// name; in a question typed with marks "Nam" is not "năm".
		{"Mishustin sang tháng mấy?", TypeDate, []string{"Mishustin", "sang"}},
		{"to lam tiep dai su hom nao", TypeDate, []string{"to lam", "tiep", "dai", "su"}},
		{"Việt Nam bao nhiêu tuổi?", TypeNumber, []string{"Việt Nam", "tuổi"}},
		{"dai su nga ten j", TypePerson, []string{"nga", "dai", "su"}},
		// "which" of a person noun asks for a person; "thế nào" does not.
		{"Đại sứ Nga nào đã phát biểu?", TypePerson, []string{"Nga", "đại", "sứ", "phát", "biểu"}},
		{"Which Russian official met Lavrov?", TypePerson, []string{"Lavrov", "russian", "official", "met"}},
		{"Người dân thấy thế nào?", TypeOther, []string{"người", "dân", "thấy"}},
		{"Какой посол выступал?", TypePerson, []string{"посол", "выступал"}},
		{"Как посол оценил визит?", TypeOther, []string{"посол", "оценил", "визит"}},
	}
	for _, tt := range tests {
		q := lx.analyze(tt.q, flat)
		var labels []string
		for _, c := range q.concepts {
			labels = append(labels, c.label)
		}
		if q.typ != tt.wantType || !reflect.DeepEqual(labels, tt.wantLabel) {
			t.Errorf("analyze(%q) = type %q concepts %q, want %q %q", tt.q, q.typ, labels, tt.wantType, tt.wantLabel)
		}
	}
}

// TestAnalyzeDropsUnknownAmbiguousStops checks that an unmarked stop word
// that may be a content word is dropped when no article holds it.
func TestAnalyzeDropsUnknownAmbiguousStops(t *testing.T) {
	lx := newLexicon(nil, nil, nil)
	q := lx.analyze("dang nao", absentVocabulary{"nao": true})
	var labels []string
	for _, c := range q.concepts {
		labels = append(labels, c.label)
	}
	if want := []string{"dang"}; !reflect.DeepEqual(labels, want) {
		t.Errorf("concepts = %q, want %q", labels, want)
	}
}

// absentVocabulary is flatVocabulary without the syllables it lists.
type absentVocabulary map[string]bool

func (absentVocabulary) idf(string) float64                { return 1 }
func (v absentVocabulary) has(f string) bool               { return !v[f] }
func (absentVocabulary) soundAlikes(string, bool) []string { return nil }

func TestAnalyzeBigramsKeepWordOrder(t *testing.T) {
	lx := newLexicon(nil, nil, nil)
	q := lx.analyze("Đại sứ Việt Nam tại Nga", flatVocabulary{})
	want := []string{"dai su", "su viet", "viet nam", "nam tai", "tai nga"}
	if !reflect.DeepEqual(q.bigrams, want) {
		t.Errorf("bigrams = %q, want %q", q.bigrams, want)
	}
}

func BenchmarkTokenize(b *testing.B) {
	text := strings.Repeat("Thủ tướng Chính phủ Liên bang Nga Mikhail Vladimirovich Mishustin sẽ thăm chính thức Việt Nam từ ngày 14 đến 15/1. ", 10)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Tokenize(text)
	}
}

// FuzzTokenize checks the analyzer on any text: tokens are in order,
// cover exactly their bytes, and fold to the same form from NFC or NFD.
func FuzzTokenize(f *testing.F) {
	f.Add("Thủ tướng Pu-tin thăm TP.HCM ngày 14/1, 1.000 người.")
	f.Add("Vie\u0323\u0302t \u200b Nam\x00\xff")
	f.Fuzz(func(t *testing.T, text string) {
		prev := 0
		for _, tok := range Tokenize(text) {
			if tok.Start < prev || tok.End > len(text) || tok.Start >= tok.End {
				t.Fatalf("token %q has offsets [%d:%d] after %d", tok.Text, tok.Start, tok.End, prev)
			}
			if strings.ToLower(text[tok.Start:tok.End]) != tok.Text || Fold(tok.Text) != tok.Fold {
				t.Fatalf("token %q does not match its bytes %q", tok.Text, text[tok.Start:tok.End])
			}
			prev = tok.End
		}
	})
}

func TestDetectLanguage(t *testing.T) {
	tests := map[string]string{
		"putin visit vietnam":               LangEnglish,
		"putin tham viet nam":               LangVietnamese,
		"Putin thăm Việt Nam khi nào?":      LangVietnamese,
		"When did Mishustin visit Vietnam?": LangEnglish,
		"Когда Путин посетил Вьетнам?":      LangRussian,
		"Путин":                         LangRussian,
		"Mishustin":                     LangVietnamese, // a bare name: the default
		"who is the ambassador":         LangEnglish,
		"dai su nga tai viet nam la ai": LangVietnamese,
		"Путин visit Вьетнам когда":                LangRussian,
		"BRICS Kazan 2024":                         LangVietnamese,
		"the Việt Nam":                             LangVietnamese,
		"thu tuong nga tham viet nam lan dau tien": LangVietnamese,
		"When Mishustin?":                          LangEnglish, // capitalised question word
		"Mishustin Hanoi talks":                    LangEnglish,
		"Russian ambassador":                       LangEnglish,
		"dai su nga la ai":                         LangVietnamese,
	}
	for text, want := range tests {
		if got := DetectLanguage(text); got != want {
			t.Errorf("DetectLanguage(%q) = %s, want %s", text, got, want)
		}
	}
}

func TestGlossaryTranslation(t *testing.T) {
	lx := newLexicon(nil, map[string][][]string{
		"en": {{"prime minister", "thủ tướng"}, {"minister", "bộ trưởng"}, {"visit", "thăm"}},
		"ru": {{"путин*", "Putin", "Pu-tin"}, {"визит*", "thăm"}},
	}, nil)
	flat := flatVocabulary{}
	tests := []struct {
		q    string
		want []string // concept labels = alternatives
	}{
		// Longest match first: "prime minister" is one term, not two.
		{"When did the prime minister visit Hanoi?", []string{"prime minister=thu tuong", "visit=tham", "hanoi=hanoi"}},
		// Russian inflections match through stems; unknown Cyrillic names are transliterated.
		{"Когда Путина пригласили с визитом к Безденко?", []string{"Путина=putin|pu tin", "визитом=tham", "пригласили=priglasili", "безденко=bezdenko"}},
	}
	for _, tt := range tests {
		q := lx.analyze(tt.q, flat)
		var got []string
		for _, c := range q.concepts {
			var alts []string
			for _, a := range c.alts {
				alts = append(alts, strings.Join(a, " "))
			}
			got = append(got, c.label+"="+strings.Join(alts, "|"))
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("analyze(%q) = %q, want %q", tt.q, got, tt.want)
		}
	}
}

func TestKeyMatches(t *testing.T) {
	tests := []struct {
		lang, key, word string
		want            bool
	}{
		{"en", "war", "wars", true},
		{"en", "church", "churches", true},
		{"en", "visit", "visited", true},
		{"en", "visit", "visiting", true},
		{"en", "die", "died", true},
		{"en", "produce", "producing", true},
		{"en", "study", "studies", true},
		{"en", "study", "studied", true},
		{"en", "plan", "planned", true},
		{"en", "war", "ward", false},
		{"en", "art", "article", false},
		{"en", "sea", "season", false},
		{"ru", "войн*", "войны", true},
		{"ru", "войн*", "вой", false},
		{"ru", "лет", "лета", false}, // no * in Russian: only the word itself
	}
	for _, tt := range tests {
		if got := keyMatches(tt.lang, tt.key, tt.word); got != tt.want {
			t.Errorf("keyMatches(%s, %q, %q) = %v, want %v", tt.lang, tt.key, tt.word, got, tt.want)
		}
	}
}

func TestLongestGlossPrefersSpecificStems(t *testing.T) {
	lx := newLexicon(nil, map[string][][]string{
		"ru": {{"мед*", "đồng"}, {"медицин*", "y học"}, {"нефт* газ*", "dầu khí"}, {"нефт*", "dầu"}},
	}, nil)
	for _, tt := range []struct{ q, want string }{
		{"медицина", "y hoc"},
		{"медь", "dong"},
		{"нефть газ", "dau khi"}, // two words beat one
	} {
		toks := Tokenize(tt.q)
		g, n := lx.longestGloss("ru", toks, wordStems("ru", toks), make([]bool, len(toks)), 0)
		if n == 0 || strings.Join(g.alts[0], " ") != tt.want {
			t.Errorf("longestGloss(%q) = %v (%d words), want %q", tt.q, g.alts, n, tt.want)
		}
	}
}

// flatVocabulary weighs every syllable 1 and knows every word; its
// sounds, if set, find sound-alike spellings.
type flatVocabulary struct{ sounds *soundIndex }

func (flatVocabulary) idf(string) float64 { return 1 }
func (flatVocabulary) has(string) bool    { return true }
func (v flatVocabulary) soundAlikes(fold string, russian bool) []string {
	return v.sounds.lookup(fold, russian)
}

// TestAnalyzeWeighsNamesAsTheArticlesSpellThem checks that a name
// weighs as its commonest spelling in the articles, whichever the
// question typed ("vn" and "Việt Nam" alike), and as the typed words
// when no article spells it.
func TestAnalyzeWeighsNamesAsTheArticlesSpellThem(t *testing.T) {
	lx := newLexicon([][]string{{"Việt Nam", "Vietnam", "VN"}, {"Medvedev", "Медведев"}}, nil, nil)
	vocab := dfVocabulary{"viet": 50, "nam": 80}
	weight := func(q string) float64 {
		for _, c := range lx.analyze(q, vocab).concepts {
			if c.kind == kindName {
				return c.weight
			}
		}
		t.Fatalf("%q: no name found", q)
		return 0
	}
	if vn, full := weight("vn tiep ai"), weight("Việt Nam tiếp ai"); vn != full || full != vocab.idf("viet")*nameWeight {
		t.Errorf("vn weighs %v, Việt Nam %v, want both %v (viet, the rarer syllable of the articles' spelling)", vn, full, vocab.idf("viet")*nameWeight)
	}
	if w := weight("medvedev noi gi"); w != vocab.idf("medvedev")*nameWeight {
		t.Errorf("a name no article spells weighs %v, want %v", w, vocab.idf("medvedev")*nameWeight)
	}
}
