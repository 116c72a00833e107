package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/vnru/vnru/corpus"
	"github.com/vnru/vnru/eval"
	"github.com/vnru/vnru/retrieval"
)

func benchCommand() command {
	return command{
		name:    "bench",
		summary: "measure index build rate, size, memory and answer latency on a synthetic corpus, beside a bare bleve match query",
		flags: func(fs *flag.FlagSet, env *environment) func(context.Context, []string) error {
			sizes := fs.String("passages", "100000", "corpus `SIZES` in passages, comma-separated (e.g. 1000,10000,100000)")
			queries := fs.Int("queries", 2000, "questions to time, `N`")
			indexDir := fs.String("index", "", "build the index in `DIR` (default: a temporary folder, removed after)")
			xquad := fs.String("xquad", "../shared/eval/xquad/xquad.vi.json", "XQuAD-vi `FILE` for sentences and questions (skipped when absent)")
			asJSON := fs.Bool("json", false, "print the results as JSON")
			cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the whole run to `FILE` (for go tool pprof)")
			memProfile := fs.String("memprofile", "", "write a heap profile to `FILE` after the questions of the largest size, and those taken at the build's and the reload's largest heap to FILE.build and FILE.reload (for go tool pprof)")
			return func(ctx context.Context, args []string) error {
				if len(args) > 0 {
					return usageError("bench: unexpected argument %q", args[0])
				}
				var ns []int
				for _, f := range strings.Split(*sizes, ",") {
					n, err := strconv.Atoi(strings.TrimSpace(f))
					if err != nil || n < 1 {
						return usageError("bench: --passages %q: give positive numbers", *sizes)
					}
					ns = append(ns, n)
				}
				if *queries < 1 {
					return usageError("bench: --queries must be positive")
				}
				if *cpuProfile != "" {
					f, err := os.Create(*cpuProfile)
					if err != nil {
						return fmt.Errorf("bench: CPU profile: %w", err)
					}
					defer f.Close()
					if err := pprof.StartCPUProfile(f); err != nil {
						return fmt.Errorf("bench: CPU profile: %w", err)
					}
					defer pprof.StopCPUProfile()
				}
				src, err := benchSource(*xquad, env)
				if err != nil {
					return err
				}
				var results []benchResult
				for _, n := range ns {
					dir := *indexDir
					if dir == "" {
						tmp, err := os.MkdirTemp("", "vnru-bench-")
						if err != nil {
							return err
						}
						defer os.RemoveAll(tmp)
						dir = tmp
					} else if len(ns) > 1 {
						dir = filepath.Join(dir, strconv.Itoa(n))
					}
					profile := ""
					if n == slices.Max(ns) {
						profile = *memProfile
					}
					r, err := runBench(ctx, env, src, n, *queries, dir, profile)
					if err != nil {
						return err
					}
					results = append(results, r)
				}
				if *asJSON {
					return writeJSON(env.stdout, results)
				}
				printBench(env.stdout, results)
				return nil
			}
		},
	}
}

// benchCorpus is the material synthetic corpora are drawn from.
type benchCorpus struct {
	sentences []string
	questions []string
	from      string
}

func benchSource(xquadPath string, env *environment) (benchCorpus, error) {
	var bc benchCorpus
	articles, _, err := corpus.Load(corpus.Default())
	if err != nil {
		return bc, err
	}
	for _, a := range articles {
		for _, p := range a.Paragraphs {
			for _, s := range corpus.SplitSentences(p) {
				bc.sentences = append(bc.sentences, s.Text)
			}
		}
	}
	bc.from = "the embedded articles"
	s, err := eval.ReadSQuAD(xquadPath)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		fmt.Fprintf(env.stderr, "bench: %s is absent; using the embedded articles only, and the dev questions\n", xquadPath)
		qs, _ := eval.ReadQuestionsFile("retrieval/testdata/questions.jsonl") // absent: one fallback question below
		for _, q := range qs {
			bc.questions = append(bc.questions, q.Question)
		}
	case err != nil:
		return bc, err
	default:
		bc.from += " and XQuAD-vi"
		for _, a := range s.Articles() {
			for _, st := range corpus.SplitSentences(a.Paragraphs[0]) {
				bc.sentences = append(bc.sentences, st.Text)
			}
		}
		for _, d := range s.Data {
			for _, p := range d.Paragraphs {
				for _, qa := range p.QAs {
					bc.questions = append(bc.questions, qa.Question)
				}
			}
		}
	}
	if len(bc.questions) == 0 {
		bc.questions = []string{"Thủ tướng Mishustin thăm Việt Nam khi nào?"}
	}
	return bc, nil
}

