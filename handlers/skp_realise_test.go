package handlers

import (
	"testing"

	"github.com/kinerjabot/kinerjabot/storage"
)

func TestRealise(t *testing.T) {
	target := storage.SKPTarget{ID: "T1", Target: "12", Satuan: "Dokumen"}
	report := func(skp string, st storage.Status, minutes int, vol float64, unit string) storage.Activity {
		return storage.Activity{Status: st, Content: storage.Content{SKPTargetID: skp, Minutes: minutes, OutputVolume: vol, OutputUnit: unit}}
	}
	for _, tc := range []struct {
		name string
		acts []storage.Activity
		want realisation
	}{
		{"nothing linked", []storage.Activity{report("T2", storage.StatusApproved, 60, 3, "dokumen")}, realisation{}},
		{"approved in the unit, any case and spacing", []storage.Activity{
			report("T1", storage.StatusApproved, 60, 3, "dokumen"),
			report("T1", storage.StatusApproved, 30, 1.5, " DOKUMEN "),
		}, realisation{Volume: 4.5, Minutes: 90, Reports: 2}},
		{"another unit is counted apart, its minutes still count", []storage.Activity{
			report("T1", storage.StatusApproved, 60, 3, "dokumen"),
			report("T1", storage.StatusApproved, 45, 2, "berkas"),
		}, realisation{Volume: 3, OtherUnit: 1, Minutes: 105, Reports: 2}},
		{"no output: minutes only", []storage.Activity{report("T1", storage.StatusApproved, 60, 0, "")},
			realisation{Minutes: 60, Reports: 1}},
		{"pending counted, rejected and revision not", []storage.Activity{
			report("T1", storage.StatusPending, 60, 3, "dokumen"),
			report("T1", storage.StatusRejected, 60, 3, "dokumen"),
			report("T1", storage.StatusRevision, 60, 3, "dokumen"),
		}, realisation{Pending: 1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := realise(target, tc.acts); got != tc.want {
				t.Errorf("realise = %+v, want %+v", got, tc.want)
			}
		})
	}
}

func TestPercentOf(t *testing.T) {
	for _, tc := range []struct {
		target string
		volume float64
		want   string
	}{
		{"12", 3, "25%"}, {"88,31", 88.31, "100%"}, {"1.250", 125, "10%"}, {"tinggi", 3, ""}, {"0", 3, ""},
	} {
		got := percentOf(realisation{Volume: tc.volume}, storage.SKPTarget{Target: tc.target, Satuan: "x"})
		if got != tc.want {
			t.Errorf("percentOf(%v of %q) = %q, want %q", tc.volume, tc.target, got, tc.want)
		}
	}
}

func TestPeriodDates(t *testing.T) {
	for _, tc := range []struct{ period, from, to string }{
		{"2026", "2026-01-01", "2026-12-31"},
		{"2026-Q1", "2026-01-01", "2026-03-31"},
		{"2026-q4", "2026-10-01", "2026-12-31"},
		{"2028-02", "2028-02-01", "2028-02-29"},
		{"2026-11", "2026-11-01", "2026-11-30"},
	} {
		from, to, ok := periodDates(tc.period)
		if !ok || from != tc.from || to != tc.to {
			t.Errorf("periodDates(%q) = %q, %q, %v; want %q, %q", tc.period, from, to, ok, tc.from, tc.to)
		}
	}
	if _, _, ok := periodDates("2026-13"); ok {
		t.Error("periodDates(2026-13) ok")
	}
}
