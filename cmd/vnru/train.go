package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"path/filepath"
	"time"

	"github.com/google/renameio/v2"
	"github.com/vnru/vnru/corpus"
	"github.com/vnru/vnru/eval"
	"github.com/vnru/vnru/retrieval"
)

// trainFlags say where the training data are.
type trainFlags struct {
	shared string // ../shared/eval: the reporters' questions and XQuAD
	dev    string // the dev question set
	blind  string // questions written for training without seeing the engine (a glob)
}

func (f *trainFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.shared, "data", filepath.Join("..", "shared", "eval"), "benchmark `DIR` holding reporters/questions.jsonl and xquad/")
	fs.StringVar(&f.dev, "dev", filepath.Join("retrieval", "testdata", "questions.jsonl"), "the dev question set `FILE`")
	fs.StringVar(&f.blind, "blind", filepath.Join("retrieval", "testdata", "blind.jsonl"), "the training question sets written blind (a file name `PATTERN`)")
}

// reporters is the reporters' question set in the benchmark folder.
func (f *trainFlags) reporters() string {
	return filepath.Join(f.shared, "reporters", "questions.jsonl")
}

// questionSets are the training question files by set name. The blind
// set may span several files (written in rounds).
func (f *trainFlags) questionSets() ([]namedFile, error) {
	blind, err := filepath.Glob(f.blind)
	if err == nil && len(blind) == 0 {
		err = errors.New("no file matches")
	}
	if err != nil {
		return nil, fmt.Errorf("training data: blind question sets %q: %w (give them with --blind)", f.blind, err)
	}
	sets := []namedFile{{"reporters", f.reporters()}, {"dev", f.dev}}
	for _, b := range blind {
		sets = append(sets, namedFile{"blind", b})
	}
	return sets, nil
}

// setOf names the training set a question file is, or "eval" (a set of
// its own, with no weight in fitting) when it is none of them.
func setOf(path string, sets []namedFile) string {
	for _, s := range sets {
		if samePath(path, s.path) {
			return s.name
		}
	}
	return "eval"
}

type namedFile struct{ name, path string }

func trainCommand() command {
	return command{
		name:    "train",
		summary: "fit the ranking and answerability model to the question sets and XQuAD, and write it (configs/model.json)",
		flags: func(fs *flag.FlagSet, env *environment) func(context.Context, []string) error {
			var tf trainFlags
			tf.register(fs)
			out := fs.String("out", filepath.Join("configs", "model.json"), "write the model to `FILE`")
			ablate := fs.Bool("ablate", false, "print what each feature group adds, out of fold, and write nothing")
			folds := fs.Int("cv", 5, "choose the fitting settings by `K`-fold cross-validation on the reporters' and the blind set's questions (0: the defaults, no choice)")
			return func(ctx context.Context, args []string) error {
				if len(args) > 0 {
					return usageError("train: unexpected argument %q", args[0])
				}
				start := time.Now()
				exs, err := collectTraining(ctx, env, tf, "")
				if err != nil {
					return err
				}
				if *ablate {
					return printAblation(ctx, env, exs, max(2, *folds))
				}
				p := eval.DefaultParams()
				if *folds > 1 {
					if p, err = selectParams(ctx, env, exs, *folds); err != nil {
						return err
					}
				}
				m, err := eval.Fit(ctx, exs, p, fmt.Sprintf("vnru train on %d questions (reporters, dev, blind, XQuAD vi/unmarked/en/ru); settings %s", len(exs), p))
				if err != nil {
					return err
				}
				data, err := json.MarshalIndent(m, "", "  ")
				if err != nil {
					return err
				}
				if err := renameio.WriteFile(*out, append(data, '\n'), 0o644); err != nil {
					return fmt.Errorf("train: write model: %w", err)
				}
				fmt.Fprintf(env.stdout, "fitted on %d questions in %s; answer threshold %.3f; wrote %s\n", len(exs), time.Since(start).Round(time.Second), m.AnswerThreshold, *out)
				return nil
			}
		},
	}
}

