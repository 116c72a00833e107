package bot

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/vnru/vnru/retrieval"
)

func TestHandleRouting(t *testing.T) {
	eng := fakeEngine{answers: map[string]retrieval.Answer{
		"Ai là Đại sứ?":     {Answered: true, Quotes: []retrieval.Quote{quote("Đại sứ Gennady Bezdetko phát biểu.")}},
		"Năm 2025 ai thăm?": {Related: []retrieval.Quote{quote("Năm 2024, Tổng thống Putin thăm Việt Nam.")}},
	}}
	mention := func(text string, offset int) tgbotapi.MessageEntity {
		return tgbotapi.MessageEntity{Type: "mention", Offset: offset, Length: len([]rune("@vnru_test_bot"))}
	}
	cmd := func(n int) tgbotapi.MessageEntity {
		return tgbotapi.MessageEntity{Type: "bot_command", Offset: 0, Length: n}
	}
	tests := []struct {
		name   string
		update tgbotapi.Update
		want   string // substring of the one reply; "" = no reply
	}{
		{"private question", message(1, 1, "private", "Ai là Đại sứ?"), "Bezdetko"},
		{"private refusal", message(2, 2, "private", "Giá vàng?"), "không đề cập"},
		{"private empty", message(3, 3, "private", "   "), "bằng chữ"},
		{"private related, labelled", message(23, 23, "private", "Năm 2025 ai thăm?"), "có thể không trả lời câu hỏi:</i>"},
		{"private related, quoted", message(24, 24, "private", "Năm 2025 ai thăm?"), "Năm 2024, Tổng thống Putin thăm Việt Nam."},
		{"private too long", message(4, 4, "private", strings.Repeat("a ", 600)), "dài quá"},
		{"group chatter ignored", message(-5, 5, "group", "Ai là Đại sứ?"), ""},
		{"group mention", message(-6, 6, "supergroup", "@vnru_test_bot Ai là Đại sứ?", mention("", 0)), "Bezdetko"},
		{"group mention after emoji", message(-7, 7, "group", "👋 @vnru_test_bot Ai là Đại sứ?", tgbotapi.MessageEntity{Type: "mention", Offset: 3, Length: 14}), "Bezdetko"},
		{"group /ask@bot", message(-8, 8, "group", "/ask@vnru_test_bot Ai là Đại sứ?", cmd(18)), "Bezdetko"},
		{"group /ask", message(-9, 9, "group", "/ask Ai là Đại sứ?", cmd(4)), "Bezdetko"},
		{"group /ask@other", message(-10, 10, "group", "/ask@other_bot Ai là Đại sứ?", cmd(14)), ""},
		{"group unknown command", message(-11, 11, "group", "/weather", cmd(8)), ""},
		{"private unknown command", message(12, 12, "private", "/weather", cmd(8)), "/sources"},
		{"private /start@other ignored", message(17, 17, "private", "/start@OtherBot", cmd(15)), ""},
		{"private /ask@other ignored", message(18, 18, "private", "/ask@other_bot Ai là Đại sứ?", cmd(14)), ""},
		{"private /start@bot", message(19, 19, "private", "/start@VNRU_test_bot", cmd(20)), "Xin chào"},
		{"private bare mention is a request for help", message(20, 20, "private", "@vnru_test_bot", mention("", 0)), "Cách dùng"},
		{"private mention and spaces", message(21, 21, "private", " @vnru_test_bot \n ", mention("", 1)), "Cách dùng"},
		{"private mention with a question", message(22, 22, "private", "@vnru_test_bot Ai là Đại sứ?", mention("", 0)), "Bezdetko"},
		{"HTML in a refused question is not echoed raw", message(13, 13, "private", "<b>xin</b> chào"), "không đề cập"},
		{"channel post ignored", tgbotapi.Update{UpdateID: 14, ChannelPost: &tgbotapi.Message{Text: "Ai là Đại sứ?", Chat: &tgbotapi.Chat{ID: -14, Type: "channel"}}}, ""},
		{"edited message ignored", tgbotapi.Update{UpdateID: 15, EditedMessage: &tgbotapi.Message{Text: "Ai là Đại sứ?", Chat: &tgbotapi.Chat{ID: 15, Type: "private"}, From: &tgbotapi.User{ID: 15}}}, ""},
		{"message from a bot ignored", tgbotapi.Update{UpdateID: 16, Message: &tgbotapi.Message{Text: "Ai là Đại sứ?", Chat: &tgbotapi.Chat{ID: 16, Type: "private"}, From: &tgbotapi.User{ID: 16, IsBot: true}}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeAPI(t)
			b, _ := newTestBot(t, f, eng, Options{})
			b.handle(context.Background(), tt.update)
			sent := f.sent("sendMessage")
			if tt.want == "" {
				if len(sent) != 0 {
					t.Fatalf("got reply %q, want none", sent[0].form["text"])
				}
				return
			}
			if len(sent) != 1 {
				t.Fatalf("got %d replies, want 1", len(sent))
			}
			if text := sent[0].form["text"]; !strings.Contains(text, tt.want) {
				t.Errorf("reply = %q, want it to contain %q", text, tt.want)
			}
			if sent[0].form["parse_mode"] != "HTML" {
				t.Errorf("parse_mode = %q, want HTML", sent[0].form["parse_mode"])
			}
		})
	}
}

