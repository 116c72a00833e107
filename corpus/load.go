package corpus

import (
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"
)

//go:embed articles/*.md
var embedded embed.FS

// Default returns the founding articles embedded in the binary.
func Default() fs.FS {
	sub, err := fs.Sub(embedded, "articles")
	if err != nil {
		panic(err) // the embed pattern above guarantees the folder exists
	}
	return sub
}

// Ext is the extension of article files.
const Ext = ".md"

// IsArticleFile reports whether name is an article file that Load reads.
// Hidden files and editors' or writers' temporary files (".name.md.tmp",
// "name.md~") are not, so a file being written is never loaded.
func IsArticleFile(name string) bool {
	base := path.Base(name)
	return strings.HasSuffix(base, Ext) && !strings.HasPrefix(base, ".") && !strings.HasPrefix(base, "_")
}

// Load reads every article file at the top of fsys, in name order. A file
// that cannot be read or parsed is skipped and reported in skipped (as a
// *FieldError where a field is at fault); the others still load. An
// article whose ID or URL repeats an earlier one is skipped too.
func Load(fsys fs.FS) (articles []Article, skipped []error, err error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, nil, fmt.Errorf("read corpus folder: %w", err)
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
	seenURL := map[string]string{}
	for _, e := range entries {
		if e.IsDir() || !IsArticleFile(e.Name()) {
			continue
		}
		data, err := fs.ReadFile(fsys, e.Name())
		if err != nil {
			skipped = append(skipped, fmt.Errorf("read %s: %w", e.Name(), err))
			continue
		}
		a, err := ParseArticle(strings.TrimSuffix(e.Name(), Ext), e.Name(), data)
		if err != nil {
			skipped = append(skipped, err)
			continue
		}
		if prev, ok := seenURL[a.URL]; ok && a.URL != "" {
			skipped = append(skipped, &FieldError{Path: e.Name(), Field: "url", Err: fmt.Errorf("same URL as %s", prev)})
			continue
		}
		seenURL[a.URL] = e.Name()
		articles = append(articles, a)
	}
	return articles, skipped, nil
}

// LoadDir loads the article files in a folder on disk; see Load.
func LoadDir(dir string) ([]Article, []error, error) {
	if _, err := os.Stat(dir); err != nil {
		return nil, nil, fmt.Errorf("corpus folder: %w", err)
	}
	return Load(os.DirFS(dir))
}

// Merge appends extra to base, leaving out articles whose ID or URL base
// already has; those are returned as skipped.
func Merge(base, extra []Article) (merged []Article, skipped []error) {
	ids, urls := map[string]bool{}, map[string]bool{}
	for _, a := range base {
		ids[a.ID] = true
		if a.URL != "" {
			urls[a.URL] = true
		}
	}
	merged = append([]Article(nil), base...)
	for _, a := range extra {
		switch {
		case ids[a.ID]:
			skipped = append(skipped, &FieldError{Path: a.ID + Ext, Field: "id", Err: fmt.Errorf("an article named %s is already loaded", a.ID)})
		case a.URL != "" && urls[a.URL]:
			skipped = append(skipped, &FieldError{Path: a.ID + Ext, Field: "url", Err: fmt.Errorf("%s is already loaded", a.URL)})
		default:
			ids[a.ID] = true
			if a.URL != "" {
				urls[a.URL] = true
			}
			merged = append(merged, a)
		}
	}
	return merged, skipped
}

// LoadAll returns the corpus vnru answers from: the embedded articles,
// then those of the folder dir (none when dir is empty). Files that do not
// load, and folder articles whose ID or URL an earlier one has, are
// skipped and reported in skipped. ask, bot, index and ingest all see
// this one set.
func LoadAll(dir string) (articles []Article, skipped []error, err error) {
	articles, skipped, err = Load(Default())
	if err != nil {
		return nil, nil, fmt.Errorf("load embedded articles: %w", err)
	}
	if dir == "" {
		return articles, skipped, nil
	}
	extra, bad, err := LoadDir(dir)
	if err != nil {
		return nil, nil, err
	}
	skipped = append(skipped, bad...)
	articles, dup := Merge(articles, extra)
	return articles, append(skipped, dup...), nil
}
