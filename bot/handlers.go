package bot

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/vnru/vnru/corpus"
	"github.com/vnru/vnru/retrieval"
)

// handle routes one update.
func (b *Bot) handle(ctx context.Context, u tgbotapi.Update) {
	switch {
	case u.Message != nil:
		b.handleMessage(ctx, u.Message)
	case u.CallbackQuery != nil:
		b.handleCallback(ctx, u.CallbackQuery)
	case u.InlineQuery != nil:
		b.handleInline(ctx, u.InlineQuery)
	default:
		// Edited messages, channel posts and the rest are not questions.
		b.lg.Debug("update ignored", "update_id", u.UpdateID)
	}
}

func (b *Bot) allowed(chatID int64) bool { return b.allow == nil || b.allow[chatID] }

func (b *Bot) handleMessage(ctx context.Context, m *tgbotapi.Message) {
	if m.From == nil || m.From.IsBot || m.Chat == nil {
		return
	}
	if !b.allowed(m.Chat.ID) {
		// Private deployments stay silent to strangers: a reply would
		// advertise the bot. Logged so the admin can add the chat.
		b.lg.Info("chat not allowed", "chat_id", m.Chat.ID, "chat_type", m.Chat.Type)
		return
	}
	msgs := messagesFor(m.From.LanguageCode)
	group := isGroup(m.Chat)
	if c, ok := parseCommand(m, b.me.UserName); ok {
		if c.otherBot { // in any chat: someone else's command, not a question
			b.lg.Debug("command for another bot ignored", "chat_type", m.Chat.Type, "command", c.name)
			return
		}
		b.handleCommand(ctx, m, c, msgs)
		return
	}
	if m.Chat.Type == "channel" {
		return
	}
	if group {
		q, mentioned := mentionedQuestion(m, b.me.UserName)
		replyToMe := m.ReplyToMessage != nil && m.ReplyToMessage.From != nil && m.ReplyToMessage.From.ID == b.me.ID
		switch {
		case mentioned:
			b.ask(ctx, m, q, msgs)
		case replyToMe && !nonText(m):
			b.ask(ctx, m, m.Text, msgs)
		}
		return // everything else in a group is conversation, not for us
	}
	if nonText(m) {
		b.reply(ctx, m, msgs.nonText, nil)
		return
	}
	if q, mentioned := mentionedQuestion(m, b.me.UserName); mentioned {
		// "@bot" alone asks what the bot does; "@bot question" is the
		// question without the name.
		if q == "" {
			b.reply(ctx, m, msgs.help, nil)
			return
		}
		b.ask(ctx, m, q, msgs)
		return
	}
	b.ask(ctx, m, m.Text, msgs)
}

func (b *Bot) handleCommand(ctx context.Context, m *tgbotapi.Message, c command, msgs messages) {
	switch c.name {
	case "start":
		var rows [][]tgbotapi.InlineKeyboardButton
		for i, ex := range msgs.examples {
			rows = append(rows, tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData(ex, "ask:"+strconv.Itoa(i))))
		}
		kb := tgbotapi.NewInlineKeyboardMarkup(rows...)
		b.reply(ctx, m, msgs.welcome, &kb)
	case "help":
		b.reply(ctx, m, msgs.help, nil)
	case "ask":
		b.ask(ctx, m, c.args, msgs)
	case "sources":
		b.sendSources(ctx, m.Chat.ID, m.MessageID, 0, msgs)
	case "about":
		b.reply(ctx, m, b.aboutText(msgs), nil)
	case "stats":
		if !b.admins[m.From.ID] {
			b.reply(ctx, m, msgs.notAdmin, nil)
			return
		}
		q, r, p50, p99 := b.stats.snapshot()
		up := b.clock.Now().Sub(b.stats.started).Round(time.Second)
		text := fmt.Sprintf(msgs.stats, up, q, r, p50, p99)
		if b.opt.LastFollow != nil {
			text += "\n" + followLine(msgs, b.opt.LastFollow)
		}
		b.reply(ctx, m, text, nil)
	case "reload":
		if !b.admins[m.From.ID] {
			b.reply(ctx, m, msgs.notAdmin, nil)
			return
		}
		if b.opt.Reload == nil {
			b.reply(ctx, m, msgs.noReload, nil)
			return
		}
		n, err := b.opt.Reload(ctx)
		if err != nil {
			b.lg.Error("reload failed", "admin", m.From.ID, "err", err)
			b.reply(ctx, m, msgs.reloadFailed+"\n<code>"+escape(b.token.Redact(err.Error()))+"</code>", nil)
			return
		}
		b.reply(ctx, m, fmt.Sprintf(msgs.reloaded, n), nil)
	default:
		if !isGroup(m.Chat) { // in groups, other bots' commands are not our business
			b.reply(ctx, m, msgs.help, nil)
		}
	}
}

