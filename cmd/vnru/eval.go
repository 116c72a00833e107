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
			return func(ctx context.Context, args []string) error {
				if len(args) > 0 {
					return usageError("eval: unexpected argument %q", args[0])
				}
				switch {
				case *questions != "" && sq.file != "":
					return usageError("eval: give --questions or --squad, not both")
				case sq.file != "":
					return runSQuAD(ctx, env, sq, *asJSON)
				case *questions == "":
					return usageError("eval: give --questions FILE (try retrieval/testdata/questions.jsonl) or --squad FILE")
				}
				qs, err := eval.ReadQuestionsFile(*questions)
				if err != nil {
					return fmt.Errorf("eval: %w", err)
				}
				eng, err := openEngine(ctx, env, cf)
				if err != nil {
					return err
				}
				defer eng.Close()
				rep, err := eval.Evaluate(ctx, func(ctx context.Context, q string) (retrieval.Answer, error) {
					return eng.Answer(ctx, q, retrieval.AskOptions{Limit: 3})
				}, qs)
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
