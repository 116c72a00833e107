package configs

import (
	_ "embed"
	"strings"
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
