package corpus

import "syscall"

func addSystemStamp(s *Stamp, sys any) {
	if st, ok := sys.(*syscall.Stat_t); ok {
		s.Inode = st.Ino
		s.Change = st.Ctim.Nano()
	}
}
