// Package calendar tells work days: Monday to Friday, except the holidays
// on file (libur nasional, cuti bersama, regional holidays). The scheduler
// (who is reminded when) and the flows (which day "kemarin" is, how far back
// a report may go) read the same calendar.
package calendar

import (
	"time"

	"github.com/kinerjabot/kinerjabot/storage"
)

// Calendar tells work days: Monday to Friday, except the holidays (libur
// nasional, cuti bersama, regional holidays) on file. Dates are local
// YYYY-MM-DD strings, so one calendar serves units in every time zone.
//
// A regional holiday (storage.Holiday.Units) applies to the units it
// names and the units below them: New's calendar leaves it out, and For
// gives a unit's calendar with it.
type Calendar struct {
	holidays map[string]string
	// regional are the regional holidays by unit code: date → name.
	regional map[string]map[string]string
}

// New returns the calendar of the whole deployment: the holidays without
// units; the regional ones are kept for For.
func New(hs []storage.Holiday) Calendar {
	c := Calendar{holidays: make(map[string]string, len(hs)), regional: map[string]map[string]string{}}
	for _, h := range hs {
		if len(h.Units) == 0 {
			c.holidays[h.Date] = h.Name
			continue
		}
		for _, u := range h.Units {
			if c.regional[u] == nil {
				c.regional[u] = map[string]string{}
			}
			c.regional[u][h.Date] = h.Name
		}
	}
	return c
}

// For returns the calendar of a unit, given as its chain: its code, then
// those of the units above it (roster.UnitChain). It adds to the
// deployment's holidays the regional holidays of any unit of the chain.
func (c Calendar) For(chain []string) Calendar {
	var own []map[string]string
	for _, u := range chain {
		if hs := c.regional[u]; len(hs) > 0 {
			own = append(own, hs)
		}
	}
	if len(own) == 0 {
		return c
	}
	out := Calendar{holidays: make(map[string]string, len(c.holidays)+len(own)), regional: c.regional}
	for d, n := range c.holidays {
		out.holidays[d] = n
	}
	for _, hs := range own {
		for d, n := range hs {
			if _, national := out.holidays[d]; !national {
				out.holidays[d] = n
			}
		}
	}
	return out
}

// Holiday returns the holiday's name and whether date is one.
func (c Calendar) Holiday(date string) (string, bool) {
	name, ok := c.holidays[date]
	return name, ok
}

// WorkDay reports whether date (YYYY-MM-DD) is a work day.
func (c Calendar) WorkDay(date string) bool {
	t, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return false
	}
	return c.workDay(t)
}

func (c Calendar) workDay(t time.Time) bool {
	if wd := t.Weekday(); wd == time.Saturday || wd == time.Sunday {
		return false
	}
	_, holiday := c.holidays[t.Format(time.DateOnly)]
	return !holiday
}

// WorkDaysBetween counts the work days d with from < d <= to (dates
// YYYY-MM-DD): a report submitted on Monday is 1 work day old on Tuesday
// and, if Wednesday is a holiday, still 1 on Wednesday. Zero when to is
// not after from.
func (c Calendar) WorkDaysBetween(from, to string) int {
	f, err1 := time.Parse(time.DateOnly, from)
	t, err2 := time.Parse(time.DateOnly, to)
	if err1 != nil || err2 != nil || !t.After(f) {
		return 0
	}
	n := 0
	for d := f.AddDate(0, 0, 1); !d.After(t); d = d.AddDate(0, 0, 1) {
		if c.workDay(d) {
			n++
		}
	}
	return n
}

// LastWorkDayOfMonth returns the last work day of date's month, or "" when
// the month has none.
func (c Calendar) LastWorkDayOfMonth(date string) string {
	t, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return ""
	}
	first := time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
	for d := first.AddDate(0, 1, -1); !d.Before(first); d = d.AddDate(0, 0, -1) {
		if c.workDay(d) {
			return d.Format(time.DateOnly)
		}
	}
	return ""
}

// WorkDayBefore returns the work day n work days before date (n = 0: date
// itself if it is a work day), staying in date's month; "" when the month
// runs out first.
func (c Calendar) WorkDayBefore(date string, n int) string {
	t, err := time.Parse(time.DateOnly, date)
	if err != nil {
		return ""
	}
	for d := t; d.Month() == t.Month(); d = d.AddDate(0, 0, -1) {
		if !c.workDay(d) {
			continue
		}
		if n == 0 {
			return d.Format(time.DateOnly)
		}
		n--
	}
	return ""
}

// MonthEndWarningDate is the day staff below their monthly target are
// warned: days work days before the month's last work day, the day the
// month locks for reporting. "" when the month is too short for it.
func (c Calendar) MonthEndWarningDate(date string, days int) string {
	last := c.LastWorkDayOfMonth(date)
	if last == "" {
		return ""
	}
	return c.WorkDayBefore(last, days)
}

// PreviousWorkDay returns the last work day before date (weekends and
// holidays skipped, across months), looking back at most a year; "" when
// there is none or date is not a date.
func (c Calendar) PreviousWorkDay(date string) string {
	return c.WorkDaysBack(date, 1)
}

// WorkDaysBack returns the n-th work day before date (n >= 1), looking back
// at most a year; "" when there is none or date is not a date.
func (c Calendar) WorkDaysBack(date string, n int) string {
	t, err := time.Parse(time.DateOnly, date)
	if err != nil || n < 1 {
		return ""
	}
	for d := t.AddDate(0, 0, -1); t.Sub(d) <= 366*24*time.Hour; d = d.AddDate(0, 0, -1) {
		if c.workDay(d) {
			if n--; n == 0 {
				return d.Format(time.DateOnly)
			}
		}
	}
	return ""
}
