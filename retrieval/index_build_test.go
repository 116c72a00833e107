package retrieval

import (
	"bytes"
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gofrs/flock"
)

// leftoverBuild makes a build folder as a killed build leaves it: some
// index files and an unlocked lock file (or none, from older vnru).
func leftoverBuild(t *testing.T, dir, name string, withLock bool) string {
	t.Helper()
	path := filepath.Join(dir, name)
	if err := os.MkdirAll(filepath.Join(path, "index"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(path, "index", "000000000001.zap"), bytes.Repeat([]byte{1}, 4096), 0o600); err != nil {
		t.Fatal(err)
	}
	if withLock {
		if err := os.WriteFile(filepath.Join(path, buildLockFile), nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}

// TestLeftoverBuildsRemoved is defect 6: build folders of killed builds
// piled up (174 MB after 12 kills), even when the index was reused. Now
// every open removes those no live builder holds, and says so.
func TestLeftoverBuildsRemoved(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	opt := Options{IndexDir: dir, NameVariants: testVariants(t)}
	articles := defaultArticles(t)

	for _, reuse := range []bool{false, true} { // on a fresh build, then when reusing
		stale := leftoverBuild(t, dir, ".build-stale1", true)
		old := leftoverBuild(t, dir, ".build-old", false)
		live := leftoverBuild(t, dir, ".build-live", true)
		builder := flock.New(filepath.Join(live, buildLockFile))
		if err := builder.Lock(); err != nil { // a build still running
			t.Fatal(err)
		}
		var logs bytes.Buffer
		e, err := Open(ctx, slog.New(slog.NewTextHandler(&logs, nil)), articles, opt)
		if err != nil {
			t.Fatal(err)
		}
		e.Close()
		builder.Unlock()
		if exists(stale) || exists(old) {
			t.Errorf("reuse=%v: leftover build folders were not removed", reuse)
		}
		if !exists(live) {
			t.Errorf("reuse=%v: the folder of a running build was removed", reuse)
		}
		if !strings.Contains(logs.String(), "removed leftover index builds") || !strings.Contains(logs.String(), "folders=2") {
			t.Errorf("reuse=%v: the clean-up was not reported:\n%s", reuse, logs.String())
		}
		os.RemoveAll(live)
	}
}
