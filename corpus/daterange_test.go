package corpus

import (
	"testing"
	"time"
)

func TestDateRange(t *testing.T) {
	day := func(y, m, d int) Date { return Date{Time: time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)} }
	at := func(s string) Date {
		d, err := ParseDate(s)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	tests := []struct {
		name        string
		dates       []Date
		first, last string // YYYY-MM-DD or RFC 3339; "" for a zero time
	}{
		{"none", nil, "", ""},
		{"all unknown", []Date{{}, {}}, "", ""},
		{"one", []Date{day(2025, 1, 12)}, "2025-01-12T00:00:00Z", "2025-01-12T00:00:00Z"},
		{"unordered, unknown skipped", []Date{day(2024, 6, 20), {}, day(2021, 4, 5), day(2025, 1, 14)}, "2021-04-05T00:00:00Z", "2025-01-14T00:00:00Z"},
		{"times of day count", []Date{at("2025-01-14T08:00:00+07:00"), at("2025-01-14T09:30:00+07:00")}, "2025-01-14T01:00:00Z", "2025-01-14T02:30:00Z"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			first, last := DateRange(tt.dates, func(d Date) Date { return d })
			for _, c := range []struct {
				what string
				got  time.Time
				want string
			}{{"first", first, tt.first}, {"last", last, tt.last}} {
				got := ""
				if !c.got.IsZero() {
					got = c.got.UTC().Format(time.RFC3339)
				}
				if got != c.want {
					t.Errorf("DateRange(%v) %s = %q, want %q", tt.dates, c.what, got, c.want)
				}
			}
		})
	}
}
