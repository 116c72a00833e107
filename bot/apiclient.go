package bot

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/vnru/vnru/internal/secret"
)

// apiClient is the HTTP client given to tgbotapi. Every error it returns
// has the token removed. A failed call whose body is not a Bot API error
// (a proxy's HTML page, or HTTP 500 with {"message": ...} as the emulator
// and some servers answer) becomes a statusError with the status and the
// start of the body: tgbotapi would report it as an error with an empty
// message, and the log would say nothing of what went wrong.
type apiClient struct {
	c     *http.Client
	token secret.Value
}

// Bot API error bodies are small; past these sizes a body is not one.
const (
	maxErrorBody    = 64 << 10
	maxErrorSnippet = 300 // bytes of a body kept in a statusError
)

func (a apiClient) Do(req *http.Request) (*http.Response, error) {
	resp, err := a.c.Do(req)
	if err != nil {
		return nil, a.token.RedactError(err)
	}
	if resp.StatusCode < 300 {
		return resp, nil
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
	resp.Body.Close()
	if err != nil {
		return nil, a.token.RedactError(fmt.Errorf("HTTP %d, reading the body: %w", resp.StatusCode, err))
	}
	var apiErr struct {
		ErrorCode   int    `json:"error_code"`
		Description string `json:"description"`
	}
	if json.Unmarshal(body, &apiErr) == nil && (apiErr.ErrorCode != 0 || apiErr.Description != "") {
		// A Bot API error: tgbotapi reads its code and retry_after.
		resp.Body = io.NopCloser(bytes.NewReader(body))
		return resp, nil
	}
	return nil, &statusError{Status: resp.StatusCode, Body: a.token.Redact(snippet(body))}
}

// statusError is a failed call that brought no Bot API error.
type statusError struct {
	Status int
	Body   string // the start of the body, on one line
}

func (e *statusError) Error() string {
	if e.Body == "" {
		return fmt.Sprintf("HTTP %d with an empty body", e.Status)
	}
	return fmt.Sprintf("HTTP %d: %s", e.Status, e.Body)
}

// snippet is the start of a body as one line of valid UTF-8.
func snippet(body []byte) string {
	s := strings.Join(strings.Fields(strings.ToValidUTF8(string(body), "\uFFFD")), " ")
	if len(s) <= maxErrorSnippet {
		return s
	}
	cut := maxErrorSnippet
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}
