package corpus

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkParseArticle parses an embedded article file, the step that
// reading a corpus folder spends most of its time in.
func BenchmarkParseArticle(b *testing.B) {
	path := filepath.Join("articles", "2024-06-20-tong-bi-thu-nguyen-phu-trong-hoi-dam-voi-tong-thong-putin.md")
	data, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := ParseArticle("a", path, data); err != nil {
			b.Fatal(err)
		}
	}
}
