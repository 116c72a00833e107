package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/vnru/vnru/corpus"
)

func ingestCommand() command {
	return command{
		name:    "ingest",
		summary: "add articles to the corpus folder from URLs, saved .html pages or .txt files of scraped text",
		usage:   "SOURCE...",
		flags: func(fs *flag.FlagSet, env *environment) func(context.Context, []string) error {
			var in ingester
			fs.StringVar(&in.dir, "corpus", env.cfg.CorpusDir, "corpus `DIR` to write to (env VNRU_CORPUS_DIR)")
			fs.StringVar(&in.title, "title", "", "article title (overrides what was extracted)")
			fs.StringVar(&in.url, "url", "", "canonical URL (overrides what was extracted)")
			fs.StringVar(&in.source, "source", "", "publication name (overrides what was extracted)")
			fs.StringVar(&in.published, "published", "", "publication date, YYYY-MM-DD or RFC 3339 (overrides what was extracted)")
			fs.BoolVar(&in.dryRun, "dry-run", false, "print the article files instead of writing them")
			fs.BoolVar(&in.update, "update", false, "replace an article already in the corpus under the same URL")
			return func(ctx context.Context, args []string) error {
				if len(args) == 0 {
					return usageError("ingest: give at least one URL, .html or .txt file")
				}
				if in.dir == "" && !in.dryRun {
					return usageError("ingest: no corpus folder: pass --corpus DIR or set VNRU_CORPUS_DIR")
				}
				if in.published != "" {
					if _, err := corpus.ParseDate(in.published); err != nil {
						return usageError("ingest: --published: %v", err)
					}
				}
				in.out, in.errOut = env.stdout, env.stderr
				return in.run(ctx, args)
			}
		},
	}
}

// ingester turns sources into article files in a corpus folder.
type ingester struct {
	dir                           string
	title, url, source, published string
	dryRun, update                bool
	out, errOut                   io.Writer
	existing                      []corpus.Article // the folder's articles
	embedded                      []corpus.Article
	fetcher                       corpus.Fetcher
}

