package bot

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestWebhookHandler(t *testing.T) {
	f := newFakeAPI(t)
	b, _ := newTestBot(t, f, fakeEngine{}, Options{WebhookSecret: "s3cret"})
	srv := httptest.NewServer(b.webhookHandler(context.Background(), "/hook"))
	defer srv.Close()
	post := func(secret, body string) int {
		req, _ := http.NewRequest(http.MethodPost, srv.URL+"/hook", strings.NewReader(body))
		if secret != "" {
			req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	update := `{"update_id":1,"message":{"message_id":1,"date":1,"text":"câu hỏi","chat":{"id":5,"type":"private"},"from":{"id":5,"first_name":"A"}}}`
	checks := []struct {
		name string
		got  int
		want int
	}{
		{"no secret", post("", update), http.StatusForbidden},
		{"wrong secret", post("nope", update), http.StatusForbidden},
		{"oversized body", post("s3cret", `{"update_id":1,"x":"`+strings.Repeat("a", maxWebhookBody)+`"}`), http.StatusRequestEntityTooLarge},
		{"malformed JSON", post("s3cret", `{"update_id":`), http.StatusBadRequest},
		{"good update", post("s3cret", update), http.StatusOK},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s: status %d, want %d", c.name, c.got, c.want)
		}
	}
	resp, err := http.Get(srv.URL + "/hook")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("GET /hook = %d, want 405", resp.StatusCode)
	}
	resp, err = http.Get(srv.URL + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || strings.TrimSpace(string(body)) != "ok" {
		t.Errorf("/healthz = %d %q", resp.StatusCode, body)
	}
	b.drain(5 * time.Second)
	if n := len(f.sent("sendMessage")); n != 1 {
		t.Errorf("the accepted update got %d replies, want 1 (and the rejected ones none)", n)
	}
}

func TestRunWebhookMode(t *testing.T) {
	f := newFakeAPI(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	b, _ := newTestBot(t, f, fakeEngine{}, Options{WebhookURL: "https://bot.example/tg/hook", ListenAddr: addr, WebhookSecret: "s3cret"})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- b.Run(ctx) }()
	deadline := time.Now().Add(5 * time.Second)
	for len(f.sent("setWebhook")) == 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	hooks := f.sent("setWebhook")
	if len(hooks) != 1 || hooks[0].form["secret_token"] != "s3cret" || hooks[0].form["url"] != "https://bot.example/tg/hook" {
		t.Fatalf("setWebhook calls = %+v, want one with the URL and secret", hooks)
	}
	req, _ := http.NewRequest(http.MethodPost, "http://"+addr+"/tg/hook",
		strings.NewReader(`{"update_id":9,"message":{"message_id":1,"date":1,"text":"câu hỏi","chat":{"id":5,"type":"private"},"from":{"id":5,"first_name":"A"}}}`))
	req.Header.Set("X-Telegram-Bot-Api-Secret-Token", "s3cret")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Run returned %v after cancellation", err)
	}
	if n := len(f.sent("sendMessage")); n != 1 {
		t.Errorf("the webhook update got %d replies, want 1 (finished before Run returned)", n)
	}
}
