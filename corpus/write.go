package corpus

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode"
)

// ContentHash identifies an article's text regardless of white space,
// case and Unicode form, so the same story saved twice is recognised.
func ContentHash(paragraphs []string) string {
	h := sha256.New()
	for _, p := range paragraphs {
		h.Write([]byte(strings.ToLower(collapseSpace(NormalizeText(p)))))
		h.Write([]byte{'\n'})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Slug makes a file name from a date and a title: "2025-01-12-thu-tuong-nga-tham-viet-nam".
func Slug(d Date, title string) string {
	var b strings.Builder
	if !d.IsZero() {
		b.WriteString(d.Time.Format(time.DateOnly) + "-")
	}
	dash := false
	for _, r := range strings.ToLower(Fold(title)) {
		switch {
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(r)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
		if b.Len() >= 80 {
			break
		}
	}
	s := strings.Trim(b.String(), "-")
	if s == "" {
		s = "article"
	}
	return s
}

// WriteArticle writes the article file atomically: a hidden temporary
// file in the same folder (never loaded, see IsArticleFile), synced, then
// renamed into place. A crash leaves the old file or the new one.
func WriteArticle(dir string, a Article) (string, error) {
	path := filepath.Join(dir, a.ID+Ext)
	f, err := os.CreateTemp(dir, "."+a.ID+Ext+".tmp-")
	if err != nil {
		return "", fmt.Errorf("write article: %w", err)
	}
	defer os.Remove(f.Name()) // gone after the rename; cleans up on error
	if _, err := f.Write(a.Marshal()); err != nil {
		f.Close()
		return "", fmt.Errorf("write article: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return "", fmt.Errorf("write article: %w", err)
	}
	if err := f.Close(); err != nil {
		return "", fmt.Errorf("write article: %w", err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return "", fmt.Errorf("write article: %w", err)
	}
	return path, nil
}