func TestAllowListAndAdmins(t *testing.T) {
	f := newFakeAPI(t)
	b, _ := newTestBot(t, f, fakeEngine{}, Options{AllowedChats: []int64{1}, AdminIDs: []int64{1}})
	ctx := context.Background()
	b.handle(ctx, message(2, 2, "private", "Ai là Đại sứ?"))
	if n := len(f.sent("sendMessage")); n != 0 {
		t.Fatalf("a chat outside the allow-list got %d replies, want none", n)
	}
	stats := tgbotapi.MessageEntity{Type: "bot_command", Offset: 0, Length: 6}
	b.handle(ctx, message(1, 1, "private", "/stats", stats))
	if text := f.sent("sendMessage")[0].form["text"]; !strings.Contains(text, "Câu hỏi:") {
		t.Errorf("/stats from the admin = %q", text)
	}
	b2, _ := newTestBot(t, f, fakeEngine{}, Options{AdminIDs: []int64{1}})
	for _, c := range []string{"/stats", "/reload"} {
		b2.handle(ctx, message(3, 3, "private", c, tgbotapi.MessageEntity{Type: "bot_command", Length: len(c)}))
		sent := f.sent("sendMessage")
		if text := sent[len(sent)-1].form["text"]; !strings.Contains(text, "quản trị viên") {
			t.Errorf("%s from a non-admin = %q, want a refusal", c, text)
		}
	}
}

func TestReloadCommand(t *testing.T) {
	f := newFakeAPI(t)
	fail := false
	b, _ := newTestBot(t, f, fakeEngine{}, Options{AdminIDs: []int64{1}, Reload: func(context.Context) (int, error) {
		if fail {
			return 0, errors.New("corpus/bad.md: field title: missing")
		}
		return 6, nil
	}})
	reload := message(1, 1, "private", "/reload", tgbotapi.MessageEntity{Type: "bot_command", Length: 7})
	b.handle(context.Background(), reload)
	fail = true
	b.handle(context.Background(), reload)
	sent := f.sent("sendMessage")
	if !strings.Contains(sent[0].form["text"], "6 bài báo") || !strings.Contains(sent[1].form["text"], "field title: missing") {
		t.Errorf("reload replies = %q, %q", sent[0].form["text"], sent[1].form["text"])
	}
}

