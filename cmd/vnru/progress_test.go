package main

import (
	"bytes"
	"testing"
)

// TestProgressPlain: off a terminal the progress is sparse plain lines.
func TestProgressPlain(t *testing.T) {
	tests := []struct {
		name string
		run  func(p *progress)
		show bool
		want string
	}{
		{"tenths", func(p *progress) {
			for i := 0; i <= 1000; i += 50 {
				p.Set(i, 1000)
			}
		}, true, "index: 100/1000 (10%)\nindex: 200/1000 (20%)\nindex: 300/1000 (30%)\nindex: 400/1000 (40%)\nindex: 500/1000 (50%)\n" +
			"index: 600/1000 (60%)\nindex: 700/1000 (70%)\nindex: 800/1000 (80%)\nindex: 900/1000 (90%)\nindex: 1000/1000 (100%)\n"},
		{"items", func(p *progress) {
			p.Set(0, 2)
			p.Describe("a.html")
			p.Set(1, 2)
			p.Println("failed a.html: no title")
			p.Describe("b.html")
			p.Set(2, 2)
		}, true, "[1/2] a.html\nfailed a.html: no title\n[2/2] b.html\n"},
		{"hidden", func(p *progress) {
			p.Set(0, 1)
			p.Describe("a.html")
			p.Println("failed a.html: no title")
			p.Set(1, 1)
		}, false, "failed a.html: no title\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			p := newProgress(&b, "index", tt.show)
			tt.run(p)
			p.Finish()
			if b.String() != tt.want {
				t.Errorf("progress wrote\n%q\nwant\n%q", b.String(), tt.want)
			}
		})
	}
}
