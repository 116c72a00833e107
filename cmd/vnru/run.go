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
	return []command{askCommand(), benchCommand(), botCommand(), evalCommand(), followCommand(), indexCommand(), ingestCommand(), trainCommand()}
}

// run is the whole program: it runs the subcommand named by args[0] with
// the configuration it reads. help and version need no configuration, so
// they work even when .env is broken.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 || isHelpFlag(args[0]) {
		printHelp(stdout)
		return nil
	}
	switch args[0] {
	case "help":
		if len(args) == 1 {
			printHelp(stdout)
			return nil
		}
		cmd, ok := findCommand(args[1])
		if !ok {
			return usageError("unknown command %q: run \"vnru help\"", args[1])
		}
		printCommandHelp(stdout, cmd)
		return nil
	case "version", "--version", "-version":
		fmt.Fprintln(stdout, versionLine())
		return nil
	}
	cmd, ok := findCommand(args[0])
	if !ok {
		return usageError("unknown command %q: run \"vnru help\"", args[0])
	}
	getenv, err := configs.WithDotEnv(".env", getenv)
	if err == nil {
		var cfg configs.Config
		if cfg, err = configs.Load(getenv); err == nil {
			return runCommand(ctx, cmd, args[1:], &environment{
				cfg:    cfg,
				stdout: stdout,
				stderr: stderr,
				lg:     slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: cfg.LogLevel})),
			})
		}
	}
	if wantsHelp(args[1:]) { // "vnru ask --help" works with a broken configuration
		printCommandHelp(stdout, cmd)
		return nil
	}
	return fmt.Errorf("configuration: %w", err)
}

// runCommand parses the command's flags and runs it.
func runCommand(ctx context.Context, cmd command, args []string, env *environment) error {
	fs := flag.NewFlagSet("vnru "+cmd.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	exec := cmd.flags(fs, env)
	args, err := reorderFlags(fs, args)
	if err == nil {
		err = fs.Parse(args)
	}
	if err != nil {
		if err == flag.ErrHelp {
			printCommandHelp(env.stdout, cmd)
			return nil
		}
		return usageError("%s: %v (see \"vnru help %s\")", cmd.name, err, cmd.name)
	}
	return exec(ctx, fs.Args())
}

func isHelpFlag(a string) bool { return a == "-h" || a == "--help" || a == "-help" }

// wantsHelp reports whether a help flag comes before any "--".
func wantsHelp(args []string) bool {
	for _, a := range args {
		if a == "--" {
			return false
		}
		if isHelpFlag(a) || a == "--h" {
			return true
		}
	}
	return false
}

// reorderFlags moves flags after positional arguments to the front, so
// `vnru ask "question" --json` works as users expect, and puts "--"
// between them, so a positional argument that starts with "-" is never
// read as a flag. "--" ends flags: everything after it is positional. A
// flag that takes a value but has none after it is an error; it does not
// take the question before it.
func reorderFlags(fs *flag.FlagSet, args []string) ([]string, error) {
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
		f := fs.Lookup(name)
		if f == nil || isBoolFlag(f) {
			continue // unknown flags are reported by fs.Parse
		}
		if i+1 >= len(args) {
			return nil, fmt.Errorf("flag --%s needs a value", name)
		}
		flags = append(flags, args[i+1])
		i++
	}
	return append(append(flags, "--"), rest...), nil
}

func isBoolFlag(f *flag.Flag) bool {
	bf, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && bf.IsBoolFlag()
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
	fmt.Fprintf(w, "  %-8s %s\n", "version", "print the version and the VCS revision it was built from (also --version)")
	fmt.Fprint(w, `
Run "vnru help <command>" for a command's flags.

Exit status: 0 success (an answer was found), 1 failure, 2 usage error,
3 no direct answer in the articles (the closest passages, or nothing).

Configuration comes from the environment and a .env file in the current
folder; see .env.example.
`)
}

