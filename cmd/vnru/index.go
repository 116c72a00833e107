package main

import (
	"context"
	"flag"
	"fmt"
	"time"

	"github.com/vnru/vnru/retrieval"
)

func indexCommand() command {
	return command{
		name:    "index",
		summary: "build or check the persistent index and print what it holds",
		flags: func(fs *flag.FlagSet, env *environment) func(context.Context, []string) error {
			var cf corpusFlags
			cf.register(fs, env.cfg)
			return func(ctx context.Context, args []string) error {
				if len(args) > 0 {
					return usageError("index: unexpected argument %q", args[0])
				}
				if cf.indexDir == "" {
					return usageError("index: no index folder: pass --index DIR or set VNRU_INDEX_DIR")
				}
				start := time.Now()
				articles, err := loadArticles(env, cf.corpusDir)
				if err != nil {
					return err
				}
				opt, err := engineOptions(env.cfg)
				if err != nil {
					return err
				}
				opt.IndexDir = cf.indexDir
				bar := newProgress(env.stderr, "index", true)
				// The engine reports progress only while it builds: a
				// reused index reports none.
				rebuilt := false
				opt.Progress = func(done, total int) {
					rebuilt = true
					bar.Set(done, total)
				}
				eng, err := retrieval.Open(ctx, env.lg, articles, opt)
				bar.Finish()
				if err != nil {
					return err
				}
				defer eng.Close()
				state := "reused (the articles are unchanged)"
				if rebuilt {
					state = "rebuilt"
				}
				fmt.Fprintf(env.stdout, "index %s\nstate %s\narticles %d\npassages %d\ndates %s\ntime %v\n",
					cf.indexDir, state, len(eng.Sources()), eng.Passages(), dateRange(eng.Sources()), time.Since(start).Round(time.Millisecond))
				return nil
			}
		},
	}
}

// dateRange is "first – last" publication date of the sources.
func dateRange(src []retrieval.Source) string {
	first, last := retrieval.DateRange(src)
	if first.IsZero() {
		return "-"
	}
	return first.Format(time.DateOnly) + " – " + last.Format(time.DateOnly)
}
