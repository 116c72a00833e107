package corpus

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

// Article is one news article: its metadata and its body, split into
// paragraphs. Text is always NFC-normalised, so a quote taken from a
// paragraph is byte-for-byte a piece of the article file after NFC.
type Article struct {
	ID        string   // file name without ".md"; unique in a corpus
	Title     string   // headline
	URL       string   // canonical address; empty only when unknown
	Source    string   // publication name, or "unknown"
	Published Date     // publication date
	Lang      string   // language of the text; "vi" unless said otherwise
	Tags      []string // optional topics

	Paragraphs []string // body, one entry per paragraph, in order
}

// Body returns the paragraphs joined by blank lines, as in the file.
func (a Article) Body() string { return strings.Join(a.Paragraphs, "\n\n") }

// FieldError reports an article file with a missing or malformed field.
type FieldError struct {
	Path  string // file the article came from
	Field string // front-matter field at fault, or "body"
	Err   error
}

func (e *FieldError) Error() string {
	return fmt.Sprintf("%s: field %s: %v", e.Path, e.Field, e.Err)
}

func (e *FieldError) Unwrap() error { return e.Err }

// ErrMissing is wrapped by a FieldError when a required field is absent.
var ErrMissing = errors.New("missing")

// frontMatter is the YAML header of an article file. Dates are read as
// strings so the exact forms allowed are ours to check, not YAML's.
type frontMatter struct {
	Title     string   `yaml:"title"`
	URL       string   `yaml:"url"`
	Source    string   `yaml:"source"`
	Published string   `yaml:"published"`
	Lang      string   `yaml:"lang,omitempty"`
	Tags      []string `yaml:"tags,omitempty"`
}

const fence = "---"

// ParserVersion names what ParseArticle makes of a file. Change it
// whenever the same file would parse to a different Article (its text
// cleaned otherwise, a field read otherwise): readers that keep what
// they parsed by file stamp (the engine's catalog) then read every file
// again.
const ParserVersion = "parser-1"

// ParseArticle reads an article file: YAML front matter between "---"
// lines, then the body, paragraphs separated by blank lines. id names the
// article and path is used in errors.
func ParseArticle(id, path string, data []byte) (Article, error) {
	text := NormalizeText(string(data))
	head, body, err := splitFrontMatter(text)
	if err != nil {
		return Article{}, &FieldError{Path: path, Field: "front matter", Err: err}
	}
	var fm frontMatter
	dec := yaml.NewDecoder(strings.NewReader(head))
	dec.KnownFields(true)
	if err := dec.Decode(&fm); err != nil {
		return Article{}, &FieldError{Path: path, Field: "front matter", Err: err}
	}
	a := Article{
		ID:     id,
		Title:  collapseSpace(fm.Title),
		URL:    strings.TrimSpace(fm.URL),
		Source: collapseSpace(fm.Source),
		Lang:   strings.TrimSpace(fm.Lang),
		Tags:   fm.Tags,
	}
	if a.Lang == "" {
		a.Lang = "vi"
	}
	if len(a.Tags) == 0 {
		a.Tags = nil // "tags: []" and no tags are the same article
	}
	switch {
	case a.Title == "":
		return Article{}, &FieldError{Path: path, Field: "title", Err: ErrMissing}
	case a.Source == "":
		return Article{}, &FieldError{Path: path, Field: "source", Err: fmt.Errorf("%w (write \"unknown\" when it is not known)", ErrMissing)}
	case fm.Published == "":
		return Article{}, &FieldError{Path: path, Field: "published", Err: ErrMissing}
	}
	if a.URL != "" && !strings.HasPrefix(a.URL, "https://") && !strings.HasPrefix(a.URL, "http://") {
		return Article{}, &FieldError{Path: path, Field: "url", Err: fmt.Errorf("want an http(s) address or nothing, got %q", a.URL)}
	}
	if a.Published, err = ParseDate(fm.Published); err != nil {
		return Article{}, &FieldError{Path: path, Field: "published", Err: err}
	}
	a.Paragraphs = SplitParagraphs(body)
	if len(a.Paragraphs) == 0 {
		return Article{}, &FieldError{Path: path, Field: "body", Err: errors.New("no text")}
	}
	return a, nil
}

func splitFrontMatter(text string) (head, body string, err error) {
	rest, ok := strings.CutPrefix(text, fence+"\n")
	if !ok {
		return "", "", errors.New(`the file must start with a "---" line`)
	}
	if strings.HasPrefix(rest, fence+"\n") {
		return "", rest[len(fence)+1:], nil
	}
	head, body, ok = strings.Cut(rest, "\n"+fence+"\n")
	if !ok {
		if head, ok = strings.CutSuffix(rest, "\n"+fence); !ok {
			return "", "", errors.New(`no closing "---" line`)
		}
	}
	return head, body, nil
}

// SplitParagraphs splits text at blank lines. Lines inside a paragraph are
// joined by a space and runs of white space collapse, so a paragraph is one
// line of text. A Markdown heading marker ("## ") is dropped.
func SplitParagraphs(text string) []string {
	var out []string
	for _, block := range strings.Split(text, "\n\n") {
		p := collapseSpace(block)
		p = strings.TrimSpace(strings.TrimLeft(p, "#"))
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}

// Marshal writes the article in the file format ParseArticle reads.
func (a Article) Marshal() []byte {
	fm := frontMatter{
		Title:     a.Title,
		URL:       a.URL,
		Source:    a.Source,
		Published: a.Published.String(),
		Tags:      a.Tags,
	}
	if a.Lang != "" && a.Lang != "vi" {
		fm.Lang = a.Lang
	}
	var buf bytes.Buffer
	buf.WriteString(fence + "\n")
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	// Encoding a plain struct of strings cannot fail.
	_ = enc.Encode(fm)
	_ = enc.Close()
	buf.WriteString(fence + "\n\n")
	buf.WriteString(a.Body())
	buf.WriteString("\n")
	return buf.Bytes()
}
