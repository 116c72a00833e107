package corpus

import "io/fs"

// A Stamp tells one version of an article file from another without
// reading it: its size and modification time and, where the system gives
// them, its inode and status-change time, so a file replaced (a rename)
// or rewritten in place gets a new stamp even when its size and
// modification time are kept. An embedded article's stamp is zero.
type Stamp struct {
	Size    int64
	ModTime int64 // Unix nanoseconds
	Inode   uint64
	Change  int64 // Unix nanoseconds; 0 where the system does not say
}

// IsZero says whether s is no file's stamp (an embedded article's).
func (s Stamp) IsZero() bool { return s == Stamp{} }

func stampOf(fi fs.FileInfo) Stamp {
	s := Stamp{Size: fi.Size(), ModTime: fi.ModTime().UnixNano()}
	addSystemStamp(&s, fi.Sys())
	return s
}

// A Recall returns the details (everything but the paragraphs) of the
// article a reader already holds from the file of this ID as it was at
// stamp st, or false to have the file read. It is called from several
// goroutines at once.
type Recall func(id string, st Stamp) (Article, bool)

// An Entry is an article of a Stream read with a Recall: read from its
// file, or, when Recalled, the details the Recall returned in its place.
type Entry struct {
	Article
	Stamp    Stamp // its file's, when it was read; zero for an embedded article
	Recalled bool  // the file was not read: Article has no paragraphs
}
