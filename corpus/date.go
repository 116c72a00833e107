package corpus

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Every date form vnru reads lives in this file: the two forms of article
// files (ParseDate), the machine dates of web pages (parseAnyDate) and the
// dates Vietnamese news pages show to readers (parseDateLine).

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

// vietnamZone is the zone of dates shown on Vietnamese news pages.
var vietnamZone = time.FixedZone("GMT+7", 7*3600)

// parseAnyDate reads the machine dates of pages: RFC 3339, with or
// without seconds or zone (Vietnamese pages mean GMT+7), or a bare day.
func parseAnyDate(s string) (Date, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Date{}, false
	}
	for _, layout := range []string{time.RFC3339, "2006-01-02T15:04:05-0700", "2006-01-02T15:04-07:00", "2006-01-02 15:04:05-07:00"} {
		if t, err := time.Parse(layout, s); err == nil {
			return Date{Time: t, HasTime: true}, true
		}
	}
	for _, layout := range []string{"2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02 15:04:05", "2006-01-02 15:04"} {
		if t, err := time.ParseInLocation(layout, s, vietnamZone); err == nil {
			return Date{Time: t, HasTime: true}, true
		}
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return Date{Time: t}, true
	}
	return Date{}, false
}

// visibleDatePattern finds a date and time shown in page text, in either order.
var visibleDatePattern = regexp.MustCompile(`\d{1,2}:\d{2}\s*\|?\s*\d{1,2}[/.]\d{1,2}[/.]\d{4}|\d{1,2}[/.]\d{1,2}[/.]\d{4}\s*[-|,]?\s*\d{1,2}:\d{2}`)

var (
	// "14:15 | 12/01/2025 GMT+7", "21:06 02.04.2025 (Đã cập nhật: ...)".
	timeDate = regexp.MustCompile(`^(\d{1,2}):(\d{2})\s*\|?\s*(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b`)
	// "12/01/2025 14:15", "Thứ Hai, 12/01/2025 - 14:15".
	dateTime = regexp.MustCompile(`^(?:[^\d]{0,20}?)(\d{1,2})[/.](\d{1,2})[/.](\d{4})\s*[-|,]?\s*(\d{1,2}):(\d{2})\b`)
)

// parseDateLine reads a short line that is only a date and a time.
func parseDateLine(l string) (Date, bool) {
	if len(l) > 80 {
		return Date{}, false
	}
	var hh, mm, dd, mo, yy string
	if m := timeDate.FindStringSubmatch(l); m != nil {
		hh, mm, dd, mo, yy = m[1], m[2], m[3], m[4], m[5]
	} else if m := dateTime.FindStringSubmatch(l); m != nil {
		dd, mo, yy, hh, mm = m[1], m[2], m[3], m[4], m[5]
	} else {
		return Date{}, false
	}
	n := func(s string) int { v, _ := strconv.Atoi(s); return v }
	t := time.Date(n(yy), time.Month(n(mo)), n(dd), n(hh), n(mm), 0, 0, vietnamZone)
	if t.Day() != n(dd) || t.Month() != time.Month(n(mo)) || n(hh) > 23 || n(mm) > 59 {
		return Date{}, false // 31/02 or 25:61 is not a date
	}
	return Date{Time: t, HasTime: true}, true
}

// ParseVietnameseDate finds a visible date such as "14:15 | 12/01/2025" or
// "21:06 02.04.2025" at the start of s.
func ParseVietnameseDate(s string) (Date, bool) { return parseDateLine(collapseSpace(s)) }
