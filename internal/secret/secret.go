// Package secret holds values that must never be printed or logged: the
// Telegram bot token and the webhook secret.
//
// It is a leaf: it imports nothing of vnru, so configs (which reads the
// values from the environment) and bot (which uses them) can share one
// type while bot never imports configs and configs never imports bot.
package secret

import (
	"errors"
	"log/slog"
	"strings"
)

// Redacted is what a Value prints and logs as.
const Redacted = "REDACTED"

// Value is a secret string. It formats (%v, %s, %q, %#v), logs and
// marshals as REDACTED; use string(v) where the real value is needed.
type Value string

// String implements fmt.Stringer.
func (Value) String() string { return Redacted }

// GoString implements fmt.GoStringer, for %#v.
func (Value) GoString() string { return `secret.Value("` + Redacted + `")` }

// LogValue implements slog.LogValuer.
func (Value) LogValue() slog.Value { return slog.StringValue(Redacted) }

// MarshalText implements encoding.TextMarshaler, so JSON shows no secret.
func (Value) MarshalText() ([]byte, error) { return []byte(Redacted), nil }

// Redact returns s with every occurrence of the secret replaced by
// REDACTED.
func (v Value) Redact(s string) string {
	if v == "" {
		return s
	}
	return strings.ReplaceAll(s, string(v), Redacted)
}

// RedactError returns err with the secret removed from its message; nil
// stays nil. errors.Is still sees the original error (timeouts,
// cancellations), without exposing its message. The Bot API puts the
// token in every URL, and Go's HTTP errors quote the URL.
func (v Value) RedactError(err error) error {
	if err == nil || v == "" || !strings.Contains(err.Error(), string(v)) {
		return err
	}
	return &redactedError{msg: v.Redact(err.Error()), err: err}
}

type redactedError struct {
	msg string
	err error
}

func (e *redactedError) Error() string { return e.msg }

// Is lets errors.Is see through the redaction.
func (e *redactedError) Is(target error) bool { return errors.Is(e.err, target) }
