// Package bot is vnru's Telegram front end: it receives updates (long
// polling or a webhook), decides which messages are questions (any text in
// a private chat; /ask, a mention or a reply to the bot in groups; inline
// queries anywhere), asks the answer engine, and replies with the quotes
// formatted as Telegram HTML.
//
// Files, one concern each:
//
//	bot.go       Bot, Answerer, New, Run: start, shutdown, drain
//	options.go   Options, their defaults and Validate
//	polling.go   long polling: getUpdates, offsets, confirming handled updates
//	webhook.go   webhook server with secret token and /healthz
//	dispatch.go  one goroutine per update, with a timeout and a recover
//	router.go    which updates are questions, commands, callbacks, inline
//	handlers.go  what each command and question does
//	commands.go  the command menu (setMyCommands), registered in the background
//	format.go    HTML of answers and lists; splitting under 4096 characters
//	messages.go  every user-visible string, in Vietnamese, English, Russian
//	send.go      sending and replying, through the rate limits
//	retry.go     retries on 429 and server errors, with back-off
//	limits.go    outgoing rate limits: per chat, per group, overall
//	flood.go     per-user flood guard on questions
//	clock.go     the Clock the limits, retries and expiries run on
//	apiclient.go the HTTP client under the Telegram library: token
//	             redaction, HTTP status and body of failed calls
//	liblog.go    SetLibraryLogger: the library's global logger, routed to slog
//	more.go      "more results" state, bounded and expiring
//	stats.go     counters and answer-time percentiles for /stats
//
// The token is a secret.Value (internal/secret), which never appears in
// logs or errors. The package knows nothing of bleve or of the
// configuration: it uses the engine through the Answerer interface
// declared here, with the retrieval package's types, and takes everything
// else as Options.
package bot
