package bot

import (
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/vnru/vnru/internal/secret"
)

func TestAPIClientErrors(t *testing.T) {
	const token = "4242:fake-token-VALUE"
	tests := []struct {
		name   string
		status int
		body   string
		want   string // the error; "" = the response goes to tgbotapi as it came
	}{
		{"ok", 200, `{"ok":true,"result":true}`, ""},
		{"Bot API error", 429, `{"ok":false,"error_code":429,"description":"Too Many Requests","parameters":{"retry_after":3}}`, ""},
		{"message body", 500, `{"message":"not implemented"}`, `HTTP 500: {"message":"not implemented"}`},
		{"HTML", 502, "<html>\n  <b>Bad Gateway</b>\n</html>", "HTTP 502: <html> <b>Bad Gateway</b> </html>"},
		{"empty", 503, "", "HTTP 503 with an empty body"},
		{"token in body", 500, "no route to /bot" + token + "/getMe", "HTTP 500: no route to /botREDACTED/getMe"},
		{"long", 500, strings.Repeat("ы", 400), "HTTP 500: " + strings.Repeat("ы", maxErrorSnippet/2) + "…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := apiClient{token: secret.Value(token), c: &http.Client{Transport: roundTripFunc(func(*http.Request) (*http.Response, error) {
				return &http.Response{StatusCode: tt.status, Body: io.NopCloser(strings.NewReader(tt.body))}, nil
			})}}
			req, _ := http.NewRequest(http.MethodPost, "http://api.example/bot"+token+"/getMe", nil)
			resp, err := c.Do(req)
			if tt.want == "" {
				if err != nil {
					t.Fatalf("Do() error = %v, want the response", err)
				}
				body, _ := io.ReadAll(resp.Body)
				if string(body) != tt.body {
					t.Errorf("body passed on = %q, want %q", body, tt.body)
				}
				return
			}
			var st *statusError
			if !errors.As(err, &st) || err.Error() != tt.want || st.Status != tt.status {
				t.Errorf("Do() error = %v, want statusError %q", err, tt.want)
			}
			if _, retry := retryDelay(err, firstBackoff); retry != (tt.status >= 500) {
				t.Errorf("retryDelay(%v) retries = %v, want %v", err, retry, tt.status >= 500)
			}
		})
	}
	// A Bot API error still goes by its own code.
	if _, retry := retryDelay(&tgbotapi.Error{Code: 403, Message: "Forbidden"}, firstBackoff); retry {
		t.Errorf("a Bot API 403 is retried, want it final")
	}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