// writeCorpus writes a synthetic corpus of n passages into dir, one
// article file at a time (never the whole corpus in memory): articles
// of 1–3 paragraphs of 3–5 sentences drawn from the pool, with random
// dates; the seed makes it repeatable. It returns the articles written.
func (bc benchCorpus) writeCorpus(dir string, n int) (int, error) {
	r := rand.New(rand.NewPCG(1, uint64(n)))
	articles := 0
	for made := 0; made < n; articles++ {
		paras := min(1+r.IntN(3), n-made)
		a := bc.article(fmt.Sprintf("bench-%07d", articles), paras, r)
		made += paras
		if err := writeArticleFile(dir, a); err != nil {
			return articles, err
		}
	}
	return articles, nil
}

// writeArticleFile writes a in dir as an article file. Unlike
// corpus.WriteArticle it does not sync each file: a bench corpus of half
// a million files is scratch, not data to keep through a crash.
func writeArticleFile(dir string, a corpus.Article) error {
	if err := os.WriteFile(filepath.Join(dir, a.ID+corpus.Ext), a.Marshal(), 0o666); err != nil {
		return fmt.Errorf("bench: write the synthetic corpus: %w", err)
	}
	return nil
}

// article is one synthetic article of paras paragraphs.
func (bc benchCorpus) article(id string, paras int, r *rand.Rand) corpus.Article {
	a := corpus.Article{
		ID: id, Source: "bench", Lang: "vi",
		Published: corpus.Date{Time: time.Date(2000+r.IntN(26), time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC)},
	}
	for p := 0; p < paras; p++ {
		var sents []string
		for k := 0; k < 3+r.IntN(3); k++ {
			sents = append(sents, bc.sentences[r.IntN(len(bc.sentences))])
		}
		a.Paragraphs = append(a.Paragraphs, strings.Join(sents, " "))
	}
	a.Title = strings.Join(strings.Fields(a.Paragraphs[0])[:min(10, len(strings.Fields(a.Paragraphs[0])))], " ")
	return a
}

type benchResult struct {
	Passages        int     `json:"passages"`
	Articles        int     `json:"articles"`
	BuildSeconds    float64 `json:"build_seconds"`
	PassagesPerSec  float64 `json:"build_passages_per_second"`
	IndexMiB        float64 `json:"index_mib"`
	OpenSeconds     float64 `json:"open_existing_seconds"` // with the corpus folder, unchanged since the build
	ReadSeconds     float64 `json:"read_corpus_seconds"`   // reading and parsing every file of the folder
	BuildRSSMiB     float64 `json:"build_peak_rss_mib"`    // building the index, as `vnru index` does
	PeakRSSMiB      float64 `json:"peak_rss_mib"`          // opening it with the corpus loaded and answering, as `vnru bot` does
	OpenRSSMiB      float64 `json:"open_peak_rss_mib"`     // of which opening
	ReloadRSSMiB    float64 `json:"reload_peak_rss_mib"`   // serving while a reload loads the corpus again and adds an article
	Queries         int     `json:"queries"`
	AnswerP50ms     float64 `json:"answer_p50_ms"`
	AnswerP95ms     float64 `json:"answer_p95_ms"`
	AnswerP99ms     float64 `json:"answer_p99_ms"`
	MatchP50ms      float64 `json:"bleve_match_p50_ms"`
	MatchP95ms      float64 `json:"bleve_match_p95_ms"`
	MatchP99ms      float64 `json:"bleve_match_p99_ms"`
	P99Ratio        float64 `json:"answer_p99_over_match_p99"`
	AddSeconds      float64 `json:"add_article_seconds"` // one 20-paragraph article added to the index
	SentencesSource string  `json:"sentences_from"`
}

