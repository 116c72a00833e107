package follow

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"
)

func newFollower(t *testing.T, dir string, clock Clock, ing Ingester, opt Options) *Follower {
	t.Helper()
	opt.Dir, opt.Clock = dir, clock
	if opt.Topic == nil {
		opt.Topic = testTopic(t)
	}
	if opt.Delay == 0 {
		opt.Delay = 2 * time.Second
	}
	f, err := New(newTestLogger(t), ing, opt)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func paths(hits []hit) []string {
	var out []string
	for _, h := range hits {
		out = append(out, h.host+h.path)
	}
	return out
}

func TestFollowSite(t *testing.T) {
	clock := newFakeClock()
	s := newSite(t, clock)
	dir := t.TempDir()
	ing := &fakeIngester{}
	sources := []string{s.a.URL + "/rss.xml", s.b.URL + "/atom.xml", s.b.URL + "/sitemap_index.xml", s.b.URL + "/broken.rss"}
	var progress []int
	f := newFollower(t, dir, clock, ing, Options{Progress: func(done, total int) { progress = append(progress, done*100+total) }})

	rep, err := f.Run(context.Background(), sources)
	if err != nil {
		t.Fatal(err)
	}
	first := s.take()

	var added []string
	for _, a := range rep.Added {
		added = append(added, strings.TrimPrefix(strings.TrimPrefix(a.URL, s.a.URL), s.b.URL)+" "+a.ID)
	}
	wantAdded := []string{
		"/the-gioi/viet-nam-nga-hop-tac-dau-khi.html 2025-03-10-viet-nam-va-nga-ky-thoa-thuan-hop-tac-dau-khi-moi",
		"/quan-he/to-lam-tham-nga.html 2025-04-02-tong-bi-thu-to-lam-tham-chinh-thuc-lien-bang-nga",
		"/quan-he/hoc-bong-nga.html 2025-05-09-nga-cap-1-035-suat-hoc-bong-cho-sinh-vien-viet-nam",
	}
	if !reflect.DeepEqual(added, wantAdded) {
		t.Errorf("added\n%s\nwant\n%s", strings.Join(added, "\n"), strings.Join(wantAdded, "\n"))
	}
	if len(ing.pages) != 3 || ing.pages[0].Source != "Báo A" || ing.pages[0].URL != s.a.URL+"/the-gioi/viet-nam-nga-hop-tac-dau-khi.html" {
		t.Errorf("ingested pages: %+v", ing.pages)
	}

	var skipped []string
	for _, sk := range rep.Skipped {
		skipped = append(skipped, sk.Reason+" "+strings.TrimPrefix(strings.TrimPrefix(sk.URL, s.a.URL), s.b.URL))
	}
	sort.Strings(skipped)
	wantSkipped := []string{
		"disallowed by robots.txt /private/nga-viet-nam-noi-bo.html",
		"off-topic /doi-song/chi-nga-ban-hang.html", // chị Nga is a name
		"off-topic /kinh-doanh/gia-vang.html",       // not fetched: no Russia in the title
		"off-topic /the-gioi/nga-ukraine-dam-phan.html",
		"off-topic /van-hoa/ho-thien-nga.html", // a swan, not Russia
	}
	if !reflect.DeepEqual(skipped, wantSkipped) {
		t.Errorf("skipped\n%s\nwant\n%s", strings.Join(skipped, "\n"), strings.Join(wantSkipped, "\n"))
	}
	if len(rep.Failed) != 1 || rep.Failed[0].URL != s.a.URL+"/the-gioi/nga-bi-xoa.html" || rep.Failed[0].Err.Error() != "HTTP 404 Not Found" {
		t.Errorf("failed = %v, want the 404 page with HTTP 404 Not Found", rep.Failed)
	}

	// Sources: kinds, and the malformed feed reported without stopping the others.
	var srcs []string
	for _, r := range rep.Sources {
		line := strings.TrimPrefix(strings.TrimPrefix(r.URL, s.a.URL), s.b.URL) + " " + r.Kind
		if r.Err != nil {
			line += " error: " + r.Err.Error()
		}
		srcs = append(srcs, line)
	}
	wantSrcs := []string{"/rss.xml rss", "/atom.xml atom", "/sitemap_index.xml sitemap index", "/sitemap-news.xml sitemap", "/broken.rss  error: malformed feed"}
	for i := range wantSrcs {
		if i >= len(srcs) || !strings.HasPrefix(srcs[i], wantSrcs[i]) {
			t.Errorf("sources\n%s\nwant (prefixes)\n%s", strings.Join(srcs, "\n"), strings.Join(wantSrcs, "\n"))
			break
		}
	}

	// Never asked: pages robots.txt disallows, pages off topic by title.
	for _, h := range first {
		switch h.path {
		case "/private/nga-viet-nam-noi-bo.html", "/kinh-doanh/gia-vang.html", "/van-hoa/ho-thien-nga.html":
			t.Errorf("%s%s was requested", h.host, h.path)
		}
		if h.ua != UserAgent {
			t.Errorf("%s%s: User-Agent %q, want %q", h.host, h.path, h.ua, UserAgent)
		}
	}
	if rep.Requests != len(first) {
		t.Errorf("report counts %d requests, the site saw %d", rep.Requests, len(first))
	}

	// Spacing: robots.txt of A asks for 5 s, B gets the configured 2 s.
	checkSpacing(t, first, map[string]time.Duration{"a": 5 * time.Second, "b": 2 * time.Second})
	if rep.Took < 5*time.Second {
		t.Errorf("took %v on the fake clock, want at least A's crawl delay", rep.Took)
	}
	if want := []int{107, 207, 307, 407, 507, 607, 707}; !reflect.DeepEqual(progress, want) {
		t.Errorf("progress = %v, want %v", progress, want)
	}
	if _, err := os.Stat(filepath.Join(dir, StateFile)); err != nil {
		t.Errorf("no state file: %v", err)
	}

	// A second run, ten minutes later, with a fresh follower and the
	// state file: only the feeds are asked, and they answer 304; the
	// malformed feed and the 404 page wait for their back-off.
	clock.Advance(10 * time.Minute)
	f = newFollower(t, dir, clock, ing, Options{})
	rep, err = f.Run(context.Background(), sources)
	if err != nil {
		t.Fatal(err)
	}
	second := s.take()
	wantSecond := []string{"a/rss.xml", "b/atom.xml", "b/sitemap_index.xml", "b/sitemap-news.xml"}
	if !reflect.DeepEqual(paths(second), wantSecond) {
		t.Errorf("second run asked %v, want %v", paths(second), wantSecond)
	}
	for _, h := range second {
		if h.status != 304 {
			t.Errorf("second run: %s%s answered %d, want 304", h.host, h.path, h.status)
		}
	}
	if len(rep.Added) != 0 || len(rep.Failed) != 0 {
		t.Errorf("second run added %v, failed %v; want nothing", rep.Added, rep.Failed)
	}
	for _, r := range rep.Sources {
		if r.URL == s.b.URL+"/broken.rss" && r.RetryAt.IsZero() {
			t.Errorf("broken feed asked again before its back-off")
		}
	}

	// Two hours later the back-off is over: the 404 page (which no feed
	// lists now, the feed being unchanged) and the broken feed are tried
	// again, and fail again.
	clock.Advance(2 * time.Hour)
	rep, err = newFollower(t, dir, clock, ing, Options{}).Run(context.Background(), sources)
	if err != nil {
		t.Fatal(err)
	}
	third := paths(s.take())
	for _, want := range []string{"a/the-gioi/nga-bi-xoa.html", "b/broken.rss"} {
		if !contains(third, want) {
			t.Errorf("third run asked %v, want it to retry %s", third, want)
		}
	}
	st, err := LoadState(dir)
	if err != nil {
		t.Fatal(err)
	}
	if e := st.Entries[s.a.URL+"/the-gioi/nga-bi-xoa.html"]; e == nil || e.Failures != 2 || !e.RetryAt.Equal(clock.Now().Add(2*time.Hour)) {
		t.Errorf("404 entry state = %+v, want 2 failures and a 2 h back-off", e)
	}
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// checkSpacing checks that consecutive requests to a host are at least
// its delay apart on the fake clock.
func checkSpacing(t *testing.T, hits []hit, delay map[string]time.Duration) {
	t.Helper()
	last := map[string]hit{}
	for _, h := range hits {
		if prev, ok := last[h.host]; ok {
			if gap := h.at.Sub(prev.at); gap < delay[h.host] {
				t.Errorf("host %s: %s then %s only %v apart, want at least %v", h.host, prev.path, h.path, gap, delay[h.host])
			}
		}
		last[h.host] = h
	}
}

func TestFollowSince(t *testing.T) {
	clock := newFakeClock()
	s := newSite(t, clock)
	since := time.Date(2025, 4, 1, 0, 0, 0, 0, time.UTC)
	ing := &fakeIngester{}
	rep, err := newFollower(t, t.TempDir(), clock, ing, Options{Since: since}).Run(context.Background(), []string{s.a.URL + "/rss.xml", s.b.URL + "/atom.xml"})
	if err != nil {
		t.Fatal(err)
	}
	n, _ := rep.SkipCounts()
	if n[SkipOld] != 5 || len(rep.Added) != 1 || rep.Added[0].URL != s.b.URL+"/quan-he/to-lam-tham-nga.html" {
		t.Errorf("--since %s: skipped %v, added %v; want the five March entries old and the April visit added", since.Format(time.DateOnly), n, rep.Added)
	}
	for _, h := range s.take() {
		if strings.HasPrefix(h.path, "/the-gioi/") {
			t.Errorf("%s requested though older than --since", h.path)
		}
	}
}

func TestFollowKnownAndDryRun(t *testing.T) {
	clock := newFakeClock()
	s := newSite(t, clock)
	dir := t.TempDir()
	ing := &fakeIngester{known: map[string]bool{s.b.URL + "/quan-he/to-lam-tham-nga.html": true}}
	rep, err := newFollower(t, dir, clock, ing, Options{DryRun: true}).Run(context.Background(), []string{s.b.URL + "/atom.xml"})
	if err != nil {
		t.Fatal(err)
	}
	n, _ := rep.SkipCounts()
	if n[SkipKnown] != 1 || len(rep.Added) != 0 {
		t.Errorf("skipped %v, added %v; want the visit already known", n, rep.Added)
	}
	if contains(paths(s.take()), "b/quan-he/to-lam-tham-nga.html") {
		t.Errorf("a known page was fetched")
	}
	if _, err := os.Stat(filepath.Join(dir, StateFile)); !os.IsNotExist(err) {
		t.Errorf("dry run wrote the state file (err %v)", err)
	}
}

func TestFollowDamagedState(t *testing.T) {
	clock := newFakeClock()
	s := newSite(t, clock)
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, StateFile), []byte("{not json"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := newFollower(t, dir, clock, &fakeIngester{}, Options{}).Run(context.Background(), []string{s.a.URL + "/rss.xml"})
	if err == nil || !strings.Contains(err.Error(), "delete it") {
		t.Errorf("Run with a damaged state: err = %v, want one saying how to recover", err)
	}
	if hits := s.take(); len(hits) != 0 {
		t.Errorf("requests made despite the damaged state: %v", paths(hits))
	}
}

// TestFollowOtherTopic: an entry found off topic is looked at again under
// another topic (and only then).
func TestFollowOtherTopic(t *testing.T) {
	clock := newFakeClock()
	s := newSite(t, clock)
	dir := t.TempDir()
	src := []string{s.a.URL + "/rss.xml"}
	if _, err := newFollower(t, dir, clock, &fakeIngester{}, Options{}).Run(context.Background(), src); err != nil {
		t.Fatal(err)
	}
	s.take()
	gold, err := ParseMatch("vàng")
	if err != nil {
		t.Fatal(err)
	}
	clock.Advance(10 * time.Minute)
	ing := &fakeIngester{}
	rep, err := newFollower(t, dir, clock, ing, Options{Topic: gold}).Run(context.Background(), src)
	if err != nil {
		t.Fatal(err)
	}
	// The feed is unchanged (304): nothing is listed, so nothing is
	// reconsidered; once the feed is read again, the gold page is found.
	if len(rep.Added) != 0 {
		t.Errorf("added %v from an unchanged feed", rep.Added)
	}
	st, err := LoadState(dir)
	if err != nil {
		t.Fatal(err)
	}
	st.Sources = map[string]*SourceState{} // forget the validators
	if err := st.Save(dir, clock.Now()); err != nil {
		t.Fatal(err)
	}
	rep, err = newFollower(t, dir, clock, ing, Options{Topic: gold}).Run(context.Background(), src)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Added) != 1 || rep.Added[0].URL != s.a.URL+"/kinh-doanh/gia-vang.html" {
		t.Errorf("added %v under the gold topic, want the gold page once found off topic", rep.Added)
	}
}
