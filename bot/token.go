package bot

import (
	"errors"
	"log/slog"
	"net/http"
	"strings"
)

// Token is a Telegram bot token. It prints and logs as REDACTED; use
// string(t) where the real value is needed.
type Token string

func (t Token) String() string { return "REDACTED" }

// LogValue implements slog.LogValuer.
func (t Token) LogValue() slog.Value { return slog.StringValue("REDACTED") }

// redact removes the token from a text.
func (t Token) redact(s string) string {
	if t == "" {
		return s
	}
	return strings.ReplaceAll(s, string(t), "REDACTED")
}

// redactError returns err with the token removed from its message. The
// Bot API puts the token in every URL, and Go's HTTP errors quote the URL.
func (t Token) redactError(err error) error {
	if err == nil || !strings.Contains(err.Error(), string(t)) || t == "" {
		return err
	}
	return &redactedError{msg: t.redact(err.Error()), err: err}
}

type redactedError struct {
	msg string
	err error
}

func (e *redactedError) Error() string { return e.msg }

// Is lets errors.Is see through the redaction (timeouts, cancellations)
// without exposing the original message.
func (e *redactedError) Is(target error) bool { return errors.Is(e.err, target) }

// redactingClient is the HTTP client given to tgbotapi: every error it
// returns has the token removed.
type redactingClient struct {
	c     *http.Client
	token Token
}

func (r redactingClient) Do(req *http.Request) (*http.Response, error) {
	resp, err := r.c.Do(req)
	return resp, r.token.redactError(err)
}
