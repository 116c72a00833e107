package corpus

import (
	"fmt"
	"strings"
	"time"
)

// Date is a publication date, with or without a time of day. Many pages
// show only the day; keeping that apart from midnight avoids inventing a
// time nobody published.
type Date struct {
	Time    time.Time
	HasTime bool
}

// ParseDate reads "YYYY-MM-DD" or an RFC 3339 timestamp with a zone.
func ParseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return Date{Time: t}, nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return Date{Time: t, HasTime: true}, nil
	}
	return Date{}, fmt.Errorf("want YYYY-MM-DD or RFC 3339 with a zone, got %q", s)
}

// IsZero reports whether the date is unknown.
func (d Date) IsZero() bool { return d.Time.IsZero() }

// String formats the date as it is written in article files.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	if d.HasTime {
		return d.Time.Format(time.RFC3339)
	}
	return d.Time.Format(time.DateOnly)
}

// MarshalText implements encoding.TextMarshaler (used by JSON output).
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText implements encoding.TextUnmarshaler.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}
