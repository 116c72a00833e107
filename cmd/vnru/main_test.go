package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// runVnru runs the program as main would, with an empty environment.
func runVnru(t *testing.T, env map[string]string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	err := run(context.Background(), args, func(k string) string { return env[k] }, &out, &errb)
	code = exitCode(err, &errb)
	return out.String(), errb.String(), code
}

const (
	thoiDaiURL = "https://thoidai.com.vn/thu-tuong-nga-tham-viet-nam-tu-ngay-14-den-151-209413.html"
	mishustin  = "Thủ tướng Chính phủ Liên bang Nga Mikhail Vladimirovich Mishustin sẽ thăm chính thức Việt Nam từ ngày 14 đến 15/1."
)

func TestAsk(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		wantCode int
		want     []string // substrings of stdout
		wantErr  string   // substring of stderr
	}{
		{"README question", []string{"ask", "Thủ tướng Mishustin thăm Việt Nam khi nào?"}, 0,
			[]string{"«Theo thông cáo của Bộ Ngoại giao", mishustin + "»", "Thủ tướng Nga thăm Việt Nam từ ngày 14 đến 15/1 — Thời Đại, 12/01/2025, " + thoiDaiURL}, ""},
		{"without diacritics", []string{"ask", "Thu tuong Mishustin tham Viet Nam khi nao?"}, 0,
			[]string{mishustin, thoiDaiURL, "12/01/2025"}, ""},
		{"flags after the question", []string{"ask", "Thu tuong Mishustin tham Viet Nam khi nao?", "-k", "1"}, 0,
			[]string{"Mishustin", "1/2025"}, ""},
		{"Russian question", []string{"ask", "-k", "1", "Когда Путин посетил Вьетнам с государственным визитом?"}, 0,
			[]string{"Tổng thống Nga Vladimir Putin thăm cấp nhà nước đến Việt Nam", thoiDaiURL}, ""},
		{"English date question", []string{"ask", "-k", "1", "When did Mishustin first visit Vietnam as prime minister?"}, 0,
			[]string{mishustin, thoiDaiURL, "12/01/2025"}, ""},
		{"off-topic question", []string{"ask", "Giá vàng SJC hôm nay?"}, 3,
			[]string{"No answer: the articles do not cover this question."}, ""},
		{"boilerplate only", []string{"ask", "Vatican đã bầu được tân Giáo hoàng chưa?"}, 3, []string{"No answer"}, ""},
		{"no question", []string{"ask"}, 2, nil, "no question given"},
		{"punctuation only", []string{"ask", "???"}, 2, nil, "no words"},
		{"too long", []string{"ask", strings.Repeat("Nga Việt Nam ", 200)}, 2, nil, "longer than"},
		{"unknown flag", []string{"ask", "--nope", "x"}, 2, nil, "flag provided but not defined: -nope"},
		{"bad k", []string{"ask", "-k", "0", "Nga"}, 2, nil, "-k must be between"},
		{"unknown command", []string{"frobnicate"}, 2, nil, `unknown command "frobnicate"`},
		{"extra corpus folder", []string{"ask", "--corpus", "testdata/corpus", "Nga cấp bao nhiêu suất học bổng cho sinh viên Việt Nam?"}, 0,
			[]string{"1.035 suất học bổng", "https://example.com/hoc-bong-nga-2025", "09/05/2025"}, "skipped 1 article file(s):\n  bad-date.md: field published"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := runVnru(t, nil, tt.args...)
			if code != tt.wantCode {
				t.Fatalf("vnru %q exit = %d, want %d\nstdout: %s\nstderr: %s", tt.args, code, tt.wantCode, out, errOut)
			}
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("vnru %q stdout lacks %q:\n%s", tt.args, w, out)
				}
			}
			if tt.wantErr != "" && !strings.Contains(errOut, tt.wantErr) {
				t.Errorf("vnru %q stderr = %q, want it to contain %q", tt.args, errOut, tt.wantErr)
			}
		})
	}
}

func TestAskJSON(t *testing.T) {
	out, errOut, code := runVnru(t, nil, "ask", "--json", "Thủ tướng Mishustin thăm Việt Nam khi nào?")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var ans struct {
		Question string      `json:"question"`
		Answered bool        `json:"answered"`
		Quotes   []jsonQuote `json:"quotes"`
	}
	if err := json.Unmarshal([]byte(out), &ans); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	if !ans.Answered || len(ans.Quotes) == 0 {
		t.Fatalf("answered=%v quotes=%d", ans.Answered, len(ans.Quotes))
	}
	i := slices.IndexFunc(ans.Quotes, func(q jsonQuote) bool { return strings.Contains(q.Text, "từ ngày 14 đến 15/1") })
	if i < 0 {
		t.Fatalf("quotes = %+v, want the Thời Đại sentence", ans.Quotes)
	}
	q := ans.Quotes[i]
	if q.Article.URL != thoiDaiURL || q.Article.Published != "2025-01-12T14:15:00+07:00" || q.Article.Source != "Thời Đại" {
		t.Errorf("quote = %+v", q)
	}
	if len(q.Matches) == 0 || q.Probability <= 0 || q.Probability > 1 {
		t.Errorf("quote has no matches or no probability: %+v", q)
	}
}

