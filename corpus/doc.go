// Package corpus holds the articles vnru quotes from: the Article type and
// its file format (Markdown with YAML front matter), loading and validating
// a folder of article files, the cleaner that strips page boilerplate from
// scraped text, and the Vietnamese sentence splitter.
//
// Ingest also lives here: an Ingester reads a URL, a saved page or scraped
// text into an Article (FromHTML, Clean), applies overrides, refuses
// duplicates and writes the file atomically under a folder lock, and says
// what it did in a Result (added, unchanged, replaced, failed). cmd/vnru
// only drives it and prints. LoadAll is the one corpus set (embedded plus
// folder) every command answers from; Stream reads the same set one
// article file at a time, for the engine to index without holding it all,
// and stamps each file (stamp.go): given a Recall, it skips reading the
// files a reader already holds at their stamps (folder.go lists and
// stamps a folder on disk through its descriptor). Every date form read
// is in date.go.
//
// The five founding articles are embedded in the binary (see Default) so the
// answer engine works with no set-up.
//
// corpus knows nothing of bleve or Telegram: the retrieval package indexes
// what this package loads, and the bot package only shows it.
package corpus
