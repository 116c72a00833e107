package main

import (
	"strings"
	"testing"
	"time"
)

// TestBotEndToEnd runs the real `vnru bot` (long polling) against the
// Telegram Bot API emulator and talks to it as users would.
func TestBotEndToEnd(t *testing.T) {
	e := startEmulator(t)
	startBot(t, e, nil)
	const wait = 20 * time.Second

	t.Run("private question gets the quote with source, URL and date", func(t *testing.T) {
		u, c := user{ID: 101, FirstName: "Lan"}, chat{ID: 101, Type: "private"}
		e.send(userMessage{From: u, Chat: c, Text: "Thủ tướng Mishustin thăm Việt Nam khi nào?"})
		m := e.waitMessages(c.ID, 1, wait)[0]
		text := m.Message.Text
		for _, want := range []string{"«", "Mishustin</b> sẽ <b>thăm</b>", "từ ngày 14 đến 15/1", `<a href="` + thoiDaiURL + `">`, "Thời Đại · 12/01/2025"} {
			if !strings.Contains(text, want) {
				t.Errorf("reply lacks %q:\n%s", want, text)
			}
		}
		if m.Message.ParseMode != "HTML" || m.Message.ReplyTo == "" || m.Message.ReplyTo == "0" || m.Message.DisablePreview != "true" {
			t.Errorf("reply parse_mode=%q reply_to=%q disable_preview=%q, want HTML, a reply, no preview", m.Message.ParseMode, m.Message.ReplyTo, m.Message.DisablePreview)
		}
		if len(e.calls("sendChatAction")) == 0 {
			t.Errorf("the bot did not show typing")
		}

		// A question with more quotes than a reply shows gets a button
		// for the next ones; pressed again after they ran out, or with a
		// made-up key, it answers politely.
		e.send(userMessage{From: u, Chat: c, Text: "Quan hệ Việt Nam Nga"})
		first := e.waitMessages(c.ID, 1, wait)[0]
		btn := first.buttons()
		if len(btn) != 1 || btn[0][0] != "Thêm kết quả ▶" || len(btn[0][1]) > 64 {
			t.Fatalf("buttons = %q, want one «Thêm kết quả ▶» with ≤64 bytes of data", btn)
		}
		e.press(u, c, btn[0][1])
		next := e.waitMessages(c.ID, 1, wait)[0]
		if !strings.Contains(next.Message.Text, "«") || next.Message.Text == first.Message.Text {
			t.Errorf("more results = %q, want other quotes", next.Message.Text)
		}
		e.press(u, c, "more:0000000000000000")
	})

	t.Run("off-topic question is refused politely", func(t *testing.T) {
		u, c := user{ID: 102, FirstName: "Minh"}, chat{ID: 102, Type: "private"}
		e.send(userMessage{From: u, Chat: c, Text: "Giá vàng SJC hôm nay?"})
		text := e.waitMessages(c.ID, 1, wait)[0].Message.Text
		if !strings.Contains(text, "không đề cập") || !strings.Contains(text, "/sources") || strings.Contains(text, "«") {
			t.Errorf("refusal = %q, want the polite no-answer with examples and /sources, no quote", text)
		}
	})

	t.Run("English user gets the bot's words in English", func(t *testing.T) {
		u, c := user{ID: 103, FirstName: "Ann", LanguageCode: "en"}, chat{ID: 103, Type: "private"}
		e.send(userMessage{From: u, Chat: c, Text: "Thời tiết Hà Nội hôm nay?"})
		if text := e.waitMessages(c.ID, 1, wait)[0].Message.Text; !strings.Contains(text, "do not cover") {
			t.Errorf("refusal for an English user = %q", text)
		}
	})

	t.Run("commands", func(t *testing.T) {
		u, c := user{ID: 104, FirstName: "Hoa"}, chat{ID: 104, Type: "private"}
		cmd := func(text string) botMessage {
			e.send(userMessage{From: u, Chat: c, Text: text, Entities: []entity{{Type: "bot_command", Offset: 0, Length: len(strings.Fields(text)[0])}}})
			return e.waitMessages(c.ID, 1, wait)[0]
		}
		start := cmd("/start")
		if len(start.buttons()) != 3 || !strings.Contains(start.Message.Text, "nguyên văn") {
			t.Errorf("/start = %q with buttons %q, want the welcome and three example buttons", start.Message.Text, start.buttons())
		}
		if help := cmd("/help"); !strings.Contains(help.Message.Text, "/sources") {
			t.Errorf("/help = %q", help.Message.Text)
		}
		src := cmd("/sources").Message.Text
		sputnik, nhanDan := strings.Index(src, "Sputnik Việt Nam · 02/04/2025"), strings.Index(src, "Nhân Dân · 20/06/2024")
		if !strings.Contains(src, "5 bài báo") || sputnik < 0 || nhanDan < 0 || sputnik > nhanDan {
			t.Errorf("/sources = %q, want 5 articles, newest first", src)
		}
		if about := cmd("/about").Message.Text; !strings.Contains(about, "5 bài báo, từ 05/04/2021 đến 02/04/2025") {
			t.Errorf("/about = %q", about)
		}
		if stats := cmd("/stats").Message.Text; !strings.Contains(stats, "quản trị") {
			t.Errorf("/stats from a non-admin = %q, want a refusal", stats)
		}
		// An example button asks its question.
		e.press(u, c, start.buttons()[0][1])
		if ans := e.waitMessages(c.ID, 1, wait)[0].Message.Text; !strings.Contains(ans, "từ ngày 14 đến 15/1") {
			t.Errorf("example button answer = %q", ans)
		}
		if n := len(e.calls("setMyCommands")); n != 3 {
			t.Errorf("setMyCommands called %d times, want 3 (vi, en, ru)", n)
		}
	})

	t.Run("group: only commands, mentions and replies to the bot", func(t *testing.T) {
		g := chat{ID: -100500, Type: "supergroup", Title: "Phóng viên"}
		u := user{ID: 105, FirstName: "Tuấn"}
		e.send(userMessage{From: u, Chat: g, Text: "Đại sứ Nga tại Việt Nam là ai?"}) // ignored
		q := "🇻🇳 @TestNameBot Đại sứ Nga tại Việt Nam là ai?"
		// The emoji is 4 UTF-16 units: the mention starts at offset 5.
		e.send(userMessage{From: u, Chat: g, Text: q, Entities: []entity{{Type: "mention", Offset: 5, Length: 12}}})
		got := e.waitMessages(g.ID, 1, wait)
		time.Sleep(500 * time.Millisecond)
		got = append(got, e.waitMessages(g.ID, 0, 0)...)
		if len(got) != 1 || !strings.Contains(got[0].Message.Text, "Gennady Bezdetko") {
			t.Fatalf("group got %d messages (%+v), want one answer to the mention", len(got), got)
		}
		e.send(userMessage{From: u, Chat: g, Text: "/ask@TestNameBot Ai là Đại sứ Việt Nam tại Nga?", Entities: []entity{{Type: "bot_command", Offset: 0, Length: 16}}})
		if text := e.waitMessages(g.ID, 1, wait)[0].Message.Text; !strings.Contains(text, "Đặng Minh Khôi") {
			t.Errorf("/ask@bot answer = %q", text)
		}
		e.send(userMessage{From: u, Chat: g, Text: "/ask@OtherBot Ai là Đại sứ?", Entities: []entity{{Type: "bot_command", Offset: 0, Length: 13}}})
		e.send(userMessage{From: u, Chat: g, Text: "Ngoại trưởng Lavrov hội đàm với ai tại Moskva?",
			ReplyTo: map[string]any{"message_id": got[0].MessageID, "from": map[string]any{"id": 666, "is_bot": true, "first_name": "Test"}, "chat": g, "date": 1}})
		replies := e.waitMessages(g.ID, 1, wait)
		if len(replies) != 1 || !strings.Contains(replies[0].Message.Text, "Sergey Lavrov") {
			t.Errorf("reply-to-bot answer = %+v, want Lavrov (and nothing for /ask@OtherBot)", replies)
		}
	})

	t.Run("sticker gets a hint", func(t *testing.T) {
		u, c := user{ID: 106, FirstName: "Mai"}, chat{ID: 106, Type: "private"}
		e.send(userMessage{From: u, Chat: c, Sticker: map[string]any{"file_id": "x", "file_unique_id": "y", "width": 1, "height": 1}})
		if text := e.waitMessages(c.ID, 1, wait)[0].Message.Text; !strings.Contains(text, "bằng chữ") {
			t.Errorf("sticker reply = %q", text)
		}
	})

	t.Run("inline mode", func(t *testing.T) {
		u := user{ID: 107, FirstName: "Linh"}
		e.inlineQuery(u, "Thủ tướng Mishustin thăm Việt Nam khi nào?")
		e.inlineQuery(u, "")
		deadline := time.Now().Add(wait)
		var answers []call
		for len(answers) < 2 && time.Now().Before(deadline) {
			answers = e.calls("answerInlineQuery")
			time.Sleep(50 * time.Millisecond)
		}
		if len(answers) < 2 {
			t.Fatalf("got %d answerInlineQuery calls, want 2", len(answers))
		}
		all := ""
		for _, a := range answers {
			all += a.Body["results"].(string)
		}
		if !strings.Contains(all, "từ ngày 14 đến 15/1") || !strings.Contains(all, "Thời Đại, 12/01/2025") || !strings.Contains(all, "Gõ một câu hỏi") {
			t.Errorf("inline answers lack the quote, its source or the hint: %s", all)
		}
	})
}

