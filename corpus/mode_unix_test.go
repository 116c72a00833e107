//go:build unix

package corpus

import (
	"context"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// TestIngestFollowsUmask is defect 2: article files were written 0600
// (os.CreateTemp's mode) whatever the umask. Under umask 022 a new
// folder is 0755 and a new article 0644, as with ordinary tools.
func TestIngestFollowsUmask(t *testing.T) {
	old := syscall.Umask(0o022)
	defer syscall.Umask(old)
	dir := filepath.Join(t.TempDir(), "articles")
	in := newTestIngester(t, dir)
	res := in.Add(context.Background(), sameTitle(1), IngestOptions{})
	if res.Outcome != Added {
		t.Fatalf("Add: %v %v", res.Outcome, res.Err)
	}
	for _, c := range []struct {
		path string
		want os.FileMode
	}{{dir, 0o755 | os.ModeDir}, {res.Path, 0o644}} {
		fi, err := os.Stat(c.path)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode() != c.want {
			t.Errorf("%s mode = %v, want %v", c.path, fi.Mode(), c.want)
		}
	}
}
