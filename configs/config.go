// Package configs is vnru's typed configuration: it reads environment
// variables (and a .env file) into a Config, checks them, and holds the
// data files the engine is configured with (name variants). Only cmd/vnru
// imports it; the other packages take explicit options.
package configs

import (
	_ "embed"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/joho/godotenv"

	"github.com/vnru/vnru/internal/secret"
)

// Config is everything vnru reads from its environment.
type Config struct {
	CorpusDir       string     // VNRU_CORPUS_DIR: extra article files, added to the embedded ones
	IndexDir        string     // VNRU_INDEX_DIR: keep a persistent index here; empty = in memory
	LogLevel        slog.Level // VNRU_LOG_LEVEL: debug, info, warn, error
	AnswerThreshold float64    // VNRU_ANSWER_THRESHOLD: probability from which a quote is an answer, in (0,1]; 0 = the model's

	Token         secret.Value // TELEGRAM_BOT_TOKEN: from @BotFather
	APIEndpoint   string       // TELEGRAM_API_ENDPOINT: Bot API base URL
	WebhookURL    string       // VNRU_WEBHOOK_URL: public https URL; empty = long polling
	ListenAddr    string       // VNRU_LISTEN_ADDR: where the webhook server listens
	WebhookSecret secret.Value // VNRU_WEBHOOK_SECRET: checked on every webhook request; random if empty
	AllowedChats  []int64      // VNRU_ALLOWED_CHATS: comma-separated chat IDs; empty = everyone
	AdminIDs      []int64      // VNRU_ADMIN_IDS: comma-separated user IDs allowed /stats and /reload
	Watch         bool         // VNRU_WATCH=1: reload when the corpus folder changes

	Feeds       []string      // VNRU_FEEDS: feed or sitemap URLs (or list files) the bot follows
	FollowEvery time.Duration // VNRU_FOLLOW_EVERY: how often the bot follows Feeds
}

// ValidateBot checks what the bot needs beyond the common settings.
func (c Config) ValidateBot() error {
	var errs []error
	if c.Token == "" {
		errs = append(errs, errors.New("TELEGRAM_BOT_TOKEN is not set: create a bot with @BotFather in Telegram, then put TELEGRAM_BOT_TOKEN=<token> in .env (see .env.example)"))
	} else if !strings.Contains(string(c.Token), ":") {
		errs = append(errs, errors.New("TELEGRAM_BOT_TOKEN does not look like a bot token (digits, a colon, then letters): copy it again from @BotFather"))
	}
	if c.WebhookURL != "" && !strings.HasPrefix(c.WebhookURL, "https://") && !strings.HasPrefix(c.WebhookURL, "http://") {
		errs = append(errs, fmt.Errorf("VNRU_WEBHOOK_URL=%q: use the public https address Telegram should post to", c.WebhookURL))
	}
	return errors.Join(errs...)
}

// Load reads the configuration through getenv (os.Getenv in production,
// a map in tests), applies defaults and validates it.
func Load(getenv func(string) string) (Config, error) {
	c := Config{
		CorpusDir: strings.TrimSpace(getenv("VNRU_CORPUS_DIR")),
		IndexDir:  strings.TrimSpace(getenv("VNRU_INDEX_DIR")),
		LogLevel:  slog.LevelInfo,
	}
	var errs []error
	if v := strings.TrimSpace(getenv("VNRU_LOG_LEVEL")); v != "" {
		if err := c.LogLevel.UnmarshalText([]byte(v)); err != nil {
			errs = append(errs, fmt.Errorf("VNRU_LOG_LEVEL=%q: use debug, info, warn or error", v))
		}
	}
	c.Token = secret.Value(strings.TrimSpace(getenv("TELEGRAM_BOT_TOKEN")))
	c.APIEndpoint = strings.TrimRight(strings.TrimSpace(getenv("TELEGRAM_API_ENDPOINT")), "/")
	if c.APIEndpoint == "" {
		c.APIEndpoint = "https://api.telegram.org"
	} else if !strings.HasPrefix(c.APIEndpoint, "http://") && !strings.HasPrefix(c.APIEndpoint, "https://") {
		errs = append(errs, fmt.Errorf("TELEGRAM_API_ENDPOINT=%q: use a base URL such as http://127.0.0.1:8081", c.APIEndpoint))
	}
	c.WebhookURL = strings.TrimSpace(getenv("VNRU_WEBHOOK_URL"))
	c.ListenAddr = strings.TrimSpace(getenv("VNRU_LISTEN_ADDR"))
	if c.ListenAddr == "" {
		c.ListenAddr = ":8080"
	}
	c.WebhookSecret = secret.Value(strings.TrimSpace(getenv("VNRU_WEBHOOK_SECRET")))
	switch v := strings.TrimSpace(getenv("VNRU_WATCH")); v {
	case "", "0", "false":
	case "1", "true":
		c.Watch = true
	default:
		errs = append(errs, fmt.Errorf("VNRU_WATCH=%q: use 1 to reload when the corpus folder changes, or 0", v))
	}
	for _, v := range []struct {
		name string
		dst  *[]int64
	}{{"VNRU_ALLOWED_CHATS", &c.AllowedChats}, {"VNRU_ADMIN_IDS", &c.AdminIDs}} {
		ids, err := parseIDs(getenv(v.name))
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w: use comma-separated numeric IDs such as 123456,-100987654", v.name, err))
		}
		*v.dst = ids
	}
	if v := strings.TrimSpace(getenv("VNRU_ANSWER_THRESHOLD")); v != "" {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || f <= 0 || f > 1 {
			errs = append(errs, fmt.Errorf("VNRU_ANSWER_THRESHOLD=%q: use a number between 0 and 1, such as 0.5", v))
		}
		c.AnswerThreshold = f
	}
	errs = append(errs, c.loadFollow(getenv)...)
	return c, errors.Join(errs...)
}

