package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"maps"
	"slices"

	"github.com/vnru/vnru/eval"
	"github.com/vnru/vnru/retrieval"
)

func evalCommand() command {
	return command{
		name:    "eval",
		summary: "measure answer quality on a question set (--questions) or a SQuAD-format benchmark (--squad)",
		usage:   "",
		flags: func(fs *flag.FlagSet, env *environment) func(context.Context, []string) error {
			var cf corpusFlags
			cf.register(fs, env.cfg)
			questions := fs.String("questions", "", "question set `FILE` (JSON Lines, format in README)")
			asJSON := fs.Bool("json", false, "print the report as one JSON object")
			var sq squadFlags
			sq.register(fs)
			cv := fs.Int("cv", 0, "report out-of-fold figures: fit `K` models, each without one fold of the questions (grouped by question; XQuAD by article), and ask each fold of its own model")
			var tf trainFlags
			tf.register(fs)
			return func(ctx context.Context, args []string) error {
				if len(args) > 0 {
					return usageError("eval: unexpected argument %q", args[0])
				}
				switch {
				case *questions != "" && sq.file != "":
					return usageError("eval: give --questions or --squad, not both")
				case *cv == 1 || *cv < 0:
					return usageError("eval: --cv needs at least 2 folds, such as --cv 5")
				case sq.file != "" && *cv > 0:
					return runSQuADCV(ctx, env, sq, tf, *cv, *asJSON)
				case sq.file != "":
					return runSQuAD(ctx, env, sq, *asJSON)
				case *questions == "":
					return usageError("eval: give --questions FILE (try retrieval/testdata/questions.jsonl) or --squad FILE")
				}
				qs, err := eval.ReadQuestionsFile(*questions)
				if err != nil {
					return fmt.Errorf("eval: %w", err)
				}
				answer, done, err := questionAnswerer(ctx, env, cf, tf, *questions, qs, *cv)
				if err != nil {
					return err
				}
				defer done()
				rep, err := eval.Evaluate(ctx, answer, qs)
				if err != nil {
					return err
				}
				if *asJSON {
					return writeJSON(env.stdout, rep)
				}
				printEvalReport(env.stdout, rep)
				return nil
			}
		},
	}
}

func printEvalReport(w io.Writer, rep eval.Report) {
	row := func(name string, s eval.Scores) {
		fmt.Fprintf(w, "%-18s %4d %5d %6.3f %6.3f %7.3f %7.3f\n", name, s.N, s.Answerable, s.AnsweredAt1, s.AnsweredAt3, s.RefusedCorrectly, s.FalseRefusals)
	}
	header := func(title string) {
		fmt.Fprintf(w, "\n%-18s %4s %5s %6s %6s %7s %7s\n", title, "n", "ans", "@1", "@3", "refused", "falseR")
	}
	header("overall")
	row("all", rep.Scores)
	header("by lang")
	for _, k := range slices.Sorted(maps.Keys(rep.ByLang)) {
		row(k, *rep.ByLang[k])
	}
	header("by kind")
	for _, k := range slices.Sorted(maps.Keys(rep.ByKind)) {
		row(k, *rep.ByKind[k])
	}
	fmt.Fprintf(w, "\n@1, @3: answered at 1 and 3 (over answerable); refused: correct refusals (over unanswerable); falseR: false refusals (over answerable)\n")
	if len(rep.Failures) == 0 {
		return
	}
	fmt.Fprintf(w, "\nfailures (%d):\n", len(rep.Failures))
	for _, f := range rep.Failures {
		fmt.Fprintf(w, "- %s [%s/%s] %s\n", f.ID, f.Lang, f.Kind, f.Question)
		if len(f.Want) > 0 {
			fmt.Fprintf(w, "    want: %q\n", f.Want)
		} else {
			fmt.Fprintf(w, "    want: no answer\n")
		}
		if f.Error != "" {
			fmt.Fprintf(w, "    error: %s\n", f.Error)
		}
		if len(f.Quoted) == 0 {
			fmt.Fprintf(w, "    got:  no answer\n")
		}
		for i, q := range f.Quoted {
			fmt.Fprintf(w, "    got%d: %s\n", i+1, truncate(q, 160))
		}
	}
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// questionAnswerer answers the questions with the product's model, or,
// with folds > 0, each question with the model fitted without its fold
// (out of fold): the figures a held-out set would see.
func questionAnswerer(ctx context.Context, env *environment, cf corpusFlags, tf trainFlags, path string, qs []eval.Question, folds int) (eval.AnswerFunc, func(), error) {
	if folds == 0 {
		eng, err := openEngine(ctx, env, cf)
		if err != nil {
			return nil, nil, err
		}
		return func(ctx context.Context, q string) (retrieval.Answer, error) {
			return eng.Answer(ctx, q, retrieval.AskOptions{Limit: 3})
		}, func() { eng.Close() }, nil
	}
	exs, err := collectTraining(ctx, env, tf, path)
	if err != nil {
		return nil, nil, err
	}
	sets, err := tf.questionSets()
	if err != nil {
		return nil, nil, err
	}
	setName := setOf(path, sets)
	models, err := eval.FoldModels(ctx, exs, folds, eval.DefaultParams(), func(e eval.Example) bool { return e.Set == setName })
	if err != nil {
		return nil, nil, err
	}
	articles, err := loadArticles(env, cf.corpusDir)
	if err != nil {
		return nil, nil, err
	}
	engines := make([]*retrieval.Engine, folds)
	closeAll := func() {
		for _, e := range engines {
			if e != nil {
				e.Close()
			}
		}
	}
	for f, m := range models {
		opt, err := engineOptionsWith(env.cfg, m)
		if err != nil {
			closeAll()
			return nil, nil, err
		}
		if engines[f], err = retrieval.Open(ctx, env.lg, articles, opt); err != nil {
			closeAll()
			return nil, nil, err
		}
	}
	foldOf := map[string]int{}
	for _, q := range qs {
		foldOf[q.Question] = eval.Fold(setName+"/"+q.ID, folds)
	}
	return func(ctx context.Context, q string) (retrieval.Answer, error) {
		return engines[foldOf[q]].Answer(ctx, q, retrieval.AskOptions{Limit: 3})
	}, closeAll, nil
}
