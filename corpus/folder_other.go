//go:build !linux

package corpus

import (
	"os"
	"path/filepath"
)

func (r diskReader) stamp(name string) (Stamp, bool, bool) {
	return statStamp(os.Stat(filepath.Join(r.dir.Name(), name)))
}
