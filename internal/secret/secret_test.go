package secret

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"
)

const token = "4242:tok-VALUE"

func TestValueNeverPrints(t *testing.T) {
	v := Value(token)
	var logs bytes.Buffer
	slog.New(slog.NewTextHandler(&logs, nil)).Info("x", "token", v)
	slog.New(slog.NewJSONHandler(&logs, nil)).Info("x", "token", v)
	js, err := json.Marshal(struct{ T Value }{v})
	if err != nil {
		t.Fatal(err)
	}
	for _, got := range []string{
		fmt.Sprint(v), fmt.Sprintf("%v|%s|%q|%#v|%+v", v, v, v, v, v),
		fmt.Sprintf("%v", struct{ T Value }{v}), fmt.Sprintf("%+v", struct{ T Value }{v}),
		string(js), logs.String(),
	} {
		if strings.Contains(got, token) || !strings.Contains(got, Redacted) {
			t.Errorf("printed as %q, want REDACTED and no token", got)
		}
	}
	if string(v) != token {
		t.Errorf("string(v) = %q, want the value", string(v))
	}
}

func TestRedactError(t *testing.T) {
	v := Value(token)
	tests := []struct {
		name string
		err  error
		want string // "" for nil
	}{
		{"nil", nil, ""},
		{"no token", errors.New("boom"), "boom"},
		{"token in URL", fmt.Errorf(`Post "https://api.telegram.org/bot%s/getMe": %w`, token, context.DeadlineExceeded),
			`Post "https://api.telegram.org/botREDACTED/getMe": context deadline exceeded`},
		{"twice", fmt.Errorf("%s and %s", token, token), "REDACTED and REDACTED"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := v.RedactError(tt.err)
			if tt.want == "" {
				if got != nil {
					t.Errorf("RedactError(nil) = %v, want nil", got)
				}
				return
			}
			if got.Error() != tt.want {
				t.Errorf("RedactError() = %q, want %q", got, tt.want)
			}
			if errors.Is(tt.err, context.DeadlineExceeded) && !errors.Is(got, context.DeadlineExceeded) {
				t.Errorf("errors.Is(RedactError(), DeadlineExceeded) = false, want true")
			}
		})
	}
	if got := Value("").Redact("a b"); got != "a b" {
		t.Errorf(`Value("").Redact("a b") = %q, want it unchanged`, got)
	}
}
