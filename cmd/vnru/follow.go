package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/vnru/vnru/configs"
	"github.com/vnru/vnru/corpus"
	"github.com/vnru/vnru/corpus/follow"
)

func followCommand() command {
	return command{
		name:    "follow",
		summary: "read RSS/Atom feeds and (news) sitemaps politely and add the new articles about Vietnam–Russia relations",
		usage:   "SOURCE... (feed or sitemap URLs, or files listing them)",
		flags: func(fs *flag.FlagSet, env *environment) func(context.Context, []string) error {
			var ff followFlags
			ff.register(fs, env.cfg)
			return func(ctx context.Context, args []string) error {
				job, err := ff.job(args)
				if err != nil {
					return err
				}
				rep, err := job.run(ctx, env, env.stdout, env.stderr)
				if err != nil {
					return err
				}
				if n := rep.FailedSources(); n > 0 {
					return fmt.Errorf("follow: %d of %d sources failed (see above); the others were read", n, len(rep.Sources))
				}
				return nil
			}
		},
	}
}

// followFlags are the flags of `vnru follow`.
type followFlags struct {
	corpusFlags
	match   string
	since   string
	delay   time.Duration
	dryRun  bool
	verbose bool
}

func (f *followFlags) register(fs *flag.FlagSet, cfg configs.Config) {
	fs.StringVar(&f.corpusDir, "corpus", cfg.CorpusDir, "corpus `DIR` to add articles to; it also keeps the follow state (env VNRU_CORPUS_DIR)")
	fs.StringVar(&f.indexDir, "index", cfg.IndexDir, "add the new articles to the persistent index in `DIR` (env VNRU_INDEX_DIR)")
	fs.StringVar(&f.match, "match", "", "keep entries matching `PATTERN` instead of configs/topic.txt: groups joined by +, alternatives by | (\"Nga | Russia + Việt Nam | Vietnam\")")
	fs.StringVar(&f.since, "since", "", "skip entries published before `DATE` (YYYY-MM-DD, Vietnam time, or RFC 3339)")
	fs.DurationVar(&f.delay, "delay", follow.DefaultDelay, "wait at least `DURATION` between two requests to one host (robots.txt Crawl-delay can ask for more)")
	fs.BoolVar(&f.dryRun, "dry-run", false, "fetch and filter, but write no article and no state")
	fs.BoolVar(&f.verbose, "v", false, "also list each skipped entry and why")
}

// followJob is a checked follow request: sources read, topic and date
// parsed. Making one changes nothing.
type followJob struct {
	followFlags
	sources []string
	topic   *follow.Topic
	sinceT  time.Time
}

// job checks the flags and sources; every error is a usage error.
func (f followFlags) job(args []string) (*followJob, error) {
	if len(args) == 0 {
		return nil, usageError("follow: give at least one feed or sitemap URL, or a file listing them")
	}
	if f.corpusDir == "" && !f.dryRun {
		return nil, usageError("follow: no corpus folder: pass --corpus DIR or set VNRU_CORPUS_DIR (or use --dry-run)")
	}
	if f.delay <= 0 {
		return nil, usageError("follow: --delay %v: give a positive duration such as 2s", f.delay)
	}
	j := &followJob{followFlags: f}
	var err error
	if j.sources, err = follow.ReadSources(args); err != nil {
		return nil, usageError("follow: %v", err)
	}
	if f.since != "" {
		d, err := corpus.ParseDate(f.since)
		if err != nil {
			return nil, usageError("follow: --since: %v", err)
		}
		j.sinceT = d.Time
		if !d.HasTime { // a day means that day in Vietnam
			j.sinceT = time.Date(d.Time.Year(), d.Time.Month(), d.Time.Day(), 0, 0, 0, 0, time.FixedZone("ICT", 7*3600))
		}
	}
	if f.match != "" {
		if j.topic, err = follow.ParseMatch(f.match); err != nil {
			return nil, usageError("follow: --match: %v", err)
		}
	} else {
		t := configs.FollowTopic()
		if j.topic, err = follow.NewTopic(t.Groups, t.Except); err != nil {
			return nil, fmt.Errorf("configs/topic.txt: %w", err)
		}
	}
	return j, nil
}

// run follows the sources once and prints what it did on out; the
// progress bar goes to errOut when that is a terminal.
func (j *followJob) run(ctx context.Context, env *environment, out, errOut io.Writer) (follow.Report, error) {
	if j.corpusDir != "" && !j.dryRun {
		if err := os.MkdirAll(j.corpusDir, 0o755); err != nil {
			return follow.Report{}, fmt.Errorf("follow: %w", err)
		}
	}
	ing, err := newFollowIngester(j.corpusDir, j.dryRun)
	if err != nil {
		return follow.Report{}, fmt.Errorf("follow: %w", err)
	}
	opt := follow.Options{Dir: j.corpusDir, Topic: j.topic, Since: j.sinceT, Delay: j.delay, DryRun: j.dryRun}
	bar := newProgress(errOut, "follow", true)
	defer bar.Finish()
	opt.Progress = func(done, total int) {
		if total > progressHandful {
			bar.Set(done, total)
		}
	}
	f, err := follow.New(env.lg, ing, opt)
	if err != nil {
		return follow.Report{}, err
	}
	rep, err := f.Run(ctx, j.sources)
	printFollowReport(out, rep, j.verbose, j.dryRun)
	if err != nil {
		return rep, fmt.Errorf("follow: %w", err)
	}
	if len(rep.Added) > 0 && j.indexDir != "" && !j.dryRun {
		start := time.Now()
		eng, err := openEngine(ctx, env, j.corpusFlags)
		if err != nil {
			return rep, fmt.Errorf("follow: articles added, but the index was not updated (run vnru index): %w", err)
		}
		fmt.Fprintf(out, "index: %d articles, %d passages in %s (%.1fs)\n", len(eng.Sources()), eng.Passages(), j.indexDir, time.Since(start).Seconds())
		if err := eng.Close(); err != nil {
			return rep, fmt.Errorf("follow: close index: %w", err)
		}
	}
	return rep, nil
}

