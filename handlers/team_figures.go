package handlers

import (
	"slices"
	"time"

	"github.com/kinerjabot/kinerjabot/calendar"
	"github.com/kinerjabot/kinerjabot/storage"
)

// teamDays is how far back /tim reads a member's reports: what still waits
// and the last report older than that are not shown (the reminders'
// escalation deals with reports waiting that long).
const teamDays = 31

// figures is one team member's line in /tim.
type figures struct {
	// Today: a report dated today (any status but rejected), and its
	// minutes; Minutes count approved and pending reports only (a report
	// rejected or sent back for revision does not stand yet).
	Today        bool
	TodayMinutes int
	// WeekDays are this week's work days up to today; WeekReported how
	// many of them have a report; WeekMinutes the week's minutes.
	WeekDays, WeekReported, WeekMinutes int
	// Waiting is how many of the member's reports wait for a decision;
	// Pending are the oldest memberShown of them, oldest submission first
	// (what the view shows and "approve" approves).
	Waiting int
	Pending []storage.Activity
	// Last is the date of the latest report ("" none in teamDays).
	Last string
}

// week is today's week up to today: its Monday and its work days.
type week struct {
	Today, Monday string
	WorkDays      []string
}

// weekOf is the week of today (a local midnight) by the calendar.
func weekOf(cal calendar.Calendar, today time.Time) week {
	monday := today.AddDate(0, 0, -((int(today.Weekday()) + 6) % 7))
	w := week{Today: today.Format(time.DateOnly), Monday: monday.Format(time.DateOnly)}
	for d := monday; !d.After(today); d = d.AddDate(0, 0, 1) {
		if day := d.Format(time.DateOnly); cal.WorkDay(day) {
			w.WorkDays = append(w.WorkDays, day)
		}
	}
	return w
}

// figuresOf sums a member's reports (ListActivities of the last teamDays)
// for today and the week.
func figuresOf(list []storage.Activity, w week) figures {
	f := figures{WeekDays: len(w.WorkDays)}
	reported := map[string]bool{}
	for _, a := range list {
		f.Last = max(f.Last, a.Date)
		if a.Status == storage.StatusPending {
			f.Pending = append(f.Pending, a)
		}
		if a.Status == storage.StatusRejected {
			continue
		}
		counts := a.Status == storage.StatusApproved || a.Status == storage.StatusPending
		if a.Date == w.Today {
			f.Today = true
			f.TodayMinutes += minutesIf(counts, a.Minutes)
		}
		if a.Date >= w.Monday && a.Date <= w.Today {
			f.WeekMinutes += minutesIf(counts, a.Minutes)
			reported[a.Date] = true
		}
	}
	for _, d := range w.WorkDays {
		if reported[d] {
			f.WeekReported++
		}
	}
	slices.SortFunc(f.Pending, func(a, b storage.Activity) int { return a.SubmittedAt.Compare(b.SubmittedAt) })
	f.Waiting, f.Pending = len(f.Pending), f.Pending[:min(len(f.Pending), memberShown)]
	return f
}

func minutesIf(ok bool, m int) int {
	if ok {
		return m
	}
	return 0
}
