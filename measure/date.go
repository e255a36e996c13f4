package measure

import (
	"fmt"
	"time"
)

var (
	daysID   = [...]string{"Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"}
	monthsID = [...]string{"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
		"September", "Oktober", "November", "Desember"}
)

// FormatDate renders a YYYY-MM-DD date for people: "Senin, 23 November
// 2026" (lang "en": "Monday, 23 November 2026"). Anything else comes back
// as given.
func FormatDate(lang, date string) string {
	t, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return date
	}
	if english(lang) {
		return t.Format("Monday, 2 January 2006")
	}
	return fmt.Sprintf("%s, %d %s %d", daysID[t.Weekday()], t.Day(), monthsID[t.Month()-1], t.Year())
}

// FormatDateTime renders a moment in its own zone: "20 Nov 2026 09.15"
// (English "20 Nov 2026 09:15").
func FormatDateTime(lang string, t time.Time) string {
	if english(lang) {
		return t.Format("2 Jan 2006 15:04")
	}
	return fmt.Sprintf("%d %s %d %02d.%02d", t.Day(), monthsID[t.Month()-1][:3], t.Year(), t.Hour(), t.Minute())
}

// MonthName renders t's month and year: "November 2026".
func MonthName(lang string, t time.Time) string {
	if english(lang) {
		return t.Format("January 2006")
	}
	return fmt.Sprintf("%s %d", monthsID[t.Month()-1], t.Year())
}

// FormatDateTimeLong renders a moment with the month spelt out and the
// zone's abbreviation: "1 Desember 2026 pukul 10.15 WITA" (English
// "1 December 2026 10:15 WITA").
func FormatDateTimeLong(lang string, t time.Time) string {
	if english(lang) {
		return t.Format("2 January 2006 15:04 MST")
	}
	return fmt.Sprintf("%d %s %d pukul %02d.%02d %s", t.Day(), monthsID[t.Month()-1], t.Year(), t.Hour(), t.Minute(), t.Format("MST"))
}
