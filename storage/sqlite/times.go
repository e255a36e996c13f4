package sqlite

import "time"

// Times are stored as Unix milliseconds, the precision MongoDB keeps too.

func millis(t time.Time) int64 { return t.UnixMilli() }

func fromMillis(ms int64) time.Time { return time.UnixMilli(ms).UTC() }

// stamp is t, or now when t is zero: callers may leave times to the store.
func stamp(t, now time.Time) time.Time {
	if t.IsZero() {
		return now
	}
	return t
}
