package evaluation

import (
	"slices"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/storage"
)

func TestPredikatMatrix(t *testing.T) {
	const (
		above = storage.RatingAbove
		meets = storage.RatingMeets
		below = storage.RatingBelow
	)
	cases := []struct {
		name            string
		hasil, perilaku storage.Rating
		want            storage.Predikat
	}{
		{"hasil di atas, perilaku di atas", above, above, storage.PredikatSangatBaik},
		{"hasil di atas, perilaku sesuai", above, meets, storage.PredikatBaik},
		{"hasil di atas, perilaku di bawah (misconduct)", above, below, storage.PredikatKurang},
		{"hasil sesuai, perilaku di atas", meets, above, storage.PredikatBaik},
		{"hasil sesuai, perilaku sesuai", meets, meets, storage.PredikatBaik},
		{"hasil sesuai, perilaku di bawah (misconduct)", meets, below, storage.PredikatKurang},
		{"hasil di bawah, perilaku di atas", below, above, storage.PredikatButuhPerbaikan},
		{"hasil di bawah, perilaku sesuai", below, meets, storage.PredikatButuhPerbaikan},
		{"hasil di bawah, perilaku di bawah", below, below, storage.PredikatSangatKurang},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := Predikat(tc.hasil, tc.perilaku)
			if !ok || got != tc.want {
				t.Errorf("Predikat(%s, %s) = %q, %v; want %q", tc.hasil, tc.perilaku, got, ok, tc.want)
			}
		})
	}
	if _, ok := Predikat("baik", above); ok {
		t.Error("a rating outside the three gave a predikat")
	}
}

func TestEnded(t *testing.T) {
	wita := time.FixedZone("WITA", 8*3600)
	day := func(s string) time.Time {
		d, err := time.ParseInLocation(time.DateOnly, s, wita)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	cases := []struct {
		name string
		day  string
		c    Cadence
		want []string
	}{
		{"monthly, first of December", "2026-12-01", Monthly, []string{"2026-11"}},
		{"monthly, mid-month", "2026-11-17", Monthly, []string{"2026-10"}},
		{"monthly, January adds the year", "2027-01-04", Monthly, []string{"2026-12", "2026"}},
		{"quarterly, January adds the year", "2027-01-04", Quarterly, []string{"2026-Q4", "2026"}},
		{"quarterly, October", "2026-10-01", Quarterly, []string{"2026-Q3"}},
		{"quarterly, last day of a quarter", "2026-09-30", Quarterly, []string{"2026-Q2"}},
		{"quarterly, February", "2026-02-10", Quarterly, []string{"2025-Q4"}},
		{"unknown cadence is monthly", "2026-03-10", 0, []string{"2026-02"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := Ended(day(tc.day), tc.c); !slices.Equal(got, tc.want) {
				t.Errorf("Ended(%s, %d) = %v, want %v", tc.day, tc.c, got, tc.want)
			}
		})
	}
}

func TestBounds(t *testing.T) {
	cases := []struct{ period, from, to string }{
		{"2026-11", "2026-11-01", "2026-11-30"},
		{"2028-02", "2028-02-01", "2028-02-29"},
		{"2026-Q4", "2026-10-01", "2026-12-31"},
		{"2026-Q1", "2026-01-01", "2026-03-31"},
		{"2026", "2026-01-01", "2026-12-31"},
	}
	for _, tc := range cases {
		from, to, ok := Bounds(tc.period)
		if !ok || from != tc.from || to != tc.to {
			t.Errorf("Bounds(%q) = %s, %s, %v; want %s, %s", tc.period, from, to, ok, tc.from, tc.to)
		}
	}
	for _, bad := range []string{"", "2026-13", "2026-Q5", "26"} {
		if _, _, ok := Bounds(bad); ok {
			t.Errorf("Bounds(%q) accepted", bad)
		}
	}
}

func TestParseCadence(t *testing.T) {
	for s, want := range map[string]Cadence{"bulanan": Monthly, "Monthly": Monthly, "triwulan": Quarterly, "quarterly": Quarterly} {
		if got, ok := ParseCadence(s); !ok || got != want {
			t.Errorf("ParseCadence(%q) = %d, %v", s, got, ok)
		}
	}
	if _, ok := ParseCadence("weekly"); ok {
		t.Error("weekly accepted")
	}
}

func TestOpening(t *testing.T) {
	cases := []struct {
		day  string
		c    Cadence
		n    int
		want bool
	}{
		{"2026-12-01", Monthly, 10, true},
		{"2026-12-10", Monthly, 10, true},
		{"2026-12-11", Monthly, 10, false},
		{"2026-12-01", Quarterly, 10, false},
		{"2027-01-04", Quarterly, 10, true},
		{"2026-10-02", Quarterly, 10, true},
		{"2026-11-02", Quarterly, 10, false},
	}
	for _, tc := range cases {
		d, _ := time.Parse(time.DateOnly, tc.day)
		if got := Opening(d, tc.c, tc.n); got != tc.want {
			t.Errorf("Opening(%s, %d, %d) = %v, want %v", tc.day, tc.c, tc.n, got, tc.want)
		}
	}
}

func TestEndingIn(t *testing.T) {
	cases := []struct {
		m    time.Month
		want []string
	}{
		{time.November, []string{"2026-11"}},
		{time.September, []string{"2026-09", "2026-Q3"}},
		{time.December, []string{"2026-12", "2026-Q4", "2026"}},
		{time.January, []string{"2026-01"}},
	}
	for _, tc := range cases {
		if got := EndingIn(2026, tc.m); !slices.Equal(got, tc.want) {
			t.Errorf("EndingIn(2026, %s) = %q, want %q", tc.m, got, tc.want)
		}
	}
}
