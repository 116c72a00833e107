package bot

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/vnru/vnru/corpus"
	"github.com/vnru/vnru/internal/secret"
	"github.com/vnru/vnru/retrieval"
)

// fakeAPI is an httptest server speaking the Bot API's JSON. It records
// every call and can be told to misbehave.
type fakeAPI struct {
	*httptest.Server
	token   string
	mu      sync.Mutex
	calls   []fakeCall
	msgID   int
	pending []json.RawMessage // updates not yet confirmed, Telegram-style
	replies int               // sendMessage calls answered by the fake
	// fail, if set, may answer a call instead of the fake: it gets the
	// method and how many times that method was called before.
	fail func(method string, n int) (status int, body string, ok bool)
}

type fakeCall struct {
	method string
	form   map[string]string
	at     time.Time
	failed bool // answered by fail, not by the fake
}

func newFakeAPI(t *testing.T) *fakeAPI {
	f := &fakeAPI{token: "4242:fake-token-VALUE"}
	f.Server = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.Close)
	return f
}

func (f *fakeAPI) serve(w http.ResponseWriter, r *http.Request) {
	prefix := "/bot" + f.token + "/"
	if !strings.HasPrefix(r.URL.Path, prefix) {
		http.Error(w, `{"ok":false,"error_code":401,"description":"Unauthorized"}`, http.StatusUnauthorized)
		return
	}
	method := strings.TrimPrefix(r.URL.Path, prefix)
	r.ParseForm()
	form := map[string]string{}
	for k, v := range r.Form {
		form[k] = v[0]
	}
	f.mu.Lock()
	n := 0
	for _, c := range f.calls {
		if c.method == method {
			n++
		}
	}
	f.calls = append(f.calls, fakeCall{method: method, form: form, at: time.Now()})
	call := len(f.calls) - 1
	f.msgID++
	id := f.msgID
	fail := f.fail
	f.mu.Unlock()
	if fail != nil {
		if status, body, ok := fail(method, n); ok {
			f.mu.Lock()
			f.calls[call].failed = true
			f.mu.Unlock()
			switch status {
			case hangUp: // the connection drops
				if hj, ok := w.(http.Hijacker); ok {
					if conn, _, err := hj.Hijack(); err == nil {
						conn.Close()
					}
				}
			case stall: // no answer in time
				select {
				case <-time.After(2 * time.Second):
				case <-r.Context().Done():
				}
			default:
				w.WriteHeader(status)
				io.WriteString(w, body)
			}
			return
		}
	}
	switch method {
	case "getMe":
		io.WriteString(w, `{"ok":true,"result":{"id":1,"is_bot":true,"first_name":"vnru","username":"vnru_test_bot"}}`)
	case "sendMessage":
		f.mu.Lock()
		f.replies++
		f.mu.Unlock()
		fmt.Fprintf(w, `{"ok":true,"result":{"message_id":%d,"date":1,"chat":{"id":%s,"type":"private"}}}`, id, form["chat_id"])
	case "getUpdates":
		f.serveUpdates(w, form)
	default:
		io.WriteString(w, `{"ok":true,"result":true}`)
	}
}

// Statuses fail can return to break the connection instead of answering.
const (
	hangUp = -1
	stall  = -2
)

// queue adds updates for getUpdates, as raw JSON.
func (f *fakeAPI) queue(updates ...string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, u := range updates {
		f.pending = append(f.pending, json.RawMessage(u))
	}
}

// serveUpdates answers getUpdates as Telegram does: updates before the
// offset are confirmed and dropped, the others are returned (again).
func (f *fakeAPI) serveUpdates(w http.ResponseWriter, form map[string]string) {
	var offset int
	fmt.Sscan(form["offset"], &offset)
	limit := 100 // Telegram's default and maximum
	fmt.Sscan(form["limit"], &limit)
	f.mu.Lock()
	var keep []json.RawMessage
	for _, u := range f.pending {
		var id struct {
			UpdateID int `json:"update_id"`
		}
		json.Unmarshal(u, &id)
		if id.UpdateID >= offset {
			keep = append(keep, u)
		}
	}
	f.pending = keep
	out, _ := json.Marshal(keep[:min(limit, len(keep))])
	f.mu.Unlock()
	if len(keep) == 0 && form["timeout"] != "0" {
		time.Sleep(20 * time.Millisecond) // a short long-poll
	}
	fmt.Fprintf(w, `{"ok":true,"result":%s}`, orEmpty(out))
}

func orEmpty(b []byte) string {
	if string(b) == "null" {
		return "[]"
	}
	return string(b)
}

