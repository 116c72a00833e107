package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"time"

	"github.com/vnru/vnru/corpus/follow"
)

// followSchedule runs a follow when the bot starts and then every period,
// and reloads the engine when articles were added, so they are served
// without a restart.
type followSchedule struct {
	every  time.Duration
	clock  follow.Clock
	lg     *slog.Logger
	follow func(ctx context.Context) (follow.Report, error)
	reload func(ctx context.Context) (int, error)

	mu   sync.Mutex
	last followRun
}

// followRun is the outcome of the last scheduled follow (for /stats).
type followRun struct {
	At       time.Time
	Added    int
	Failed   int
	Reloaded bool
	Err      error
}

// run follows until ctx is done; it exits then (the bot's lifetime).
func (s *followSchedule) run(ctx context.Context) {
	for {
		s.once(ctx)
		if err := s.clock.Sleep(ctx, s.every); err != nil {
			return
		}
	}
}

func (s *followSchedule) once(ctx context.Context) {
	r := followRun{At: s.clock.Now()}
	rep, err := s.follow(ctx)
	r.Added, r.Failed, r.Err = len(rep.Added), len(rep.Failed)+rep.FailedSources(), err
	if err != nil {
		s.lg.Error("scheduled follow failed", "err", err)
	} else {
		s.lg.Info("followed feeds", "added", len(rep.Added), "skipped", len(rep.Skipped), "failed_pages", len(rep.Failed),
			"failed_sources", rep.FailedSources(), "requests", rep.Requests, "ms", rep.Took.Milliseconds())
		for _, src := range rep.Sources {
			if src.Err != nil {
				s.lg.Warn("feed failed", "url", src.URL, "err", src.Err)
			}
		}
	}
	if len(rep.Added) > 0 && ctx.Err() == nil {
		_, rerr := s.reload(ctx) // logs its own failure
		r.Reloaded = rerr == nil
	}
	s.mu.Lock()
	s.last = r
	s.mu.Unlock()
}

// Last returns the outcome of the last scheduled follow; At is zero before
// the first.
func (s *followSchedule) Last() followRun {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.last
}

// newBotFollowSchedule makes the schedule of VNRU_FEEDS and
// VNRU_FOLLOW_EVERY for the bot: follows write to the bot's corpus
// folder and report through its logger; the reload adds what changed to
// the index.
// delay is the wait between two requests to one host.
func newBotFollowSchedule(env *environment, cf corpusFlags, reload func(context.Context) (int, error), delay time.Duration) (*followSchedule, error) {
	if cf.corpusDir == "" {
		return nil, errors.New("VNRU_FEEDS needs a corpus folder to add articles to: set VNRU_CORPUS_DIR (or pass --corpus DIR)")
	}
	ff := followFlags{corpusFlags: corpusFlags{corpusDir: cf.corpusDir}, delay: delay}
	job, err := ff.job(env.cfg.Feeds)
	if err != nil {
		return nil, fmt.Errorf("VNRU_FEEDS: %v", err) // %v: a configuration error, not a usage error
	}
	return &followSchedule{
		every: env.cfg.FollowEvery,
		clock: follow.SystemClock{},
		lg:    env.lg,
		follow: func(ctx context.Context) (follow.Report, error) {
			return job.run(ctx, env, io.Discard, io.Discard)
		},
		reload: reload,
	}, nil
}
