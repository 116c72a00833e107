package corpus

import (
	"os"
	"strings"
	"testing"
	"unicode"
)

type splitCase struct {
	name  string
	input string
	want  []string
}

// readSplitCases reads testdata/sentences.txt (format in its header).
func readSplitCases(t *testing.T) []splitCase {
	t.Helper()
	data, err := os.ReadFile("testdata/sentences.txt")
	if err != nil {
		t.Fatal(err)
	}
	var cases []splitCase
	for _, block := range strings.Split(string(data), "\n== ")[1:] {
		name, body, _ := strings.Cut(block, "\n")
		input, want, ok := strings.Cut(body, "\n--\n")
		if !ok {
			t.Fatalf("case %q has no -- line", name)
		}
		c := splitCase{name: name, input: input}
		c.want = strings.Split(strings.TrimRight(want, "\n"), "\n")
		cases = append(cases, c)
	}
	if len(cases) < 30 {
		t.Fatalf("got %d cases, want at least 30", len(cases))
	}
	return cases
}

func TestSplitSentences(t *testing.T) {
	for _, c := range readSplitCases(t) {
		t.Run(c.name, func(t *testing.T) {
			got := SplitSentences(c.input)
			var texts []string
			for _, s := range got {
				texts = append(texts, s.Text)
			}
			if strings.Join(texts, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("SplitSentences(%q) =\n%s\nwant\n%s", c.input, strings.Join(texts, "\n"), strings.Join(c.want, "\n"))
			}
			checkSentenceOffsets(t, c.input, got)
		})
	}
}

// checkSentenceOffsets asserts the splitter's contract: each sentence is
// text[Start:End], sentences are in order, and only white space lies
// between them, so nothing of the text is lost or invented.
func checkSentenceOffsets(t *testing.T, text string, got []Sentence) {
	t.Helper()
	prev := 0
	for _, s := range got {
		if s.Start < prev || s.End > len(text) || s.Start >= s.End || text[s.Start:s.End] != s.Text {
			t.Fatalf("sentence %q has bad offsets [%d:%d] after %d", s.Text, s.Start, s.End, prev)
		}
		if strings.TrimFunc(text[prev:s.Start], unicode.IsSpace) != "" {
			t.Fatalf("text %q between sentences was dropped", text[prev:s.Start])
		}
		prev = s.End
	}
	if strings.TrimFunc(text[prev:], unicode.IsSpace) != "" {
		t.Fatalf("text %q after the last sentence was dropped", text[prev:])
	}
}

func FuzzSplitSentences(f *testing.F) {
	f.Add("Tổng thống Nga V. Putin thăm Việt Nam. Ông nói: “Tốt.” (Ảnh: TTXVN)")
	f.Add("TP.HCM có 1.000 người… Họ đến 14/1.\n\nHết!")
	f.Add("a. B? c! ”. “D")
	f.Fuzz(func(t *testing.T, text string) {
		checkSentenceOffsets(t, text, SplitSentences(text))
	})
}
