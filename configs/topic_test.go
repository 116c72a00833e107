package configs

import (
	"reflect"
	"testing"
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
