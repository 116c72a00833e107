//go:build !linux

package corpus

import (
	"os"
	"path/filepath"
)

func (r diskReader) stamp(name string) (Stamp, bool, bool) {
	fi, err := os.Stat(filepath.Join(r.dir.Name(), name))
	if err != nil {
		return Stamp{}, false, false
	}
	return stampOf(fi), fi.Mode().IsRegular(), fi.IsDir()
}
