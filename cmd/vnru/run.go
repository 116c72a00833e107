package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"sort"
	"strings"

	"github.com/vnru/vnru/configs"
	"github.com/vnru/vnru/corpus"
	"github.com/vnru/vnru/retrieval"
)

// command is one subcommand of vnru.
type command struct {
	name    string
	summary string
	usage   string // arguments after the flags
	// flags declares the command's flags and returns the function that
	// runs it once they are parsed.
	flags func(fs *flag.FlagSet, env *environment) func(ctx context.Context, args []string) error
}

// environment is what every command gets: configuration and output.
type environment struct {
	cfg    configs.Config
	stdout io.Writer
	stderr io.Writer
	lg     *slog.Logger
}

func commands() []command {
	return []command{askCommand(), benchCommand(), botCommand(), evalCommand(), indexCommand(), ingestCommand(), followCommand()}
}

// run is the whole program: it reads the configuration and runs the
// subcommand named by args[0].
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	getenv, err := configs.WithDotEnv(".env", getenv)
	if err != nil {
		return err
	}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "-help" {
		printHelp(stdout)
		return nil
	}
	if args[0] == "help" {
		if len(args) == 1 {
			printHelp(stdout)
			return nil
		}
		cmd, ok := findCommand(args[1])
		if !ok {
			return usageError("unknown command %q: run \"vnru help\"", args[1])
		}
		fs := flag.NewFlagSet("vnru "+cmd.name, flag.ContinueOnError)
		cmd.flags(fs, &environment{})
		printCommandHelp(stdout, cmd, fs)
		return nil
	}
	cmd, ok := findCommand(args[0])
	if !ok {
		return usageError("unknown command %q: run \"vnru help\"", args[0])
	}
	cfg, err := configs.Load(getenv)
	if err != nil {
		return fmt.Errorf("configuration: %w", err)
	}
	env := &environment{
		cfg:    cfg,
		stdout: stdout,
		stderr: stderr,
		lg:     slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: cfg.LogLevel})),
	}
	fs := flag.NewFlagSet("vnru "+cmd.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	exec := cmd.flags(fs, env)
	if err := fs.Parse(reorderFlags(fs, args[1:])); err != nil {
		if err == flag.ErrHelp {
			printCommandHelp(stdout, cmd, fs)
			return nil
		}
		return usageError("%s: %v (see \"vnru help %s\")", cmd.name, err, cmd.name)
	}
	return exec(ctx, fs.Args())
}

// reorderFlags moves flags after positional arguments to the front, so
// `vnru ask "question" --json` works as users expect. "--" ends flags.
func reorderFlags(fs *flag.FlagSet, args []string) []string {
	var flags, rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			rest = append(rest, args[i+1:]...)
			break
		}
		if !strings.HasPrefix(a, "-") || a == "-" {
			rest = append(rest, a)
			continue
		}
		flags = append(flags, a)
		name := strings.TrimLeft(a, "-")
		if strings.Contains(name, "=") {
			continue
		}
		if f := fs.Lookup(name); f != nil && i+1 < len(args) {
			if bf, ok := f.Value.(interface{ IsBoolFlag() bool }); !ok || !bf.IsBoolFlag() {
				flags = append(flags, args[i+1])
				i++
			}
		}
	}
	return append(flags, rest...)
}

func findCommand(name string) (command, bool) {
	for _, c := range commands() {
		if c.name == name {
			return c, true
		}
	}
	return command{}, false
}

func printHelp(w io.Writer) {
	fmt.Fprint(w, `vnru answers questions about Vietnam–Russia relations with exact quotes
from Vietnamese news articles, each with its source, URL and date.

Usage: vnru <command> [flags] [arguments]

Commands:
`)
	cmds := commands()
	sort.Slice(cmds, func(i, j int) bool { return cmds[i].name < cmds[j].name })
	for _, c := range cmds {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, `
Run "vnru help <command>" for a command's flags.

Exit status: 0 success (an answer was found), 1 failure, 2 usage error,
3 no answer in the articles.

Configuration comes from the environment and a .env file in the current
folder; see .env.example.
`)
}

func printCommandHelp(w io.Writer, c command, fs *flag.FlagSet) {
	fmt.Fprintf(w, "Usage: vnru %s [flags] %s\n\n%s\n\nFlags:\n", c.name, c.usage, c.summary)
	fs.SetOutput(w)
	fs.PrintDefaults()
}

// corpusFlags are the flags of every command that loads articles.
type corpusFlags struct {
	corpusDir string
	indexDir  string
}

func (f *corpusFlags) register(fs *flag.FlagSet, cfg configs.Config) {
	fs.StringVar(&f.corpusDir, "corpus", cfg.CorpusDir, "add the article files in `DIR` to the embedded articles (env VNRU_CORPUS_DIR)")
	fs.StringVar(&f.indexDir, "index", cfg.IndexDir, "keep a persistent index in `DIR`, rebuilt when the articles change (env VNRU_INDEX_DIR)")
}

// loadArticles returns the embedded articles plus those of the corpus
// folder. Malformed files are reported on stderr and skipped.
func loadArticles(env *environment, dir string) ([]corpus.Article, error) {
	articles, skipped, err := corpus.Load(corpus.Default())
	if err != nil {
		return nil, fmt.Errorf("load embedded articles: %w", err)
	}
	if dir != "" {
		extra, bad, err := corpus.LoadDir(dir)
		if err != nil {
			return nil, err
		}
		skipped = append(skipped, bad...)
		var dup []error
		articles, dup = corpus.Merge(articles, extra)
		skipped = append(skipped, dup...)
	}
	if len(skipped) > 0 {
		fmt.Fprintf(env.stderr, "vnru: skipped %d article file(s):\n", len(skipped))
		for _, err := range skipped {
			fmt.Fprintf(env.stderr, "  %v\n", err)
		}
	}
	return articles, nil
}

// openEngine loads the articles and opens the answer engine on them.
func openEngine(ctx context.Context, env *environment, f corpusFlags) (*retrieval.Engine, error) {
	articles, err := loadArticles(env, f.corpusDir)
	if err != nil {
		return nil, err
	}
	return retrieval.Open(ctx, env.lg, articles, retrieval.Options{
		IndexDir:     f.indexDir,
		NameVariants: configs.NameVariants(),
		Glossaries:   configs.Glossaries(),
		MinSupport:   env.cfg.MinSupport,
	})
}

// writeJSON prints v as indented JSON, the form of every --json output.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
