package calendar

import (
	"testing"

	"github.com/kinerjabot/kinerjabot/storage"
)

func TestCalendar(t *testing.T) {
	// December 2026: Fri 25 Christmas, Thu 24 cuti bersama; 26-27 weekend;
	// Thu 31 the last work day.
	cal := New([]storage.Holiday{{Date: "2026-12-24", Name: "Cuti bersama"}, {Date: "2026-12-25", Name: "Natal"}})
	workDays := []struct {
		date string
		want bool
	}{
		{"2026-11-30", true},  // Monday
		{"2026-12-05", false}, // Saturday
		{"2026-12-06", false}, // Sunday
		{"2026-12-24", false}, // holiday
		{"2026-12-25", false}, // holiday
		{"2026-12-31", true},
		{"not a date", false},
	}
	for _, tc := range workDays {
		if got := cal.WorkDay(tc.date); got != tc.want {
			t.Errorf("WorkDay(%s) = %v, want %v", tc.date, got, tc.want)
		}
	}
	between := []struct {
		from, to string
		want     int
	}{
		{"2026-11-30", "2026-11-30", 0},
		{"2026-11-30", "2026-12-01", 1},
		{"2026-12-04", "2026-12-07", 1}, // Fri → Mon over a weekend
		{"2026-12-03", "2026-12-07", 2}, // Thu → Mon: Fri, Mon
		{"2026-12-22", "2026-12-28", 2}, // Wed 23, (24, 25 holidays, weekend), Mon 28
		{"2026-12-07", "2026-12-01", 0}, // backwards
	}
	for _, tc := range between {
		if got := cal.WorkDaysBetween(tc.from, tc.to); got != tc.want {
			t.Errorf("WorkDaysBetween(%s, %s) = %d, want %d", tc.from, tc.to, got, tc.want)
		}
	}
	months := []struct {
		date       string
		days       int
		last, warn string
	}{
		{"2026-11-10", 3, "2026-11-30", "2026-11-25"}, // Mon 30; Wed 25 is three work days before
		{"2026-12-01", 3, "2026-12-31", "2026-12-28"}, // Thu 31; 30, 29, 28 (24-27 are off)
		{"2026-12-01", 0, "2026-12-31", "2026-12-31"},
		{"2026-10-15", 1, "2026-10-30", "2026-10-29"}, // 31 Oct 2026 is a Saturday
	}
	for _, tc := range months {
		if got := cal.LastWorkDayOfMonth(tc.date); got != tc.last {
			t.Errorf("LastWorkDayOfMonth(%s) = %s, want %s", tc.date, got, tc.last)
		}
		if got := cal.MonthEndWarningDate(tc.date, tc.days); got != tc.warn {
			t.Errorf("MonthEndWarningDate(%s, %d) = %s, want %s", tc.date, tc.days, got, tc.warn)
		}
	}
	if name, ok := cal.Holiday("2026-12-25"); !ok || name != "Natal" {
		t.Errorf("Holiday(2026-12-25) = %q, %v", name, ok)
	}
}

func TestPreviousWorkDay(t *testing.T) {
	cal := New([]storage.Holiday{{Date: "2026-12-24", Name: "Cuti bersama"}, {Date: "2026-12-25", Name: "Natal"},
		{Date: "2027-01-01", Name: "Tahun Baru"}})
	for _, tc := range []struct {
		date string
		n    int
		want string
	}{
		{"2026-12-08", 1, "2026-12-07"}, // Tuesday: Monday
		{"2026-12-07", 1, "2026-12-04"}, // Monday: Friday
		{"2026-12-06", 1, "2026-12-04"}, // Sunday: Friday
		{"2026-12-28", 1, "2026-12-23"}, // Monday after Christmas and cuti bersama: Wednesday
		{"2027-01-04", 1, "2026-12-31"}, // Monday after New Year: across the year
		{"2026-12-07", 2, "2026-12-03"}, // Monday, two back: Thursday
		{"2026-12-07", 0, ""},
		{"not a date", 1, ""},
	} {
		if got := cal.WorkDaysBack(tc.date, tc.n); got != tc.want {
			t.Errorf("WorkDaysBack(%s, %d) = %q, want %q", tc.date, tc.n, got, tc.want)
		}
	}
	if got := cal.PreviousWorkDay("2026-12-07"); got != "2026-12-04" {
		t.Errorf("PreviousWorkDay(Monday) = %q", got)
	}
}

// A regional holiday applies to the units it names and the units below
// them, not to the rest of the deployment; a national one on the same date
// keeps its name.
func TestRegionalHolidays(t *testing.T) {
	base := New([]storage.Holiday{
		{Date: "2026-12-25", Name: "Natal"},
		{Date: "2026-09-08", Name: "HUT Kota Samarinda", Units: []string{"SMD"}},
		{Date: "2026-09-09", Name: "Hari Jadi Puskesmas", Units: []string{"PKM-1", "PKM-2"}},
		{Date: "2026-12-25", Name: "Natal (daerah)", Units: []string{"SMD"}},
	})
	tests := []struct {
		name  string
		chain []string
		date  string
		work  bool
		hname string
	}{
		{"deployment: regional is a work day", nil, "2026-09-08", true, ""},
		{"deployment: national holiday", nil, "2026-12-25", false, "Natal"},
		{"the unit named", []string{"SMD"}, "2026-09-08", false, "HUT Kota Samarinda"},
		{"a sub-unit inherits", []string{"PKM-1", "DINKES-SMD", "SMD"}, "2026-09-08", false, "HUT Kota Samarinda"},
		{"another region does not", []string{"PKM-9", "DINKES-BPP", "BPP"}, "2026-09-08", true, ""},
		{"a unit of the second list", []string{"PKM-2", "DINKES-SMD", "SMD"}, "2026-09-09", false, "Hari Jadi Puskesmas"},
		{"its sibling does not", []string{"PKM-3", "DINKES-SMD", "SMD"}, "2026-09-09", true, ""},
		{"national name kept", []string{"SMD"}, "2026-12-25", false, "Natal"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := base.For(tc.chain)
			if got := c.WorkDay(tc.date); got != tc.work {
				t.Errorf("WorkDay(%s) = %v, want %v", tc.date, got, tc.work)
			}
			if name, _ := c.Holiday(tc.date); name != tc.hname {
				t.Errorf("Holiday(%s) = %q, want %q", tc.date, name, tc.hname)
			}
		})
	}
	// 2026-09-07..11 is Monday..Friday: one work day fewer in the region.
	if got := base.For([]string{"PKM-1", "SMD"}).WorkDaysBetween("2026-09-06", "2026-09-11"); got != 3 {
		t.Errorf("work days in PKM-1 = %d, want 3", got)
	}
	if got := base.WorkDaysBetween("2026-09-06", "2026-09-11"); got != 5 {
		t.Errorf("work days in the deployment = %d, want 5", got)
	}
}
