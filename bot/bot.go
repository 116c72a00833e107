package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/vnru/vnru/retrieval"
)

// Answerer is what the bot needs of the answer engine.
type Answerer interface {
	Answer(ctx context.Context, question string, opt retrieval.AskOptions) (retrieval.Answer, error)
	Sources() []retrieval.Source
}

// Options configure a Bot.
type Options struct {
	Token        Token
	APIEndpoint  string  // base URL of the Bot API; default https://api.telegram.org
	AllowedChats []int64 // when set, only these chats (and users, for inline mode) are served
	AdminIDs     []int64 // users who may run /stats and /reload
	Version      string  // shown by /about

	// Reload, if set, rebuilds the engine's index for the admin command
	// /reload and returns the number of articles now served.
	Reload func(ctx context.Context) (int, error)

	// Webhook mode when WebhookURL is set: listen on ListenAddr and accept
	// updates carrying WebhookSecret.
	WebhookURL    string
	ListenAddr    string
	WebhookSecret string

	Limits        Limits
	PollTimeout   time.Duration // long-polling timeout; default 25s
	AnswerTimeout time.Duration // time allowed for one update; default 20s
	MaxInFlight   int           // updates handled at once; default 64
	HTTPClient    *http.Client  // default: a client with a timeout
	Now           func() time.Time
}

// DefaultAPIEndpoint is Telegram's Bot API.
const DefaultAPIEndpoint = "https://api.telegram.org"

// Quotes shown per answer; more come behind the "more results" button.
const (
	quotesPerPage  = 3
	quotesTotal    = 10 // inline mode shows up to 10 results
	sourcesPerPage = 10
	moreTTL        = 30 * time.Minute
	moreMax        = 10000
	inlineCache    = 60 // seconds Telegram may cache an inline answer
)

// Bot is a running Telegram bot. Create it with New and start it with Run.
type Bot struct {
	lg     *slog.Logger
	eng    Answerer
	opt    Options
	token  Token
	api    *tgbotapi.BotAPI
	client *http.Client
	base   string
	me     tgbotapi.User

	out     *outLimiter
	flood   *floodGuard
	more    *moreStore
	stats   *stats
	now     func() time.Time
	backoff time.Duration // first retry delay after a failed call
	allow   map[int64]bool
	admins  map[int64]bool

	// sent, if set (by tests), is told the time slot the rate limits gave
	// each message sent.
	sent func(chatID int64, at time.Time)

	wg       sync.WaitGroup // handlers in flight
	slots    chan struct{}  // bounds handlers in flight
	mu       sync.Mutex
	inFlight map[int]bool // update IDs being handled
	done     map[int]bool // update IDs handled, not yet confirmed to Telegram
}