// printCommandHelp prints a command's usage and flags, with the double
// dashes the README uses (the flag package prints one).
func printCommandHelp(w io.Writer, c command) {
	fs := flag.NewFlagSet("vnru "+c.name, flag.ContinueOnError)
	c.flags(fs, &environment{})
	fmt.Fprintf(w, "Usage: vnru %s [flags] %s\n\n%s\n\nFlags:\n", c.name, c.usage, c.summary)
	fs.VisitAll(func(f *flag.Flag) {
		arg, usage := flag.UnquoteUsage(f)
		line := "  --" + f.Name
		if arg != "" {
			line += " " + arg
		}
		if f.DefValue != "" && f.DefValue != "false" {
			usage += fmt.Sprintf(" (default %s)", f.DefValue)
		}
		fmt.Fprintf(w, "%s\n    \t%s\n", line, usage)
	})
}

// corpusFlags are the flags of every command that loads articles.
type corpusFlags struct {
	corpusDir string
	indexDir  string
}

func (f *corpusFlags) register(fs *flag.FlagSet, cfg configs.Config) {
	fs.StringVar(&f.corpusDir, "corpus", cfg.CorpusDir, "add the article files in `DIR` to the embedded articles (env VNRU_CORPUS_DIR)")
	fs.StringVar(&f.indexDir, "index", cfg.IndexDir, "keep a persistent index in `DIR`, updated when the articles change (env VNRU_INDEX_DIR)")
}

// loadArticles returns the embedded articles plus those of the corpus
// folder. Malformed files are reported on stderr and skipped.
func loadArticles(env *environment, dir string) ([]corpus.Article, error) {
	articles, skipped, err := corpus.LoadAll(dir)
	if err != nil {
		return nil, err
	}
	reportSkipped(env, skipped)
	return articles, nil
}

// reportSkipped reports on stderr the article files a load skipped.
func reportSkipped(env *environment, skipped []error) {
	if len(skipped) > 0 {
		fmt.Fprintf(env.stderr, "vnru: skipped %d article file(s):\n", len(skipped))
		for _, err := range skipped {
			fmt.Fprintf(env.stderr, "  %v\n", err)
		}
	}
}

// openCorpus opens the engine on the embedded articles plus those of the
// corpus folder, read one file at a time (so a persistent index is built
// or opened without the whole corpus's text in memory). Malformed files
// are reported on stderr, once the articles are read, and skipped.
func openCorpus(ctx context.Context, env *environment, dir string, opt retrieval.Options) (*retrieval.Engine, error) {
	src := corpus.NewStream(dir)
	eng, err := retrieval.OpenFrom(ctx, env.lg, src, opt)
	reportSkipped(env, src.Skipped())
	return eng, err
}

// openEngine opens the answer engine on the articles.
func openEngine(ctx context.Context, env *environment, f corpusFlags) (*retrieval.Engine, error) {
	defer loadingGC()()
	opt, err := engineOptions(env.cfg)
	if err != nil {
		return nil, err
	}
	opt.IndexDir = f.indexDir
	return openCorpus(ctx, env, f.corpusDir, opt)
}

// engineOptions are the engine's options from the configuration and the
// embedded data files (names, glossaries, paraphrases, the fitted model).
func engineOptions(cfg configs.Config) (retrieval.Options, error) {
	model, err := retrieval.ParseModel(configs.ModelJSON())
	if err != nil {
		return retrieval.Options{}, fmt.Errorf("embedded model (configs/model.json): %w", err)
	}
	return engineOptionsWith(cfg, model)
}

// engineOptionsWith is engineOptions with another model.
func engineOptionsWith(cfg configs.Config, model *retrieval.Model) (retrieval.Options, error) {
	return retrieval.Options{
		Model:           model,
		AnswerThreshold: cfg.AnswerThreshold,
		NameVariants:    configs.NameVariants(),
		Glossaries:      configs.Glossaries(),
		Paraphrases:     configs.Paraphrases(),
		Abbreviations:   configs.Abbreviations(),
	}, nil
}

// writeJSON prints v as indented JSON, the form of every --json output.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
