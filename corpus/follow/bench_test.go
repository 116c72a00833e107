package follow

import (
	"net/url"
	"os"
	"strings"
	"testing"
)

// BenchmarkTopicMatch: the default-sized topic on an article of about
// 1,000 words, the work done for each fetched page.
func BenchmarkTopicMatch(b *testing.B) {
	topic, err := NewTopic([][]string{
		strings.Split("Nga|Liên bang Nga|Liên Xô|Xô viết|Putin|Pu-tin|Mishustin|Lavrov|Moskva|Mát-xcơ-va|Kremlin|Russia*|Soviet*|Moscow|росси*|москв*|путин*", "|"),
		strings.Split("Việt Nam|Việt - Nga|Hà Nội|Thành phố Hồ Chí Minh|TP.HCM|Tô Lâm|Lương Cường|Phạm Minh Chính|Vietnam*|Hanoi|вьетнам*", "|"),
	}, strings.Split("chị Nga|bà Nga|Thị Nga|Hằng Nga", "|"))
	if err != nil {
		b.Fatal(err)
	}
	text := strings.Repeat("Ngày hội việc làm thu hút hàng nghìn sinh viên tại Trung tâm Hội nghị quốc gia, nhiều doanh nghiệp tuyển dụng kỹ sư. ", 50) + "Đoàn đại biểu Liên bang Nga thăm Việt Nam."
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		if ok, _ := topic.Match("Ngày hội việc làm", "", text); !ok {
			b.Fatal("no match")
		}
	}
}

// BenchmarkParseRSS: a 5-entry RSS feed of the test site.
func BenchmarkParseRSS(b *testing.B) {
	data, err := os.ReadFile("testdata/site/a/rss.xml")
	if err != nil {
		b.Fatal(err)
	}
	base, _ := url.Parse("http://a.example/rss.xml")
	body := []byte(strings.ReplaceAll(string(data), "{{A}}", "http://a.example"))
	for b.Loop() {
		if _, err := parseListing(body, base); err != nil {
			b.Fatal(err)
		}
	}
}
