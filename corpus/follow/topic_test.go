package follow

import "testing"

func TestTopicMatch(t *testing.T) {
	topic, err := NewTopic([][]string{
		{"Nga", "Liên bang Nga", "Mát-xcơ-va", "Russia*", "росси*"},
		{"Việt Nam", "Hà Nội", "Vietnam*", "вьетнам*"},
	}, []string{"chị Nga", "Thị Nga"})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		texts []string
		want  bool
	}{
		{"vietnamese", []string{"Việt Nam và Nga ký hiệp định"}, true},
		{"across title and text", []string{"Thủ tướng Nga thăm chính thức", "", "Chuyến thăm Hà Nội kéo dài hai ngày."}, true},
		{"no marks", []string{"Quan he Viet Nam - Lien bang Nga"}, true},
		{"all capitals", []string{"VIỆT NAM - NGA: 75 NĂM QUAN HỆ"}, true},
		{"hyphenated city", []string{"Đoàn Việt Nam tới Mát-xcơ-va"}, true},
		{"english plural and possessive", []string{"Vietnam's ties with Russia's leaders"}, true},
		{"russian cases", []string{"Визит во Вьетнам", "Отношения России и Вьетнама"}, true},
		{"ngay is not nga", []string{"Việt Nam ngay hôm nay"}, false},
		{"ivory is not russia", []string{"Buôn bán ngà voi ở Việt Nam"}, false},
		{"swan is not russia", []string{"Hồ thiên nga ở Hà Nội"}, false},
		{"a marked word never matches another mark", []string{"Ngã ba Hà Nội"}, false},
		{"a name is not russia", []string{"Chị Nga bán hàng ở Hà Nội", "Bà Nguyễn Thị Nga, Hà Nội"}, false},
		{"the name hides only its own words", []string{"Chị Nga sang Nga du lịch từ Hà Nội"}, true},
		{"russia alone", []string{"Nga và Ukraine đàm phán"}, false},
		{"vietnam alone", []string{"Việt Nam vô địch AFF Cup"}, false},
		{"word boundary", []string{"Vietnamese and Russian officials"}, true},
		{"no prefix without a star", []string{"Liên bang Ngai, Hà Nội"}, false},
		{"empty", nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got, missing := topic.Match(tt.texts...); got != tt.want {
				t.Errorf("Match(%q) = %v (%s), want %v", tt.texts, got, missing, tt.want)
			}
		})
	}
}

func TestTopicSubjectAndMissing(t *testing.T) {
	topic, err := ParseMatch("Nga | Russia + Việt Nam | Hà Nội | Vietnam | Hanoi")
	if err != nil {
		t.Fatal(err)
	}
	if !topic.Subject("Tổng thống Nga") || topic.Subject("Giá vàng hôm nay") {
		t.Errorf("Subject: want true for Nga only")
	}
	_, missing := topic.Match("Tổng thống Nga")
	if want := "no mention of Việt Nam | Hà Nội | Vietnam | …"; missing != want {
		t.Errorf("missing = %q, want %q", missing, want)
	}
}

func TestParseMatchErrors(t *testing.T) {
	for _, s := range []string{"", "Nga + ", "***", "Nga + -"} {
		if _, err := ParseMatch(s); err == nil {
			t.Errorf("ParseMatch(%q) gave no error", s)
		}
	}
}
