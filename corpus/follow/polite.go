package follow

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/temoto/robotstxt"

	"github.com/vnru/vnru/corpus"
)

// Politeness defaults.
const (
	// UserAgent names vnru and where to read about it.
	UserAgent = "vnru-follow/1.0 (+https://github.com/vnru/vnru)"
	// robotsAgent is the token looked up in robots.txt groups.
	robotsAgent = "vnru-follow"
	// DefaultDelay separates two requests to one host, unless robots.txt
	// asks for more with Crawl-delay.
	DefaultDelay = 2 * time.Second
	// MaxCrawlDelay is the longest Crawl-delay honoured; a host asking
	// for more is not crawled (a run would take hours).
	MaxCrawlDelay = time.Minute
	// robotsTTL: robots.txt is cached for a day, as Google does.
	robotsTTL = 24 * time.Hour
	// robotsMaxBytes: Google reads the first 500 KiB of robots.txt.
	robotsMaxBytes = 500 << 10
)

// ErrDisallowed is returned for an address robots.txt does not let vnru
// fetch.
var ErrDisallowed = errors.New("disallowed by robots.txt")

// polite is an http.RoundTripper that honours robots.txt (cached in the
// state), sends the User-Agent, and makes at most one request at a time
// per host, the next starting at least the host's delay after the last
// one ended. Every request of a run, redirects included, goes through it.
type polite struct {
	base  http.RoundTripper
	clock Clock
	delay time.Duration
	lg    *slog.Logger
	state *State

	mu       sync.Mutex // guards hosts, requests and state.Robots
	hosts    map[string]*host
	requests int
}

type host struct {
	slot      chan struct{} // one request at a time
	next      time.Time     // earliest start of the next request
	delay     time.Duration
	robotsMu  sync.Mutex // one robots.txt load at a time
	robots    *robotstxt.Group
	robotsErr error // robots.txt could not be read: the host is left alone this run
}

func newPolite(base http.RoundTripper, clock Clock, delay time.Duration, lg *slog.Logger, st *State) *polite {
	if base == nil {
		base = http.DefaultTransport
	}
	return &polite{base: base, clock: clock, delay: delay, lg: lg, state: st, hosts: map[string]*host{}}
}

func (p *polite) host(name string) *host {
	p.mu.Lock()
	defer p.mu.Unlock()
	h, ok := p.hosts[name]
	if !ok {
		h = &host{slot: make(chan struct{}, 1), delay: p.delay}
		p.hosts[name] = h
	}
	return h
}

// Requests returns the number of requests sent so far.
func (p *polite) Requests() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.requests
}

// RoundTrip implements http.RoundTripper.
func (p *polite) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	h := p.host(req.URL.Host)
	if ctx.Value(robotsFetch{}) == nil {
		g, err := p.robots(ctx, h, req.URL)
		if err != nil {
			return nil, err
		}
		if !g.Test(pathOf(req.URL)) {
			return nil, ErrDisallowed
		}
		p.mu.Lock()
		delay := h.delay
		p.mu.Unlock()
		if delay > MaxCrawlDelay {
			return nil, fmt.Errorf("robots.txt asks for %v between requests, more than vnru waits (%v)", delay, MaxCrawlDelay)
		}
	}
	if err := p.acquire(ctx, h); err != nil {
		return nil, err
	}
	req = req.Clone(ctx)
	req.Header.Set("User-Agent", UserAgent)
	resp, err := p.base.RoundTrip(req)
	if err != nil {
		p.release(h)
		return nil, err
	}
	resp.Body = &releasing{ReadCloser: resp.Body, release: func() { p.release(h) }}
	return resp, nil
}

// waitTurn waits until host may be asked again, without taking its slot:
// callers use it before a request with a deadline, so a long Crawl-delay
// is not counted against the request's time limit.
func (p *polite) waitTurn(ctx context.Context, rawURL string) error {
	u, err := url.Parse(rawURL)
	if err != nil {
		return err
	}
	h := p.host(u.Host)
	p.mu.Lock()
	wait := h.next.Sub(p.clock.Now())
	p.mu.Unlock()
	if wait > 0 && wait <= MaxCrawlDelay {
		return p.clock.Sleep(ctx, wait)
	}
	return nil
}

