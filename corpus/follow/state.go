package follow

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// StateFile is the name of the state file in the corpus folder. It is
// hidden, so the article loader ignores it.
const StateFile = ".follow-state.json"

// Back-off of failing sources and entries: the wait doubles from
// firstRetry with each failure, up to maxRetry; an entry that failed
// giveUpAfter times is not tried again (a source always is: the user
// listed it).
const (
	firstRetry  = time.Hour
	maxRetry    = 7 * 24 * time.Hour
	giveUpAfter = 5
	// forgetAfter: entries no source has listed for this long are
	// dropped from the state, which would otherwise only grow.
	forgetAfter = 180 * 24 * time.Hour
)

// Entry statuses kept in the state.
const (
	statusAdded    = "added"
	statusKnown    = "known"
	statusOffTopic = "off-topic"
	statusFailed   = "failed"
	statusOld      = "old" // published before --since; fetched again without it
)

// State is what a run remembers for the next: the validators of each
// source, what became of each entry, and the hosts' robots.txt.
type State struct {
	Version int                     `json:"version"`
	Sources map[string]*SourceState `json:"sources"`
	Entries map[string]*EntryState  `json:"entries"`
	Robots  map[string]*RobotsState `json:"robots"` // by scheme://host
}

// SourceState is a feed or sitemap: its HTTP validators and failures.
type SourceState struct {
	ETag         string    `json:"etag,omitempty"`
	LastModified string    `json:"last_modified,omitempty"`
	Checked      time.Time `json:"checked"`
	Failures     int       `json:"failures,omitempty"`
	RetryAt      time.Time `json:"retry_at,omitzero"`
	LastError    string    `json:"last_error,omitempty"`
	// Sitemaps of a sitemap index, read again when the index is
	// unchanged (sites often leave its lastmod dates stale).
	Sitemaps []string `json:"sitemaps,omitempty"`
}

// EntryState is one article address and what became of it.
type EntryState struct {
	Status    string    `json:"status"`
	Seen      time.Time `json:"seen"`             // last listed by a source
	Title     string    `json:"title,omitempty"`  // for retries, which no source lists again
	ID        string    `json:"id,omitempty"`     // article added
	Detail    string    `json:"detail,omitempty"` // why off topic, or the last error
	Failures  int       `json:"failures,omitempty"`
	RetryAt   time.Time `json:"retry_at,omitzero"`
	Published time.Time `json:"published,omitzero"`
	Topic     string    `json:"topic,omitempty"` // Topic.Key of an off-topic decision
}

// RobotsState is a host's robots.txt as last fetched.
type RobotsState struct {
	Status  int       `json:"status"`
	Body    string    `json:"body"`
	Fetched time.Time `json:"fetched"`
}

const stateVersion = 1

func newState() *State {
	return &State{Version: stateVersion, Sources: map[string]*SourceState{}, Entries: map[string]*EntryState{}, Robots: map[string]*RobotsState{}}
}

// LoadState reads the state file of a corpus folder; a folder without
// one (or dir == "") gives an empty state.
func LoadState(dir string) (*State, error) {
	st := newState()
	if dir == "" {
		return st, nil
	}
	path := filepath.Join(dir, StateFile)
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return st, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read follow state: %w", err)
	}
	if err := json.Unmarshal(data, st); err != nil {
		return nil, fmt.Errorf("follow state %s is damaged (%v): fix it, or delete it to treat every entry as new", path, err)
	}
	if st.Version != stateVersion {
		return nil, fmt.Errorf("follow state %s has version %d, this vnru reads %d: delete it to start afresh", path, st.Version, stateVersion)
	}
	if st.Sources == nil {
		st.Sources = map[string]*SourceState{}
	}
	if st.Entries == nil {
		st.Entries = map[string]*EntryState{}
	}
	if st.Robots == nil {
		st.Robots = map[string]*RobotsState{}
	}
	return st, nil
}

// Save writes the state atomically: a hidden temporary file in the same
// folder, synced, then renamed over the old one. A crash leaves the old
// state or the new one. Entries not listed for forgetAfter are dropped.
func (st *State) Save(dir string, now time.Time) error {
	for u, e := range st.Entries {
		if now.Sub(e.Seen) > forgetAfter {
			delete(st.Entries, u)
		}
	}
	data, err := json.MarshalIndent(st, "", " ")
	if err != nil {
		return fmt.Errorf("save follow state: %w", err)
	}
	f, err := os.CreateTemp(dir, StateFile+".tmp-")
	if err != nil {
		return fmt.Errorf("save follow state: %w", err)
	}
	defer os.Remove(f.Name()) // gone after the rename; cleans up on error
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("save follow state: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("save follow state: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("save follow state: %w", err)
	}
	if err := os.Rename(f.Name(), filepath.Join(dir, StateFile)); err != nil {
		return fmt.Errorf("save follow state: %w", err)
	}
	return nil
}

// backoff is the wait after the n-th consecutive failure (n ≥ 1).
func backoff(n int) time.Duration {
	d := firstRetry
	for i := 1; i < n && d < maxRetry; i++ {
		d *= 2
	}
	return min(d, maxRetry)
}