// TestBotPicksUpNewArticles ingests a saved page while the bot runs: an
// admin's /reload, and then the folder watch, make the bot quote the new
// articles without a restart.
func TestBotPicksUpNewArticles(t *testing.T) {
	e := startEmulator(t)
	dir := t.TempDir()
	startBot(t, e, map[string]string{"VNRU_CORPUS_DIR": dir, "VNRU_ADMIN_IDS": "900", "VNRU_WATCH": "1"})
	admin, c := user{ID: 900, FirstName: "Admin"}, chat{ID: 900, Type: "private"}
	const wait = 20 * time.Second
	ask := func(q string) string {
		e.send(userMessage{From: admin, Chat: c, Text: q})
		return e.waitMessages(c.ID, 1, wait)[0].Message.Text
	}
	if got := ask("Nga cấp bao nhiêu suất học bổng cho sinh viên Việt Nam?"); !strings.Contains(got, "không đề cập") {
		t.Fatalf("before the ingest: %q, want the refusal", got)
	}
	if out, errOut, code := runVnru(t, nil, "ingest", "--corpus", dir, "../../corpus/testdata/pages/vnexpress-like.html"); code != 0 {
		t.Fatalf("ingest: %d %s %s", code, out, errOut)
	}
	e.send(userMessage{From: admin, Chat: c, Text: "/reload", Entities: []entity{{Type: "bot_command", Offset: 0, Length: 7}}})
	if got := e.waitMessages(c.ID, 1, wait)[0].Message.Text; !strings.Contains(got, "6 bài báo") {
		t.Fatalf("/reload = %q", got)
	}
	got := ask("Nga cấp bao nhiêu suất học bổng cho sinh viên Việt Nam?")
	if !strings.Contains(got, "1.035 suất học bổng") || !strings.Contains(got, "https://baomau.vn/giao-duc/nga-cap-hoc-bong-123.html") || !strings.Contains(got, "09/05/2025") {
		t.Errorf("after /reload: %q, want the new article's quote, URL and date", got)
	}

	// The watch picks up a file written without any command.
	if _, _, code := runVnru(t, nil, "ingest", "--corpus", dir, "--source", "Báo Quốc hội", "../../corpus/testdata/pages/windows-1258.html"); code != 0 {
		t.Fatal("second ingest failed")
	}
	got = e.askUntil(900, "Quốc hội Việt Nam và Đuma Quốc gia Nga ký thỏa thuận gì?", "kinh nghiệm lập pháp", wait)
	if !strings.Contains(got, "kinh nghiệm lập pháp") {
		t.Errorf("the watched folder was not reloaded: %q", got)
	}
}

