package bot

import (
	"context"
	"io"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/vnru/vnru/corpus"
	"github.com/vnru/vnru/retrieval"
)

var (
	realOnce sync.Once
	realEng  *retrieval.Engine
	realErr  error
)

// realEngine is the answer engine on the embedded articles, shared by
// the tests that need real answers.
func realEngine(t testing.TB) *retrieval.Engine {
	t.Helper()
	realOnce.Do(func() {
		articles, _, err := corpus.Load(corpus.Default())
		if err != nil {
			realErr = err
			return
		}
		data, err := os.ReadFile("../configs/model.json")
		if err != nil {
			realErr = err
			return
		}
		model, err := retrieval.ParseModel(data)
		if err != nil {
			realErr = err
			return
		}
		realEng, realErr = retrieval.Open(context.Background(), slog.New(slog.NewTextHandler(io.Discard, nil)), articles, retrieval.Options{Model: model})
	})
	if realErr != nil {
		t.Fatal(realErr)
	}
	return realEng
}

// TestHostileMessages sends what people (and scripts) type at bots
// through the whole bot with the real engine: each gets one well-formed
// reply, in time, and nothing panics.
func TestHostileMessages(t *testing.T) {
	nfd := "Thu\u0309 tu\u031bo\u031b\u0301ng Mishustin tha\u0306m Vie\u0323\u0302t Nam khi na\u0300o?"
	inputs := map[string]string{
		"empty":               "",
		"white space":         " \t \n ",
		"4096 characters":     strings.Repeat("Nga ", 1024),
		"20000 characters":    strings.Repeat("Việt Nam và Nga. ", 1200),
		"emoji only":          "🇻🇳🤝🇷🇺🔥🔥",
		"punctuation only":    "?!.,;:…—()[]{}",
		"HTML":                "<b>Putin</b> <script>alert(1)</script> thăm <a href='x'>Việt Nam</a>?",
		"unclosed HTML":       "<i>Mishustin thăm Việt Nam khi nào",
		"HTML entities":       "&lt;b&gt; &amp; &quot; Lavrov &#x3C;",
		"Markdown":            "**Putin** _thăm_ `Việt Nam` [link](http://x) # tiêu đề",
		"query string syntax": "+title:x -y* Putin",
		"wildcard":            "*",
		"lone quote":          `"`,
		"fuzzy operator":      "Putin~2",
		"boost operator":      "Việt Nam^5",
		"field query":         "field:value",
		"regexp query":        "/.*/",
		"boolean words":       "Putin AND NOT Medvedev OR Lavrov",
		"NFD Vietnamese":      nfd,
		"zero-width spaces":   "Mishus\u200btin tha\u200cm Việt\u200d Nam\ufeff khi nào?",
		"bidi controls":       "\u202eMishustin thăm Việt Nam\u202c khi nào\u2067?",
		"NUL bytes":           "Putin\x00 thăm\x00 Việt Nam",
		"invalid UTF-8":       "Putin \xff\xfe thăm \xc3\x28 Việt Nam",
		"500-word question":   strings.Repeat("Tổng thống Putin thăm Việt Nam ", 100),
		"Chinese":             "普京什么时候访问越南？",
		"Arabic":              "متى زار بوتين فيتنام؟",
		"Japanese":            "プーチン大統領はいつベトナムを訪問しましたか",
		"URL":                 "https://thoidai.com.vn/thu-tuong-nga-tham-viet-nam-tu-ngay-14-den-151-209413.html",
		"email":               "ai@example.com",
		"SQL injection":       "'; DROP TABLE articles; --",
		"shell injection":     "$(rm -rf /) `reboot`",
		"path traversal":      "../../../../etc/passwd",
		"JSON":                `{"question": "Putin", "k": 10}`,
		"one letter":          "a",
		"one long word":       strings.Repeat("a", 300),
		"numbers only":        "2024 2025 14/1",
		"mixed scripts":       "Путин visit Việt Nam khi nào when?",
		"many question marks": strings.Repeat("?", 3000),
		"newlines":            strings.Repeat("\n", 100) + "Lavrov\n\n\nhội đàm\n",
		"tabs and returns":    "Lavrov\r\nhội\tđàm\r",
		"combining flood":     "a" + strings.Repeat("\u0301", 500),
		"emoji with question": "🤔 Đại sứ Nga tại Việt Nam là ai? 🤔",
		"a real question":     "Ai là Đại sứ Việt Nam tại Nga?",
		"stop words only":     "là của và các những một được",
		"question words only": "khi nào bao giờ ai ở đâu",
	}
	f := newFakeAPI(t)
	b, logs := newTestBot(t, f, realEngine(t), Options{})
	ctx := context.Background()
	i := int64(0)
	for name, text := range inputs {
		i++
		t.Run(name, func(t *testing.T) {
			chatID := 1000 + i
			start := time.Now()
			b.handleSafely(ctx, message(chatID, chatID, "private", text))
			if d := time.Since(start); d > 10*time.Second {
				t.Errorf("handled in %v", d)
			}
			replies := f.delivered()[strconv.FormatInt(chatID, 10)]
			if len(replies) == 0 {
				t.Fatalf("no reply to %q", text)
			}
			for _, r := range replies {
				checkTelegramHTML(t, r.form["text"])
				if !utf8.ValidString(r.form["text"]) {
					t.Errorf("reply is not valid UTF-8")
				}
			}
		})
	}
	if strings.Contains(logs.String(), "panic") {
		t.Errorf("a handler panicked:\n%s", logs)
	}
}