func (b *Bot) aboutText(msgs messages) string {
	src := b.eng.Sources()
	first, last := corpus.DateRange(src, func(s retrieval.Source) corpus.Date { return s.Published })
	day := func(t time.Time) string {
		if t.IsZero() {
			return "-"
		}
		return t.Format("02/01/2006")
	}
	version := b.opt.Version
	if version == "" {
		version = "dev"
	}
	return fmt.Sprintf(msgs.about, len(src), day(first), day(last), escape(version))
}

// ask answers a question in the chat of m, as a reply to it.
func (b *Bot) ask(ctx context.Context, m *tgbotapi.Message, question string, msgs messages) {
	if ok, warn := b.flood.allow(m.From.ID); !ok {
		if warn {
			b.reply(ctx, m, msgs.flood, nil)
		}
		return
	}
	if utf8.RuneCountInString(question) > retrieval.MaxQuestionRunes {
		b.reply(ctx, m, fmt.Sprintf(msgs.tooLong, retrieval.MaxQuestionRunes), nil)
		return
	}
	b.typing(ctx, m.Chat.ID)
	start := b.clock.Now()
	ans, err := b.eng.Answer(ctx, question, retrieval.AskOptions{Limit: quotesTotal})
	elapsed := b.clock.Now().Sub(start)
	if err != nil {
		b.reply(ctx, m, b.errorText(err, msgs), nil)
		return
	}
	b.stats.record(elapsed, ans.Answered)
	b.lg.Info("answered", "chat_type", m.Chat.Type, "ms", elapsed.Milliseconds(), "answered", ans.Answered, "quotes", len(ans.Quotes))
	// A question in English or Russian gets Vietnamese quotes, and a note
	// saying so.
	foreign := ans.Lang != "" && ans.Lang != retrieval.LangVietnamese
	switch {
	case ans.Answered:
		b.sendQuotes(ctx, m.Chat.ID, m.MessageID, ans.Quotes, foreign, msgs)
	case len(ans.Related) > 0:
		// No direct answer: the closest passages, labelled as such.
		for _, p := range relatedParts(msgs, ans.Related[:min(quotesPerPage, len(ans.Related))], foreign) {
			b.sendHTML(ctx, m.Chat.ID, m.MessageID, p, nil)
		}
	default:
		b.reply(ctx, m, noAnswerHTML(msgs), nil)
	}
}

// followLine is the /stats line about the last feed run.
func followLine(msgs messages, last func() (FollowRun, bool)) string {
	run, ok := last()
	if !ok {
		return msgs.followNone
	}
	line := fmt.Sprintf(msgs.followStats, run.At.Format("15:04 02/01/2006"), run.Added, run.Failed)
	if run.Err != nil {
		line += ": " + escape(run.Err.Error())
	}
	return line
}

// errorText maps an engine error to what the user reads. Internal errors
// are logged here, once, and the user sees only an apology.
func (b *Bot) errorText(err error, msgs messages) string {
	switch {
	case errors.Is(err, retrieval.ErrEmptyQuestion):
		return msgs.empty
	case errors.Is(err, retrieval.ErrQuestionTooLong):
		return fmt.Sprintf(msgs.tooLong, retrieval.MaxQuestionRunes)
	case errors.Is(err, context.DeadlineExceeded):
		b.lg.Warn("answer timed out", "err", err)
		return msgs.timeout
	}
	b.lg.Error("answer failed", "err", err)
	return msgs.failed
}

// sendQuotes sends the first quotes and keeps the rest behind a button.
func (b *Bot) sendQuotes(ctx context.Context, chatID int64, replyTo int, quotes []retrieval.Quote, isForeign bool, msgs messages) {
	shown := quotes[:min(quotesPerPage, len(quotes))]
	var kb *tgbotapi.InlineKeyboardMarkup
	if rest := quotes[len(shown):]; len(rest) > 0 {
		key := b.more.put(chatID, rest, isForeign)
		k := tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData(msgs.more, "more:"+key)))
		kb = &k
	}
	parts := answerParts(msgs, shown, isForeign)
	for i, p := range parts {
		var markup *tgbotapi.InlineKeyboardMarkup
		if i == len(parts)-1 {
			markup = kb
		}
		b.sendHTML(ctx, chatID, replyTo, p, markup)
	}
}

