package bot

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestSendRetriesOn429AndServerErrors(t *testing.T) {
	f := newFakeAPI(t)
	f.fail = func(method string, n int) (int, string, bool) {
		if method != "sendMessage" {
			return 0, "", false
		}
		switch n {
		case 0:
			return 429, `{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 1","parameters":{"retry_after":1}}`, true
		case 1:
			return 502, `<html>Bad Gateway</html>`, true
		}
		return 0, "", false
	}
	clock := newFakeClock(true)
	b, _ := newTestBot(t, f, fakeEngine{}, Options{Clock: clock})
	b.backoff = firstBackoff
	b.handle(context.Background(), message(1, 1, "private", "câu hỏi"))
	if n := len(f.sent("sendMessage")); n != 3 {
		t.Fatalf("sendMessage called %d times, want 3 (429, 502, ok)", n)
	}
	// The 429 waits the retry_after Telegram asked for; the 502 then
	// backs off, doubled since the first failure.
	if got, want := clock.Waits(), []time.Duration{time.Second, 2 * firstBackoff}; !slices.Equal(got, want) {
		t.Errorf("waits between attempts = %v, want %v", got, want)
	}
}

func TestSendGivesUpAndLogs(t *testing.T) {
	f := newFakeAPI(t)
	f.fail = func(method string, n int) (int, string, bool) {
		if method == "sendMessage" {
			return 403, `{"ok":false,"error_code":403,"description":"Forbidden: bot was blocked by the user"}`, true
		}
		return 0, "", false
	}
	b, logs := newTestBot(t, f, fakeEngine{}, Options{})
	b.handle(context.Background(), message(1, 1, "private", "câu hỏi"))
	if n := len(f.sent("sendMessage")); n != 1 {
		t.Errorf("a 403 was tried %d times, want 1 (it is final)", n)
	}
	if !strings.Contains(logs.String(), "telegram call failed") || !strings.Contains(logs.String(), "blocked by the user") {
		t.Errorf("the failure was not logged: %s", logs)
	}
}

func TestSendRetriesAreBounded(t *testing.T) {
	f := newFakeAPI(t)
	f.fail = func(method string, n int) (int, string, bool) {
		if method == "sendMessage" {
			return 500, `{"ok":false,"error_code":500,"description":"Internal Server Error"}`, true
		}
		return 0, "", false
	}
	b, logs := newTestBot(t, f, fakeEngine{}, Options{})
	b.handle(context.Background(), message(1, 1, "private", "câu hỏi"))
	if n := len(f.sent("sendMessage")); n != maxAttempts {
		t.Errorf("a reply failing with 500 was tried %d times, want %d", n, maxAttempts)
	}
	if !strings.Contains(logs.String(), `level=ERROR msg="telegram call failed" method=sendMessage chat_id=1`) {
		t.Errorf("the lost reply was not logged as an error:\n%s", logs)
	}
}
