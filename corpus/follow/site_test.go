package follow

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/vnru/vnru/corpus"
)

// fakeClock is a Clock whose Sleep moves time on at once.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func newFakeClock() *fakeClock {
	return &fakeClock{now: time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.Advance(d)
	return nil
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if d > 0 {
		c.now = c.now.Add(d)
	}
}

// hit is one request the test site answered.
type hit struct {
	host   string // "a" or "b"
	path   string
	at     time.Time // on the fake clock
	status int
	ua     string
}

// site is two Vietnamese outlets on local servers, serving
// testdata/site/a and testdata/site/b. {{A}} and {{B}} in the files
// become the servers' addresses. Feeds and sitemaps carry an ETag and
// answer 304 to a matching If-None-Match, as static file servers do.
type site struct {
	t     *testing.T
	clock *fakeClock
	a, b  *httptest.Server
	mu    sync.Mutex
	hits  []hit
}

func newSite(t *testing.T, clock *fakeClock) *site {
	t.Helper()
	s := &site{t: t, clock: clock}
	s.a = httptest.NewServer(s.handler("a"))
	t.Cleanup(s.a.Close)
	s.b = httptest.NewServer(s.handler("b"))
	t.Cleanup(s.b.Close)
	return s
}

func (s *site) handler(name string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := hit{host: name, path: r.URL.Path, at: s.clock.Now(), status: http.StatusOK, ua: r.UserAgent()}
		defer func() {
			s.mu.Lock()
			s.hits = append(s.hits, h)
			s.mu.Unlock()
		}()
		data, err := os.ReadFile(filepath.Join("testdata", "site", name, filepath.FromSlash(path.Clean(r.URL.Path))))
		if err != nil {
			h.status = http.StatusNotFound
			http.NotFound(w, r)
			return
		}
		body := strings.NewReplacer("{{A}}", s.a.URL, "{{B}}", s.b.URL).Replace(string(data))
		switch path.Ext(r.URL.Path) {
		case ".html":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
		case ".txt":
			w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		default:
			sum := sha256.Sum256([]byte(body))
			etag := `"` + hex.EncodeToString(sum[:8]) + `"`
			w.Header().Set("Content-Type", "application/xml; charset=utf-8")
			w.Header().Set("ETag", etag)
			if r.Header.Get("If-None-Match") == etag {
				h.status = http.StatusNotModified
				w.WriteHeader(http.StatusNotModified)
				return
			}
		}
		w.Write([]byte(body))
	})
}

// take returns the requests answered since the last call.
func (s *site) take() []hit {
	s.mu.Lock()
	defer s.mu.Unlock()
	h := s.hits
	s.hits = nil
	return h
}

// fakeIngester keeps the pages it is given; a page whose URL it has is
// not added again.
type fakeIngester struct {
	known map[string]bool
	pages []corpus.Article
}

func (f *fakeIngester) Known(u string) bool { return f.known[u] }

func (f *fakeIngester) Ingest(_ context.Context, p corpus.Article) (Outcome, error) {
	id := corpus.Slug(p.Published, p.Title)
	if f.known[p.URL] {
		return Outcome{ID: id, Note: "same URL"}, nil
	}
	if f.known == nil {
		f.known = map[string]bool{}
	}
	f.known[p.URL] = true
	f.pages = append(f.pages, p)
	return Outcome{Added: true, ID: id}, nil
}

// testTopic is the default topic, cut down.
func testTopic(t *testing.T) *Topic {
	t.Helper()
	topic, err := NewTopic([][]string{
		{"Nga", "Liên bang Nga", "Putin", "Moskva", "Russia*", "росси*"},
		{"Việt Nam", "Hà Nội", "Tô Lâm", "Vietnam*", "вьетнам*"},
	}, []string{"chị Nga", "bà Nga", "Thị Nga"})
	if err != nil {
		t.Fatal(err)
	}
	return topic
}
