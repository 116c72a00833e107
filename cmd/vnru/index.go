package main

import (
	"context"
	"flag"
	"fmt"
	"time"

	"github.com/vnru/vnru/corpus"
	"github.com/vnru/vnru/retrieval"
)

func indexCommand() command {
	return command{
		name:    "index",
		summary: "build, update or check the persistent index and print what it holds",
		flags: func(fs *flag.FlagSet, env *environment) func(context.Context, []string) error {
			var cf corpusFlags
			cf.register(fs, env.cfg)
			rebuild := fs.Bool("rebuild", false, "build the index from scratch instead of adding and removing only the articles that changed")
			return func(ctx context.Context, args []string) error {
				if len(args) > 0 {
					return usageError("index: unexpected argument %q", args[0])
				}
				if cf.indexDir == "" {
					return usageError("index: no index folder: pass --index DIR or set VNRU_INDEX_DIR")
				}
				start := time.Now()
				opt, err := engineOptions(env.cfg)
				if err != nil {
					return err
				}
				opt.IndexDir = cf.indexDir
				opt.Rebuild = *rebuild
				bar := newProgress(env.stderr, "index", true)
				// The engine reports progress only while it indexes: a
				// reused index reports none.
				opt.Progress = bar.Set
				// The collector as for an open (loadgc.go): a build holds
				// two segments' bleve structures and texts, which Go's
				// default lets grow to twice their size before collecting
				// (peak RSS at a million passages 2.1 GiB; 1.05 GiB with
				// this and no chunk of texts gathered ahead, `vnru bench`).
				restoreGC := loadingGC()
				eng, err := openCorpus(ctx, env, cf.corpusDir, opt)
				restoreGC()
				bar.Finish()
				if err != nil {
					return err
				}
				defer eng.Close()
				fmt.Fprintf(env.stdout, "index %s\nstate %s\narticles %d\npassages %d\nsegments %d\ndates %s\ntime %v\n",
					cf.indexDir, indexState(eng.IndexReport()), len(eng.Sources()), eng.Passages(), eng.IndexReport().Segments,
					dateRange(eng.Sources()), time.Since(start).Round(time.Millisecond))
				return nil
			}
		},
	}
}

// dateRange is "first – last" publication date of the sources.
func dateRange(src []retrieval.Source) string {
	first, last := corpus.DateRange(src, func(s retrieval.Source) corpus.Date { return s.Published })
	if first.IsZero() {
		return "-"
	}
	return first.Format(time.DateOnly) + " – " + last.Format(time.DateOnly)
}

// indexState says what opening the index did: "rebuilt", "updated: +2
// articles, −1, ~1 changed, 40 reused" or "reused (the articles are
// unchanged)".
func indexState(r retrieval.IndexReport) string {
	switch {
	case r.Rebuilt:
		return "rebuilt"
	case r.Updated():
		s := fmt.Sprintf("updated: +%d articles, −%d, ~%d changed, %d reused", r.Added, r.Removed, r.Changed, r.Reused)
		if r.Merged > 0 {
			s += fmt.Sprintf(", %d segments merged", r.Merged)
		}
		return s
	}
	return "reused (the articles are unchanged)"
}