// jsonQuote is a quote of ask --json.
type jsonQuote struct {
	Text    string `json:"text"`
	Article struct {
		Title, Source, URL, Published string
	} `json:"article"`
	Score       float64 `json:"score"`
	Probability float64 `json:"probability"`
	Matches     []struct{ Start, End int }
}

// TestAskRelated: with no direct answer, ask says so and shows the
// closest passages, and --json says answered false, quotes empty, and
// the closest passages in related. The answer threshold is raised above
// the question's probability, so the test does not hang on the fitted
// model's exact figures.
func TestAskRelated(t *testing.T) {
	env := map[string]string{"VNRU_ANSWER_THRESHOLD": "0.99"}
	const question = "Trade and investment between Vietnam and Russia"
	out, errOut, code := runVnru(t, env, "ask", "-k", "1", question)
	if code != 3 || !strings.Contains(out, "No direct answer in the articles. The closest passages, which may not answer it:") || !strings.Contains(out, "thương mại") {
		t.Errorf("exit %d, want 3 and the closest passages:\n%s\n%s", code, out, errOut)
	}
	out, errOut, code = runVnru(t, env, "ask", "--json", question)
	if code != 3 {
		t.Fatalf("exit %d, want 3: %s", code, errOut)
	}
	var ans struct {
		Answered bool        `json:"answered"`
		Quotes   []jsonQuote `json:"quotes"`
		Related  []jsonQuote `json:"related"`
	}
	if err := json.Unmarshal([]byte(out), &ans); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	if ans.Answered || len(ans.Quotes) != 0 || len(ans.Related) == 0 || !strings.Contains(ans.Related[0].Text, "thương mại") {
		t.Errorf("answered=%v quotes=%d related=%+v; want no answer and the closest passages", ans.Answered, len(ans.Quotes), ans.Related)
	}
}

func TestAskPersistentIndex(t *testing.T) {
	dir := t.TempDir()
	for i := 0; i < 2; i++ { // build, then reuse
		out, errOut, code := runVnru(t, map[string]string{"VNRU_INDEX_DIR": dir}, "ask", "Đại sứ Nga tại Việt Nam là ai?")
		if code != 0 || !strings.Contains(out, "Gennady Bezdetko") {
			t.Fatalf("run %d: exit %d\n%s\n%s", i, code, out, errOut)
		}
	}
}

func TestHelp(t *testing.T) {
	out, _, code := runVnru(t, nil, "help")
	if code != 0 || !strings.Contains(out, "ask ") || !strings.Contains(out, "3 no direct answer") {
		t.Errorf("help = %d %q", code, out)
	}
	out, _, code = runVnru(t, nil, "help", "ask")
	// Double dashes, as the README writes them.
	for _, flag := range []string{"  --json", "  --k N", "  --corpus DIR", "  --index DIR", "  --explain"} {
		if code != 0 || !strings.Contains(out, flag) {
			t.Errorf("help ask lacks %q:\n%s", flag, out)
		}
	}
}

// TestReorderFlags is defect 4: "--" was dropped, so a question starting
// with "-" was read as a flag, and a flag with no value after the
// question took the question as its value.
func TestReorderFlags(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		wantArgs []string // positional arguments after parsing
		wantJSON bool
		wantIdx  string
		wantErr  string
	}{
		{"question only", []string{"Putin"}, []string{"Putin"}, false, "", ""},
		{"flags first", []string{"--json", "--index", "d", "Putin"}, []string{"Putin"}, true, "d", ""},
		{"flags after the question", []string{"Putin", "--json", "--index", "d"}, []string{"Putin"}, true, "d", ""},
		{"flag=value after", []string{"Putin", "--index=d"}, []string{"Putin"}, false, "d", ""},
		{"-- ends flags", []string{"--", "-Putin thăm Việt Nam"}, []string{"-Putin thăm Việt Nam"}, false, "", ""},
		{"flags then --", []string{"--json", "--", "--index", "-x"}, []string{"--index", "-x"}, true, "", ""},
		{"a lone dash is an argument", []string{"-", "Putin"}, []string{"-", "Putin"}, false, "", ""},
		{"flag missing its value", []string{"Putin", "--index"}, nil, false, "", "flag --index needs a value"},
		{"single-dash flag missing its value", []string{"Putin", "-index"}, nil, false, "", "flag --index needs a value"},
		{"unknown flag", []string{"Putin", "--nope"}, nil, false, "", "flag provided but not defined: -nope"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := flag.NewFlagSet("test", flag.ContinueOnError)
			fs.SetOutput(io.Discard)
			asJSON := fs.Bool("json", false, "")
			index := fs.String("index", "", "")
			args, err := reorderFlags(fs, tt.args)
			if err == nil {
				err = fs.Parse(args)
			}
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Errorf("parse %q error = %v, want %q", tt.args, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("parse %q: %v", tt.args, err)
			}
			if !slices.Equal(fs.Args(), tt.wantArgs) || *asJSON != tt.wantJSON || *index != tt.wantIdx {
				t.Errorf("parse %q = args %q json %v index %q, want %q %v %q", tt.args, fs.Args(), *asJSON, *index, tt.wantArgs, tt.wantJSON, tt.wantIdx)
			}
		})
	}
}