// collectTraining ranks the training questions: the reporters' set, the
// dev set and the blind set over the embedded articles, and XQuAD
// (Vietnamese, with marks removed, English and Russian questions) over
// its paragraphs. extra, when not one of those files, is added as a set
// of its own (named "eval"), with no weight in fitting.
func collectTraining(ctx context.Context, env *environment, f trainFlags, extra string) ([]eval.Example, error) {
	files, err := f.questionSets()
	if err != nil {
		return nil, err
	}
	if extra != "" && setOf(extra, files) == "eval" {
		files = append(files, namedFile{"eval", extra})
	}
	var sets []eval.QuestionSet
	for _, fl := range files {
		qs, err := eval.ReadQuestionsFile(fl.path)
		if err != nil {
			return nil, fmt.Errorf("training data: %w (give the benchmark folder with --data)", err)
		}
		sets = append(sets, eval.QuestionSet{Name: fl.name, Questions: qs})
	}
	xdir := filepath.Join(f.shared, "xquad")
	vi, err := readBenchmark(filepath.Join(xdir, "xquad.vi.json"))
	if err != nil {
		return nil, fmt.Errorf("training data: %w (give the benchmark folder with --data)", err)
	}
	squads := []eval.SQuADSet{{Name: "xquad-vi", Data: vi}, {Name: "xquad-vi-nodiac", Data: vi, StripDiacritics: true}}
	for _, lang := range []string{"en", "ru"} {
		other, err := readBenchmark(filepath.Join(xdir, "xquad."+lang+".json"))
		if err != nil {
			return nil, fmt.Errorf("training data: %w", err)
		}
		squads = append(squads, eval.SQuADSet{Name: "xquad-" + lang, Data: vi, QuestionsFrom: other})
	}
	articles, _, err := corpus.Load(corpus.Default())
	if err != nil {
		return nil, fmt.Errorf("load embedded articles: %w", err)
	}
	// Features, not the model, are what training reads: any model serves.
	opt, err := engineOptionsWith(env.cfg, retrieval.BootstrapModel())
	if err != nil {
		return nil, err
	}
	return eval.Collect(ctx, env.lg, articles, sets, squads, opt)
}

func samePath(a, b string) bool {
	x, err1 := filepath.Abs(a)
	y, err2 := filepath.Abs(b)
	return err1 == nil && err2 == nil && x == y
}

// selectParams tries each candidate setting by k-fold cross-validation
// on the questions written blind, the reporters' and the blind set's
// (folds by question), and returns the one that handles most questions
// right out of fold (answered with a right first quote, or refused when
// there is no answer), if it beats the default settings by more than
// one standard error of the paired difference; otherwise the defaults.
// Settings that differ by a question or two in 440 are a coin toss: the
// answer threshold alone moves the count that much between folds.
func selectParams(ctx context.Context, env *environment, exs []eval.Example, k int) (eval.Params, error) {
	heldOut := func(e eval.Example) bool { return e.Set == "reporters" || e.Set == "blind" }
	base := eval.DefaultParams()
	var baseRight []bool
	type tried struct {
		p     eval.Params
		right []bool
	}
	var all []tried
	fmt.Fprintf(env.stdout, "%-48s %6s %6s %7s %7s %7s %6s\n", "settings", "@1", "@3", "ranked", "refused", "falseR", "right")
	for _, p := range eval.CandidateParams() {
		s, err := eval.CrossValidate(ctx, exs, k, p, heldOut)
		if err != nil {
			return base, err
		}
		right := (s.AnsweredAt1*float64(s.Answerable) + s.RefusedCorrectly*float64(s.Unanswerable)) / float64(s.Answerable+s.Unanswerable)
		fmt.Fprintf(env.stdout, "%-48s %6.3f %6.3f %7.3f %7.3f %7.3f %6.3f\n", p, s.AnsweredAt1, s.AnsweredAt3, s.RankedAt1, s.RefusedCorrectly, s.FalseRefusals, right)
		if p.String() == base.String() {
			baseRight = s.Right
		}
		all = append(all, tried{p, s.Right})
	}
	best, bestGain := base, 0.0
	for _, t := range all {
		if gain, se := eval.PairedGain(t.right, baseRight); gain > se && gain > bestGain {
			best, bestGain = t.p, gain
		}
	}
	fmt.Fprintf(env.stdout, "chosen: %s (the defaults are %s; another setting must beat them by more than a standard error)\n", best, base)
	return best, nil
}

// printAblation prints the out-of-fold figures on the reporters'
// questions with every feature, then without each group in turn.
func printAblation(ctx context.Context, env *environment, exs []eval.Example, k int) error {
	heldOut := func(e eval.Example) bool { return e.Set == "reporters" }
	fmt.Fprintf(env.stdout, "| features | ranked@1 | answered@1 | answered@3 | correct refusals | false refusals |\n|---|---|---|---|---|---|\n")
	row := func(name string, exs []eval.Example) error {
		s, err := eval.CrossValidate(ctx, exs, k, eval.DefaultParams(), heldOut)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.stdout, "| %s | %.3f | %.3f | %.3f | %.3f | %.3f |\n", name, s.RankedAt1, s.AnsweredAt1, s.AnsweredAt3, s.RefusedCorrectly, s.FalseRefusals)
		return nil
	}
	if err := row("all", exs); err != nil {
		return err
	}
	for _, g := range eval.FeatureGroups() {
		if err := row("without "+g.Name, eval.Without(exs, g)); err != nil {
			return err
		}
	}
	return nil
}
