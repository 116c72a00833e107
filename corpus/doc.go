// Package corpus holds the articles vnru quotes from: the Article type and
// its file format (Markdown with YAML front matter), loading and validating
// a folder of article files, the cleaner that strips page boilerplate from
// scraped text, and the Vietnamese sentence splitter.
//
// The five founding articles are embedded in the binary (see Default) so the
// answer engine works with no set-up.
//
// corpus knows nothing of bleve or Telegram: the retrieval package indexes
// what this package loads, and the bot package only shows it.
package corpus
