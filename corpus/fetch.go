package corpus

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"time"
)

// Fetcher downloads news pages politely and within bounds.
type Fetcher struct {
	Client       *http.Client // default: Timeout, and at most MaxRedirects redirects
	Timeout      time.Duration
	MaxBytes     int64
	MaxRedirects int
	UserAgent    string
}

// Fetcher defaults: a page is a few hundred kilobytes; a site that takes
// 20 s or redirects five times is not going to give us an article.
const (
	DefaultFetchTimeout = 20 * time.Second
	DefaultMaxPageBytes = 5 << 20
	DefaultMaxRedirects = 5
	DefaultUserAgent    = "vnru-ingest/1.0 (news quote bot; +https://github.com/vnru/vnru)"
)

// Fetch downloads an HTML page and extracts its article. Errors are one
// line that says what went wrong: HTTP status, not HTML, too large, too
// slow, too many redirects, no article text.
func (f Fetcher) Fetch(ctx context.Context, rawURL string) (Article, error) {
	u, err := url.Parse(rawURL)
	if err != nil || u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return Article{}, fmt.Errorf("%q is not an http(s) address", rawURL)
	}
	f = f.withDefaults()
	ctx, cancel := context.WithTimeout(ctx, f.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return Article{}, err
	}
	req.Header.Set("User-Agent", f.UserAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml")
	resp, err := f.Client.Do(req)
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) {
			return Article{}, fmt.Errorf("no answer within %v", f.Timeout)
		}
		return Article{}, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return Article{}, fmt.Errorf("HTTP %s", resp.Status)
	}
	ct := resp.Header.Get("Content-Type")
	if mt, _, _ := mime.ParseMediaType(ct); ct != "" && mt != "text/html" && mt != "application/xhtml+xml" {
		return Article{}, fmt.Errorf("not an HTML page (%s)", mt)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, f.MaxBytes+1))
	if err != nil {
		if errors.Is(err, context.DeadlineExceeded) || errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return Article{}, fmt.Errorf("page not received within %v", f.Timeout)
		}
		return Article{}, fmt.Errorf("read page: %w", err)
	}
	if int64(len(body)) > f.MaxBytes {
		return Article{}, fmt.Errorf("page larger than %d bytes", f.MaxBytes)
	}
	return FromHTML(bytes.NewReader(body), ct, resp.Request.URL)
}

func (f Fetcher) withDefaults() Fetcher {
	if f.Timeout == 0 {
		f.Timeout = DefaultFetchTimeout
	}
	if f.MaxBytes == 0 {
		f.MaxBytes = DefaultMaxPageBytes
	}
	if f.MaxRedirects == 0 {
		f.MaxRedirects = DefaultMaxRedirects
	}
	if f.UserAgent == "" {
		f.UserAgent = DefaultUserAgent
	}
	if f.Client == nil {
		max := f.MaxRedirects
		f.Client = &http.Client{CheckRedirect: func(_ *http.Request, via []*http.Request) error {
			if len(via) > max {
				return fmt.Errorf("more than %d redirects", max)
			}
			return nil
		}}
	}
	return f
}
