package bot

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/vnru/vnru/retrieval"
)

func TestQuoteHTML(t *testing.T) {
	q := quote(`Ông <Putin> & "Lavrov" thăm Việt Nam.`)
	span := func(w string) retrieval.Span {
		i := strings.Index(q.Text, w)
		return retrieval.Span{Start: i, End: i + len(w)}
	}
	q.Matches = []retrieval.Span{span("<Putin>"), span("Việt Nam")}
	got := quoteHTML(q)
	want := `«Ông <b>&lt;Putin&gt;</b> &amp; &quot;Lavrov&quot; thăm <b>Việt Nam</b>.»`
	if got != want {
		t.Errorf("quoteHTML = %q, want %q", got, want)
	}
	q.Matches = []retrieval.Span{{Start: 30, End: 10}, {Start: 0, End: 999}} // nonsense spans are skipped
	if got := quoteHTML(q); got != "«"+escape(q.Text)+"»" {
		t.Errorf("quoteHTML with bad spans = %q", got)
	}
}

func TestSourceHTML(t *testing.T) {
	tests := []struct {
		src  retrieval.Source
		want string
	}{
		{retrieval.Source{Title: "A & B", Source: "Thời Đại", URL: "https://x.vn/a?b=1&c=2", Published: date(2025, 1, 12)},
			`<a href="https://x.vn/a?b=1&amp;c=2">A &amp; B</a> · Thời Đại · 12/01/2025`},
		{retrieval.Source{Title: "Không rõ nguồn", Source: "unknown", Published: date(2021, 4, 5)}, `Không rõ nguồn · 05/04/2021`},
	}
	for _, tt := range tests {
		if got := sourceHTML(tt.src); got != tt.want {
			t.Errorf("sourceHTML = %q, want %q", got, tt.want)
		}
	}
}

func TestSplitBlocks(t *testing.T) {
	block := "<b>" + strings.Repeat("á", 1000) + "</b>"
	parts := splitBlocks([]string{block, block, block, block, block}, maxMessageLen)
	if len(parts) != 2 {
		t.Fatalf("got %d parts, want 2", len(parts))
	}
	for _, p := range parts {
		checkTelegramHTML(t, p)
	}
	huge := "«" + strings.Repeat("Nga & Việt Nam ", 1000) + "»" // one block over the limit
	parts = splitBlocks([]string{escape(huge)}, maxMessageLen)
	if len(parts) < 4 {
		t.Fatalf("a %d-character block gave %d parts", utf8.RuneCountInString(huge), len(parts))
	}
	var joined string
	for _, p := range parts {
		checkTelegramHTML(t, p)
		joined += stripTags(p)
	}
	if joined != huge {
		t.Errorf("the pieces of a long block do not join back to it")
	}
	emoji := strings.Repeat("🇻🇳", 3000) // 4 UTF-16 units each
	for _, p := range splitBlocks([]string{emoji}, maxMessageLen) {
		checkTelegramHTML(t, p)
	}
}

// checkTelegramHTML asserts a message part is within Telegram's limit and
// is well-formed: only our tags, balanced, and every & starting an entity.
func checkTelegramHTML(t *testing.T, s string) {
	t.Helper()
	if n := utf16Len(s); n > maxMessageLen {
		t.Fatalf("part is %d UTF-16 units, over %d", n, maxMessageLen)
	}
	if !utf8.ValidString(s) {
		t.Fatalf("part is not valid UTF-8")
	}
	var stack []string
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '<':
			end := strings.IndexByte(s[i:], '>')
			if end < 0 {
				t.Fatalf("unclosed tag in %q", s)
			}
			tag := s[i+1 : i+end]
			switch {
			case tag == "b" || tag == "i" || strings.HasPrefix(tag, `a href="`) && !strings.Contains(tag[8:len(tag)-1], `"`):
				stack = append(stack, strings.Fields(tag)[0])
			case strings.HasPrefix(tag, "/"):
				if len(stack) == 0 || stack[len(stack)-1] != tag[1:] {
					t.Fatalf("unbalanced </%s> in %q", tag[1:], s)
				}
				stack = stack[:len(stack)-1]
			default:
				t.Fatalf("unexpected tag <%s> in %q", tag, s)
			}
			i += end
		case '>':
			t.Fatalf("raw > in %q", s)
		case '&':
			rest := s[i:]
			if !strings.HasPrefix(rest, "&amp;") && !strings.HasPrefix(rest, "&lt;") && !strings.HasPrefix(rest, "&gt;") && !strings.HasPrefix(rest, "&quot;") {
				t.Fatalf("raw & in %q", s)
			}
		}
	}
	if len(stack) > 0 {
		t.Fatalf("unclosed <%s> in %q", stack[len(stack)-1], s)
	}
}

func FuzzAnswerParts(f *testing.F) {
	f.Add("Ông <Putin> & Lavrov", "Tiêu đề", "https://x.vn/?a=1&b=2", 0, 3)
	f.Add(strings.Repeat("Việt Nam ", 600), "T", "", 5, 400)
	f.Fuzz(func(t *testing.T, text, title, url string, start, end int) {
		if !utf8.ValidString(text) || !utf8.ValidString(title) || !utf8.ValidString(url) {
			return // the engine only returns NFC, valid UTF-8 text
		}
		q := quote(text)
		q.Article.Title, q.Article.URL = title, url
		q.Matches = []retrieval.Span{{Start: start, End: end}}
		if start < 0 || end > len(text) || start >= end || !utf8.ValidString(text[max(0, start):min(len(text), max(0, end))]) {
			q.Matches = nil
		}
		for _, p := range answerParts(english(), []retrieval.Quote{q, q}, true) {
			checkTelegramHTML(t, p)
		}
	})
}

func TestInlineTitle(t *testing.T) {
	short := "Ngắn gọn."
	if got := inlineTitle(short); got != short {
		t.Errorf("inlineTitle(%q) = %q", short, got)
	}
	long := strings.Repeat("Thủ tướng Nga thăm Việt Nam ", 5)
	got := inlineTitle(long)
	if !strings.HasSuffix(got, "…") || utf8.RuneCountInString(got) > inlineTitleRunes+1 || !strings.HasPrefix(long, strings.TrimSuffix(got, "…")) {
		t.Errorf("inlineTitle(long) = %q", got)
	}
}

func TestMessagesLanguages(t *testing.T) {
	for code, want := range map[string]string{"": "vi", "vi": "vi", "en-US": "en", "en": "en", "ru": "ru", "uk": "vi"} {
		if got := messagesFor(code).lang; got != want {
			t.Errorf("messagesFor(%q) = %s, want %s", code, got, want)
		}
	}
	for _, m := range []messages{vietnamese(), english(), russian()} {
		for _, s := range []string{m.welcome, m.help, noAnswerHTML(m), m.empty, m.stale, m.more} {
			checkTelegramHTML(t, s)
		}
	}
}
