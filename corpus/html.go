package corpus

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strings"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// ErrNoArticle is returned for a page with no article text.
var ErrNoArticle = errors.New("no article text found on the page")

// FromHTML extracts the article of a news page, as an Article with no ID
// (fields the page does not give are empty): the main text by
// readability (then the page cleaner), paragraphs kept, and the metadata
// from <link rel=canonical>, og:url, og:site_name, article:published_time,
// JSON-LD datePublished, <time datetime>, or a visible Vietnamese date
// ("14:15 | 12/01/2025", "21:06 02.04.2025"). contentType (the HTTP header,
// may be empty) and the page's own <meta charset> decide the encoding, so
// legacy encodings such as windows-1258 are read correctly; an undeclared
// page is read as UTF-8 or windows-1258 when it is valid in them, and
// refused with ErrUnknownEncoding otherwise (see decodePage). pageURL may
// be nil for a saved file.
func FromHTML(r io.Reader, contentType string, pageURL *url.URL) (Article, error) {
	raw, err := io.ReadAll(r)
	if err != nil {
		return Article{}, fmt.Errorf("read page: %w", err)
	}
	decoded, err := decodePage(raw, contentType)
	if err != nil {
		return Article{}, err
	}
	doc, err := html.Parse(bytes.NewReader(decoded))
	if err != nil {
		return Article{}, fmt.Errorf("parse HTML: %w", err)
	}
	meta := readMeta(doc)
	// Readability changes the tree, so it gets its own copy.
	copyDoc, _ := html.Parse(bytes.NewReader(decoded))
	art, err := readability.FromDocument(copyDoc, pageURL)
	if err != nil || art.Node == nil {
		return Article{}, ErrNoArticle
	}
	p := Article{Lang: "vi", Title: NormalizeText(collapseSpace(firstNonEmpty(meta["og:title"], art.Title(), meta["title"])))}
	p.URL = firstNonEmpty(meta["canonical"], meta["og:url"])
	if p.URL == "" && pageURL != nil {
		p.URL = pageURL.String()
	}
	if u, err := url.Parse(p.URL); err == nil && pageURL != nil {
		p.URL = pageURL.ResolveReference(u).String()
	}
	p.Source = collapseSpace(firstNonEmpty(meta["og:site_name"], art.SiteName()))
	if p.Source == "" {
		if u, err := url.Parse(p.URL); err == nil {
			p.Source = strings.TrimPrefix(u.Hostname(), "www.")
		}
	}
	for _, s := range []string{meta["article:published_time"], meta["jsonld:datePublished"], meta["time"]} {
		if d, ok := parseAnyDate(s); ok {
			p.Published = d
			break
		}
	}
	if p.Published.IsZero() {
		if t, err := art.PublishedTime(); err == nil {
			p.Published = Date{Time: t, HasTime: true}
		}
	}
	if p.Published.IsZero() {
		p.Published = visibleDate(doc)
	}
	var blocks []string
	collectBlocks(art.Node, &blocks)
	cleaned := Clean(strings.Join(blocks, "\n\n"), p.Title)
	p.Paragraphs = cleaned.Paragraphs
	if len(p.Paragraphs) == 0 {
		return Article{}, ErrNoArticle
	}
	return p, nil
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s = strings.TrimSpace(s); s != "" {
			return s
		}
	}
	return ""
}

// readMeta collects the metadata vnru uses: <title>, <meta property|name>,
// <link rel=canonical>, the first <time datetime>, and JSON-LD
// datePublished (as "jsonld:datePublished").
func readMeta(doc *html.Node) map[string]string {
	m := map[string]string{}
	set := func(k, v string) {
		if _, ok := m[k]; !ok && strings.TrimSpace(v) != "" {
			m[k] = strings.TrimSpace(v)
		}
	}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Title:
				set("title", textOf(n))
			case atom.Meta:
				key := firstNonEmpty(attr(n, "property"), attr(n, "name"), attr(n, "itemprop"))
				set(strings.ToLower(key), attr(n, "content"))
			case atom.Link:
				if strings.EqualFold(attr(n, "rel"), "canonical") {
					set("canonical", attr(n, "href"))
				}
			case atom.Time:
				set("time", attr(n, "datetime"))
			case atom.Script:
				if strings.Contains(attr(n, "type"), "ld+json") {
					set("jsonld:datePublished", jsonLDDate(textOf(n)))
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if m["datepublished"] != "" {
		set("jsonld:datePublished", m["datepublished"])
	}
	return m
}

// jsonLDDate finds datePublished in a JSON-LD block (an object, a list,
// or an @graph).
func jsonLDDate(text string) string {
	var v any
	if json.Unmarshal([]byte(text), &v) != nil {
		return ""
	}
	var find func(v any) string
	find = func(v any) string {
		switch x := v.(type) {
		case map[string]any:
			if s, ok := x["datePublished"].(string); ok {
				return s
			}
			for _, k := range []string{"@graph", "mainEntity"} {
				if s := find(x[k]); s != "" {
					return s
				}
			}
		case []any:
			for _, e := range x {
				if s := find(e); s != "" {
					return s
				}
			}
		}
		return ""
	}
	return find(v)
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// visibleDate finds a date shown in the page text ("14:15 | 12/01/2025").
func visibleDate(doc *html.Node) Date {
	for _, m := range visibleDatePattern.FindAllString(textOf(doc), 20) {
		if d, ok := ParseVietnameseDate(m); ok {
			return d
		}
	}
	return Date{}
}

// collectBlocks appends the text of each block element (paragraphs,
// headings, list items, quotes) of the readable article, in order.
func collectBlocks(n *html.Node, out *[]string) {
	if n.Type == html.ElementNode {
		switch n.DataAtom {
		case atom.P, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Li, atom.Blockquote, atom.Pre:
			if t := collapseSpace(textOf(n)); t != "" {
				*out = append(*out, t)
			}
			return
		case atom.Script, atom.Style, atom.Noscript, atom.Form, atom.Button, atom.Figcaption:
			return // photo captions repeat the page, they are not the article
		}
	}
	hasBlock := false
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && isBlock(c) {
			hasBlock = true
		}
	}
	if n.Type == html.ElementNode && n.DataAtom == atom.Div && !hasBlock {
		if t := collapseSpace(textOf(n)); t != "" {
			*out = append(*out, t)
		}
		return
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		collectBlocks(c, out)
	}
}

func isBlock(n *html.Node) bool {
	switch n.DataAtom {
	case atom.P, atom.Div, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6, atom.Ul, atom.Ol, atom.Li,
		atom.Blockquote, atom.Figure, atom.Figcaption, atom.Table, atom.Section, atom.Article, atom.Pre:
		return true
	}
	return false
}
