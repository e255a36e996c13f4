package handlers

import (
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/calendar"
	"github.com/kinerjabot/kinerjabot/recapchart"
	"github.com/kinerjabot/kinerjabot/storage"
)

func TestRecapMonth(t *testing.T) {
	loc := time.FixedZone("WITA", 8*3600)
	first := time.Date(2026, 12, 1, 0, 0, 0, 0, loc) // a Tuesday
	report := func(date string, st storage.Status, min int) storage.Activity {
		return storage.Activity{Date: date, Status: st, Content: storage.Content{Minutes: min}}
	}
	christmas := []storage.Holiday{{Date: "2026-12-24", Name: "Cuti bersama"}, {Date: "2026-12-25", Name: "Natal"}}
	tests := []struct {
		name     string
		today    int
		holidays []storage.Holiday
		list     []storage.Activity
		// want
		workDays, without, target int
	}{
		{name: "weekends are not work days", today: 7, list: []storage.Activity{report("2026-12-01", storage.StatusApproved, 60)},
			workDays: 5, without: 4, target: 6750 / 23},
		{name: "a holiday is not a work day without a report", today: 25, holidays: christmas,
			workDays: 17, without: 17, target: 6750 / 21},
		{name: "a report of any status counts", today: 2, list: []storage.Activity{
			report("2026-12-01", storage.StatusRejected, 30), report("2026-12-02", storage.StatusPending, 30)},
			workDays: 2, without: 0, target: 6750 / 23},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rc := recap{Target: 6750}
			today := time.Date(2026, 12, tt.today, 0, 0, 0, 0, loc)
			m := recapMonth(&rc, tt.list, calendar.New(tt.holidays), first, today)
			if rc.WorkDays != tt.workDays || rc.DaysWithout != tt.without || m.Target != tt.target {
				t.Errorf("work days %d, without a report %d, daily target %d; want %d, %d, %d",
					rc.WorkDays, rc.DaysWithout, m.Target, tt.workDays, tt.without, tt.target)
			}
			if len(m.Days) != 31 || m.Days[4].Kind != recapchart.Weekend || m.Month != "2026-12" {
				t.Errorf("days %d, the 5th %q, month %s", len(m.Days), m.Days[4].Kind, m.Month)
			}
		})
	}
}

func TestRecapMonthSumsMinutesPerDay(t *testing.T) {
	first := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	list := []storage.Activity{
		{Date: "2026-12-03", Status: storage.StatusApproved, Content: storage.Content{Minutes: 90}},
		{Date: "2026-12-03", Status: storage.StatusPending, Content: storage.Content{Minutes: 60}},
		{Date: "2026-12-03", Status: storage.StatusRevision, Content: storage.Content{Minutes: 45}},
	}
	rc := recap{Target: 6750}
	m := recapMonth(&rc, list, calendar.New([]storage.Holiday{{Date: "2026-12-25"}}), first, first.AddDate(0, 0, 9))
	if d := m.Days[2]; d.Approved != 90 || d.Pending != 60 {
		t.Errorf("the 3rd: %+v, want 90 approved and 60 pending (the revision left out)", d)
	}
	if rc.Approved != 90 || rc.Pending != 60 || rc.Rejected != 45 {
		t.Errorf("recap %+v", rc)
	}
	if m.Days[24].Kind != recapchart.Holiday {
		t.Errorf("the 25th: %q, want a holiday", m.Days[24].Kind)
	}
}
