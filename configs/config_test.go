package configs

import (
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestLoad(t *testing.T) {
	tests := []struct {
		name    string
		env     map[string]string
		wantErr string
		check   func(Config) bool
	}{
		{"defaults", nil, "", func(c Config) bool { return c.LogLevel == slog.LevelInfo && c.IndexDir == "" && c.AnswerThreshold == 0 }},
		{"values", map[string]string{"VNRU_CORPUS_DIR": " articles ", "VNRU_LOG_LEVEL": "debug", "VNRU_ANSWER_THRESHOLD": "0.5"}, "",
			func(c Config) bool {
				return c.CorpusDir == "articles" && c.LogLevel == slog.LevelDebug && c.AnswerThreshold == 0.5
			}},
		{"bad level", map[string]string{"VNRU_LOG_LEVEL": "loud"}, "VNRU_LOG_LEVEL", nil},
		{"bad support", map[string]string{"VNRU_ANSWER_THRESHOLD": "1.5"}, "VNRU_ANSWER_THRESHOLD", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Load(func(k string) string { return tt.env[k] })
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Load error = %v, want one naming %s", err, tt.wantErr)
				}
				return
			}
			if err != nil || !tt.check(c) {
				t.Errorf("Load = %+v, %v", c, err)
			}
		})
	}
}

func TestWithDotEnv(t *testing.T) {
	path := filepath.Join(t.TempDir(), ".env")
	os.WriteFile(path, []byte("VNRU_INDEX_DIR=/from/dotenv\nVNRU_CORPUS_DIR=/dotenv/corpus\n"), 0o600)
	env := map[string]string{"VNRU_CORPUS_DIR": "/from/env"}
	getenv, err := WithDotEnv(path, func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	if got := getenv("VNRU_INDEX_DIR"); got != "/from/dotenv" {
		t.Errorf("VNRU_INDEX_DIR = %q, want the .env value", got)
	}
	if got := getenv("VNRU_CORPUS_DIR"); got != "/from/env" {
		t.Errorf("VNRU_CORPUS_DIR = %q, want the environment to win over .env", got)
	}
	if _, err := WithDotEnv(filepath.Join(t.TempDir(), "missing"), os.Getenv); err != nil {
		t.Errorf("a missing .env is an error: %v", err)
	}
}

func TestNameVariants(t *testing.T) {
	groups := NameVariants()
	find := func(name string) []string {
		for _, g := range groups {
			for _, v := range g {
				if v == name {
					return g
				}
			}
		}
		return nil
	}
	for _, pair := range [][2]string{{"Pu-tin", "Vladimir Putin"}, {"Mát-xcơ-va", "Moskva"}, {"Mi-su-xtin", "Mishustin"}, {"Xô viết", "Liên Xô"}, {"TP.HCM", "Thành phố Hồ Chí Minh"}} {
		g := find(pair[0])
		if g == nil || find(pair[1]) == nil || strings.Join(g, "|") != strings.Join(find(pair[1]), "|") {
			t.Errorf("%q and %q are not variants of one name", pair[0], pair[1])
		}
	}
}

func TestAbbreviations(t *testing.T) {
	got := map[string]string{}
	for _, e := range Abbreviations() {
		if len(e) < 2 {
			t.Errorf("abbreviation entry %q: want the abbreviation and what it stands for", e)
			continue
		}
		if prev, dup := got[strings.ToLower(e[0])]; dup {
			t.Errorf("abbreviation %q stands for %q and %q", e[0], prev, e[1])
		}
		got[strings.ToLower(e[0])] = e[1]
	}
	if got["tbt"] != "Tổng Bí thư" || got["vn"] != "Việt Nam" {
		t.Errorf("abbreviations.txt: TBT = %q, VN = %q", got["tbt"], got["vn"])
	}
}

func TestParseGlossary(t *testing.T) {
	text := `# comment
war | wars = chiến tranh
  company = công ty | hãng  
broken line without renderings
empty = 
= orphan rendering
`
	want := [][]string{{"war", "chiến tranh"}, {"wars", "chiến tranh"}, {"company", "công ty", "hãng"}}
	if got := parseGlossary(text); !reflect.DeepEqual(got, want) {
		t.Errorf("parseGlossary = %q, want %q", got, want)
	}
}

// TestGlossaryFiles checks the shipped glossaries and lexicons: every
// line parses, no term is listed twice in one file (the second would be
// dead), and the domain glossary comes before the general lexicon.
func TestGlossaryFiles(t *testing.T) {
	for name, text := range map[string]string{
		"glossary_en.txt": glossaryEN, "glossary_ru.txt": glossaryRU,
		"lexicon_en.txt": lexiconEN, "lexicon_ru.txt": lexiconRU,
	} {
		seen := map[string]bool{}
		for _, line := range dataLines(text) {
			terms, renderings, ok := strings.Cut(line, "=")
			if !ok || len(splitAlternatives(terms)) == 0 || len(splitAlternatives(renderings)) == 0 {
				t.Errorf("%s: line %q is not \"term = rendering\"", name, line)
			}
			for _, term := range splitAlternatives(terms) {
				if term != strings.ToLower(term) {
					t.Errorf("%s: term %q is not lower case", name, term)
				}
				if seen[term] {
					t.Errorf("%s: term %q listed twice", name, term)
				}
				seen[term] = true
			}
		}
	}
	g := Glossaries()
	for lang, term := range map[string]string{"en": "putin", "ru": "путин*"} {
		if len(g[lang]) < 500 || g[lang][0][0] != term {
			t.Errorf("Glossaries()[%s]: %d entries starting with %q, want the domain glossary (%q) first and the lexicon after", lang, len(g[lang]), g[lang][0][0], term)
		}
	}
}