func (b *Bot) sendSources(ctx context.Context, chatID int64, replyTo, page int, msgs messages) {
	src := b.eng.Sources()
	pages := (len(src) + sourcesPerPage - 1) / sourcesPerPage
	page = max(0, min(page, pages-1))
	var row []tgbotapi.InlineKeyboardButton
	if page > 0 {
		row = append(row, tgbotapi.NewInlineKeyboardButtonData(msgs.prev, "src:"+strconv.Itoa(page-1)))
	}
	if page < pages-1 {
		row = append(row, tgbotapi.NewInlineKeyboardButtonData(msgs.next, "src:"+strconv.Itoa(page+1)))
	}
	var kb *tgbotapi.InlineKeyboardMarkup
	if len(row) > 0 {
		k := tgbotapi.NewInlineKeyboardMarkup(row)
		kb = &k
	}
	b.sendHTML(ctx, chatID, replyTo, sourcesPage(msgs, src, page, sourcesPerPage), kb)
}

// handleCallback handles button presses: more results, example
// questions, pages of /sources.
func (b *Bot) handleCallback(ctx context.Context, cq *tgbotapi.CallbackQuery) {
	msgs := messagesFor("")
	if cq.From != nil {
		msgs = messagesFor(cq.From.LanguageCode)
	}
	answer := func(text string) {
		if err := b.request(ctx, "answerCallbackQuery", 0, tgbotapi.NewCallback(cq.ID, text)); err != nil {
			b.lg.Debug("answerCallbackQuery failed", "err", describe(err))
		}
	}
	if cq.Message == nil || cq.Message.Chat == nil || !b.allowed(cq.Message.Chat.ID) {
		answer("")
		return
	}
	chatID := cq.Message.Chat.ID
	kind, arg, _ := strings.Cut(cq.Data, ":")
	switch kind {
	case "more":
		quotes, isForeign, _, ok := b.more.take(chatID, arg, quotesPerPage)
		if !ok {
			answer(msgs.stale)
			return
		}
		answer("")
		b.sendQuotes(ctx, chatID, 0, quotes, isForeign, msgs)
	case "ask":
		i, err := strconv.Atoi(arg)
		if err != nil || i < 0 || i >= len(msgs.examples) || cq.From == nil {
			answer(msgs.stale)
			return
		}
		answer("")
		m := &tgbotapi.Message{Chat: cq.Message.Chat, From: cq.From, Text: msgs.examples[i]}
		b.ask(ctx, m, msgs.examples[i], msgs)
	case "src":
		page, err := strconv.Atoi(arg)
		if err != nil {
			answer(msgs.stale)
			return
		}
		answer("")
		b.sendSources(ctx, chatID, 0, page, msgs)
	default:
		answer(msgs.stale)
	}
}

// handleInline answers "@bot question" typed in any chat with up to ten
// quotes; choosing one sends the quote with its source line.
func (b *Bot) handleInline(ctx context.Context, iq *tgbotapi.InlineQuery) {
	if iq.From == nil || !b.allowed(iq.From.ID) {
		return
	}
	msgs := messagesFor(iq.From.LanguageCode)
	q := strings.TrimSpace(iq.Query)
	var results []interface{}
	cache := inlineCache
	if q == "" {
		r := tgbotapi.NewInlineQueryResultArticleHTML("hint", msgs.inlineHint, msgs.inlineHintMsg)
		results = append(results, r)
		cache = 3600
	} else if ok, _ := b.flood.allow(iq.From.ID); ok {
		ans, err := b.eng.Answer(ctx, q, retrieval.AskOptions{Limit: quotesTotal})
		quotes, note := ans.Quotes, ""
		if !ans.Answered {
			// The closest passages, said to be so in each description.
			quotes, note = ans.Related, msgs.inlineRelated+" · "
		}
		if err == nil {
			for i, quote := range quotes {
				r := tgbotapi.NewInlineQueryResultArticleHTML(strconv.Itoa(i), inlineTitle(quote.Text), quoteBlock(msgs, quote))
				r.Description = note + shortSource(quote.Article)
				r.InputMessageContent = tgbotapi.InputTextMessageContent{Text: quoteBlock(msgs, quote), ParseMode: tgbotapi.ModeHTML, DisableWebPagePreview: true}
				results = append(results, r)
			}
		}
		if len(results) == 0 {
			r := tgbotapi.NewInlineQueryResultArticleHTML("none", msgs.inlineNone, noAnswerHTML(msgs))
			results = append(results, r)
		}
	}
	cfg := tgbotapi.InlineConfig{InlineQueryID: iq.ID, Results: results, CacheTime: cache}
	if err := b.request(ctx, "answerInlineQuery", 0, cfg); err != nil {
		b.lg.Debug("answerInlineQuery failed", "err", describe(err))
	}
}