// WithDotEnv returns a getenv that reads the process environment first and
// then the .env file at path, if there is one. The process environment is
// not modified. A malformed file is an error naming the file and the line
// (checkDotEnv); the file's values are never quoted in it, since .env
// holds the bot token.
func WithDotEnv(path string, getenv func(string) string) (func(string) string, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return getenv, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if err := checkDotEnv(path, string(data)); err != nil {
		return nil, err
	}
	vars, err := godotenv.UnmarshalBytes(data)
	if err != nil {
		// godotenv's messages quote the rest of the file: never show them.
		return nil, fmt.Errorf("%s is malformed: write one NAME=value per line (see .env.example)", path)
	}
	return func(key string) string {
		if v := getenv(key); v != "" {
			return v
		}
		return vars[key]
	}, nil
}

func parseIDs(s string) ([]int64, error) {
	var ids []int64
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' }) {
		id, err := strconv.ParseInt(f, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%q is not an ID", f)
		}
		ids = append(ids, id)
	}
	return ids, nil
}

//go:embed names.txt
var namesFile string

//go:embed paraphrases.txt
var paraphrasesFile string

//go:embed abbreviations.txt
var abbreviationsFile string

//go:embed model.json
var modelFile []byte

//go:embed glossary_en.txt
var glossaryEN string

//go:embed glossary_ru.txt
var glossaryRU string

//go:embed lexicon_en.txt
var lexiconEN string

//go:embed lexicon_ru.txt
var lexiconRU string

// Glossaries returns the query glossaries by language ("en", "ru"): each
// entry is the foreign term followed by its Vietnamese renderings. The
// domain glossary comes first, so its renderings win over the general
// lexicon's for the same term.
func Glossaries() map[string][][]string {
	return map[string][][]string{
		"en": append(parseGlossary(glossaryEN), parseGlossary(lexiconEN)...),
		"ru": append(parseGlossary(glossaryRU), parseGlossary(lexiconRU)...),
	}
}

// parseGlossary reads "term | other form = rendering | other rendering"
// lines into one entry per term: the term, then its renderings.
func parseGlossary(text string) [][]string {
	var out [][]string
	for _, line := range dataLines(text) {
		terms, renderings, ok := strings.Cut(line, "=")
		alts := splitAlternatives(renderings)
		if !ok || len(alts) == 0 {
			continue
		}
		for _, term := range splitAlternatives(terms) {
			out = append(out, append([]string{term}, alts...))
		}
	}
	return out
}

// Paraphrases returns the groups of news paraphrases in paraphrases.txt.
func Paraphrases() [][]string { return parseVariants(paraphrasesFile) }

// Abbreviations returns the Vietnamese abbreviations of abbreviations.txt,
// each followed by what it stands for.
func Abbreviations() [][]string { return parseGlossary(abbreviationsFile) }

// ModelJSON returns the fitted ranking model (model.json, written by
// `vnru train`).
func ModelJSON() []byte { return modelFile }

// NameVariants returns the groups of name spellings in names.txt.
func NameVariants() [][]string { return parseVariants(namesFile) }

func parseVariants(text string) [][]string {
	var groups [][]string
	for _, line := range dataLines(text) {
		if g := splitAlternatives(line); len(g) > 1 {
			groups = append(groups, g)
		}
	}
	return groups
}

// dataLines returns the lines of a data file that are neither blank nor
// comments ("#"), trimmed.
func dataLines(text string) []string {
	var out []string
	for _, line := range strings.Split(text, "\n") {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			out = append(out, line)
		}
	}
	return out
}

// splitAlternatives splits "a | b | c" into its trimmed, non-empty parts.
func splitAlternatives(s string) []string {
	var out []string
	for _, v := range strings.Split(s, "|") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}
