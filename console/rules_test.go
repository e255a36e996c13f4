package console

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/calendar"
	"github.com/kinerjabot/kinerjabot/storage"
)

func TestCapaianBand(t *testing.T) {
	for _, c := range []struct {
		pct  float64
		want int
	}{{0, 0}, {49.99, 0}, {50, 1}, {79.9, 1}, {80, 2}, {99.99, 2}, {100, 3}, {250, 3}} {
		if got := capaianBand(c.pct); got != c.want {
			t.Errorf("capaianBand(%v) = %d, want %d", c.pct, got, c.want)
		}
	}
}

// A report submitted before the start of the k-th latest work day has
// waited k work days (calendar.WorkDaysBetween); holidays do not count.
func TestWorkDayStart(t *testing.T) {
	cal := calendar.New([]storage.Holiday{{Date: "2026-11-17", Name: "Libur"}})
	for _, c := range []struct {
		today string
		k     int
		want  string
	}{
		{"2026-11-18", 2, "2026-11-16"}, // Wednesday; Tuesday a holiday
		{"2026-11-18", 4, "2026-11-12"},
		{"2026-11-21", 2, "2026-11-19"}, // Saturday: Friday is the first
		{"2026-11-16", 2, "2026-11-13"}, // Monday: Friday before it
	} {
		clk := unitClock{loc: jakarta, today: c.today, cal: cal}
		got := clk.workDayStart(c.k)
		if want, _ := time.ParseInLocation(time.DateOnly, c.want, jakarta); !got.Equal(want) {
			t.Errorf("workDayStart(%s, %d) = %v, want %s", c.today, c.k, got, c.want)
		}
		if n := cal.WorkDaysBetween(got.Add(-time.Hour).Format(time.DateOnly), c.today); n < c.k {
			t.Errorf("a report of the day before %s has waited %d work days on %s, under %d", c.want, n, c.today, c.k)
		}
	}
}

func TestPageOf(t *testing.T) {
	list := make([]int, 45)
	for i := range list {
		list[i] = i
	}
	for _, c := range []struct {
		query      string
		first, n   int
		prev, next int
	}{
		{"", 0, 20, 0, 2},
		{"page=2", 20, 20, 1, 3},
		{"page=3", 40, 5, 2, 0},
		{"page=99", 40, 5, 2, 0},
		{"page=-1", 0, 20, 0, 2},
	} {
		got, p := pageOf(list, httptest.NewRequest(http.MethodGet, "/?"+c.query, nil), "page", 20)
		if len(got) != c.n || got[0] != c.first || p.Prev != c.prev || p.Next != c.next || p.Pages != 3 {
			t.Errorf("%q: page %v… (%d) %+v", c.query, got[0], len(got), p)
		}
	}
}

// fakeRetention is what package retention will answer.
type fakeRetention struct {
	run RetentionRun
	ok  bool
}

func (f fakeRetention) LastRetention(context.Context) (RetentionRun, bool, error) {
	return f.run, f.ok, nil
}

func TestRetentionBox(t *testing.T) {
	s := seed(t)
	if strings.Contains(s.get(t, admin(), "/console/").Body.String(), "Retensi") {
		t.Error("the Retensi box shows without a reader")
	}
	s.c.d.Retention = fakeRetention{ok: true, run: RetentionRun{At: time.Date(2026, 11, 18, 19, 30, 0, 0, time.UTC),
		Deleted: []RetentionCount{{Kind: "evidence", Count: 12}, {Kind: "sessions", Count: 3}}}}
	body := s.get(t, admin(), "/console/").Body.String()
	for _, want := range []string{"Retensi", "2026-11-19 02:30 WIB", "evidence: <strong>12</strong>", "sessions: <strong>3</strong>"} {
		if !strings.Contains(body, want) {
			t.Errorf("the Retensi box lacks %q", want)
		}
	}
	s.c.d.Retention = fakeRetention{}
	if body := s.get(t, admin(), "/console/").Body.String(); !strings.Contains(body, "Belum ada catatan") {
		t.Error("no run on record is not said")
	}
}
