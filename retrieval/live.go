package retrieval

import (
	"context"
	"fmt"
	"sync"

	"github.com/vnru/vnru/corpus"
)

// Live serves answers from an engine that can be replaced while it runs:
// Swap puts a new engine in place at once, lets the questions already
// being answered by the old one finish, then closes it. It has the
// Engine's Answer and Sources, so the bot uses it the same way.
type Live struct {
	mu     sync.RWMutex
	cur    *liveEngine
	update sync.Mutex // one Update at a time
}

type liveEngine struct {
	e    *Engine
	refs sync.WaitGroup // questions in flight on e
}

// NewLive serves e.
func NewLive(e *Engine) *Live { return &Live{cur: &liveEngine{e: e}} }

func (l *Live) acquire() *liveEngine {
	l.mu.RLock()
	defer l.mu.RUnlock()
	le := l.cur
	le.refs.Add(1) // under the read lock: Swap cannot retire le meanwhile
	return le
}

// Answer answers from the current engine.
func (l *Live) Answer(ctx context.Context, question string, opt AskOptions) (Answer, error) {
	le := l.acquire()
	defer le.refs.Done()
	return le.e.Answer(ctx, question, opt)
}

// Sources lists the current engine's articles.
func (l *Live) Sources() []Source {
	le := l.acquire()
	defer le.refs.Done()
	return le.e.Sources()
}

// Swap makes e the engine that answers, waits for the questions the old
// engine is still answering, and closes it.
func (l *Live) Swap(e *Engine) error {
	l.mu.Lock()
	old := l.cur
	l.cur = &liveEngine{e: e}
	l.mu.Unlock()
	old.refs.Wait()
	return old.e.Close()
}

// Close closes the current engine.
func (l *Live) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.cur.refs.Wait()
	return l.cur.e.Close()
}

// Update makes a view of articles from the current engine, writing only
// the articles that changed to a persistent index (Engine.Update), and
// swaps it in: questions in flight finish on the old view, new ones get
// the new. It returns the new engine, nil if the update failed (the old
// one keeps serving); an error with a non-nil engine is a failure to
// close the old view, after the new one was in place.
func (l *Live) Update(ctx context.Context, articles []corpus.Article) (*Engine, error) {
	return l.UpdateFrom(ctx, ArticlesOf(articles))
}

// UpdateFrom is Update with the articles of a source, read one at a time
// (see ArticleSource).
func (l *Live) UpdateFrom(ctx context.Context, src ArticleSource) (*Engine, error) {
	l.update.Lock()
	defer l.update.Unlock()
	le := l.acquire()
	next, err := le.e.UpdateFrom(ctx, src)
	le.refs.Done()
	if err != nil {
		return nil, err
	}
	if err := l.Swap(next); err != nil {
		return next, fmt.Errorf("close the old engine view: %w", err)
	}
	return next, nil
}
