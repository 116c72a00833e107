package main

import (
	"context"
	"encoding/json"
	"log/slog"
	"os"
	"strings"
	"testing"

	"github.com/vnru/vnru/configs"
	"github.com/vnru/vnru/corpus"
	"github.com/vnru/vnru/retrieval"
)

func TestEvalQuestionsJSON(t *testing.T) {
	out, errOut, code := runVnru(t, nil, "eval", "--questions", "../../retrieval/testdata/questions.jsonl", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var rep map[string]any
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"n", "answered_at_1", "answered_at_3", "refused_correctly", "false_refusals", "by_lang", "by_kind", "failures"} {
		if _, ok := rep[k]; !ok {
			t.Errorf("report lacks %q", k)
		}
	}
	vi := rep["by_lang"].(map[string]any)["vi"].(map[string]any)
	// The dev set is in the model's training data: these floors catch a
	// broken pipeline, not a weaker model (README, "Measuring").
	if vi["answered_at_1"].(float64) < 0.8 || rep["refused_correctly"].(float64) < 0.8 {
		t.Errorf("dev set figures fell: vi answered@1 %v, refused %v", vi["answered_at_1"], rep["refused_correctly"])
	}
}

func TestEvalSQuAD(t *testing.T) {
	const data = "../../../shared/eval/xquad/xquad.vi.json"
	if _, err := os.Stat(data); err != nil {
		t.Skipf("XQuAD data absent (%v): it lives in ../shared/eval, outside the repository", err)
	}
	out, errOut, code := runVnru(t, nil, "eval", "--squad", data, "--strip-diacritics", "--baseline", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var rep map[string]any
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	keys := []string{"n", "paragraph_recall_at_1", "paragraph_recall_at_5", "paragraph_mrr_at_10", "sentence_answered_at_1", "mean_quote_chars", "mean_sentence_chars"}
	base, _ := rep["baseline"].(map[string]any)
	for _, k := range keys {
		if _, ok := rep[k]; !ok || base[k] == nil {
			t.Errorf("report or baseline lacks %q", k)
		}
	}
	if r1 := rep["paragraph_recall_at_1"].(float64); r1 < 0.85 || r1 < base["paragraph_recall_at_1"].(float64) {
		t.Errorf("unmarked questions: paragraph R@1 %v, baseline %v", r1, base["paragraph_recall_at_1"])
	}
}

func TestEvalSQuADAbsent(t *testing.T) {
	_, errOut, code := runVnru(t, nil, "eval", "--squad", "no/such/xquad.json")
	if code != 1 || !strings.Contains(errOut, "is absent") || !strings.Contains(errOut, "../shared/eval") {
		t.Errorf("exit %d, stderr %q; want a clear message about the missing data", code, errOut)
	}
}

func TestBenchSmall(t *testing.T) {
	out, errOut, code := runVnru(t, nil, "bench", "--passages", "300", "--queries", "20", "--json", "--xquad", "no/such/file.json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(errOut, "is absent") {
		t.Errorf("bench did not say the XQuAD data was missing: %q", errOut)
	}
	var rs []map[string]any
	if err := json.Unmarshal([]byte(out), &rs); err != nil || len(rs) != 1 {
		t.Fatalf("bench output %q: %v", out, err)
	}
	for _, k := range []string{"build_passages_per_second", "index_mib", "open_existing_seconds", "read_corpus_seconds", "build_peak_rss_mib", "peak_rss_mib", "reload_peak_rss_mib", "answer_p99_ms", "bleve_match_p99_ms", "answer_p99_over_match_p99"} {
		if v, ok := rs[0][k].(float64); !ok || v <= 0 {
			t.Errorf("bench %s = %v, want a positive figure", k, rs[0][k])
		}
	}
	// The bench's corpus is read from a folder as vnru index reads one:
	// the embedded articles come with it.
	opt, err := engineOptions(configs.Config{})
	if err != nil {
		t.Fatal(err)
	}
	embedded, _, err := corpus.Load(corpus.Default())
	if err != nil {
		t.Fatal(err)
	}
	eng, err := retrieval.Open(context.Background(), slog.New(slog.DiscardHandler), embedded, opt)
	if err != nil {
		t.Fatal(err)
	}
	defer eng.Close()
	if got, want := rs[0]["passages"].(float64), float64(300+eng.Passages()); got != want {
		t.Errorf("bench built %v passages, want %v (300 and the embedded articles')", got, want)
	}
}
