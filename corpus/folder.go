package corpus

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
)

// A folderReader reads the article files of one folder: through fs.FS
// (the embedded articles), or, for a folder on disk, through an open
// descriptor of it (diskReader), which lists names without a FileInfo
// each and stamps a file by its name in the folder instead of its whole
// path: at half a million files, listing and stamping them was most of
// an open that reads none of them.
type folderReader interface {
	// names are the names of the article files, sorted.
	names() ([]string, error)
	// stamp stamps a file; ok is false when it is not a regular file,
	// and dir true when it is a folder.
	stamp(name string) (st Stamp, ok, dir bool)
	read(name string) ([]byte, error)
	close()
}

// diskFolder is a corpus folder on disk (folderFS).
type diskFolder struct {
	fs.FS
	path string
}

// folderFS is the corpus folder dir, which must exist.
func folderFS(dir string) (fs.FS, error) {
	if _, err := os.Stat(dir); err != nil {
		return nil, fmt.Errorf("corpus folder: %w", err)
	}
	return diskFolder{FS: os.DirFS(dir), path: dir}, nil
}

// readerOf is the reader of the folder fsys.
func readerOf(fsys fs.FS) (folderReader, error) {
	if d, ok := fsys.(diskFolder); ok {
		f, err := os.Open(d.path)
		if err != nil {
			return nil, err
		}
		return diskReader{f}, nil
	}
	return fsReader{fsys}, nil
}

type fsReader struct{ fsys fs.FS }

func (r fsReader) names() ([]string, error) {
	entries, err := fs.ReadDir(r.fsys, ".")
	if err != nil {
		return nil, err
	}
	names := make([]string, 0, len(entries))
	for _, e := range entries {
		if !e.IsDir() && IsArticleFile(e.Name()) {
			names = append(names, e.Name())
		}
	}
	sort.Strings(names)
	return names, nil
}

func (r fsReader) stamp(name string) (Stamp, bool, bool) { return statStamp(fs.Stat(r.fsys, name)) }

// statStamp is folderReader.stamp from a file's stat.
func statStamp(fi fs.FileInfo, err error) (st Stamp, ok, dir bool) {
	if err != nil {
		return Stamp{}, false, false
	}
	return stampOf(fi), fi.Mode().IsRegular(), fi.IsDir()
}

func (r fsReader) read(name string) ([]byte, error) { return fs.ReadFile(r.fsys, name) }

func (fsReader) close() {}

// diskReader reads a folder on disk through its open descriptor.
type diskReader struct{ dir *os.File }

func (r diskReader) names() ([]string, error) {
	all, err := r.dir.Readdirnames(-1)
	if err != nil {
		return nil, err
	}
	names := all[:0]
	for _, n := range all {
		if IsArticleFile(n) {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	return names, nil
}

func (r diskReader) read(name string) ([]byte, error) {
	return os.ReadFile(filepath.Join(r.dir.Name(), name))
}

func (r diskReader) close() { r.dir.Close() }
