package follow

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"sort"
	"strings"
	"time"

	"github.com/vnru/vnru/corpus"
)

// Ingester adds an extracted page to the corpus, through the same path as
// `vnru ingest` (the caller adapts its ingest code to it).
type Ingester interface {
	// Known reports whether the corpus already has an article at pageURL.
	Known(pageURL string) bool
	// Ingest adds the page's article. Outcome.Added is false when the
	// corpus has it already (same URL or same text).
	Ingest(ctx context.Context, p corpus.Article) (Outcome, error)
}

// Outcome is what Ingest did with a page.
type Outcome struct {
	Added bool
	ID    string // the article written, or the one that has the page already
	Note  string // why it was not added
}

// Options configure a Follower.
type Options struct {
	Dir       string            // corpus folder holding the state file; "" keeps no state
	Topic     *Topic            // which entries to keep; required
	Since     time.Time         // entries published before are skipped; zero: no limit
	Delay     time.Duration     // between two requests to one host; default DefaultDelay
	Clock     Clock             // default SystemClock
	Transport http.RoundTripper // default http.DefaultTransport
	DryRun    bool              // save no state (the Ingester is told to write nothing by its maker)
	// Progress, when set, is called after each article page is handled.
	Progress func(done, total int)
}

// Follower reads feeds and sitemaps and ingests the on-topic articles
// they list.
type Follower struct {
	lg  *slog.Logger
	ing Ingester
	opt Options
}

// New returns a Follower. lg gets debug lines; what a run did is in its
// Report.
func New(lg *slog.Logger, ing Ingester, opt Options) (*Follower, error) {
	if opt.Topic == nil {
		return nil, errors.New("follow: no topic: pass Options.Topic")
	}
	if opt.Delay < 0 {
		return nil, fmt.Errorf("follow: delay %v is negative: use 0 for the default (%v)", opt.Delay, DefaultDelay)
	}
	if opt.Delay == 0 {
		opt.Delay = DefaultDelay
	}
	if opt.Clock == nil {
		opt.Clock = SystemClock{}
	}
	return &Follower{lg: lg, ing: ing, opt: opt}, nil
}

// run is the state of one Run.
type run struct {
	*Follower
	st      *State
	polite  *polite
	client  *http.Client
	report  Report
	entries []Entry
	listed  map[string]bool
}

// Run reads each source, keeps the entries on topic, and ingests the new
// ones. A source or page that fails is reported and the others go on; Run
// returns an error only when the state cannot be read or written, or ctx
// ends (the state is saved first, so nothing done is lost).
func (f *Follower) Run(ctx context.Context, sources []string) (Report, error) {
	start := f.opt.Clock.Now()
	st, err := LoadState(f.opt.Dir)
	if err != nil {
		return Report{}, err
	}
	r := &run{Follower: f, st: st, listed: map[string]bool{}}
	r.polite = newPolite(f.opt.Transport, f.opt.Clock, f.opt.Delay, f.lg, st)
	r.client = &http.Client{Transport: r.polite, CheckRedirect: func(_ *http.Request, via []*http.Request) error {
		if len(via) > corpus.DefaultMaxRedirects {
			return fmt.Errorf("more than %d redirects", corpus.DefaultMaxRedirects)
		}
		return nil
	}}
	for _, src := range sources {
		if err := ctx.Err(); err != nil {
			return r.finish(start, err)
		}
		r.source(ctx, src, true)
	}
	r.addRetries()
	var queue []Entry
	for _, e := range r.entries {
		if r.keepBeforeFetch(e) {
			queue = append(queue, e)
		}
	}
	err = r.pages(ctx, byHostInTurn(queue))
	return r.finish(start, err)
}

func (r *run) finish(start time.Time, err error) (Report, error) {
	r.report.Requests = r.polite.Requests()
	if serr := r.save(); serr != nil && err == nil {
		err = serr
	}
	r.report.Took = r.opt.Clock.Now().Sub(start)
	return r.report, err
}

func (r *run) save() error {
	if r.opt.DryRun || r.opt.Dir == "" {
		return nil
	}
	return r.st.Save(r.opt.Dir, r.opt.Clock.Now())
}

