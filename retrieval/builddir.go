package retrieval

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/gofrs/flock"
	"github.com/google/renameio/v2"
)

// writeFileAtomic writes data with renameio: a hidden temporary file
// beside path, synced, then renamed over it, so readers see the old or
// the new content, never half of it. The file follows the umask.
func writeFileAtomic(path string, data []byte) error {
	t, err := renameio.NewPendingFile(path, renameio.WithTempDir(filepath.Dir(path)), renameio.WithPermissions(0o666))
	if err != nil {
		return err
	}
	defer t.Cleanup()
	if _, err := t.Write(data); err != nil {
		return err
	}
	return t.CloseAtomicallyReplace()
}

// Build folders. A build happens in a hidden ".build-*" folder beside the
// live index and holds an flock on the lock file inside it until it ends;
// the kernel drops the lock when the process dies, so a folder whose lock
// can be taken is the leftover of a killed build. Builders create their
// folder and lock it while holding buildGuard shared, and the clean-up
// holds it exclusive, so it never sees a new folder before its lock.
const (
	buildPrefix   = ".build-"
	buildLockFile = "build.lock"
	buildGuard    = ".build.lock"
)

// newBuildFolder creates a locked build folder in dir; release removes
// it and drops the lock.
func newBuildFolder(dir string) (path string, release func(), err error) {
	guard := flock.New(filepath.Join(dir, buildGuard), flock.SetPermissions(0o666))
	if err := guard.RLock(); err != nil {
		return "", nil, fmt.Errorf("lock index folder: %w", err)
	}
	defer guard.Unlock()
	tmp, err := os.MkdirTemp(dir, buildPrefix)
	if err != nil {
		return "", nil, fmt.Errorf("create build folder: %w", err)
	}
	lock := flock.New(filepath.Join(tmp, buildLockFile), flock.SetPermissions(0o666))
	if err := lock.Lock(); err != nil {
		os.RemoveAll(tmp)
		return "", nil, fmt.Errorf("lock build folder: %w", err)
	}
	return tmp, func() {
		os.RemoveAll(tmp)
		lock.Unlock()
	}, nil
}

// removeLeftoverBuilds removes the build folders of interrupted builds
// (whose lock no live builder holds) and logs what it freed; folders of
// builds still running are left alone.
func removeLeftoverBuilds(lg *slog.Logger, dir string) {
	guard := flock.New(filepath.Join(dir, buildGuard), flock.SetPermissions(0o666))
	if err := guard.Lock(); err != nil {
		level := slog.LevelWarn
		if errors.Is(err, fs.ErrPermission) {
			level = slog.LevelDebug // a read-only index folder: nothing to clean
		}
		lg.Log(context.Background(), level, "lock index folder to clean up", "dir", dir, "err", err)
		return
	}
	defer guard.Unlock()
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	removed, running := 0, 0
	var freed int64
	for _, e := range entries {
		if !e.IsDir() || !strings.HasPrefix(e.Name(), buildPrefix) {
			continue
		}
		path := filepath.Join(dir, e.Name())
		// A folder without a lock file (older vnru) gets one here, and
		// counts as left over.
		lock := flock.New(filepath.Join(path, buildLockFile))
		if ok, err := lock.TryLock(); err != nil || !ok {
			running++
			continue
		}
		size := folderSize(path)
		if err := os.RemoveAll(path); err != nil {
			lg.Warn("remove leftover index build", "name", e.Name(), "err", err)
		} else {
			removed++
			freed += size
		}
		lock.Unlock()
	}
	if removed > 0 {
		lg.Info("removed leftover index builds", "dir", dir, "folders", removed, "bytes", freed)
	}
	if running > 0 {
		lg.Info("index builds in progress left alone", "dir", dir, "folders", running)
	}
}

// folderSize is the total size of the files under path.
func folderSize(path string) int64 {
	var n int64
	filepath.WalkDir(path, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				n += info.Size()
			}
		}
		return nil
	})
	return n
}

// followUmask gives the folders and files bleve wrote under path (0700
// and 0600 whatever the umask) the modes any new folder and file get
// (0755 and 0644 under umask 022), so another account, such as the
// bot's, can read an index built by hand.
func followUmask(path string) error {
	probe, err := os.MkdirTemp(filepath.Dir(path), ".mode-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(probe)
	// MkdirTemp makes 0700; a folder made with 0777 shows the umask.
	if err := os.Mkdir(filepath.Join(probe, "d"), 0o777); err != nil {
		return err
	}
	f, err := os.OpenFile(filepath.Join(probe, "f"), os.O_CREATE|os.O_WRONLY, 0o666)
	if err != nil {
		return err
	}
	f.Close()
	di, err := os.Stat(filepath.Join(probe, "d"))
	if err != nil {
		return err
	}
	fi, err := os.Stat(filepath.Join(probe, "f"))
	if err != nil {
		return err
	}
	dirMode, fileMode := di.Mode().Perm(), fi.Mode().Perm()
	return filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return os.Chmod(p, dirMode)
		}
		return os.Chmod(p, fileMode)
	})
}
