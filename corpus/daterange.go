package corpus

import "time"

// DateRange returns the first and last publication dates among items,
// read through published; zero times when none has a date. It takes an
// accessor so that callers holding their own article summaries (the
// engine's sources) need not copy them into Dates.
func DateRange[T any](items []T, published func(T) Date) (first, last time.Time) {
	for _, it := range items {
		d := published(it)
		if d.IsZero() {
			continue
		}
		if first.IsZero() || d.Time.Before(first) {
			first = d.Time
		}
		if d.Time.After(last) {
			last = d.Time
		}
	}
	return first, last
}
