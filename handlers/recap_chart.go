package handlers

import (
	"context"
	"time"

	"github.com/kinerjabot/kinerjabot/calendar"
	"github.com/kinerjabot/kinerjabot/recapchart"
	"github.com/kinerjabot/kinerjabot/storage"
)

// monthCalendar is the unit's work-day calendar of the month that begins
// on first.
func (r *Router) monthCalendar(ctx context.Context, first time.Time, unit string) (calendar.Calendar, error) {
	return r.unitCalendar(ctx, first, first.AddDate(0, 1, -1), unit)
}

// recapMonth sums the month's reports (dated first..today) into rc, counts
// its work days to date and those without a report, and returns the chart
// of the month: minutes per day, each day's kind, and the daily target
// (the monthly target over the month's work days).
func recapMonth(rc *recap, list []storage.Activity, cal calendar.Calendar, first, today time.Time) recapchart.Month {
	last := first.AddDate(0, 1, -1)
	m := recapchart.Month{Month: first.Format("2006-01"), Days: make([]recapchart.Day, last.Day())}
	for _, a := range list {
		addReport(rc, m.Days, a)
	}
	workDays := 0
	for d := first; !d.After(last); d = d.AddDate(0, 0, 1) {
		date, day := d.Format(time.DateOnly), &m.Days[d.Day()-1]
		if !cal.WorkDay(date) {
			day.Kind = offKind(cal, date)
			continue
		}
		workDays++
		if d.After(today) {
			continue
		}
		rc.WorkDays++
		if !reportedOn(list, date) {
			rc.DaysWithout++
		}
	}
	if workDays > 0 {
		m.Target = rc.Target / workDays
	}
	return m
}

// addReport adds a report's minutes to the recap and to its day.
func addReport(rc *recap, days []recapchart.Day, a storage.Activity) {
	t, err := time.Parse(time.DateOnly, a.Date)
	if err != nil || t.Day() > len(days) {
		return
	}
	day := &days[t.Day()-1]
	switch a.Status {
	case storage.StatusApproved:
		rc.Approved += a.Minutes
		day.Approved += a.Minutes
	case storage.StatusPending:
		rc.Pending += a.Minutes
		day.Pending += a.Minutes
	default:
		rc.Rejected += a.Minutes
	}
}

func reportedOn(list []storage.Activity, date string) bool {
	for _, a := range list {
		if a.Date == date {
			return true
		}
	}
	return false
}

// offKind says why a day that is not a work day is off.
func offKind(cal calendar.Calendar, date string) recapchart.DayKind {
	if _, ok := cal.Holiday(date); ok {
		return recapchart.Holiday
	}
	return recapchart.Weekend
}
