package corpus

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	"github.com/gofrs/flock"
)

// LockFile is the file in a corpus folder that writers lock (flock), so
// two ingests into one folder, in one process or two, take turns: each
// sees the files the other wrote before it picks a name. It is hidden, so
// never loaded as an article.
const LockFile = ".vnru-ingest.lock"

// lockRetry is how often a waiting writer tries the lock again; writers
// hold it for one article, a few milliseconds.
const lockRetry = 20 * time.Millisecond

// lockDir takes the exclusive lock of a corpus folder, waiting for
// another writer to finish, and returns the function that releases it.
// The lock is released by the kernel if the process dies, so a killed
// ingest never leaves the folder locked.
func lockDir(ctx context.Context, dir string) (unlock func(), err error) {
	fl := flock.New(filepath.Join(dir, LockFile), flock.SetPermissions(FileMode))
	ok, err := fl.TryLockContext(ctx, lockRetry)
	if err != nil {
		return nil, fmt.Errorf("lock corpus folder %s: %w", dir, err)
	}
	if !ok {
		return nil, fmt.Errorf("lock corpus folder %s: %w", dir, ctx.Err())
	}
	return func() { fl.Unlock() }, nil
}
