package follow_test

import (
	"fmt"

	"github.com/vnru/vnru/corpus/follow"
)

func ExampleParseMatch() {
	topic, err := follow.ParseMatch("Nga | Liên bang Nga | Russia + Việt Nam | Hà Nội | Vietnam")
	if err != nil {
		panic(err)
	}
	for _, title := range []string{
		"Thủ tướng Nga thăm chính thức Việt Nam",
		"Quan he Viet Nam - Lien bang Nga", // typed without marks
		"Ngày hội ngà voi ở Hà Nội",        // Ngày and ngà are not Nga
		"Vở ballet Hồ thiên nga",           // a swan
	} {
		if ok, missing := topic.Match(title); ok {
			fmt.Println("kept")
		} else {
			fmt.Println("off topic:", missing)
		}
	}
	// Output:
	// kept
	// kept
	// off topic: no mention of Nga | Liên bang Nga | Russia
	// off topic: no mention of Nga | Liên bang Nga | Russia
}