// progressHandful is the number of pages up to which follow shows no
// progress: a run that fetches a few pages is over before a bar helps.
const progressHandful = 5

// printFollowReport prints one line per article added, failed page and
// failed source, then a summary.
func printFollowReport(w io.Writer, rep follow.Report, verbose, dryRun bool) {
	added := "added"
	if dryRun {
		added = "would add"
	}
	for _, s := range rep.Sources {
		switch {
		case s.Err != nil:
			fmt.Fprintf(w, "source failed %s: %v\n", s.URL, s.Err)
		case !s.RetryAt.IsZero():
			fmt.Fprintf(w, "source skipped %s: failing (%s), next try after %s\n", s.URL, s.LastError, s.RetryAt.Local().Format(time.DateTime))
		case verbose && s.NotModified:
			fmt.Fprintf(w, "source %s: not modified\n", s.URL)
		case verbose:
			fmt.Fprintf(w, "source %s: %s, %d entries\n", s.URL, s.Kind, s.Entries)
		}
	}
	for _, a := range rep.Added {
		fmt.Fprintf(w, "%s %s%s (%s) from %s\n", added, a.ID, corpus.Ext, a.Title, a.URL)
	}
	for _, f := range rep.Failed {
		fmt.Fprintf(w, "failed %s: %v\n", f.URL, f.Err)
	}
	if verbose {
		for _, s := range rep.Skipped {
			detail := ""
			if s.Detail != "" {
				detail = ": " + s.Detail
			}
			fmt.Fprintf(w, "skipped %s (%s%s)\n", s.URL, s.Reason, detail)
		}
	}
	n, reasons := rep.SkipCounts()
	var parts []string
	for _, r := range reasons {
		parts = append(parts, fmt.Sprintf("%d %s", n[r], r))
	}
	skipped := fmt.Sprintf("%d skipped", len(rep.Skipped))
	if len(parts) > 0 {
		skipped += " (" + strings.Join(parts, ", ") + ")"
	}
	fmt.Fprintf(w, "%d %s, %s, %d failed; %d sources (%d failed), %d requests in %s\n",
		len(rep.Added), added, skipped, len(rep.Failed), len(rep.Sources), rep.FailedSources(), rep.Requests, rep.Took.Round(100*time.Millisecond))
}

// followIngester adds the articles follow finds through the corpus
// Ingester, the path of vnru ingest: the same checks, duplicate
// detection, lock and atomic writes.
type followIngester struct {
	in     *corpus.Ingester
	dryRun bool
	known  map[string]bool // URLs of the embedded and folder articles, and of those added
}

var _ follow.Ingester = (*followIngester)(nil)

func newFollowIngester(dir string, dryRun bool) (*followIngester, error) {
	writeDir := dir
	if dryRun {
		writeDir = ""
	}
	in, err := corpus.NewIngester(writeDir, corpus.Fetcher{})
	if err != nil {
		return nil, err
	}
	readDir := dir
	if _, err := os.Stat(dir); dryRun && errors.Is(err, os.ErrNotExist) {
		readDir = "" // a dry run creates nothing: no folder yet, no articles in it
	}
	articles, _, err := corpus.LoadAll(readDir)
	if err != nil {
		return nil, err
	}
	f := &followIngester{in: in, dryRun: dryRun, known: map[string]bool{}}
	for _, a := range articles {
		f.known[a.URL] = true
	}
	return f, nil
}

// Known reports whether an embedded or corpus article has this URL.
func (f *followIngester) Known(pageURL string) bool { return f.known[pageURL] }

// Ingest checks the page's article and writes it, unless the corpus has
// it already; a dry run only checks it.
func (f *followIngester) Ingest(ctx context.Context, a corpus.Article) (follow.Outcome, error) {
	if f.dryRun {
		p, err := corpus.Prepare(a, corpus.Overrides{})
		if err != nil {
			return follow.Outcome{}, err
		}
		f.known[p.URL] = true
		return follow.Outcome{Added: true, ID: p.ID}, nil
	}
	res := f.in.Add(ctx, a, corpus.IngestOptions{})
	switch res.Outcome {
	case corpus.Added, corpus.Replaced:
		f.known[res.Article.URL] = true
		return follow.Outcome{Added: true, ID: res.Article.ID}, nil
	case corpus.Unchanged:
		return follow.Outcome{ID: res.Article.ID, Note: res.Err.Error()}, nil
	}
	return follow.Outcome{}, res.Err
}
