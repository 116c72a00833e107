package follow

import (
	"bytes"
	"compress/gzip"
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestParseListing(t *testing.T) {
	base, _ := url.Parse("https://bao.vn/feeds/x.xml")
	gz := func(s string) []byte {
		var b bytes.Buffer
		w := gzip.NewWriter(&b)
		w.Write([]byte(s))
		w.Close()
		return b.Bytes()
	}
	news := `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"><url><loc>/a.html</loc><news:news><news:publication_date>2025-04-02</news:publication_date><news:title>Nga &amp; Việt Nam</news:title></news:news></url><url><loc>mailto:x@bao.vn</loc></url></urlset>`
	tests := []struct {
		name    string
		body    []byte
		kind    string
		entries []Entry
		maps    []string
		err     error
	}{
		{"gzipped news sitemap", gz(news), KindSitemap,
			[]Entry{{URL: "https://bao.vn/a.html", Title: "Nga & Việt Nam", Published: time.Date(2025, 4, 2, 0, 0, 0, 0, time.UTC)}}, nil, nil},
		{"sitemap index", []byte(`<?xml version="1.0"?><sitemapindex><sitemap><loc>https://bao.vn/s1.xml</loc></sitemap><sitemap><loc>s2.xml.gz</loc><lastmod>2025-01-01</lastmod></sitemap></sitemapindex>`), KindSitemapIndex,
			nil, []string{"https://bao.vn/s1.xml", "https://bao.vn/feeds/s2.xml.gz"}, nil},
		{"json feed", []byte(`{"version":"https://jsonfeed.org/version/1.1","title":"B","items":[{"id":"1","url":"https://bao.vn/j.html","title":"Putin <b>thăm</b> Hà Nội"}]}`), KindJSONFeed,
			[]Entry{{URL: "https://bao.vn/j.html", Title: "Putin thăm Hà Nội"}}, nil, nil},
		{"an HTML page", []byte("<!DOCTYPE html><html><body>Báo</body></html>"), "", nil, nil, errUnknownKind},
		{"plain text", []byte("hello"), "", nil, nil, errUnknownKind},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := parseListing(tt.body, base)
			if !errors.Is(err, tt.err) {
				t.Fatalf("err = %v, want %v", err, tt.err)
			}
			var maps []string
			for _, m := range l.sitemaps {
				maps = append(maps, m.URL)
			}
			if l.kind != tt.kind || !reflect.DeepEqual(l.entries, tt.entries) || !reflect.DeepEqual(maps, tt.maps) {
				t.Errorf("got %s %+v %v, want %s %+v %v", l.kind, l.entries, maps, tt.kind, tt.entries, tt.maps)
			}
		})
	}
}

func TestReadSources(t *testing.T) {
	list := filepath.Join(t.TempDir(), "feeds.txt")
	if err := os.WriteFile(list, []byte("# Báo A\nhttps://a.vn/rss\n\n  https://b.vn/sitemap.xml  \nhttps://a.vn/rss\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := ReadSources([]string{"https://a.vn/rss", list})
	if want := []string{"https://a.vn/rss", "https://b.vn/sitemap.xml"}; err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("ReadSources = %q, %v; want %q", got, err, want)
	}
	empty := filepath.Join(t.TempDir(), "empty.txt")
	os.WriteFile(empty, []byte("# nothing yet\n"), 0o644)
	if _, err := ReadSources([]string{empty}); err == nil || !strings.Contains(err.Error(), "has no URLs") {
		t.Errorf("empty list: err = %v", err)
	}
}
