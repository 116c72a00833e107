package bot

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// maxWebhookBody bounds an update posted to the webhook. Real updates are
// a few kilobytes.
const maxWebhookBody = 1 << 20

// serveWebhook registers the webhook with Telegram and serves updates
// until ctx is cancelled.
func (b *Bot) serveWebhook(ctx context.Context) error {
	u, err := url.Parse(b.opt.WebhookURL)
	if err != nil || u.Scheme != "https" && u.Scheme != "http" {
		return fmt.Errorf("webhook URL %q is not an http(s) address", b.opt.WebhookURL)
	}
	if b.opt.WebhookSecret == "" {
		return errors.New("webhook mode needs a secret token")
	}
	path := u.Path
	if path == "" {
		path = "/"
	}
	ln, err := net.Listen("tcp", b.opt.ListenAddr)
	if err != nil {
		return fmt.Errorf("webhook: listen on %s: %w", b.opt.ListenAddr, err)
	}
	srv := &http.Server{Handler: b.webhookHandler(ctx, path), ReadHeaderTimeout: 10 * time.Second}
	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve(ln) }() // exits when srv is shut down

	_, err = b.api.MakeRequest("setWebhook", tgbotapi.Params{
		"url":             b.opt.WebhookURL,
		"secret_token":    string(b.opt.WebhookSecret),
		"allowed_updates": `["message","callback_query","inline_query"]`,
	})
	if err != nil {
		srv.Close()
		return fmt.Errorf("register webhook: %w", b.token.RedactError(err))
	}
	b.lg.Info("webhook serving", "addr", ln.Addr().String(), "path", path)
	select {
	case <-ctx.Done():
	case err := <-serveErr:
		return fmt.Errorf("webhook server: %w", err)
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return srv.Shutdown(shutdown)
}

// webhookHandler accepts updates at path, only with the secret header;
// /healthz answers ok.
func (b *Bot) webhookHandler(ctx context.Context, path string) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		w.Write([]byte("ok\n"))
	})
	mux.HandleFunc(path, func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			w.Header().Set("Allow", http.MethodPost)
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		got := r.Header.Get("X-Telegram-Bot-Api-Secret-Token")
		if subtle.ConstantTimeCompare([]byte(got), []byte(string(b.opt.WebhookSecret))) != 1 {
			b.lg.Warn("webhook request without the secret token", "remote", r.RemoteAddr)
			http.Error(w, "forbidden", http.StatusForbidden)
			return
		}
		var u tgbotapi.Update
		body := http.MaxBytesReader(w, r.Body, maxWebhookBody)
		if err := json.NewDecoder(body).Decode(&u); err != nil {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				http.Error(w, "request too large", http.StatusRequestEntityTooLarge)
				return
			}
			http.Error(w, "bad update", http.StatusBadRequest)
			return
		}
		io.Copy(io.Discard, body)
		b.dispatch(ctx, u, false) // Telegram redelivers only unanswered webhooks
		w.WriteHeader(http.StatusOK)
	})
	return mux
}
