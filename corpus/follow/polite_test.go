package follow

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// TestRobotsServerError: a host whose robots.txt answers 5xx is not
// crawled (Google's rule), and robots.txt is asked once per run, not once
// per page.
func TestRobotsServerError(t *testing.T) {
	var mu sync.Mutex
	var asked []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		asked = append(asked, r.URL.Path)
		mu.Unlock()
		if r.URL.Path == "/robots.txt" {
			http.Error(w, "busy", http.StatusServiceUnavailable)
			return
		}
		w.Write([]byte("<rss version=\"2.0\"><channel></channel></rss>"))
	}))
	defer srv.Close()
	clock := newFakeClock()
	rep, err := newFollower(t, t.TempDir(), clock, &fakeIngester{}, Options{}).Run(context.Background(), []string{srv.URL + "/a.rss", srv.URL + "/b.rss"})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(asked, " "); got != "/robots.txt" {
		t.Errorf("asked %q, want robots.txt only, once", got)
	}
	if rep.FailedSources() != 2 || !strings.Contains(rep.Sources[0].Err.Error(), "HTTP 503") {
		t.Errorf("sources = %+v, want both failed on robots.txt's 503", rep.Sources)
	}
}
