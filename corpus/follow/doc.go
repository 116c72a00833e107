// Package follow keeps a corpus up to date from news feeds: it reads RSS,
// Atom and JSON feeds, sitemaps, news sitemaps and sitemap indexes, keeps
// the entries on topic (Topic: by default Vietnam–Russia relations, from
// configs/topic.txt through cmd/vnru), and hands each new article page to
// an Ingester, which the caller adapts from its ingest code.
//
// A tour:
//   - topic.go: whole-word matching of groups of terms, marks where the
//     text has them ("Nga" is not "ngà"), capitalised terms, except phrases.
//   - sources.go: command-line sources (URLs, or files listing them).
//   - parse.go: feeds (github.com/mmcdole/gofeed) and sitemaps.
//   - polite.go: the HTTP transport every request goes through: robots.txt
//     (github.com/temoto/robotstxt) with Crawl-delay, one request at a time
//     per host and a delay between them, the User-Agent.
//   - state.go: the state file in the corpus folder (validators for
//     conditional GET, what became of each entry, robots.txt, back-off),
//     written atomically.
//   - follow.go: a run. report.go: what it did.
//
// Time comes from a Clock, so tests check pacing and back-off on a fake
// one. Pages are fetched with corpus.Fetcher, within its size and time
// limits. follow knows nothing of the index, the bot or the configuration.
package follow
