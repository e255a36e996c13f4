package importer

import (
	"reflect"
	"strings"
	"testing"

	"github.com/kinerjabot/kinerjabot/storage"
)

// A holidays file may name, per row, the units a regional holiday applies
// to; an empty cell is the whole deployment, an unknown unit is refused,
// and a re-import replaces the units.
func TestImportHolidaysUnits(t *testing.T) {
	st := openStore(t)
	for _, code := range []string{"SMD", "BPP"} {
		if err := st.UpsertUnit(t.Context(), storage.Unit{Code: code, Name: code, Timezone: "Asia/Makassar"}); err != nil {
			t.Fatal(err)
		}
	}
	file := "tanggal;nama;unit\n" +
		"2027-01-01;Tahun Baru 2027 Masehi;\n" +
		"2027-01-21;HUT Kota Samarinda;SMD\n" +
		"2027-02-10;Hari Jadi Dua Kota;SMD | BPP,SMD\n"
	rep := mustImportHolidays(t, st, file, Options{})
	if !rep.OK() || rep.Created != 3 {
		t.Fatalf("report:\n%s", reportText(rep, "en"))
	}
	want := []storage.Holiday{
		{Date: "2027-01-01", Name: "Tahun Baru 2027 Masehi"},
		{Date: "2027-01-21", Name: "HUT Kota Samarinda", Units: []string{"SMD"}},
		{Date: "2027-02-10", Name: "Hari Jadi Dua Kota", Units: []string{"SMD", "BPP"}},
	}
	if got, _ := st.ListHolidays(t.Context(), "2027-01-01", "2027-12-31"); !reflect.DeepEqual(got, want) {
		t.Errorf("stored = %+v\nwant %+v", got, want)
	}

	rep = mustImportHolidays(t, st, "date,name,units\n2027-01-21,HUT Kota Samarinda,\n2027-03-01,Libur Daerah,KALTIM\n", Options{})
	if rep.OK() || len(rep.Refused) != 1 || rep.Refused[0].Reasons[0].Code != CodeHolidayUnit {
		t.Fatalf("unknown unit: %+v", rep.Refused)
	}
	if text := reportText(rep, ""); !strings.Contains(text, "unit KALTIM belum terdaftar") {
		t.Errorf("report:\n%s", text)
	}
	mustImportHolidays(t, st, "date,name,units\n2027-01-21,HUT Kota Samarinda,\n", Options{})
	if got, _ := st.ListHolidays(t.Context(), "2027-01-21", "2027-01-21"); len(got) != 1 || got[0].Units != nil {
		t.Errorf("after a re-import without units: %+v, want the whole deployment", got)
	}
}