// source reads one feed or sitemap; a sitemap index's sitemaps are read
// too (one level: an index listing indexes is not followed further).
func (r *run) source(ctx context.Context, src string, top bool) {
	now := r.opt.Clock.Now()
	ss := r.st.Sources[src]
	if ss == nil {
		ss = &SourceState{}
	}
	if ss.RetryAt.After(now) {
		r.report.Sources = append(r.report.Sources, SourceResult{URL: src, RetryAt: ss.RetryAt, LastError: ss.LastError})
		return
	}
	res := SourceResult{URL: src}
	l, err := r.readSource(ctx, src, ss, &res)
	r.st.Sources[src] = ss
	if err != nil {
		if ctx.Err() != nil {
			return
		}
		ss.Failures++
		ss.RetryAt = now.Add(backoff(ss.Failures))
		ss.LastError = err.Error()
		ss.ETag, ss.LastModified = "", "" // read it whole next time
		res.Err = err
		r.report.Sources = append(r.report.Sources, res)
		return
	}
	ss.Failures, ss.RetryAt, ss.LastError, ss.Checked = 0, time.Time{}, "", now
	r.report.Sources = append(r.report.Sources, res)
	for _, e := range l.entries {
		if !r.listed[e.URL] {
			r.listed[e.URL] = true
			r.entries = append(r.entries, e)
		}
	}
	if !top {
		return // an index listing indexes is not followed further
	}
	if res.NotModified {
		for _, u := range ss.Sitemaps {
			r.source(ctx, u, false)
		}
		return
	}
	ss.Sitemaps = nil
	for _, sm := range l.sitemaps {
		if !r.opt.Since.IsZero() && !sm.Published.IsZero() && sm.Published.Before(r.opt.Since) {
			continue // not changed since --since: holds nothing newer
		}
		ss.Sitemaps = append(ss.Sitemaps, sm.URL)
		r.source(ctx, sm.URL, false)
	}
}

// readSource fetches a source with a conditional GET and parses it.
func (r *run) readSource(ctx context.Context, src string, ss *SourceState, res *SourceResult) (listing, error) {
	if err := r.polite.waitTurn(ctx, src); err != nil {
		return listing{}, err
	}
	ctx, cancel := context.WithTimeout(ctx, corpus.DefaultFetchTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, src, nil)
	if err != nil {
		return listing{}, err
	}
	req.Header.Set("Accept", "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5")
	if ss.ETag != "" {
		req.Header.Set("If-None-Match", ss.ETag)
	}
	if ss.LastModified != "" {
		req.Header.Set("If-Modified-Since", ss.LastModified)
	}
	resp, err := r.client.Do(req)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			return listing{}, fmt.Errorf("no answer within %v", corpus.DefaultFetchTimeout)
		}
		return listing{}, err
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusNotModified {
		res.NotModified = true
		return listing{}, nil
	}
	if resp.StatusCode != http.StatusOK {
		return listing{}, fmt.Errorf("HTTP %s", resp.Status)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, corpus.DefaultMaxPageBytes+1))
	if err != nil {
		return listing{}, fmt.Errorf("read source: %w", err)
	}
	if len(body) > corpus.DefaultMaxPageBytes {
		return listing{}, fmt.Errorf("source larger than %d bytes", corpus.DefaultMaxPageBytes)
	}
	l, err := parseListing(body, resp.Request.URL)
	if err != nil {
		return listing{}, err
	}
	res.Kind, res.Entries = l.kind, len(l.entries)+len(l.sitemaps)
	ss.ETag, ss.LastModified = resp.Header.Get("ETag"), resp.Header.Get("Last-Modified")
	return l, nil
}

// addRetries queues the failed entries whose back-off is over, which
// no source listed this run (a feed answering 304 lists nothing).
func (r *run) addRetries() {
	now := r.opt.Clock.Now()
	var urls []string
	for u, es := range r.st.Entries {
		if es.Status == statusFailed && es.Failures < giveUpAfter && !es.RetryAt.After(now) && !r.listed[u] {
			urls = append(urls, u)
		}
	}
	sort.Strings(urls)
	for _, u := range urls {
		r.listed[u] = true
		r.entries = append(r.entries, Entry{URL: u, Title: r.st.Entries[u].Title})
	}
}

// keepBeforeFetch decides what it can without fetching the page: what the
// state remembers, --since, the corpus, and the subject in the title and
// description. It reports whether the page must be fetched.
func (r *run) keepBeforeFetch(e Entry) bool {
	now := r.opt.Clock.Now()
	if es := r.st.Entries[e.URL]; es != nil {
		es.Seen = now
		switch {
		case es.Status == statusAdded || es.Status == statusKnown:
			return r.skip(e.URL, SkipKnown, es.ID)
		case es.Status == statusOffTopic && es.Topic == r.opt.Topic.Key():
			return r.skip(e.URL, SkipOffTopic, es.Detail)
		case es.Status == statusFailed && es.Failures >= giveUpAfter:
			return r.skip(e.URL, SkipGaveUp, es.Detail)
		case es.Status == statusFailed && es.RetryAt.After(now):
			return r.skip(e.URL, SkipBackingOff, es.Detail)
		case es.Status == statusOld && !r.opt.Since.IsZero() && es.Published.Before(r.opt.Since):
			return r.skip(e.URL, SkipOld, es.Published.Format(time.DateOnly))
		}
	}
	if !r.opt.Since.IsZero() && !e.Published.IsZero() && e.Published.Before(r.opt.Since) {
		return r.skip(e.URL, SkipOld, e.Published.Format(time.DateOnly))
	}
	if r.ing.Known(e.URL) {
		r.record(e, statusKnown, "", "")
		return r.skip(e.URL, SkipKnown, "")
	}
	if e.Title != "" || e.Description != "" {
		if !r.opt.Topic.Subject(e.Title, e.Description) {
			_, missing := r.opt.Topic.Match(e.Title, e.Description)
			r.record(e, statusOffTopic, "", missing)
			return r.skip(e.URL, SkipOffTopic, missing)
		}
	}
	return true
}

