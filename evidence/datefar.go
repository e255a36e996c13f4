package evidence

import "time"

// DateFar reports whether a photo's EXIF date (the camera's own calendar
// day) lies more than days from a report's date (YYYY-MM-DD). A photo with
// no EXIF date, an unreadable report date, or a check turned off (days
// <= 0) is never far.
func DateFar(taken *time.Time, reportDate string, days int) bool {
	day, err := time.Parse(time.DateOnly, reportDate)
	if taken == nil || err != nil || days <= 0 {
		return false
	}
	t := time.Date(taken.Year(), taken.Month(), taken.Day(), 0, 0, 0, 0, time.UTC)
	gap, limit := t.Sub(day), time.Duration(days)*24*time.Hour
	return gap > limit || -gap > limit
}