func (in *ingester) run(ctx context.Context, sources []string) error {
	var err error
	if in.embedded, _, err = corpus.Load(corpus.Default()); err != nil {
		return err
	}
	if in.dir != "" {
		if err := os.MkdirAll(in.dir, 0o755); err != nil {
			return fmt.Errorf("ingest: %w", err)
		}
		in.existing, _, err = corpus.LoadDir(in.dir)
		if err != nil {
			return fmt.Errorf("ingest: %w", err)
		}
	}
	failed := 0
	for i, src := range sources {
		if len(sources) > 1 {
			fmt.Fprintf(in.errOut, "[%d/%d] %s\n", i+1, len(sources), src)
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := in.one(ctx, src); err != nil {
			failed++
			fmt.Fprintf(in.out, "failed %s: %v\n", src, err)
		}
	}
	if failed > 0 {
		return fmt.Errorf("ingest: %d of %d sources failed", failed, len(sources))
	}
	return nil
}

// errDuplicate marks a source that is already in the corpus.
var errDuplicate = errors.New("duplicate")

func (in *ingester) one(ctx context.Context, src string) error {
	page, err := in.read(ctx, src)
	if err != nil {
		return err
	}
	a, err := in.article(page)
	if err != nil {
		return err
	}
	if in.dryRun {
		fmt.Fprintf(in.out, "# %s%s\n%s", a.ID, corpus.Ext, a.Marshal())
		return nil
	}
	replaced, err := in.dedupe(&a)
	if errors.Is(err, errDuplicate) {
		fmt.Fprintf(in.out, "unchanged %s: %v\n", src, err)
		return nil
	}
	if err != nil {
		return err
	}
	path, err := corpus.WriteArticle(in.dir, a)
	if err != nil {
		return err
	}
	if replaced != "" && replaced != a.ID {
		os.Remove(filepath.Join(in.dir, replaced+corpus.Ext))
	}
	in.existing = append(in.existing, a)
	verb := "wrote"
	if replaced != "" {
		verb = "updated"
	}
	fmt.Fprintf(in.out, "%s %s (%s — %s, %s, %d paragraphs)\n", verb, path, a.Title, a.Source, a.Published, len(a.Paragraphs))
	return nil
}

// read extracts a page from a URL, a saved HTML page or scraped text.
func (in *ingester) read(ctx context.Context, src string) (corpus.Page, error) {
	if strings.HasPrefix(src, "http://") || strings.HasPrefix(src, "https://") {
		return in.fetcher.Fetch(ctx, src)
	}
	switch strings.ToLower(filepath.Ext(src)) {
	case ".html", ".htm":
		f, err := os.Open(src)
		if err != nil {
			return corpus.Page{}, err
		}
		defer f.Close()
		return corpus.FromHTML(f, "", nil)
	case ".txt":
		raw, err := os.ReadFile(src)
		if err != nil {
			return corpus.Page{}, err
		}
		c := corpus.Clean(string(raw), in.title)
		if len(c.Paragraphs) == 0 {
			return corpus.Page{}, corpus.ErrNoArticle
		}
		return corpus.Page{Title: c.Title, URL: c.URL, Published: c.Published, Paragraphs: c.Paragraphs}, nil
	}
	return corpus.Page{}, fmt.Errorf("unsupported source: give a URL, a .html page or a .txt file")
}

// article applies the flags and checks the required fields.
func (in *ingester) article(p corpus.Page) (corpus.Article, error) {
	a := corpus.Article{Title: p.Title, URL: p.URL, Source: p.Source, Published: p.Published, Lang: "vi", Paragraphs: p.Paragraphs}
	if in.title != "" {
		a.Title = in.title
	}
	if in.url != "" {
		a.URL = in.url
	}
	if in.source != "" {
		a.Source = in.source
	}
	if in.published != "" {
		a.Published, _ = corpus.ParseDate(in.published) // checked when the flags were parsed
	}
	switch {
	case a.Title == "":
		return a, errors.New("no title found: pass --title")
	case a.Source == "":
		return a, errors.New(`no source name found: pass --source (or --source unknown)`)
	case a.Published.IsZero():
		return a, errors.New("no publication date found: pass --published YYYY-MM-DD")
	}
	a.ID = corpus.Slug(a.Published, a.Title)
	// Round-trip through the file format, so what is written is exactly
	// what will be loaded.
	return corpus.ParseArticle(a.ID, a.ID+corpus.Ext, a.Marshal())
}

// dedupe refuses an article the corpus already has (same URL unless
// --update, or same text), and picks a free file name. It returns the ID
// of the article an update replaces.
func (in *ingester) dedupe(a *corpus.Article) (replaced string, err error) {
	hash := corpus.ContentHash(a.Paragraphs)
	for _, e := range in.embedded {
		if a.URL != "" && e.URL == a.URL || corpus.ContentHash(e.Paragraphs) == hash {
			return "", fmt.Errorf("%w: the embedded article %s has it already", errDuplicate, e.ID)
		}
	}
	for _, e := range in.existing {
		sameURL := a.URL != "" && e.URL == a.URL
		if corpus.ContentHash(e.Paragraphs) == hash && (sameURL || !in.update) {
			return "", fmt.Errorf("%w: same text as %s%s", errDuplicate, e.ID, corpus.Ext)
		}
		if sameURL {
			if !in.update {
				return "", fmt.Errorf("%w: %s is already in the corpus as %s%s (use --update to replace it)", errDuplicate, a.URL, e.ID, corpus.Ext)
			}
			replaced = e.ID
		}
	}
	taken := func(id string) bool {
		for _, e := range append(in.existing, in.embedded...) {
			if e.ID == id && e.ID != replaced {
				return true
			}
		}
		return false
	}
	base := a.ID
	for n := 2; taken(a.ID); n++ {
		a.ID = fmt.Sprintf("%s-%d", base, n)
	}
	return replaced, nil
}
