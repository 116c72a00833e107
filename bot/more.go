package bot

import (
	"crypto/rand"
	"encoding/hex"
	"sync"
	"time"

	"github.com/vnru/vnru/retrieval"
)

// moreStore keeps the quotes not yet shown behind "more results" buttons.
// It is bounded in size (oldest entries go first) and entries expire, so
// a busy bot's memory stays flat. The key fits Telegram's 64-byte limit
// on callback data with room to spare.
type moreStore struct {
	ttl     time.Duration
	max     int
	now     func() time.Time
	mu      sync.Mutex
	entries map[string]*moreEntry
	order   []string // keys, oldest first
}

type moreEntry struct {
	chatID  int64
	quotes  []retrieval.Quote
	foreign bool
	created time.Time
}

func newMoreStore(ttl time.Duration, max int, now func() time.Time) *moreStore {
	return &moreStore{ttl: ttl, max: max, now: now, entries: map[string]*moreEntry{}}
}

// put stores quotes for a chat and returns their key.
func (s *moreStore) put(chatID int64, quotes []retrieval.Quote, foreign bool) string {
	var b [8]byte
	_, _ = rand.Read(b[:]) // crypto/rand never fails on supported platforms
	key := hex.EncodeToString(b[:])
	s.mu.Lock()
	defer s.mu.Unlock()
	s.entries[key] = &moreEntry{chatID: chatID, quotes: quotes, foreign: foreign, created: s.now()}
	s.order = append(s.order, key)
	for len(s.entries) > s.max || len(s.order) > 0 && s.expired(s.order[0]) {
		delete(s.entries, s.order[0])
		s.order = s.order[1:]
	}
	return key
}

func (s *moreStore) expired(key string) bool {
	e := s.entries[key]
	return e == nil || s.now().Sub(e.created) > s.ttl
}

// take returns up to n quotes stored under key for the chat, and whether
// more remain; ok is false when the key is unknown, expired, or belongs
// to another chat.
func (s *moreStore) take(chatID int64, key string, n int) (quotes []retrieval.Quote, foreign, remain, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	e := s.entries[key]
	if e == nil || e.chatID != chatID || s.expired(key) {
		return nil, false, false, false
	}
	n = min(n, len(e.quotes))
	quotes, e.quotes = e.quotes[:n], e.quotes[n:]
	if len(e.quotes) == 0 {
		delete(s.entries, key)
	}
	return quotes, e.foreign, len(e.quotes) > 0, true
}
