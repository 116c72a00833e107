package bot

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/vnru/vnru/internal/secret"
)

// Options configure a Bot. Zero values take the defaults noted.
type Options struct {
	Token        secret.Value
	APIEndpoint  string  // base URL of the Bot API; default https://api.telegram.org
	AllowedChats []int64 // when set, only these chats (and users, for inline mode) are served
	AdminIDs     []int64 // users who may run /stats and /reload
	Version      string  // shown by /about

	// Reload, if set, rebuilds the engine's index for the admin command
	// /reload and returns the number of articles now served.
	Reload func(ctx context.Context) (int, error)

	// LastFollow, if set, reports the last run of the feed schedule
	// (VNRU_FEEDS) for /stats; ok is false before the first run.
	LastFollow func() (run FollowRun, ok bool)

	// Webhook mode when WebhookURL is set: listen on ListenAddr and accept
	// updates carrying WebhookSecret.
	WebhookURL    string
	ListenAddr    string
	WebhookSecret secret.Value

	Limits        Limits
	PollTimeout   time.Duration // long-polling timeout; default 25s
	AnswerTimeout time.Duration // time allowed for one update; default 20s
	MaxInFlight   int           // updates handled at once; default 64
	HTTPClient    *http.Client  // default: a client with a timeout
	Clock         Clock         // default: the real time
}

// DefaultAPIEndpoint is Telegram's Bot API.
const DefaultAPIEndpoint = "https://api.telegram.org"

// maxPollTimeout is the longest long-polling timeout worth asking for:
// Telegram caps it at 50 s.
const maxPollTimeout = 50 * time.Second

// Validate reports every option that cannot work, each with what to do
// about it. Zero values are fine: they take the defaults.
func (o Options) Validate() error {
	var errs []error
	add := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	switch t := string(o.Token); {
	case t == "":
		add("no bot token: set Options.Token to the token @BotFather gave the bot")
	case strings.ContainsAny(t, "/?#% \t\r\n"):
		add("the bot token holds a character a token never has (/ ? # %% or white space): copy it again from @BotFather")
	}
	if o.APIEndpoint != "" {
		if err := checkHTTPURL(o.APIEndpoint); err != nil {
			add("APIEndpoint %q %v: use a base URL such as https://api.telegram.org or http://127.0.0.1:8081", o.APIEndpoint, err)
		}
	}
	if o.WebhookURL != "" {
		if err := checkHTTPURL(o.WebhookURL); err != nil {
			add("WebhookURL %q %v: use the public https address Telegram should post updates to", o.WebhookURL, err)
		}
		if o.ListenAddr == "" {
			add("webhook mode needs ListenAddr: set the address to listen on, such as :8080")
		}
		// Telegram accepts 1 to 256 characters A-Z, a-z, 0-9, _ and -.
		switch s := string(o.WebhookSecret); {
		case s == "":
			add("webhook mode needs WebhookSecret: set a random string of letters, digits, _ and -")
		case len(s) > 256 || strings.IndexFunc(s, func(r rune) bool { return !isSecretRune(r) }) >= 0:
			add("WebhookSecret must be 1 to 256 letters, digits, _ or -: Telegram rejects anything else")
		}
	}
	for _, d := range []struct {
		name string
		v    time.Duration
	}{
		{"PollTimeout", o.PollTimeout}, {"AnswerTimeout", o.AnswerTimeout},
		{"Limits.PerChat", o.Limits.PerChat}, {"Limits.PerGroup", o.Limits.PerGroup}, {"Limits.Refill", o.Limits.Refill},
	} {
		if d.v < 0 {
			add("%s is %v: use a positive duration, or 0 for the default", d.name, d.v)
		}
	}
	if o.PollTimeout > maxPollTimeout {
		add("PollTimeout is %v: Telegram holds a long poll at most %v, use that or less", o.PollTimeout, maxPollTimeout)
	}
	for _, n := range []struct {
		name string
		v    int
	}{{"MaxInFlight", o.MaxInFlight}, {"Limits.Global", o.Limits.Global}, {"Limits.Questions", o.Limits.Questions}} {
		if n.v < 0 {
			add("%s is %d: use a positive number, or 0 for the default", n.name, n.v)
		}
	}
	return errors.Join(errs...)
}

func isSecretRune(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-'
}

// checkHTTPURL says what is wrong with an http(s) base URL, or nil.
func checkHTTPURL(s string) error {
	u, err := url.Parse(s)
	switch {
	case err != nil:
		return errors.New("is not a URL")
	case u.Scheme != "http" && u.Scheme != "https":
		return errors.New("is not an http(s) address")
	case u.Host == "":
		return errors.New("has no host")
	}
	return nil
}

// withDefaults fills in the zero options.
func (o Options) withDefaults() Options {
	if o.APIEndpoint == "" {
		o.APIEndpoint = DefaultAPIEndpoint
	}
	if o.PollTimeout == 0 {
		o.PollTimeout = 25 * time.Second
	}
	if o.AnswerTimeout == 0 {
		o.AnswerTimeout = 20 * time.Second
	}
	if o.MaxInFlight == 0 {
		o.MaxInFlight = 64
	}
	if o.Clock == nil {
		o.Clock = systemClock{}
	}
	o.Limits = o.Limits.withDefaults()
	return o
}

// FollowRun is what one scheduled follow of the news feeds did.
type FollowRun struct {
	At            time.Time
	Added, Failed int   // articles added, sources or pages that failed
	Err           error // why the run failed as a whole, if it did
}