// runBench measures one corpus size the way the index is used: the
// synthetic corpus is written as article files in a folder; `vnru
// index` builds the index from them; `vnru bot` opens the index with
// the folder (files unchanged since the build are only stamped, not
// read) and answers; a reload lists the folder again, with a new article
// file, reads that one and adds it. The articles are read from the
// folder one file at a time (corpus.Stream), as those commands read them, and
// each phase's memory is measured as those processes hold it, each
// phase's peak on its own.
func runBench(ctx context.Context, env *environment, bc benchCorpus, n, queries int, dir, memProfile string) (benchResult, error) {
	res := benchResult{Passages: n, Queries: queries, SentencesSource: bc.from}
	opt, err := engineOptions(env.cfg)
	if err != nil {
		return benchResult{}, err
	}
	opt.IndexDir = dir
	corpusDir, err := os.MkdirTemp("", "vnru-bench-corpus-")
	if err != nil {
		return res, fmt.Errorf("bench: folder for the synthetic corpus: %w", err)
	}
	defer os.RemoveAll(corpusDir)
	if _, err := bc.writeCorpus(corpusDir, n); err != nil {
		return res, err
	}
	var peak *peakProfiler
	if memProfile != "" {
		peak = startPeakProfile(time.Second)
	}
	if err := benchBuild(ctx, env, corpusDir, n, opt, dir, &res); err != nil {
		return res, err
	}
	if peak != nil {
		if err := peak.writeTo(memProfile + ".build"); err != nil {
			return res, err
		}
	}

	// Reading and parsing every file of the corpus folder: what an open
	// would take without the index's catalog, which lets it read only
	// the files new or changed since (none here).
	start := time.Now()
	src := corpus.NewStream(corpusDir)
	for _, err := range src.All() {
		if err != nil {
			return res, err
		}
	}
	res.ReadSeconds = time.Since(start).Seconds()

	freshPeak()
	restoreGC := loadingGC() // as openEngine does
	start = time.Now()
	eng, err := retrieval.OpenFrom(ctx, env.lg, src, opt)
	restoreGC()
	if err != nil {
		return res, err
	}
	defer func() { eng.Close() }()
	res.OpenSeconds = time.Since(start).Seconds()
	res.OpenRSSMiB = eval.PeakRSSMiB()
	r := rand.New(rand.NewPCG(2, 2))
	qs := make([]string, queries)
	for i := range qs {
		qs[i] = bc.questions[r.IntN(len(bc.questions))]
	}

	base, err := eval.OpenMatchBaseline(dir)
	if err != nil {
		return res, err
	}
	closeBase := sync.OnceValue(base.Close) // closed before the reload, or on the way out
	defer closeBase()
	var answer, match []time.Duration
	for _, q := range qs { // interleaved, so both see the same machine state
		t := time.Now()
		if _, err := eng.Answer(ctx, q, retrieval.AskOptions{}); err != nil && !errors.Is(err, retrieval.ErrEmptyQuestion) {
			return res, err
		}
		answer = append(answer, time.Since(t))
		t = time.Now()
		if _, err := base.Hits(ctx, q, 10); err != nil {
			return res, err
		}
		match = append(match, time.Since(t))
	}
	if err := closeBase(); err != nil {
		return res, err
	}
	// The engine's memory while it answers, as the bot's (the baseline's
	// mapped index files, which it does not have, are gone).
	freshPeak()
	for _, q := range qs {
		if _, err := eng.Answer(ctx, q, retrieval.AskOptions{}); err != nil && !errors.Is(err, retrieval.ErrEmptyQuestion) {
			return res, err
		}
	}
	res.PeakRSSMiB = max(res.OpenRSSMiB, eval.PeakRSSMiB())
	pct := eval.PercentileMillis
	res.AnswerP50ms, res.AnswerP95ms, res.AnswerP99ms = pct(answer, 0.50), pct(answer, 0.95), pct(answer, 0.99)
	res.MatchP50ms, res.MatchP95ms, res.MatchP99ms = pct(match, 0.50), pct(match, 0.95), pct(match, 0.99)
	if res.MatchP99ms > 0 {
		res.P99Ratio = res.AnswerP99ms / res.MatchP99ms
	}
	if memProfile != "" {
		if err := writeHeapProfile(memProfile); err != nil {
			return res, err
		}
	}

	// A new article reaches the index as the bot's reload adds it: its
	// file is written, the folder is listed and stamped again (as a
	// reload does), the new file read, and only its article indexed.
	added := bc.article(fmt.Sprintf("bench-new-%07d", n), 20, rand.New(rand.NewPCG(3, uint64(n))))
	if err := writeArticleFile(corpusDir, added); err != nil {
		return res, err
	}
	freshPeak()
	if memProfile != "" {
		peak = startPeakProfile(time.Second)
	}
	restoreGC = reloadingGC() // as the reload does
	start = time.Now()
	next, err := eng.UpdateFrom(ctx, src)
	restoreGC()
	if err != nil {
		return res, err
	}
	if peak != nil {
		if err := peak.writeTo(memProfile + ".reload"); err != nil {
			return res, err
		}
	}
	res.AddSeconds = time.Since(start).Seconds()
	res.ReloadRSSMiB = eval.PeakRSSMiB()
	eng.Close()
	eng = next
	if r := eng.IndexReport(); r.Rebuilt || r.Added != 1 {
		return res, fmt.Errorf("bench: adding one article gave %+v, want one article added to the index", r)
	}
	return res, nil
}

