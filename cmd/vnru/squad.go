package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/vnru/vnru/eval"
	"github.com/vnru/vnru/retrieval"
)

type squadFlags struct {
	file          string
	questionsFrom string
	strip         bool
	baseline      bool
	// modelFor, when set, answers each gold article's questions with
	// its fold's model (--cv).
	modelFor func(article string) *retrieval.Model
}

func (f *squadFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.file, "squad", "", "run a SQuAD-format benchmark `FILE` (e.g. ../shared/eval/xquad/xquad.vi.json)")
	fs.StringVar(&f.questionsFrom, "questions-from", "", "with --squad: ask the parallel questions of `FILE2` (same ids, another language)")
	fs.BoolVar(&f.strip, "strip-diacritics", false, "with --squad: remove Vietnamese marks from the questions, as users type")
	fs.BoolVar(&f.baseline, "baseline", false, "with --squad: also run plain bleve (default mapping, one match query) on the same data")
}

func runSQuAD(ctx context.Context, env *environment, f squadFlags, asJSON bool) error {
	s, err := readBenchmark(f.file)
	if err != nil {
		return err
	}
	eopt, err := engineOptions(env.cfg)
	if err != nil {
		return err
	}
	opt := eval.SQuADOptions{StripDiacritics: f.strip, Baseline: f.baseline, Engine: eopt, ModelFor: f.modelFor}
	if f.questionsFrom != "" {
		if opt.QuestionsFrom, err = readBenchmark(f.questionsFrom); err != nil {
			return err
		}
	}
	rep, err := eval.EvaluateSQuAD(ctx, env.lg, s, opt)
	if err != nil {
		return err
	}
	if asJSON {
		return writeJSON(env.stdout, rep)
	}
	printSQuAD(env.stdout, rep)
	return nil
}

// readBenchmark reads benchmark data, which lives outside the repository.
func readBenchmark(path string) (*eval.SQuAD, error) {
	s, err := eval.ReadSQuAD(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("eval: benchmark file %s is absent: the XQuAD data lives in ../shared/eval and is not part of the repository", path)
	}
	if err != nil {
		return nil, fmt.Errorf("eval: %w", err)
	}
	return s, nil
}

func printSQuAD(w io.Writer, rep eval.SQuADReport) {
	fmt.Fprintf(w, "%-24s %8s", "", "vnru")
	if rep.Baseline != nil {
		fmt.Fprintf(w, " %8s", "bleve")
	}
	fmt.Fprintln(w)
	row := func(name string, a float64, b func(eval.SQuADScores) float64) {
		fmt.Fprintf(w, "%-24s %8.3f", name, a)
		if rep.Baseline != nil {
			fmt.Fprintf(w, " %8.3f", b(*rep.Baseline))
		}
		fmt.Fprintln(w)
	}
	s := rep.SQuADScores
	row("questions", float64(s.N), func(b eval.SQuADScores) float64 { return float64(b.N) })
	row("paragraph recall@1", s.ParagraphRecallAt1, func(b eval.SQuADScores) float64 { return b.ParagraphRecallAt1 })
	row("paragraph recall@5", s.ParagraphRecallAt5, func(b eval.SQuADScores) float64 { return b.ParagraphRecallAt5 })
	row("paragraph MRR@10", s.ParagraphMRRAt10, func(b eval.SQuADScores) float64 { return b.ParagraphMRRAt10 })
	row("sentence answered@1", s.SentenceAnsweredAt1, func(b eval.SQuADScores) float64 { return b.SentenceAnsweredAt1 })
	row("mean quote chars", s.MeanQuoteChars, func(b eval.SQuADScores) float64 { return b.MeanQuoteChars })
	row("mean sentence chars", s.MeanSentenceChars, func(b eval.SQuADScores) float64 { return b.MeanSentenceChars })
	row("ms per question p50", s.MillisPerQuestionP50, func(b eval.SQuADScores) float64 { return b.MillisPerQuestionP50 })
	fmt.Fprintf(w, "would refuse (threshold) %8.3f\n", s.WouldRefuse)
}

// runSQuADCV is runSQuAD out of fold: the benchmark's articles are cut
// into folds, and each question is answered by a model fitted without
// its article's fold, in any language.
func runSQuADCV(ctx context.Context, env *environment, f squadFlags, tf trainFlags, folds int, asJSON bool) error {
	exs, err := collectTraining(ctx, env, tf, "")
	if err != nil {
		return err
	}
	models, err := eval.FoldModels(ctx, exs, folds, eval.DefaultParams(), func(e eval.Example) bool { return strings.HasPrefix(e.Set, "xquad") })
	if err != nil {
		return err
	}
	f.modelFor = func(article string) *retrieval.Model {
		title, _, _ := strings.Cut(article, "#")
		return models[eval.Fold("xquad/"+title, folds)]
	}
	return runSQuAD(ctx, env, f, asJSON)
}
