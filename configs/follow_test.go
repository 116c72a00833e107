package configs

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestParseTopic(t *testing.T) {
	got := parseTopic("# comment\nNga | Russia\n\n- chị Nga | Thị Nga\nViệt Nam\n")
	want := Topic{Groups: [][]string{{"Nga", "Russia"}, {"Việt Nam"}}, Except: []string{"chị Nga", "Thị Nga"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("parseTopic = %#v, want %#v", got, want)
	}
	if d := FollowTopic(); len(d.Groups) != 2 || len(d.Except) == 0 {
		t.Errorf("topic.txt: %d groups and %d except phrases, want 2 groups (Russia, Vietnam) and some", len(d.Groups), len(d.Except))
	}
}

func TestLoadFollow(t *testing.T) {
	tests := []struct {
		name    string
		env     map[string]string
		feeds   []string
		every   time.Duration
		wantErr string
	}{
		{"none", nil, nil, 0, ""},
		{"feeds, default period", map[string]string{"VNRU_FEEDS": "https://a.vn/rss, https://b.vn/sitemap.xml feeds.txt"}, []string{"https://a.vn/rss", "https://b.vn/sitemap.xml", "feeds.txt"}, time.Hour, ""},
		{"feeds and period", map[string]string{"VNRU_FEEDS": "https://a.vn/rss", "VNRU_FOLLOW_EVERY": "30m"}, []string{"https://a.vn/rss"}, 30 * time.Minute, ""},
		{"too often", map[string]string{"VNRU_FEEDS": "https://a.vn/rss", "VNRU_FOLLOW_EVERY": "10s"}, nil, 0, "at least 5m0s"},
		{"not a duration", map[string]string{"VNRU_FEEDS": "https://a.vn/rss", "VNRU_FOLLOW_EVERY": "hourly"}, nil, 0, "VNRU_FOLLOW_EVERY=\"hourly\""},
		{"period without feeds", map[string]string{"VNRU_FOLLOW_EVERY": "30m"}, nil, 0, "VNRU_FEEDS is empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := Load(func(k string) string { return tt.env[k] })
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Errorf("Load error = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(c.Feeds, tt.feeds) || c.FollowEvery != tt.every {
				t.Errorf("Feeds = %q, FollowEvery = %v; want %q, %v", c.Feeds, c.FollowEvery, tt.feeds, tt.every)
			}
		})
	}
}
