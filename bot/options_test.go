package bot

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/vnru/vnru/internal/secret"
)

func TestOptionsValidate(t *testing.T) {
	ok := Options{Token: "4242:fake-token-VALUE"}
	webhook := ok
	webhook.WebhookURL, webhook.ListenAddr, webhook.WebhookSecret = "https://bot.example/tg/hook", ":8080", "s3cret_-OK"
	tests := []struct {
		name   string
		change func(o *Options)
		base   Options
		want   []string // substrings of the error; none = valid
	}{
		{"token only", func(*Options) {}, ok, nil},
		{"webhook", func(*Options) {}, webhook, nil},
		{"every default", func(o *Options) { *o = Options{Token: o.Token} }, ok, nil},
		{"no token", func(o *Options) { o.Token = "" }, ok, []string{"no bot token", "@BotFather"}},
		{"token with a slash", func(o *Options) { o.Token = "4242:abc/def" }, ok, []string{"copy it again from @BotFather"}},
		{"token with a newline", func(o *Options) { o.Token = "4242:abc\n" }, ok, []string{"white space"}},
		{"endpoint not http", func(o *Options) { o.APIEndpoint = "ftp://x" }, ok, []string{`APIEndpoint "ftp://x" is not an http(s) address`, "http://127.0.0.1:8081"}},
		{"endpoint without host", func(o *Options) { o.APIEndpoint = "http://" }, ok, []string{"has no host"}},
		{"webhook URL not http", func(o *Options) { o.WebhookURL = "bot.example/hook" }, webhook, []string{`WebhookURL "bot.example/hook"`, "public https address"}},
		{"webhook without secret", func(o *Options) { o.WebhookSecret = "" }, webhook, []string{"needs WebhookSecret"}},
		{"webhook secret with a space", func(o *Options) { o.WebhookSecret = "a b" }, webhook, []string{"letters, digits, _ or -"}},
		{"webhook secret too long", func(o *Options) { o.WebhookSecret = secretOf(257) }, webhook, []string{"1 to 256"}},
		{"webhook without address", func(o *Options) { o.ListenAddr = "" }, webhook, []string{"needs ListenAddr", ":8080"}},
		{"negative durations", func(o *Options) {
			o.PollTimeout, o.AnswerTimeout, o.Limits.PerChat = -time.Second, -time.Second, -time.Second
		}, ok, []string{"PollTimeout is -1s", "AnswerTimeout is -1s", "Limits.PerChat is -1s", "or 0 for the default"}},
		{"poll timeout past Telegram's", func(o *Options) { o.PollTimeout = time.Minute }, ok, []string{"PollTimeout is 1m0s", "at most 50s"}},
		{"negative counts", func(o *Options) { o.MaxInFlight, o.Limits.Global = -1, -2 }, ok, []string{"MaxInFlight is -1", "Limits.Global is -2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := tt.base
			tt.change(&o)
			err := o.Validate()
			if len(tt.want) == 0 {
				if err != nil {
					t.Fatalf("Validate() = %v, want nil", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("Validate() = nil, want an error holding %q", tt.want)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("Validate() = %q, want it to hold %q", err, w)
				}
			}
			if strings.Contains(err.Error(), "fake-token-VALUE") {
				t.Errorf("Validate() = %q: it shows the token", err)
			}
			// New refuses the same options before calling the Bot API.
			if _, nerr := New(context.Background(), slog.New(slog.NewTextHandler(io.Discard, nil)), fakeEngine{}, o); nerr == nil || !strings.Contains(nerr.Error(), tt.want[0]) {
				t.Errorf("New() = %v, want the validation error %q", nerr, tt.want[0])
			}
		})
	}
}

func secretOf(n int) secret.Value { return secret.Value(strings.Repeat("a", n)) }