func TestMoreResults(t *testing.T) {
	var quotes []retrieval.Quote
	for i := 1; i <= 7; i++ {
		quotes = append(quotes, quote(fmt.Sprintf("Câu số %d.", i)))
	}
	f := newFakeAPI(t)
	b, _ := newTestBot(t, f, fakeEngine{answers: map[string]retrieval.Answer{"q": {Answered: true, Quotes: quotes}}}, Options{})
	ctx := context.Background()
	b.handle(ctx, message(1, 1, "private", "q"))
	first := f.sent("sendMessage")[0]
	kb := decodeMarkup(t, first.form["reply_markup"])
	if !strings.Contains(first.form["text"], "Câu số 3.") || strings.Contains(first.form["text"], "Câu số 4.") || len(kb) != 1 {
		t.Fatalf("first reply = %q with keyboard %v", first.form["text"], kb)
	}
	data := *kb[0][0].CallbackData
	if len(data) > 64 {
		t.Errorf("callback data %q is over Telegram's 64 bytes", data)
	}
	press := func(chatID int64, data string) {
		b.handle(ctx, tgbotapi.Update{UpdateID: 2, CallbackQuery: &tgbotapi.CallbackQuery{ID: "cb", From: &tgbotapi.User{ID: 1},
			Message: &tgbotapi.Message{Chat: &tgbotapi.Chat{ID: chatID, Type: "private"}}, Data: data}})
	}
	press(2, data) // another chat cannot use this chat's results
	press(1, data)
	press(1, data)
	press(1, data) // the results ran out: a polite notice
	sent := f.sent("sendMessage")
	if len(sent) != 3 || !strings.Contains(sent[1].form["text"], "Câu số 4.") || !strings.Contains(sent[2].form["text"], "Câu số 7.") {
		t.Fatalf("got %d messages; want the first reply and two pages of more results", len(sent))
	}
	cbs := f.sent("answerCallbackQuery")
	if !strings.Contains(cbs[0].form["text"], "hết hạn") || !strings.Contains(cbs[len(cbs)-1].form["text"], "hết hạn") {
		t.Errorf("stale presses answered %q and %q, want the expiry notice", cbs[0].form["text"], cbs[len(cbs)-1].form["text"])
	}
}

func TestTokenNeverLogged(t *testing.T) {
	f := newFakeAPI(t)
	b, logs := newTestBot(t, f, fakeEngine{err: errors.New("engine broke")}, Options{})
	ctx := context.Background()
	b.handle(ctx, message(1, 1, "private", "câu hỏi")) // an engine error
	f.Close()                                          // every call now fails with a URL holding the token
	b.handle(ctx, message(2, 2, "private", "câu hỏi"))
	_, err := b.getUpdates(ctx, 0, 0)
	if err == nil {
		t.Fatal("getUpdates against a closed server succeeded")
	}
	_, err2 := New(ctx, b.lg, fakeEngine{}, Options{Token: b.token, APIEndpoint: f.URL})
	for _, s := range []string{logs.String(), err.Error(), err2.Error(), fmt.Sprint(b.token), fmt.Sprintf("%v", b.opt)} {
		if strings.Contains(s, f.token) {
			t.Errorf("the token appears in: %s", s)
		}
	}
	if !strings.Contains(logs.String(), "REDACTED") {
		t.Errorf("expected redacted URLs in the logs: %s", logs)
	}
}

func TestPanicInHandlerIsRecovered(t *testing.T) {
	f := newFakeAPI(t)
	b, logs := newTestBot(t, f, panicEngine{}, Options{})
	b.handleSafely(context.Background(), message(1, 1, "private", "câu hỏi"))
	if !strings.Contains(logs.String(), "panic while handling update") || !strings.Contains(logs.String(), "update_id=1") {
		t.Errorf("panic not logged with its update: %s", logs)
	}
}

type panicEngine struct{ fakeEngine }

func (panicEngine) Answer(context.Context, string, retrieval.AskOptions) (retrieval.Answer, error) {
	panic("boom")
}

