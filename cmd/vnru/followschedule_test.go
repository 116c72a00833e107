package main

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/vnru/vnru/configs"
	"github.com/vnru/vnru/corpus/follow"
)

// stepClock is a follow.Clock whose Sleep moves time on at once and
// records the waits.
type stepClock struct {
	now    time.Time
	sleeps []time.Duration
}

func (c *stepClock) Now() time.Time { return c.now }

func (c *stepClock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.sleeps = append(c.sleeps, d)
	c.now = c.now.Add(d)
	return nil
}

func TestFollowSchedule(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	clock := &stepClock{now: time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)}
	// Three runs: nothing new, two articles, a failure; the bot stops
	// during the third.
	runs := []struct {
		added int
		err   error
	}{{0, nil}, {2, nil}, {0, errors.New("state file damaged")}}
	var calls, reloads int
	var at []time.Time
	s := &followSchedule{
		every: 30 * time.Minute,
		clock: clock,
		lg:    slog.New(slog.NewTextHandler(tWriter{t}, nil)),
		follow: func(context.Context) (follow.Report, error) {
			r := runs[calls]
			calls++
			at = append(at, clock.Now())
			if calls == len(runs) {
				cancel()
			}
			return follow.Report{Added: make([]follow.Added, r.added)}, r.err
		},
		reload: func(context.Context) (int, error) { reloads++; return 7, nil },
	}
	s.run(ctx) // returns when ctx is cancelled
	if calls != 3 || reloads != 1 {
		t.Errorf("%d follows and %d reloads, want 3 and 1 (only after the run that added articles)", calls, reloads)
	}
	for i := 1; i < len(at); i++ {
		if gap := at[i].Sub(at[i-1]); gap != 30*time.Minute {
			t.Errorf("follow %d came %v after the one before, want 30m", i+1, gap)
		}
	}
	if last := s.Last(); last.Err == nil || last.Added != 0 || !last.At.Equal(at[2]) {
		t.Errorf("Last() = %+v, want the third run's failure", last)
	}
}

// tWriter sends log lines to t.Log.
type tWriter struct{ t *testing.T }

func (w tWriter) Write(p []byte) (int, error) {
	w.t.Log(string(p))
	return len(p), nil
}

// TestBotFollowSchedule: the bot's schedule follows VNRU_FEEDS into its
// corpus folder and reloads when an article was added.
func TestBotFollowSchedule(t *testing.T) {
	srv, _ := newsSite(t)
	dir := t.TempDir()
	env := &environment{cfg: configs.Config{Feeds: []string{srv.URL + "/rss"}, FollowEvery: time.Hour}, lg: slog.New(slog.NewTextHandler(tWriter{t}, nil))}
	reloads := 0
	reload := func(context.Context) (int, error) { reloads++; return 6, nil }
	s, err := newBotFollowSchedule(env, corpusFlags{corpusDir: dir}, reload, time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	s.once(context.Background())
	if last := s.Last(); last.Added != 1 || last.Failed != 1 || !last.Reloaded || reloads != 1 {
		t.Errorf("Last() = %+v after %d reloads, want 1 added, 1 failed (the 404), reloaded once", last, reloads)
	}
	if _, err := os.Stat(filepath.Join(dir, "2025-05-09-nga-cap-1-035-suat-hoc-bong-cho-sinh-vien-viet-nam.md")); err != nil {
		t.Errorf("article not written: %v", err)
	}
	s.once(context.Background()) // nothing new: no reload
	if reloads != 1 {
		t.Errorf("%d reloads after a run that added nothing, want still 1", reloads)
	}

	for _, tc := range []struct {
		feeds []string
		dir   string
		want  string
	}{
		{[]string{"ftp://example.com/rss"}, dir, "VNRU_FEEDS: follow: unknown kind of source"},
		{[]string{srv.URL + "/rss"}, "", "VNRU_FEEDS needs a corpus folder"},
	} {
		env.cfg.Feeds = tc.feeds
		if _, err := newBotFollowSchedule(env, corpusFlags{corpusDir: tc.dir}, reload, time.Millisecond); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("feeds %q, corpus %q: err = %v, want %q", tc.feeds, tc.dir, err, tc.want)
		}
	}
}
