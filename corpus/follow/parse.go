package follow

import (
	"bytes"
	"compress/gzip"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"

	"github.com/vnru/vnru/corpus"
)

// Entry is an article address a source lists, with what the source says
// of it.
type Entry struct {
	URL         string
	Title       string
	Description string    // plain text
	Published   time.Time // zero when the source does not say
}

// Source kinds.
const (
	KindRSS           = "rss"
	KindAtom          = "atom"
	KindJSONFeed      = "json"
	KindSitemap       = "sitemap"
	KindSitemapIndex  = "sitemap index"
	maxSitemapEntries = 50000 // the sitemaps.org limit per file
)

// listing is a parsed source: its entries, or for a sitemap index the
// sitemaps it lists.
type listing struct {
	kind     string
	entries  []Entry
	sitemaps []Entry // URL and Published (lastmod) only
}

// errUnknownKind is returned for a document that is neither a feed nor a
// sitemap.
var errUnknownKind = errors.New("not a feed or a sitemap")

// parseListing reads a feed (RSS, Atom, JSON Feed), a sitemap (news
// sitemaps included) or a sitemap index, gzipped or not. Relative links
// are resolved against base.
func parseListing(body []byte, base *url.URL) (listing, error) {
	if bytes.HasPrefix(body, []byte{0x1f, 0x8b}) {
		zr, err := gzip.NewReader(bytes.NewReader(body))
		if err != nil {
			return listing{}, fmt.Errorf("gzipped source: %w", err)
		}
		body, err = io.ReadAll(io.LimitReader(zr, corpus.DefaultMaxPageBytes*10+1))
		if err != nil {
			return listing{}, fmt.Errorf("gzipped source: %w", err)
		}
		if len(body) > corpus.DefaultMaxPageBytes*10 {
			return listing{}, fmt.Errorf("gzipped source larger than %d bytes unpacked", corpus.DefaultMaxPageBytes*10)
		}
	}
	trimmed := bytes.TrimLeft(body, "\ufeff \t\r\n")
	if bytes.HasPrefix(trimmed, []byte("{")) {
		return parseFeed(body, base)
	}
	switch root := rootElement(body); root {
	case "rss", "rdf", "feed":
		return parseFeed(body, base)
	case "urlset":
		return parseSitemap(body, base)
	case "sitemapindex":
		return parseSitemapIndex(body, base)
	case "":
		return listing{}, fmt.Errorf("%w: no XML root element", errUnknownKind)
	default:
		return listing{}, fmt.Errorf("%w: the document is <%s>", errUnknownKind, root)
	}
}

// rootElement returns the lower-case local name of the first XML element,
// or "" when there is none.
func rootElement(body []byte) string {
	d := xml.NewDecoder(bytes.NewReader(body))
	d.Strict = false
	d.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil } // only the name matters
	for {
		tok, err := d.Token()
		if err != nil {
			return ""
		}
		if se, ok := tok.(xml.StartElement); ok {
			return strings.ToLower(se.Name.Local)
		}
	}
}

func parseFeed(body []byte, base *url.URL) (listing, error) {
	f, err := gofeed.NewParser().Parse(bytes.NewReader(body))
	if err != nil {
		return listing{}, fmt.Errorf("malformed feed: %w", err)
	}
	l := listing{kind: f.FeedType}
	switch f.FeedType {
	case "atom":
		l.kind = KindAtom
	case "json":
		l.kind = KindJSONFeed
	default:
		l.kind = KindRSS
	}
	for _, it := range f.Items {
		link := it.Link
		if link == "" && len(it.Links) > 0 {
			link = it.Links[0]
		}
		u, ok := resolve(base, link)
		if !ok {
			continue
		}
		e := Entry{URL: u, Title: plainText(it.Title), Description: plainText(it.Description)}
		switch {
		case it.PublishedParsed != nil:
			e.Published = *it.PublishedParsed
		case it.UpdatedParsed != nil:
			e.Published = *it.UpdatedParsed
		}
		l.entries = append(l.entries, e)
	}
	return l, nil
}

type xmlSitemap struct {
	URLs []struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod"`
		News    struct {
			Title           string `xml:"title"`
			Keywords        string `xml:"keywords"`
			PublicationDate string `xml:"publication_date"`
		} `xml:"news"`
	} `xml:"url"`
}

type xmlSitemapIndex struct {
	Sitemaps []struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod"`
	} `xml:"sitemap"`
}

func parseSitemap(body []byte, base *url.URL) (listing, error) {
	var s xmlSitemap
	if err := xml.Unmarshal(body, &s); err != nil {
		return listing{}, fmt.Errorf("malformed sitemap: %w", err)
	}
	l := listing{kind: KindSitemap}
	for i, x := range s.URLs {
		if i == maxSitemapEntries {
			break
		}
		u, ok := resolve(base, x.Loc)
		if !ok {
			continue
		}
		e := Entry{URL: u, Title: plainText(x.News.Title), Description: plainText(x.News.Keywords)}
		if t, ok := parseW3CDate(x.News.PublicationDate); ok {
			e.Published = t
		} else if t, ok := parseW3CDate(x.LastMod); ok {
			e.Published = t
		}
		l.entries = append(l.entries, e)
	}
	return l, nil
}

func parseSitemapIndex(body []byte, base *url.URL) (listing, error) {
	var s xmlSitemapIndex
	if err := xml.Unmarshal(body, &s); err != nil {
		return listing{}, fmt.Errorf("malformed sitemap index: %w", err)
	}
	l := listing{kind: KindSitemapIndex}
	for _, x := range s.Sitemaps {
		if u, ok := resolve(base, x.Loc); ok {
			t, _ := parseW3CDate(x.LastMod)
			l.sitemaps = append(l.sitemaps, Entry{URL: u, Published: t})
		}
	}
	return l, nil
}

// resolve makes link absolute; only http(s) links are kept.
func resolve(base *url.URL, link string) (string, bool) {
	u, err := url.Parse(strings.TrimSpace(link))
	if err != nil || link == "" {
		return "", false
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return "", false
	}
	u.Fragment = ""
	return u.String(), true
}

// parseW3CDate reads the dates of sitemaps (W3C Datetime: a day, or a
// time with minutes, seconds or fractions and a zone).
func parseW3CDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04Z07:00", time.DateOnly, "2006-01-02T15:04:05", "2006-01"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// plainText returns the text of an HTML fragment (feed descriptions
// often hold markup), white space collapsed.
func plainText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return strings.Join(strings.Fields(s), " ")
	}
	z := html.NewTokenizer(strings.NewReader(s))
	var b strings.Builder
	for {
		switch z.Next() {
		case html.ErrorToken:
			return strings.Join(strings.Fields(b.String()), " ")
		case html.TextToken:
			b.Write(z.Text())
			b.WriteByte(' ')
		}
	}
}
