package follow

import (
	"sort"
	"time"
)

// Why an entry was skipped.
const (
	SkipOffTopic   = "off-topic"
	SkipKnown      = "already known"
	SkipOld        = "older than --since"
	SkipDisallowed = "disallowed by robots.txt"
	SkipBackingOff = "backing off after failures"
	SkipGaveUp     = "failed too often, given up"
)

// Report is what a run did.
type Report struct {
	Sources  []SourceResult
	Added    []Added
	Skipped  []Skip
	Failed   []Failure // entries whose page could not be fetched or ingested
	Requests int       // HTTP requests sent, robots.txt included
	Took     time.Duration
}

// SourceResult is what became of one feed or sitemap.
type SourceResult struct {
	URL         string
	Kind        string // KindRSS, KindSitemap, …; empty when unknown
	Entries     int
	NotModified bool      // answered 304: unchanged since the last run
	RetryAt     time.Time // backing off after failures: not asked this run
	LastError   string    // the failure it is backing off from
	Err         error
}

// Added is an article added to the corpus.
type Added struct {
	URL   string
	ID    string
	Title string
}

// Skip is an entry left out, and why.
type Skip struct {
	URL    string
	Reason string // one of the Skip constants
	Detail string // e.g. which part of the topic was missing
}

// Failure is an entry that failed this run; it is retried later.
type Failure struct {
	URL string
	Err error
}

// SkipCounts returns the number of skipped entries by reason, and the
// reasons in a stable order (most frequent first).
func (r Report) SkipCounts() (map[string]int, []string) {
	n := map[string]int{}
	for _, s := range r.Skipped {
		n[s.Reason]++
	}
	reasons := make([]string, 0, len(n))
	for k := range n {
		reasons = append(reasons, k)
	}
	sort.Slice(reasons, func(i, j int) bool {
		if n[reasons[i]] != n[reasons[j]] {
			return n[reasons[i]] > n[reasons[j]]
		}
		return reasons[i] < reasons[j]
	})
	return n, reasons
}

// FailedSources returns the number of sources that failed this run.
func (r Report) FailedSources() int {
	n := 0
	for _, s := range r.Sources {
		if s.Err != nil {
			n++
		}
	}
	return n
}
