package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"sort"
	"sync"
	"syscall"
	"time"

	"github.com/vnru/vnru/corpus"
	"github.com/vnru/vnru/retrieval"
)

// reloader brings the engine to the articles of the corpus while the bot
// runs: only the articles added, changed or removed since are indexed
// (retrieval.Live.Update), and the new view is swapped in. A failed
// update leaves the old engine serving.
type reloader struct {
	env  *environment
	cf   corpusFlags
	live *retrieval.Live
	mu   sync.Mutex // one reload at a time
}

// reload reads the articles (one file at a time) and applies the difference to the live
// engine. It returns the number of articles now served.
func (r *reloader) reload(ctx context.Context) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	start := time.Now()
	defer reloadingGC()() // beside the serving engine
	src := corpus.NewStream(r.cf.corpusDir)
	eng, err := r.live.UpdateFrom(ctx, src)
	reportSkipped(r.env, src.Skipped())
	if eng != nil {
		if err != nil {
			r.env.lg.Warn("closing the old index", "err", err)
		}
		rep := eng.IndexReport()
		r.env.lg.Info("reloaded", "articles", len(eng.Articles()), "passages", eng.Passages(), "rebuilt", rep.Rebuilt,
			"added", rep.Added, "changed", rep.Changed, "removed", rep.Removed, "segments", rep.Segments,
			"ms", time.Since(start).Milliseconds())
		return len(eng.Articles()), nil
	}
	r.env.lg.Error("reload failed; the old index keeps serving", "err", err)
	return 0, err
}

// onSignal reloads on SIGHUP until ctx is done.
func (r *reloader) onSignal(ctx context.Context) {
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	for {
		select {
		case <-ctx.Done():
			return
		case <-hup:
			r.reload(ctx) // logs its own failure
		}
	}
}

// watch polls the corpus folder and reloads when its article files
// change (names, sizes or times). Polling needs no platform support and a
// corpus folder changes rarely.
func (r *reloader) watch(ctx context.Context, every time.Duration) {
	last := folderState(r.cf.corpusDir)
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if cur := folderState(r.cf.corpusDir); cur != last {
				last = cur
				r.reload(ctx)
			}
		}
	}
}

// folderState summarises the article files of a folder.
func folderState(dir string) string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return "error: " + err.Error()
	}
	var parts []string
	for _, e := range entries {
		info, err := e.Info()
		if err != nil || e.IsDir() {
			continue
		}
		parts = append(parts, fmt.Sprintf("%s/%d/%d", e.Name(), info.Size(), info.ModTime().UnixNano()))
	}
	sort.Strings(parts)
	return fmt.Sprint(parts)
}