// benchBuild builds the index of the corpus in corpusDir, of n passages,
// as `vnru index` does.
func benchBuild(ctx context.Context, env *environment, corpusDir string, n int, opt retrieval.Options, dir string, res *benchResult) error {
	freshPeak()
	bar := newProgress(env.stderr, fmt.Sprintf("indexing %d passages", n), true)
	opt.Progress = bar.Set
	restoreGC := loadingGC() // as vnru index does
	start := time.Now()
	eng, err := retrieval.OpenFrom(ctx, env.lg, corpus.NewStream(corpusDir), opt)
	restoreGC()
	bar.Finish()
	if err != nil {
		return err
	}
	build := time.Since(start)
	res.BuildRSSMiB = eval.PeakRSSMiB()
	res.BuildSeconds = build.Seconds()
	res.PassagesPerSec = float64(eng.Passages()) / build.Seconds()
	res.Passages = eng.Passages()
	res.Articles = len(eng.Articles())
	res.IndexMiB = dirMiB(dir)
	return eng.Close()
}

// freshPeak starts a new phase's memory measure, as if in a new process:
// the memory of the phase before goes back to the system, and the peak
// resident size starts again from what is resident now (Linux; where
// /proc/self/clear_refs is absent, peaks include the phases before).
func freshPeak() {
	debug.FreeOSMemory()
	os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) // 5: reset the peak (proc(5))
}

func writeHeapProfile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("bench: memory profile: %w", err)
	}
	defer f.Close()
	runtime.GC()
	if err := pprof.WriteHeapProfile(f); err != nil {
		return fmt.Errorf("bench: memory profile: %w", err)
	}
	return f.Close()
}

func dirMiB(dir string) float64 {
	var total int64
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				total += info.Size()
			}
		}
		return nil
	})
	return float64(total) / (1 << 20)
}

func printBench(w io.Writer, rs []benchResult) {
	fmt.Fprintf(w, "%9s %9s %10s %8s %8s %9s %9s %9s %7s %9s %9s %9s %9s %9s %9s %6s %7s\n",
		"passages", "build p/s", "index", "open s", "read s", "RSS build", "RSS serve", "RSS reload", "queries", "ans p50", "ans p95", "ans p99", "bleve p50", "bleve p95", "bleve p99", "ratio", "add s")
	for _, r := range rs {
		fmt.Fprintf(w, "%9d %9.0f %7.1fMiB %8.2f %8.2f %6.0fMiB %6.0fMiB %7.0fMiB %7d %7.2fms %7.2fms %7.2fms %7.2fms %7.2fms %7.2fms %6.2f %7.3f\n",
			r.Passages, r.PassagesPerSec, r.IndexMiB, r.OpenSeconds, r.ReadSeconds, r.BuildRSSMiB, r.PeakRSSMiB, r.ReloadRSSMiB, r.Queries,
			r.AnswerP50ms, r.AnswerP95ms, r.AnswerP99ms, r.MatchP50ms, r.MatchP95ms, r.MatchP99ms, r.P99Ratio, r.AddSeconds)
	}
	if len(rs) > 0 {
		fmt.Fprintf(w, "sentences from %s; articles read from files in a corpus folder, one at a time; open = opening the built index with the folder, unchanged since the build (each file's stamp checked, none read); read = reading and parsing every file; RSS = peak resident memory building the index (as vnru index), opening it and answering (as vnru bot), and during a reload; ratio = answer p99 / bleve match p99; add = one 20-paragraph article added to the index (as a reload does)\n", rs[0].SentencesSource)
	}
}