func TestFlagErrorsEndToEnd(t *testing.T) {
	_, errOut, code := runVnru(t, nil, "ask", "Putin", "--index")
	if code != 2 || !strings.Contains(errOut, "flag --index needs a value") {
		t.Errorf("vnru ask Putin --index: exit %d, stderr %q; want 2 and the missing value named", code, errOut)
	}
	out, errOut, code := runVnru(t, nil, "ask", "--json", "--", "-Putin thăm Việt Nam khi nào?")
	if code == 2 || !strings.Contains(out, `"question": "-Putin thăm Việt Nam khi nào?"`) {
		t.Errorf("vnru ask -- -Putin…: exit %d, stdout %q, stderr %q; want the question kept", code, out, errOut)
	}
}

// TestBrokenDotEnv is defect 8: a malformed .env broke even "vnru help".
func TestBrokenDotEnv(t *testing.T) {
	t.Chdir(t.TempDir())
	if err := os.WriteFile(".env", []byte("VNRU_LOG_LEVEL=info\nTELEGRAM_BOT_TOKEN 123:SECRET\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"help"}, {}, {"--help"}, {"help", "ask"}, {"ask", "--help"}, {"version"}} {
		if out, errOut, code := runVnru(t, nil, args...); code != 0 || out == "" {
			t.Errorf("vnru %q with a broken .env: exit %d, stdout %q, stderr %q; want help", args, code, out, errOut)
		}
	}
	_, errOut, code := runVnru(t, nil, "ask", "Putin")
	if code != 1 || !strings.Contains(errOut, ".env line 2: want NAME=value") || strings.Contains(errOut, "SECRET") {
		t.Errorf("vnru ask with a broken .env: exit %d, stderr %q; want 1, the file and line, no token", code, errOut)
	}
}

func TestVersion(t *testing.T) {
	for _, arg := range []string{"version", "--version"} {
		out, _, code := runVnru(t, nil, arg)
		if code != 0 || !strings.HasPrefix(out, "vnru ") || !strings.Contains(out, runtime.Version()) {
			t.Errorf("vnru %s = %d %q, want the version and %s", arg, code, out, runtime.Version())
		}
	}
}

func TestBadConfiguration(t *testing.T) {
	_, errOut, code := runVnru(t, map[string]string{"VNRU_ANSWER_THRESHOLD": "2"}, "ask", "Nga")
	if code != 1 || !strings.Contains(errOut, "VNRU_ANSWER_THRESHOLD") {
		t.Errorf("exit %d, stderr %q; want 1 naming VNRU_ANSWER_THRESHOLD", code, errOut)
	}
}

// TestIndexCommand: vnru index says whether it rebuilt or reused the
// index (defect 8), and shows its progress on stderr only.
func TestIndexCommand(t *testing.T) {
	corpusDir := t.TempDir()
	env := map[string]string{"VNRU_INDEX_DIR": t.TempDir(), "VNRU_CORPUS_DIR": corpusDir}
	article, err := os.ReadFile("testdata/corpus/2025-05-09-hoc-bong.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name     string
		change   func() error
		args     []string
		want     string
		articles int
		progress bool
	}{
		{"first build", nil, nil, "state rebuilt\n", 5, true},
		{"unchanged", nil, nil, "state reused (the articles are unchanged)\n", 5, false},
		{"added", func() error { return os.WriteFile(filepath.Join(corpusDir, "hoc-bong.md"), article, 0o644) }, nil,
			"state updated: +1 articles, −0, ~0 changed, 5 reused\n", 6, true},
		{"changed", func() error {
			return os.WriteFile(filepath.Join(corpusDir, "hoc-bong.md"), []byte(strings.Replace(string(article), "1.035", "1.036", 1)), 0o644)
		}, nil, "state updated: +0 articles, −0, ~1 changed, 5 reused\n", 6, true},
		{"removed", func() error { return os.Remove(filepath.Join(corpusDir, "hoc-bong.md")) }, nil,
			"state updated: +0 articles, −1, ~0 changed, 5 reused\n", 5, false},
		{"--rebuild", nil, []string{"--rebuild"}, "state rebuilt\n", 5, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if tt.change != nil {
				if err := tt.change(); err != nil {
					t.Fatal(err)
				}
			}
			out, errOut, code := runVnru(t, env, append([]string{"index"}, tt.args...)...)
			if code != 0 || !strings.Contains(out, tt.want) || !strings.Contains(out, fmt.Sprintf("articles %d\n", tt.articles)) {
				t.Errorf("vnru index = %d\n%s\nwant %q and %d articles", code, out, tt.want, tt.articles)
			}
			if strings.Contains(out, "%") {
				t.Errorf("progress on stdout:\n%s", out)
			}
			if gotProgress := strings.Contains(errOut, "index: "); gotProgress != tt.progress {
				t.Errorf("stderr %q: progress lines only when indexing", errOut)
			}
		})
	}
}
