package handlers

import (
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/calendar"
	"github.com/kinerjabot/kinerjabot/storage"
)

func TestWeekOf(t *testing.T) {
	cal := calendar.New([]storage.Holiday{{Date: "2026-12-08", Name: "Libur"}})
	for _, tc := range []struct {
		name, today, monday string
		days                []string
	}{
		{"Monday", "2026-12-07", "2026-12-07", []string{"2026-12-07"}},
		{"a holiday is no work day", "2026-12-09", "2026-12-07", []string{"2026-12-07", "2026-12-09"}},
		{"Sunday ends the week", "2026-12-13", "2026-12-07", []string{"2026-12-07", "2026-12-09", "2026-12-10", "2026-12-11"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			day, _ := time.Parse(time.DateOnly, tc.today)
			w := weekOf(cal, day)
			if w.Today != tc.today || w.Monday != tc.monday || !slices.Equal(w.WorkDays, tc.days) {
				t.Fatalf("weekOf(%s) = %+v, want Monday %s, days %v", tc.today, w, tc.monday, tc.days)
			}
		})
	}
}

func TestFiguresOf(t *testing.T) {
	w := week{Today: "2026-12-09", Monday: "2026-12-07", WorkDays: []string{"2026-12-07", "2026-12-08", "2026-12-09"}}
	at := func(h int) time.Time { return time.Date(2026, 12, 1, h, 0, 0, 0, time.UTC) }
	act := func(id, date string, st storage.Status, min, submitted int) storage.Activity {
		return storage.Activity{ID: id, Date: date, Status: st, Content: storage.Content{Minutes: min}, SubmittedAt: at(submitted)}
	}
	for _, tc := range []struct {
		name    string
		list    []storage.Activity
		want    figures
		pending []string
	}{
		{name: "nothing", want: figures{WeekDays: 3}},
		{name: "today pending and approved count", list: []storage.Activity{
			act("a", "2026-12-09", storage.StatusPending, 90, 5), act("b", "2026-12-09", storage.StatusApproved, 30, 4),
		}, want: figures{Today: true, TodayMinutes: 120, WeekDays: 3, WeekReported: 1, WeekMinutes: 120, Waiting: 1, Last: "2026-12-09"},
			pending: []string{"a"}},
		{name: "rejected is no report; revision is reported without minutes", list: []storage.Activity{
			act("a", "2026-12-09", storage.StatusRejected, 90, 5), act("b", "2026-12-08", storage.StatusRevision, 60, 4),
		}, want: figures{WeekDays: 3, WeekReported: 1, Last: "2026-12-09"}},
		{name: "last week's count only as last and waiting, oldest first", list: []storage.Activity{
			act("new", "2026-12-07", storage.StatusPending, 60, 9), act("old", "2026-12-03", storage.StatusPending, 45, 1),
		}, want: figures{WeekDays: 3, WeekReported: 1, WeekMinutes: 60, Waiting: 2, Last: "2026-12-07"},
			pending: []string{"old", "new"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := figuresOf(tc.list, w)
			var ids []string
			for _, a := range got.Pending {
				ids = append(ids, a.ID)
			}
			got.Pending = nil
			if !reflect.DeepEqual(got, tc.want) || !slices.Equal(ids, tc.pending) {
				t.Fatalf("figuresOf = %+v pending %v, want %+v pending %v", got, ids, tc.want, tc.pending)
			}
		})
	}
}
