// Package bot is vnru's Telegram front end: it receives updates (long
// polling or a webhook), decides which messages are questions (any text in
// a private chat; /ask, a mention or a reply to the bot in groups; inline
// queries anywhere), asks the answer engine, and replies with the quotes
// formatted as Telegram HTML.
//
// Files, one concern each:
//
//	bot.go       Bot, Options, New, Run: polling, shutdown, update dispatch
//	router.go    which updates are questions, commands, callbacks, inline
//	handlers.go  what each command and question does
//	format.go    HTML of answers and lists; splitting under 4096 characters
//	messages.go  every user-visible string, in Vietnamese, English, Russian
//	limits.go    outgoing rate limits, per-user flood guard
//	send.go      sending with retries on 429 and server errors
//	state.go     "more results" state, bounded and expiring
//	webhook.go   webhook server with secret token and /healthz
//	stats.go     counters for /stats
//	token.go     the bot token, which never appears in logs or errors
//
// The package knows nothing of bleve: it uses the engine through the
// Answerer interface declared here, with the retrieval package's types.
package bot
