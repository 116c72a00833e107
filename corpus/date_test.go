package corpus

import "testing"

// TestDateForms covers every date form vnru reads, all in date.go.
func TestDateForms(t *testing.T) {
	tests := []struct {
		name, in, want string
		parse          func(string) (Date, bool)
	}{
		{"file: day", "2025-01-12", "2025-01-12", func(s string) (Date, bool) { d, err := ParseDate(s); return d, err == nil }},
		{"file: RFC 3339", "2025-01-12T14:15:00+07:00", "2025-01-12T14:15:00+07:00", func(s string) (Date, bool) { d, err := ParseDate(s); return d, err == nil }},
		{"file: no zone is refused", "2025-01-12T14:15:00", "", func(s string) (Date, bool) { d, err := ParseDate(s); return d, err == nil }},
		{"page: RFC 3339", "2025-01-12T14:15:00+07:00", "2025-01-12T14:15:00+07:00", parseAnyDate},
		{"page: zone without colon", "2025-01-12T14:15:00+0700", "2025-01-12T14:15:00+07:00", parseAnyDate},
		{"page: no zone means GMT+7", "2025-01-12 14:15", "2025-01-12T14:15:00+07:00", parseAnyDate},
		{"page: day", "2025-01-12", "2025-01-12", parseAnyDate},
		{"page: junk", "hôm qua", "", parseAnyDate},
		{"shown: time | date", "14:15 | 12/01/2025 GMT+7", "2025-01-12T14:15:00+07:00", parseDateLine},
		{"shown: time date with dots", "21:06 02.04.2025 (Đã cập nhật: 22:00)", "2025-04-02T21:06:00+07:00", parseDateLine},
		{"shown: weekday, date - time", "Thứ Hai, 12/01/2025 - 14:15", "2025-01-12T14:15:00+07:00", parseDateLine},
		{"shown: 31/02 is not a date", "10:00 | 31/02/2025", "", parseDateLine},
		{"shown: 25:61 is not a time", "25:61 | 12/01/2025", "", parseDateLine},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, ok := tt.parse(tt.in)
			if got := d.String(); got != tt.want || ok != (tt.want != "") {
				t.Errorf("parse(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
			}
		})
	}
}