// acquire takes the host's slot and waits for its turn.
func (p *polite) acquire(ctx context.Context, h *host) error {
	select {
	case h.slot <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	p.mu.Lock()
	wait := h.next.Sub(p.clock.Now())
	p.mu.Unlock()
	if wait > 0 {
		if err := p.clock.Sleep(ctx, wait); err != nil {
			<-h.slot
			return err
		}
	}
	p.mu.Lock()
	p.requests++
	p.mu.Unlock()
	return nil
}

// release ends a request: the host's next request waits its delay from now.
func (p *polite) release(h *host) {
	p.mu.Lock()
	h.next = p.clock.Now().Add(h.delay)
	p.mu.Unlock()
	<-h.slot
}

// releasing releases the host when the response body is closed, so the
// slot covers the whole transfer.
type releasing struct {
	io.ReadCloser
	once    sync.Once
	release func()
}

func (r *releasing) Close() error {
	err := r.ReadCloser.Close()
	r.once.Do(r.release)
	return err
}

func pathOf(u *url.URL) string {
	p := u.EscapedPath()
	if p == "" {
		p = "/"
	}
	if u.RawQuery != "" {
		p += "?" + u.RawQuery
	}
	return p
}

// robots returns the robots.txt rules for vnru on u's host: from the
// host, once per run, from the state when fetched less than a day ago.
func (p *polite) robots(ctx context.Context, h *host, u *url.URL) (*robotstxt.Group, error) {
	h.robotsMu.Lock()
	defer h.robotsMu.Unlock()
	if h.robots != nil || h.robotsErr != nil {
		return h.robots, h.robotsErr
	}
	key := u.Scheme + "://" + u.Host
	p.mu.Lock()
	cached := p.state.Robots[key]
	p.mu.Unlock()
	if cached == nil || p.clock.Now().Sub(cached.Fetched) > robotsTTL || cached.Fetched.After(p.clock.Now()) {
		status, body, err := p.fetchRobots(ctx, key)
		if err != nil {
			h.robotsErr = fmt.Errorf("robots.txt of %s: %w", u.Host, err)
			return nil, h.robotsErr
		}
		cached = &RobotsState{Status: status, Body: body, Fetched: p.clock.Now()}
		if status >= 500 {
			// A server error means "do not crawl now" (Google's rule);
			// not kept in the state, so the next run asks again.
			h.robotsErr = fmt.Errorf("robots.txt of %s: HTTP %d: the host is not crawled until it answers", u.Host, status)
			return nil, h.robotsErr
		}
		p.mu.Lock()
		p.state.Robots[key] = cached
		p.mu.Unlock()
	}
	data, err := robotstxt.FromStatusAndString(cached.Status, cached.Body)
	if err != nil {
		// Unparseable rules: treated as no rules, as browsers and
		// Google do with lines they do not understand.
		p.lg.Warn("robots.txt not understood; no rules applied", "host", u.Host, "err", err)
		data, _ = robotstxt.FromStatusAndString(404, "")
	}
	g := data.FindGroup(robotsAgent)
	p.mu.Lock()
	if g.CrawlDelay > h.delay {
		if !h.next.IsZero() { // robots.txt itself was just fetched: its wait grows too
			h.next = h.next.Add(g.CrawlDelay - h.delay)
		}
		h.delay = g.CrawlDelay
	}
	p.mu.Unlock()
	h.robots = g
	return g, nil
}

// robotsFetch marks the context of a robots.txt request (and its
// redirects), which robots.txt rules do not apply to.
type robotsFetch struct{}

func (p *polite) fetchRobots(ctx context.Context, origin string) (int, string, error) {
	ctx, cancel := context.WithTimeout(context.WithValue(ctx, robotsFetch{}, true), corpus.DefaultFetchTimeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, origin+"/robots.txt", nil)
	if err != nil {
		return 0, "", err
	}
	resp, err := (&http.Client{Transport: p}).Do(req)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, robotsMaxBytes))
	if err != nil {
		return 0, "", err
	}
	return resp.StatusCode, string(body), nil
}
