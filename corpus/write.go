package corpus

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"strings"
	"time"
	"unicode"

	"github.com/google/renameio/v2"
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

// FileMode is the mode of new article files before the umask, as for any
// file an ordinary tool writes (0644 under the usual umask 022).
const FileMode = 0o666

// WriteArticle writes the article file atomically with renameio: a
// hidden temporary file in the same folder (never loaded, see
// IsArticleFile), synced, then renamed into place, so readers see the old
// file or the new one, never half of one. A new file follows the umask;
// a replaced one keeps its mode. Callers choosing a fresh name hold the
// folder lock (see Ingester), so two writers never pick the same name.
func WriteArticle(dir string, a Article) (string, error) {
	path := filepath.Join(dir, a.ID+Ext)
	// The temporary file stays in dir: renameio would otherwise use
	// os.TempDir when it is on the same file system.
	if err := renameio.WriteFile(path, a.Marshal(), FileMode, renameio.WithTempDir(dir)); err != nil {
		return "", fmt.Errorf("write article %s: %w", path, err)
	}
	return path, nil
}
