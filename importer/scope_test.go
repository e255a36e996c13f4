package importer

import (
	"slices"
	"strings"
	"testing"

	"github.com/kinerjabot/kinerjabot/storage"
)

// scopeStore holds units U1 > U2, U3 and a person in each of U2 (nip 2)
// and U3 (nip 3).
func scopeStore(t *testing.T) storage.Store {
	t.Helper()
	st := openStore(t)
	for _, u := range []storage.Unit{{Code: "U1", Name: "Satu"}, {Code: "U2", Name: "Dua", ParentCode: "U1"}, {Code: "U3", Name: "Tiga", ParentCode: "U1"}} {
		u.Timezone = "Asia/Makassar"
		if err := st.UpsertUnit(t.Context(), u); err != nil {
			t.Fatal(err)
		}
	}
	for _, e := range []storage.Employee{{NIP: nip(2), Name: "Dua", UnitCode: "U2", Position: "Staf", Active: true},
		{NIP: nip(3), Name: "Tiga", UnitCode: "U3", Position: "Staf", Active: true}} {
		if err := st.UpsertEmployee(t.Context(), e); err != nil {
			t.Fatal(err)
		}
	}
	return st
}

// inU2 is a unit admin's scope: U2 and below (U4, made by the units file).
var inU2 = func(unit string) bool { return unit == "U2" || unit == "U4" }

// refusedOutOfScope returns the lines refused for scope.
func refusedOutOfScope(rep Report) []int {
	var lines []int
	for _, r := range rep.Refused {
		if slices.ContainsFunc(r.Reasons, func(rs Reason) bool { return rs.Code == CodeOutOfScope }) {
			lines = append(lines, r.Line)
		}
	}
	return lines
}

// Options.InScope refuses, with its own reason, each kind's rows for units
// outside the scope; DryRun writes nothing.
func TestImportScope(t *testing.T) {
	roster := rosterCSV(
		emp{nip: nip(2), name: "Dua Baru", unit: "U2", position: "Staf"},
		emp{nip: nip(5), name: "Lima", unit: "U3", position: "Staf"},
		emp{nip: nip(3), name: "Tiga Pindah", unit: "U2", position: "Staf"},
		emp{nip: nip(6), name: "Enam", unit: "U2", position: "Staf", sup: nip(5)},
	)
	for _, c := range []struct {
		name string
		run  func(st storage.Store, o Options) (Report, error)
		want []int // lines refused for scope
	}{
		{"roster: another unit, a person of another unit", func(st storage.Store, o Options) (Report, error) {
			return ImportRoster(t.Context(), st, strings.NewReader(roster), o)
		}, []int{3, 4}},
		{"units: on file outside, a new root, under another unit", func(st storage.Store, o Options) (Report, error) {
			f := unitsCSV("U2,Dua,,U1,WITA,,", "U3,Tiga,,U1,WITA,,", "U9,Baru,,,WITA,,", "U4,Empat,,U2,WITA,,", "U5,Lima,,U3,WITA,,")
			return ImportUnits(t.Context(), st, strings.NewReader(f), o)
		}, []int{3, 4, 6}},
		{"holidays: every unit, another unit", func(st storage.Store, o Options) (Report, error) {
			f := "date,name,units\n2027-01-21,Semua,\n2027-03-01,Dua,U2\n2027-03-02,Tiga,U3\n"
			return ImportHolidays(t.Context(), st, strings.NewReader(f), o)
		}, []int{2, 4}},
		{"skp: a person of another unit", func(st storage.Store, o Options) (Report, error) {
			f := skpCSV(nip(2)+",2027,utama,RHK,Indikator,10,laporan", nip(3)+",2027,utama,RHK,Indikator,10,laporan")
			return ImportSKP(t.Context(), st, strings.NewReader(f), o)
		}, []int{3}},
		{"acting: a post of another unit", func(st storage.Store, o Options) (Report, error) {
			f := actingCSV(nip(2) + "," + nip(3) + ",2027-01-01,2027-01-31")
			return ImportActing(t.Context(), st, strings.NewReader(f), o)
		}, []int{2}},
	} {
		t.Run(c.name, func(t *testing.T) {
			st := scopeStore(t)
			rep, err := c.run(st, Options{DefaultTimezone: "WITA", InScope: inU2, DryRun: true, Partial: true})
			if err != nil {
				t.Fatal(err)
			}
			if got := refusedOutOfScope(rep); !slices.Equal(got, c.want) {
				t.Errorf("refused for scope: lines %v, want %v (report %+v)", got, c.want, rep.Refused)
			}
			if rep.Written || rep.Created+rep.Updated != 0 {
				t.Errorf("a dry run wrote: %+v", rep)
			}
			if e, _ := st.GetEmployee(t.Context(), nip(2)); e.Name != "Dua" {
				t.Errorf("a dry run changed the roster: %+v", e)
			}
			if _, err := st.GetUnit(t.Context(), "U4"); err == nil {
				t.Error("a dry run created a unit")
			}
			if rep, err := c.run(st, Options{DefaultTimezone: "WITA"}); err != nil || len(refusedOutOfScope(rep)) != 0 {
				t.Errorf("without InScope: %v, refused for scope %v", err, refusedOutOfScope(rep))
			}
		})
	}
}