func (r *run) skip(u, reason, detail string) bool {
	r.report.Skipped = append(r.report.Skipped, Skip{URL: u, Reason: reason, Detail: detail})
	return false
}

func (r *run) record(e Entry, status, id, detail string) {
	es := &EntryState{Status: status, Seen: r.opt.Clock.Now(), ID: id, Detail: detail}
	if status == statusOffTopic {
		es.Topic = r.opt.Topic.Key()
	}
	r.st.Entries[e.URL] = es
}

func (r *run) fail(e Entry, err error) {
	now := r.opt.Clock.Now()
	es := r.st.Entries[e.URL]
	if es == nil || es.Status != statusFailed {
		es = &EntryState{Status: statusFailed}
		r.st.Entries[e.URL] = es
	}
	es.Seen, es.Title, es.Detail = now, e.Title, err.Error()
	es.Failures++
	es.RetryAt = now.Add(backoff(es.Failures))
	r.report.Failed = append(r.report.Failed, Failure{URL: e.URL, Err: err})
}

// pages fetches each queued page, checks its topic and date, and ingests
// it. The state is saved after each page, so a crash loses at most one.
func (r *run) pages(ctx context.Context, queue []Entry) error {
	fetcher := corpus.Fetcher{Client: r.client, UserAgent: UserAgent}
	for i, e := range queue {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := r.page(ctx, fetcher, e); err != nil {
			return err
		}
		if err := r.save(); err != nil {
			return err
		}
		if r.opt.Progress != nil {
			r.opt.Progress(i+1, len(queue))
		}
	}
	return nil
}

func (r *run) page(ctx context.Context, fetcher corpus.Fetcher, e Entry) error {
	if err := r.polite.waitTurn(ctx, e.URL); err != nil {
		return err
	}
	p, err := fetcher.Fetch(ctx, e.URL)
	switch {
	case ctx.Err() != nil:
		return ctx.Err()
	case errors.Is(err, ErrDisallowed):
		r.skip(e.URL, SkipDisallowed, "")
		return nil
	case err != nil:
		r.fail(e, err)
		return nil
	}
	if !r.opt.Since.IsZero() && !p.Published.IsZero() && p.Published.Time.Before(r.opt.Since) {
		r.record(e, statusOld, "", "")
		r.st.Entries[e.URL].Published = p.Published.Time
		r.skip(e.URL, SkipOld, p.Published.String())
		return nil
	}
	if ok, missing := r.opt.Topic.Match(e.Title, e.Description, p.Title, strings.Join(p.Paragraphs, "\n")); !ok {
		r.record(e, statusOffTopic, "", missing)
		r.skip(e.URL, SkipOffTopic, missing)
		return nil
	}
	out, err := r.ing.Ingest(ctx, p)
	switch {
	case err != nil:
		r.fail(e, err)
	case !out.Added:
		r.record(e, statusKnown, out.ID, out.Note)
		r.skip(e.URL, SkipKnown, out.Note)
	default:
		r.record(e, statusAdded, out.ID, "")
		r.report.Added = append(r.report.Added, Added{URL: e.URL, ID: out.ID, Title: p.Title})
	}
	return nil
}

// byHostInTurn orders entries so consecutive requests go to different
// hosts where possible: while one host's delay runs, another is asked.
func byHostInTurn(entries []Entry) []Entry {
	var hosts []string
	byHost := map[string][]Entry{}
	for _, e := range entries {
		h := hostOf(e.URL)
		if _, ok := byHost[h]; !ok {
			hosts = append(hosts, h)
		}
		byHost[h] = append(byHost[h], e)
	}
	out := make([]Entry, 0, len(entries))
	for len(out) < len(entries) {
		for _, h := range hosts {
			if q := byHost[h]; len(q) > 0 {
				out = append(out, q[0])
				byHost[h] = q[1:]
			}
		}
	}
	return out
}