// New connects to the Bot API (getMe) and returns a bot ready to Run.
func New(ctx context.Context, lg *slog.Logger, eng Answerer, opt Options) (*Bot, error) {
	if opt.Token == "" {
		return nil, errors.New("no bot token")
	}
	if opt.APIEndpoint == "" {
		opt.APIEndpoint = DefaultAPIEndpoint
	}
	if opt.PollTimeout == 0 {
		opt.PollTimeout = 25 * time.Second
	}
	if opt.AnswerTimeout == 0 {
		opt.AnswerTimeout = 20 * time.Second
	}
	if opt.MaxInFlight == 0 {
		opt.MaxInFlight = 64
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	client := opt.HTTPClient
	if client == nil {
		client = &http.Client{Timeout: opt.PollTimeout + 15*time.Second}
	}
	opt.Limits = opt.Limits.withDefaults()
	b := &Bot{
		lg: lg, eng: eng, opt: opt, token: opt.Token, client: client,
		base:  strings.TrimRight(opt.APIEndpoint, "/"),
		out:   newOutLimiter(opt.Limits),
		flood: newFloodGuard(opt.Limits, opt.Now),
		more:  newMoreStore(moreTTL, moreMax, opt.Now),
		stats: newStats(opt.Now()),
		now:   opt.Now, backoff: firstBackoff, allow: idSet(opt.AllowedChats), admins: idSet(opt.AdminIDs),
		slots:    make(chan struct{}, opt.MaxInFlight),
		inFlight: map[int]bool{}, done: map[int]bool{},
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	api, err := tgbotapi.NewBotAPIWithClient(string(opt.Token), b.base+"/bot%s/%s", redactingClient{c: client, token: opt.Token})
	if err != nil {
		return nil, fmt.Errorf("connect to the Bot API at %s: %w", b.base, b.token.redactError(err))
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

// after returns a channel that fires after d (a seam for tests).
func (b *Bot) after(d time.Duration) <-chan time.Time { return time.After(d) }

// Run serves updates until ctx is cancelled: long polling, or a webhook
// when Options.WebhookURL is set. On cancellation it stops receiving,
// waits (up to a deadline) for the updates in flight, and returns.
func (b *Bot) Run(ctx context.Context) error {
	b.registerCommands(ctx)
	var err error
	if b.opt.WebhookURL != "" {
		err = b.serveWebhook(ctx)
	} else {
		err = b.poll(ctx)
	}
	b.drain(10 * time.Second)
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
	case <-time.After(timeout):
		b.lg.Warn("shutdown: handlers still running", "timeout", timeout)
	}
}

// registerCommands sets the command menu in Vietnamese (default), English
// and Russian. Failure is logged: the bot works without a menu.
func (b *Bot) registerCommands(ctx context.Context) {
	for _, lang := range []string{"", "en", "ru"} {
		m := messagesFor(lang)
		var cmds []tgbotapi.BotCommand
		for _, c := range m.commands {
			cmds = append(cmds, tgbotapi.BotCommand{Command: c[0], Description: c[1]})
		}
		cfg := tgbotapi.NewSetMyCommandsWithScopeAndLanguage(tgbotapi.NewBotCommandScopeDefault(), lang, cmds...)
		if err := b.request(ctx, "setMyCommands", 0, cfg); err != nil {
			b.lg.Warn("could not register commands", "lang", lang, "err", describe(err))
		}
	}
}

// poll is the long-polling loop. Updates are confirmed to Telegram (by
// the offset of the next call) only once handled, so a bot stopped with
// updates in flight gets them again after a restart; an update delivered
// twice in one run is handled once. It backs off (doubling, capped) while
// the Bot API fails, and returns when ctx is done.
func (b *Bot) poll(ctx context.Context) error {
	backoff := b.backoff
	for {
		if err := ctx.Err(); err != nil {
			b.confirm()
			return err
		}
		updates, err := b.getUpdates(ctx, b.offset(), b.opt.PollTimeout)
		if err != nil {
			if ctx.Err() != nil {
				continue // shutting down: confirm and return above
			}
			b.lg.Warn("getUpdates failed", "err", err, "retry_in", backoff)
			select {
			case <-ctx.Done():
			case <-b.after(backoff):
			}
			backoff = min(backoff*2, maxPollBackoff)
			continue
		}
		backoff = b.backoff
		for _, u := range updates {
			b.dispatch(ctx, u, true)
		}
	}
}

// maxPollBackoff caps the wait between failed getUpdates calls.
const maxPollBackoff = 30 * time.Second

// confirm tells Telegram which updates were handled, once the handlers in
// flight are done, so that a restart does not answer them again. Updates
// received but not handled stay unconfirmed and come back after a
// restart.
func (b *Bot) confirm() {
	b.drain(10 * time.Second)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if _, err := b.getUpdates(ctx, b.offset(), 0); err != nil {
		b.lg.Warn("could not confirm the last updates; they may be answered again after a restart", "err", err)
	}
}

// offset is the first update ID not yet handled.
func (b *Bot) offset() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	lowest := -1
	for id := range b.inFlight {
		if lowest < 0 || id < lowest {
			lowest = id
		}
	}
	highest := 0
	for id := range b.done {
		highest = max(highest, id)
	}
	if lowest < 0 {
		clear(b.done) // all confirmed by this offset
		return highest + 1
	}
	for id := range b.done {
		if id < lowest {
			delete(b.done, id)
		}
	}
	return lowest
}

// getUpdates long-polls the Bot API. It is made here rather than through
// tgbotapi so that cancelling ctx ends the call at once.
func (b *Bot) getUpdates(ctx context.Context, offset int, timeout time.Duration) ([]tgbotapi.Update, error) {
	form := url.Values{
		"offset":          {strconv.Itoa(offset)},
		"timeout":         {strconv.Itoa(int(timeout / time.Second))},
		"allowed_updates": {`["message","edited_message","channel_post","callback_query","inline_query"]`},
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, b.base+"/bot"+string(b.token)+"/getUpdates", strings.NewReader(form.Encode()))
	if err != nil {
		return nil, b.token.redactError(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	resp, err := b.client.Do(req)
	if err != nil {
		return nil, b.token.redactError(err)
	}
	defer resp.Body.Close()
	var r struct {
		OK          bool              `json:"ok"`
		Result      []tgbotapi.Update `json:"result"`
		Description string            `json:"description"`
		ErrorCode   int               `json:"error_code"`
	}
	if err := json.NewDecoder(io.LimitReader(resp.Body, 50<<20)).Decode(&r); err != nil {
		return nil, fmt.Errorf("getUpdates: HTTP %d, bad response: %w", resp.StatusCode, err)
	}
	if !r.OK {
		return nil, fmt.Errorf("getUpdates: HTTP %d, error %d: %s", resp.StatusCode, r.ErrorCode, b.token.redact(r.Description))
	}
	return r.Result, nil
}

// dispatch handles one update in its own goroutine, with a timeout and a
// recover. With track (long polling), an update already being handled or
// handled but not yet confirmed is skipped, and its ID feeds the offset.
func (b *Bot) dispatch(ctx context.Context, u tgbotapi.Update, track bool) {
	if track {
		b.mu.Lock()
		if b.inFlight[u.UpdateID] || b.done[u.UpdateID] {
			b.mu.Unlock()
			return
		}
		b.inFlight[u.UpdateID] = true
		b.mu.Unlock()
	}
	finish := func() {
		if !track {
			return
		}
		b.mu.Lock()
		delete(b.inFlight, u.UpdateID)
		b.done[u.UpdateID] = true
		b.mu.Unlock()
	}

	select {
	case b.slots <- struct{}{}:
	case <-ctx.Done():
		if track { // not handled: leave it for the next run
			b.mu.Lock()
			delete(b.inFlight, u.UpdateID)
			b.mu.Unlock()
		}
		return
	}
	b.wg.Add(1)
	go func() { // exits when the update is handled or its timeout passes
		defer b.wg.Done()
		defer func() { <-b.slots }()
		defer finish()
		// In-flight replies finish even after shutdown starts: they get
		// their own deadline, not the polling context.
		hctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), b.opt.AnswerTimeout)
		defer cancel()
		b.handleSafely(hctx, u)
	}()
}

// handleSafely handles an update; a panic is logged with the update ID
// and never stops the bot.
func (b *Bot) handleSafely(ctx context.Context, u tgbotapi.Update) {
	defer func() {
		if r := recover(); r != nil {
			b.lg.Error("panic while handling update", "update_id", u.UpdateID, "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
		}
	}()
	b.handle(ctx, u)
}
