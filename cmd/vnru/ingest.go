package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/vnru/vnru/corpus"
)

func ingestCommand() command {
	return command{
		name:    "ingest",
		summary: "add articles to the corpus folder from URLs, saved .html pages or .txt files of scraped text",
		usage:   "SOURCE...",
		flags: func(fs *flag.FlagSet, env *environment) func(context.Context, []string) error {
			var (
				dir, published string
				opt            corpus.IngestOptions
				dryRun         bool
			)
			fs.StringVar(&dir, "corpus", env.cfg.CorpusDir, "corpus `DIR` to write to (env VNRU_CORPUS_DIR)")
			fs.StringVar(&opt.Title, "title", "", "article title (overrides what was extracted)")
			fs.StringVar(&opt.URL, "url", "", "canonical URL (overrides what was extracted)")
			fs.StringVar(&opt.Source, "source", "", "publication name (overrides what was extracted)")
			fs.StringVar(&published, "published", "", "publication date, YYYY-MM-DD or RFC 3339 (overrides what was extracted)")
			fs.BoolVar(&dryRun, "dry-run", false, "print the article files instead of writing them")
			fs.BoolVar(&opt.Update, "update", false, "replace an article already in the corpus under the same URL")
			return func(ctx context.Context, args []string) error {
				if len(args) == 0 {
					return usageError("ingest: give at least one URL, .html or .txt file")
				}
				if dir == "" && !dryRun {
					return usageError("ingest: no corpus folder: pass --corpus DIR or set VNRU_CORPUS_DIR")
				}
				if published != "" {
					d, err := corpus.ParseDate(published)
					if err != nil {
						return usageError("ingest: --published: %v", err)
					}
					opt.Published = d
				}
				if dryRun {
					dir = "" // read and print only
				}
				in, err := corpus.NewIngester(dir, corpus.Fetcher{})
				if err != nil {
					return fmt.Errorf("ingest: %w", err)
				}
				return ingest(ctx, env, in, args, opt, dryRun)
			}
		},
	}
}

// ingest drives the Ingester over the sources and prints one line per
// source: what was written on stdout, failures on stderr.
func ingest(ctx context.Context, env *environment, in *corpus.Ingester, sources []string, opt corpus.IngestOptions, dryRun bool) error {
	bar := newProgress(env.stderr, "ingest", len(sources) > 1)
	defer bar.Finish()
	bar.Set(0, len(sources))
	failed := 0
	for i, src := range sources {
		if err := ctx.Err(); err != nil {
			return err
		}
		bar.Describe(src)
		res := ingestOne(ctx, in, src, opt, dryRun)
		bar.Set(i+1, len(sources))
		switch res.Outcome {
		case corpus.Failed:
			failed++
			bar.Println(fmt.Sprintf("failed %s: %v", src, res.Err))
		case corpus.Unchanged:
			bar.Print(env.stdout, fmt.Sprintf("unchanged %s: %v\n", src, res.Err))
		case corpus.Added, corpus.Replaced:
			if dryRun {
				bar.Print(env.stdout, fmt.Sprintf("# %s%s\n%s", res.Article.ID, corpus.Ext, res.Article.Marshal()))
				continue
			}
			verb := "wrote"
			if res.Outcome == corpus.Replaced {
				verb = "updated"
			}
			a := res.Article
			bar.Print(env.stdout, fmt.Sprintf("%s %s (%s — %s, %s, %d paragraphs)\n", verb, res.Path, a.Title, a.Source, a.Published, len(a.Paragraphs)))
			if res.Err != nil { // written, but the replaced file stayed
				bar.Println(fmt.Sprintf("warning %s: %v", src, res.Err))
			}
		}
	}
	if failed > 0 {
		return fmt.Errorf("ingest: %d of %d sources failed", failed, len(sources))
	}
	return nil
}

// ingestOne ingests one source, or for a dry run only reads and prepares
// it (reported as Added, nothing written).
func ingestOne(ctx context.Context, in *corpus.Ingester, src string, opt corpus.IngestOptions, dryRun bool) corpus.Result {
	if !dryRun {
		return in.Ingest(ctx, src, opt)
	}
	a, err := in.ReadSource(ctx, src, opt.Title)
	if err == nil {
		a, err = corpus.Prepare(a, opt.Overrides)
	}
	if err != nil {
		return corpus.Result{Source: src, Err: err}
	}
	return corpus.Result{Source: src, Outcome: corpus.Added, Article: a}
}
