package corpus

import "golang.org/x/sys/unix"

func (r diskReader) stamp(name string) (Stamp, bool, bool) {
	var st unix.Stat_t
	if err := unix.Fstatat(int(r.dir.Fd()), name, &st, 0); err != nil {
		return Stamp{}, false, false
	}
	s := Stamp{Size: st.Size, ModTime: st.Mtim.Nano(), Inode: st.Ino, Change: st.Ctim.Nano()}
	return s, st.Mode&unix.S_IFMT == unix.S_IFREG, st.Mode&unix.S_IFMT == unix.S_IFDIR
}