// textUpdate is the JSON of a private text message update.
func textUpdate(id int, chatID int64, text string) string {
	b, _ := json.Marshal(map[string]any{"update_id": id, "message": map[string]any{
		"message_id": id, "date": 1, "text": text,
		"chat": map[string]any{"id": chatID, "type": "private"},
		"from": map[string]any{"id": chatID, "first_name": "U"},
	}})
	return string(b)
}

// delivered returns the sendMessage calls that succeeded, by chat ID.
func (f *fakeAPI) delivered() map[string][]fakeCall {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := map[string][]fakeCall{}
	for _, c := range f.calls {
		if c.method == "sendMessage" && !c.failed {
			out[c.form["chat_id"]] = append(out[c.form["chat_id"]], c)
		}
	}
	return out
}

// replyCount is how many sendMessage calls succeeded: len(delivered())
// summed, without the copying.
func (f *fakeAPI) replyCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.replies
}

// sent returns the calls of a method so far.
func (f *fakeAPI) sent(method string) []fakeCall {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []fakeCall
	for _, c := range f.calls {
		if c.method == method {
			out = append(out, c)
		}
	}
	return out
}

// fakeEngine answers a question that contains one of its keys; other
// questions get no answer.
type fakeEngine struct {
	answers map[string]retrieval.Answer
	err     error
}

func (e fakeEngine) Answer(_ context.Context, q string, _ retrieval.AskOptions) (retrieval.Answer, error) {
	if e.err != nil {
		return retrieval.Answer{}, e.err
	}
	if _, err := retrieval.CleanQuestion(q); err != nil {
		return retrieval.Answer{}, err
	}
	for k, a := range e.answers {
		if strings.Contains(q, k) {
			return a, nil
		}
	}
	return retrieval.Answer{Question: q}, nil
}

func (e fakeEngine) Sources() []retrieval.Source {
	return []retrieval.Source{{ID: "a", Title: "Bài <một>", Source: "Báo A", URL: "https://a.example/1", Published: date(2025, 1, 12)}}
}

func date(y, m, d int) corpus.Date {
	return corpus.Date{Time: time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)}
}

func quote(text string) retrieval.Quote {
	return retrieval.Quote{Text: text, Article: retrieval.Source{Title: "Tiêu đề", Source: "Báo A", URL: "https://a.example/1", Published: date(2025, 1, 12)}}
}

// logBuffer collects log lines, safe for concurrent use.
type logBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// newTestBot makes a bot on the fake API, with debug logs captured.
func newTestBot(t *testing.T, f *fakeAPI, eng Answerer, opt Options) (*Bot, *logBuffer) {
	t.Helper()
	logs := &logBuffer{}
	lg := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	opt.Token = secret.Value(f.token)
	opt.APIEndpoint = f.URL
	if opt.Limits == (Limits{}) {
		opt.Limits = Limits{PerChat: time.Millisecond, PerGroup: time.Millisecond, Global: 1000}
	}
	b, err := New(context.Background(), lg, eng, opt)
	if err != nil {
		t.Fatal(err)
	}
	b.backoff = time.Millisecond // server errors retry at once in tests; 429 still waits retry_after
	return b, logs
}

// message builds a text message update.
func message(chatID, userID int64, chatType, text string, entities ...tgbotapi.MessageEntity) tgbotapi.Update {
	return tgbotapi.Update{UpdateID: int(userID), Message: &tgbotapi.Message{
		MessageID: 10, From: &tgbotapi.User{ID: userID, FirstName: "U"},
		Chat: &tgbotapi.Chat{ID: chatID, Type: chatType}, Text: text, Entities: entities,
	}}
}

func decodeMarkup(t *testing.T, s string) [][]tgbotapi.InlineKeyboardButton {
	t.Helper()
	var kb tgbotapi.InlineKeyboardMarkup
	if s != "" {
		if err := json.Unmarshal([]byte(s), &kb); err != nil {
			t.Fatal(err)
		}
	}
	return kb.InlineKeyboard
}

// inMemory is a transport that hands requests straight to the fake's
// handler, with no network in between. Inside a synctest bubble the fake
// clock moves only when every goroutine is blocked on something it can
// see (channels, timers); one waiting on a socket would stop it.
func (f *fakeAPI) inMemory() http.RoundTripper { return handlerTransport{f} }

type handlerTransport struct{ f *fakeAPI }

func (h handlerTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	if err := r.Context().Err(); err != nil {
		return nil, err
	}
	rec := httptest.NewRecorder()
	h.f.serve(rec, r.Clone(r.Context()))
	if r.Body != nil {
		r.Body.Close()
	}
	resp := rec.Result()
	resp.Request = r
	return resp, nil
}