// TestBotFollowsFeedsIntoIndex runs the bot with VNRU_FEEDS and a
// persistent index: after the scheduled follow at start adds an article,
// the bot answers from it without a restart, and the index was updated
// (one article added beside the five it held), not rebuilt.
func TestBotFollowsFeedsIntoIndex(t *testing.T) {
	e := startEmulator(t)
	srv, _ := newsSite(t)
	logs := startBot(t, e, map[string]string{
		"VNRU_CORPUS_DIR": t.TempDir(), "VNRU_INDEX_DIR": t.TempDir(), "VNRU_FEEDS": srv.URL + "/rss", "VNRU_LOG_LEVEL": "info",
	})
	const wait = 30 * time.Second
	got := e.askUntil(700, "Nga cấp bao nhiêu suất học bổng cho sinh viên Việt Nam?", "1.035 suất học bổng", wait)
	if !strings.Contains(got, "1.035 suất học bổng") || !strings.Contains(got, "09/05/2025") {
		t.Fatalf("after the scheduled follow: %q, want the new article's quote and date", got)
	}
	var reloaded string
	for line := range strings.SplitSeq(logs.String(), "\n") {
		if strings.Contains(line, "msg=reloaded") {
			reloaded = line
		}
	}
	if !strings.Contains(reloaded, "rebuilt=false") || !strings.Contains(reloaded, "added=1 ") || !strings.Contains(reloaded, "articles=6 ") {
		t.Errorf("reload log line %q, want an update adding 1 article to the index (rebuilt=false added=1 articles=6)", reloaded)
	}
}
