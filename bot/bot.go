package bot

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/vnru/vnru/internal/secret"
	"github.com/vnru/vnru/retrieval"
)

// Answerer is what the bot needs of the answer engine.
type Answerer interface {
	Answer(ctx context.Context, question string, opt retrieval.AskOptions) (retrieval.Answer, error)
	Sources() []retrieval.Source
}

// Quotes shown per answer; more come behind the "more results" button.
const (
	quotesPerPage  = 3
	quotesTotal    = 10 // inline mode shows up to 10 results
	sourcesPerPage = 10
	moreTTL        = 30 * time.Minute
	moreMax        = 10000
	inlineCache    = 60 // seconds Telegram may cache an inline answer
)

// drainTimeout bounds how long shutdown waits for the updates in flight.
const drainTimeout = 10 * time.Second

// Bot is a running Telegram bot. Create it with New and start it with Run.
type Bot struct {
	lg     *slog.Logger
	eng    Answerer
	opt    Options
	token  secret.Value
	api    *tgbotapi.BotAPI
	client *http.Client
	base   string
	me     tgbotapi.User

	out     *outLimiter
	flood   *floodGuard
	more    *moreStore
	stats   *stats
	clock   Clock
	backoff time.Duration // first retry delay after a failed call
	allow   map[int64]bool
	admins  map[int64]bool

	// sent, if set (by tests), is told the time slot the rate limits gave
	// each message sent.
	sent func(chatID int64, at time.Time)

	wg       sync.WaitGroup // handlers in flight
	slots    chan struct{}  // bounds handlers in flight
	finished chan struct{}  // told (without blocking) when a polled update is handled
	mu       sync.Mutex
	inFlight map[int]bool // update IDs being handled
	done     map[int]bool // update IDs handled, not yet confirmed to Telegram
}

// New checks the options, connects to the Bot API (getMe) and returns a
// bot ready to Run.
func New(ctx context.Context, lg *slog.Logger, eng Answerer, opt Options) (*Bot, error) {
	if err := opt.Validate(); err != nil {
		return nil, fmt.Errorf("bot options: %w", err)
	}
	if eng == nil {
		return nil, errors.New("bot: no answer engine: pass the engine New should ask")
	}
	opt = opt.withDefaults()
	client := opt.HTTPClient
	if client == nil {
		client = &http.Client{Timeout: opt.PollTimeout + 15*time.Second}
	}
	b := &Bot{
		lg: lg, eng: eng, opt: opt, token: opt.Token, client: client,
		base:  strings.TrimRight(opt.APIEndpoint, "/"),
		out:   newOutLimiter(opt.Limits, opt.Clock),
		flood: newFloodGuard(opt.Limits, opt.Clock.Now),
		more:  newMoreStore(moreTTL, moreMax, opt.Clock.Now),
		stats: newStats(opt.Clock.Now()),
		clock: opt.Clock, backoff: firstBackoff, allow: idSet(opt.AllowedChats), admins: idSet(opt.AdminIDs),
		slots: make(chan struct{}, opt.MaxInFlight), finished: make(chan struct{}, 1),
		inFlight: map[int]bool{}, done: map[int]bool{},
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	api, err := tgbotapi.NewBotAPIWithClient(string(opt.Token), b.base+"/bot%s/%s", apiClient{c: client, token: opt.Token})
	if err != nil {
		return nil, fmt.Errorf("connect to the Bot API at %s: %w", b.base, b.token.RedactError(err))
	}
	api.Debug = false // its debug output prints URLs holding the token
	b.api, b.me = api, api.Self
	return b, nil
}

func idSet(ids []int64) map[int64]bool {
	if len(ids) == 0 {
		return nil
	}
	m := map[int64]bool{}
	for _, id := range ids {
		m[id] = true
	}
	return m
}

// Username is the bot's @name, without the "@".
func (b *Bot) Username() string { return b.me.UserName }

// Run serves updates until ctx is cancelled: long polling, or a webhook
// when Options.WebhookURL is set. The command menu is registered in the
// background, so a slow or failing setMyCommands never delays the first
// answer. On cancellation Run stops receiving, waits (up to a deadline)
// for the updates in flight and for the registration, and returns.
func (b *Bot) Run(ctx context.Context) error {
	registered := make(chan struct{})
	go func() { // exits when the registration is done or ctx is cancelled
		defer close(registered)
		b.registerCommands(ctx)
	}()
	var err error
	if b.opt.WebhookURL != "" {
		err = b.serveWebhook(ctx)
	} else {
		err = b.poll(ctx)
	}
	b.drain(drainTimeout)
	select {
	case <-registered:
	case <-b.clock.After(drainTimeout):
		// A setMyCommands call in flight cannot be cancelled (the library
		// takes no context); its client's timeout ends it.
		b.lg.Warn("shutdown: command registration still running", "timeout", drainTimeout)
	}
	if errors.Is(err, context.Canceled) {
		return nil
	}
	return err
}

// drain waits for handlers in flight, at most for timeout.
func (b *Bot) drain(timeout time.Duration) {
	finished := make(chan struct{})
	go func() { b.wg.Wait(); close(finished) }() // exits when the handlers do
	select {
	case <-finished:
	case <-b.clock.After(timeout):
		b.lg.Warn("shutdown: handlers still running", "timeout", timeout)
	}
}
