// What `vnru follow` reads from configs: the topic (topic.txt) and the
// bot's follow schedule (VNRU_FEEDS, VNRU_FOLLOW_EVERY).

package configs

import (
	_ "embed"
	"fmt"
	"strings"
	"time"
	"unicode"
)

//go:embed topic.txt
var topicFile string

// Topic is the default topic of `vnru follow` (topic.txt): groups of
// alternative terms that must all be mentioned, and phrases that do not
// count.
type Topic struct {
	Groups [][]string
	Except []string
}

// FollowTopic returns the topic in topic.txt.
func FollowTopic() Topic { return parseTopic(topicFile) }

func parseTopic(text string) Topic {
	var t Topic
	for _, line := range dataLines(text) {
		if rest, ok := strings.CutPrefix(line, "-"); ok {
			t.Except = append(t.Except, splitAlternatives(rest)...)
			continue
		}
		if g := splitAlternatives(line); len(g) > 0 {
			t.Groups = append(t.Groups, g)
		}
	}
	return t
}

// Follow schedule limits: a news feed changes every few minutes at most,
// and polling it more often than every 5 minutes is impolite.
const (
	DefaultFollowEvery = time.Hour
	MinFollowEvery     = 5 * time.Minute
)

// loadFollow reads VNRU_FEEDS (comma- or space-separated) and
// VNRU_FOLLOW_EVERY.
func (c *Config) loadFollow(getenv func(string) string) []error {
	var errs []error
	c.Feeds = strings.FieldsFunc(getenv("VNRU_FEEDS"), func(r rune) bool { return r == ',' || unicode.IsSpace(r) })
	if len(c.Feeds) == 0 {
		c.Feeds = nil
	}
	v := strings.TrimSpace(getenv("VNRU_FOLLOW_EVERY"))
	switch {
	case v == "" && len(c.Feeds) > 0:
		c.FollowEvery = DefaultFollowEvery
	case v == "":
	case len(c.Feeds) == 0:
		errs = append(errs, fmt.Errorf("VNRU_FOLLOW_EVERY=%q but VNRU_FEEDS is empty: list the feed or sitemap URLs to follow in VNRU_FEEDS", v))
	default:
		d, err := time.ParseDuration(v)
		if err != nil || d < MinFollowEvery {
			errs = append(errs, fmt.Errorf("VNRU_FOLLOW_EVERY=%q: use a duration of at least %v, such as 30m or 2h", v, MinFollowEvery))
		}
		c.FollowEvery = d
	}
	return errs
}
