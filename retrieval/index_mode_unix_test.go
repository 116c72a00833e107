//go:build unix

package retrieval

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestIndexFollowsUmask is defect 2: the index was written 0700/0600
// (bleve's and os.CreateTemp's modes) whatever the umask, so the bot's
// account could not read an index built by hand.
func TestIndexFollowsUmask(t *testing.T) {
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	dir := filepath.Join(t.TempDir(), "index")
	e, err := Open(context.Background(), testLogger(t), defaultArticles(t), Options{IndexDir: dir, NameVariants: testVariants(t)})
	if err != nil {
		t.Fatal(err)
	}
	e.Close()
	live := filepath.Join(dir, currentIndex(t, dir))
	for _, root := range []string{dir, live} {
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				t.Fatal(err)
			}
			if root == dir && d.IsDir() && p != dir {
				return fs.SkipDir // the live folder is walked on its own
			}
			info, err := d.Info()
			if err != nil {
				t.Fatal(err)
			}
			want := os.FileMode(0o644)
			if d.IsDir() {
				want = 0o755 | os.ModeDir
			}
			if info.Mode() != want {
				t.Errorf("%s mode = %v, want %v", p, info.Mode(), want)
			}
			return nil
		})
	}
}
