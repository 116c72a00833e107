package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// emulator is a running telegram-test-api (npm) server, started through
// bot/testdata/emulator/server.js. It is the real Bot API protocol as far
// as the package implements it; see the launcher for what it adds.
type emulator struct {
	t     *testing.T
	url   string
	token string
}

// startEmulator starts the emulator on a free loopback port. It fails the
// test, with the fix, when node or the npm package is missing: CI must
// not skip the end-to-end tests silently.
func startEmulator(t *testing.T) *emulator {
	t.Helper()
	dir, err := filepath.Abs("../../bot/testdata/emulator")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := exec.LookPath("node"); err != nil {
		t.Fatalf("node is not installed: the end-to-end tests need Node.js (run `make test`, which installs the emulator)")
	}
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "telegram-test-api")); err != nil {
		t.Fatalf("the Telegram emulator is not installed: run `make test` (or `npm ci --prefix bot/testdata/emulator`)")
	}
	port := freePort(t)
	cmd := exec.Command("node", "server.js", fmt.Sprint(port))
	cmd.Dir = dir
	stdin, err := cmd.StdinPipe() // closing it stops the emulator
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		stdin.Close()
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			cmd.Process.Kill()
		}
	})
	ready := make(chan bool, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if strings.HasPrefix(sc.Text(), "listening") {
				ready <- true
			}
		}
		ready <- false
	}()
	select {
	case ok := <-ready:
		if !ok {
			t.Fatalf("emulator exited: %s", stderr.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatalf("emulator did not start: %s", stderr.String())
	}
	return &emulator{t: t, url: fmt.Sprintf("http://127.0.0.1:%d", port), token: "123456:e2e-test-token"}
}

func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

func (e *emulator) post(path string, body any, out any) {
	e.t.Helper()
	data, _ := json.Marshal(body)
	resp, err := http.Post(e.url+path, "application/json", bytes.NewReader(data))
	if err != nil {
		e.t.Fatalf("emulator %s: %v", path, err)
	}
	defer resp.Body.Close()
	var r struct {
		OK     bool            `json:"ok"`
		Result json.RawMessage `json:"result"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil || !r.OK {
		e.t.Fatalf("emulator %s: ok=%v err=%v", path, r.OK, err)
	}
	if out != nil {
		if err := json.Unmarshal(r.Result, out); err != nil {
			e.t.Fatalf("emulator %s result: %v", path, err)
		}
	}
}

type user struct {
	ID           int64  `json:"id"`
	FirstName    string `json:"first_name"`
	IsBot        bool   `json:"is_bot"`
	LanguageCode string `json:"language_code,omitempty"`
}

type chat struct {
	ID    int64  `json:"id"`
	Type  string `json:"type"`
	Title string `json:"title,omitempty"`
}

type entity struct {
	Type   string `json:"type"`
	Offset int    `json:"offset"`
	Length int    `json:"length"`
}

// userMessage is what a user sends.
type userMessage struct {
	From     user           `json:"from"`
	Chat     chat           `json:"chat"`
	Text     string         `json:"text,omitempty"`
	Entities []entity       `json:"entities,omitempty"`
	Sticker  map[string]any `json:"sticker,omitempty"`
	ReplyTo  map[string]any `json:"reply_to_message,omitempty"`
}

func (e *emulator) send(m userMessage) {
	e.t.Helper()
	body := map[string]any{"botToken": e.token, "from": m.From, "chat": m.Chat, "date": time.Now().Unix(), "text": m.Text}
	if m.Entities != nil {
		body["entities"] = m.Entities
	}
	if m.Sticker != nil {
		body["sticker"] = m.Sticker
		delete(body, "text")
	}
	if m.ReplyTo != nil {
		body["reply_to_message"] = m.ReplyTo
	}
	e.post("/sendMessage", body, nil)
}

func (e *emulator) press(from user, c chat, data string) {
	e.t.Helper()
	e.post("/sendCallback", map[string]any{"botToken": e.token, "from": from, "message": map[string]any{"chat": c}, "date": time.Now().Unix(), "data": data}, nil)
}

func (e *emulator) inlineQuery(from user, q string) {
	e.t.Helper()
	e.post("/sendInlineQuery", map[string]any{"botToken": e.token, "from": from, "query": q}, nil)
}

// botMessage is a message the bot sent, as the emulator stores it.
type botMessage struct {
	MessageID int `json:"messageId"`
	Message   struct {
		ChatID           string `json:"chat_id"`
		Text             string `json:"text"`
		ParseMode        string `json:"parse_mode"`
		ReplyTo          string `json:"reply_to_message_id"`
		DisablePreview   string `json:"disable_web_page_preview"`
		ReplyMarkupField any    `json:"reply_markup"`
	} `json:"message"`
}

// buttons returns the inline keyboard's (text, callback data) pairs.
func (m botMessage) buttons() [][2]string {
	var kb struct {
		InlineKeyboard [][]struct {
			Text string `json:"text"`
			Data string `json:"callback_data"`
		} `json:"inline_keyboard"`
	}
	raw, _ := json.Marshal(m.Message.ReplyMarkupField)
	if s, ok := m.Message.ReplyMarkupField.(string); ok {
		raw = []byte(s)
	}
	json.Unmarshal(raw, &kb)
	var out [][2]string
	for _, row := range kb.InlineKeyboard {
		for _, b := range row {
			out = append(out, [2]string{b.Text, b.Data})
		}
	}
	return out
}

// waitMessages collects the bot's new messages to a chat until there are
// n of them or the timeout passes.
func (e *emulator) waitMessages(chatID int64, n int, timeout time.Duration) []botMessage {
	e.t.Helper()
	var got []botMessage
	deadline := time.Now().Add(timeout)
	for len(got) < n && time.Now().Before(deadline) {
		var batch []botMessage
		e.post("/getUpdates", map[string]any{"token": e.token, "chatId": chatID}, &batch)
		got = append(got, batch...)
		if len(got) < n {
			time.Sleep(50 * time.Millisecond)
		}
	}
	if len(got) < n {
		e.t.Fatalf("chat %d: got %d bot messages, want %d: %+v", chatID, len(got), n, got)
	}
	return got
}

// call is a Bot API call the launcher recorded.
type call struct {
	Method string         `json:"method"`
	Body   map[string]any `json:"body"`
}

// askUntil asks question in private chats until the reply contains
// want or wait has passed, and returns the last reply. Each try comes
// from a new user (IDs after firstID), so the flood guard stays out of
// it; the bot is reloading meanwhile, which no event announces.
func (e *emulator) askUntil(firstID int64, question, want string, wait time.Duration) string {
	deadline := time.Now().Add(wait)
	for id := firstID + 1; ; id++ {
		u, c := user{ID: id, FirstName: "Reader"}, chat{ID: id, Type: "private"}
		e.send(userMessage{From: u, Chat: c, Text: question})
		got := e.waitMessages(c.ID, 1, wait)[0].Message.Text
		if strings.Contains(got, want) || time.Now().After(deadline) {
			return got
		}
		time.Sleep(500 * time.Millisecond)
	}
}

func (e *emulator) calls(method string) []call {
	e.t.Helper()
	var all []call
	e.post("/botCalls", map[string]any{"token": e.token}, &all)
	var out []call
	for _, c := range all {
		if c.Method == method {
			out = append(out, c)
		}
	}
	return out
}

// startBot runs `vnru bot` against the emulator until the test ends,
// checks that it then shuts down cleanly, and returns its logs.
func startBot(t *testing.T, e *emulator, env map[string]string) *syncBuffer {
	t.Helper()
	full := map[string]string{"TELEGRAM_BOT_TOKEN": e.token, "TELEGRAM_API_ENDPOINT": e.url, "VNRU_LOG_LEVEL": "warn"}
	for k, v := range env {
		full[k] = v
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	var logs syncBuffer
	go func() {
		done <- run(ctx, []string{"bot"}, func(k string) string { return full[k] }, &logs, &logs)
	}()
	t.Cleanup(func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("vnru bot returned %v", err)
			}
		case <-time.After(15 * time.Second):
			t.Errorf("vnru bot did not stop within 15s of cancellation")
		}
		if strings.Contains(logs.String(), e.token) {
			t.Errorf("the bot token appears in the logs")
		}
	})
	return &logs
}
