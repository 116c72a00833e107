package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/vnru/vnru/retrieval"
)

func askCommand() command {
	return command{
		name:    "ask",
		summary: "answer a question with quotes from the articles",
		usage:   `"question"`,
		flags: func(fs *flag.FlagSet, env *environment) func(context.Context, []string) error {
			var cf corpusFlags
			cf.register(fs, env.cfg)
			asJSON := fs.Bool("json", false, "print the answer as JSON (schema in README)")
			k := fs.Int("k", 3, "print at most `N` quotes")
			explain := fs.Bool("explain", false, "show how the question was analysed")
			return func(ctx context.Context, args []string) error {
				question := strings.Join(args, " ")
				if strings.TrimSpace(question) == "" {
					return usageError(`ask: no question given; try: vnru ask "Thủ tướng Mishustin thăm Việt Nam khi nào?"`)
				}
				if *k < 1 || *k > 20 {
					return usageError("ask: --k must be between 1 and 20")
				}
				eng, err := openEngine(ctx, env, cf)
				if err != nil {
					return err
				}
				defer eng.Close()
				ans, err := eng.Answer(ctx, question, retrieval.AskOptions{Limit: *k, Explain: *explain})
				switch {
				case errors.Is(err, retrieval.ErrEmptyQuestion):
					return usageError("ask: the question has no words in it")
				case errors.Is(err, retrieval.ErrQuestionTooLong):
					return usageError("ask: the question is longer than %d characters; ask about one fact at a time", retrieval.MaxQuestionRunes)
				case err != nil:
					return err
				}
				if *asJSON {
					if err := writeJSON(env.stdout, ans); err != nil {
						return err
					}
				} else {
					printAnswer(env.stdout, ans)
				}
				if !ans.Answered {
					return &exitError{code: exitNoAnswer}
				}
				return nil
			}
		},
	}
}

// printAnswer writes an answer for a terminal: each quote, then its
// source line.
func printAnswer(w io.Writer, ans retrieval.Answer) {
	if ans.Explain != "" {
		fmt.Fprintf(w, "explain: %s\n\n", ans.Explain)
	}
	if !ans.Answered {
		fmt.Fprintln(w, "No answer: the articles do not cover this question.")
		return
	}
	for i, q := range ans.Quotes {
		if i > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "«%s»\n", q.Text)
		if q.Explain != "" {
			fmt.Fprintf(w, "  (%s)\n", q.Explain)
		}
		fmt.Fprintf(w, "  — %s\n", sourceLine(q.Article))
		for _, s := range q.AlsoIn {
			fmt.Fprintf(w, "  also reported by: %s\n", sourceLine(s))
		}
	}
}

// sourceLine is "title — source, dd/mm/yyyy, URL".
func sourceLine(s retrieval.Source) string {
	parts := []string{s.Title + " — " + s.Source}
	if !s.Published.IsZero() {
		parts = append(parts, s.Published.Time.Format("02/01/2006"))
	}
	if s.URL != "" {
		parts = append(parts, s.URL)
	}
	return strings.Join(parts, ", ")
}