func TestInlineQuery(t *testing.T) {
	f := newFakeAPI(t)
	var quotes []retrieval.Quote
	for i := 0; i < 12; i++ {
		quotes = append(quotes, quote(fmt.Sprintf("Câu trích số %d rất dài để thử cắt tiêu đề kết quả nội tuyến cho gọn gàng hơn.", i)))
	}
	b, _ := newTestBot(t, f, fakeEngine{answers: map[string]retrieval.Answer{"q": {Answered: true, Quotes: quotes[:10]}}}, Options{})
	ctx := context.Background()
	b.handle(ctx, tgbotapi.Update{InlineQuery: &tgbotapi.InlineQuery{ID: "1", From: &tgbotapi.User{ID: 1}, Query: "q"}})
	b.handle(ctx, tgbotapi.Update{InlineQuery: &tgbotapi.InlineQuery{ID: "2", From: &tgbotapi.User{ID: 1}, Query: ""}})
	calls := f.sent("answerInlineQuery")
	if len(calls) != 2 {
		t.Fatalf("answerInlineQuery called %d times, want 2", len(calls))
	}
	res := calls[0].form["results"]
	if strings.Count(res, `"type":"article"`) != 10 || !strings.Contains(res, "Báo A, 12/01/2025") || calls[0].form["cache_time"] != "60" {
		t.Errorf("inline answer = %s (cache %s), want 10 articles with source and date, cache 60", res, calls[0].form["cache_time"])
	}
	if !strings.Contains(calls[1].form["results"], "Gõ một câu hỏi") {
		t.Errorf("empty inline query answer = %s, want the hint", calls[1].form["results"])
	}
}

// TestInlineRelated: with no direct answer, inline results are the
// closest passages, each described as possibly not answering.
func TestInlineRelated(t *testing.T) {
	f := newFakeAPI(t)
	related := []retrieval.Quote{quote("Năm 2024, Tổng thống Putin thăm Việt Nam.")}
	b, _ := newTestBot(t, f, fakeEngine{answers: map[string]retrieval.Answer{"q": {Related: related}}}, Options{})
	b.handle(context.Background(), tgbotapi.Update{InlineQuery: &tgbotapi.InlineQuery{ID: "1", From: &tgbotapi.User{ID: 1}, Query: "q"}})
	calls := f.sent("answerInlineQuery")
	if len(calls) != 1 {
		t.Fatalf("answerInlineQuery called %d times, want 1", len(calls))
	}
	res := calls[0].form["results"]
	if !strings.Contains(res, "Năm 2024, Tổng thống Putin thăm Việt Nam.") || !strings.Contains(res, "Có thể không trả lời câu hỏi · Báo A") {
		t.Errorf("inline answer = %s, want the related quote described as possibly not answering", res)
	}
}

// TestStatsShowsTheLastFollow: with the feed schedule, admins see its
// last run in /stats; before the first run, that it has not run.
func TestStatsShowsTheLastFollow(t *testing.T) {
	stats := tgbotapi.MessageEntity{Type: "bot_command", Offset: 0, Length: 6}
	at := time.Date(2026, 11, 24, 9, 30, 0, 0, time.UTC)
	tests := []struct {
		name string
		run  FollowRun
		ok   bool
		want string
	}{
		{"not run yet", FollowRun{}, false, "Theo dõi nguồn tin: chưa chạy lần nào"},
		{"last run", FollowRun{At: at, Added: 3, Failed: 1}, true, "Theo dõi nguồn tin lần cuối: 09:30 24/11/2026, thêm 3 bài, lỗi 1"},
		{"failed run", FollowRun{At: at, Err: errors.New("read feeds.txt: <denied>")}, true, "lỗi 0: read feeds.txt: &lt;denied&gt;"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeAPI(t)
			b, _ := newTestBot(t, f, fakeEngine{}, Options{AdminIDs: []int64{1}, LastFollow: func() (FollowRun, bool) { return tt.run, tt.ok }})
			b.handle(context.Background(), message(1, 1, "private", "/stats", stats))
			sent := f.sent("sendMessage")
			if len(sent) != 1 || !strings.Contains(sent[0].form["text"], tt.want) {
				t.Fatalf("/stats = %v, want a reply containing %q", sent, tt.want)
			}
		})
	}
}
