package retrieval

import (
	"context"
	"strings"
	"testing"
)

// FuzzAnswer asks the engine arbitrary text: it must never panic, and
// every quote it returns must stand verbatim in its article.
func FuzzAnswer(f *testing.F) {
	for _, s := range []string{
		"Thủ tướng Mishustin thăm Việt Nam khi nào?", "+title:x -y* ~2 ^5", "<b>Pu-tin</b>", "\x00\xff", "Путин Вьетнам",
	} {
		f.Add(s)
	}
	e := testEngine(f)
	bodies := map[string]string{}
	for _, a := range e.Articles() {
		bodies[a.ID] = a.Body()
	}
	f.Fuzz(func(t *testing.T, q string) {
		ans, err := e.Answer(context.Background(), q, AskOptions{Limit: 5})
		if err != nil {
			return
		}
		for _, qt := range ans.Quotes {
			if !strings.Contains(bodies[qt.Article.ID], qt.Text) {
				t.Fatalf("quote %q is not in article %s", qt.Text, qt.Article.ID)
			}
		}
	})
}
