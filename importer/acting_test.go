package importer

import (
	"slices"
	"strings"
	"testing"

	"github.com/kinerjabot/kinerjabot/storage"
)

func actingCSV(lines ...string) string {
	return strings.Join(append([]string{strings.Join(ActingHeader, ",")}, lines...), "\n") + "\n"
}

func actingList(t *testing.T, st storage.Store) []storage.Acting {
	t.Helper()
	l, err := st.ListActing(t.Context())
	if err != nil {
		t.Fatalf("ListActing: %v", err)
	}
	return l
}

// A good file replaces the list; a file with one bad row writes nothing
// and says why, row by row.
func TestImportActing(t *testing.T) {
	st := withExampleRoster(t)
	good := actingCSV(
		nipPerawat+","+nipKapus+",2027-01-04,08/01/2027",
		nipBidan+","+nipKapus+",2027-01-09,2027-01-09",
	)
	rep, err := ImportActing(t.Context(), st, strings.NewReader(good), Options{})
	if err != nil || !rep.OK() || rep.Created != 2 {
		t.Fatalf("good file: %v\n%s", err, reportText(rep, "en"))
	}
	want := []storage.Acting{
		{ActingNIP: nipPerawat, ForNIP: nipKapus, From: "2027-01-04", To: "2027-01-08"},
		{ActingNIP: nipBidan, ForNIP: nipKapus, From: "2027-01-09", To: "2027-01-09"},
	}
	if got := actingList(t, st); !slices.Equal(got, want) {
		t.Fatalf("list = %+v, want %+v", got, want)
	}
	bad := actingCSV(
		nipPerawat+","+nipKapus+",2027-02-01,2027-02-10",
		nipBidan+","+nipKapus+",2027-02-10,2027-02-12", // overlaps line 2
		nipBidan+","+nipBidan+",2027-03-01,2027-03-02", // own post
		nipBidan+",199001012020121001,2027-03-01,2027-03-02",
		nipBidan+","+nipPerawat+",2027-03-05,2027-03-01",
		nipBidan+","+nipPerawat+",2027-13-05",
	)
	rep, err = ImportActing(t.Context(), st, strings.NewReader(bad), Options{Partial: true})
	if err != nil || rep.Written || len(rep.Refused) != 6 {
		t.Fatalf("bad file: %v written %v\n%s", err, rep.Written, reportText(rep, "en"))
	}
	text := reportText(rep, "id")
	for _, s := range []string{"bertumpuk", "jabatannya sendiri", "tidak ada di data pegawai", "sebelum tanggal mulai", "Tidak ada data yang disimpan"} {
		if !strings.Contains(text, s) {
			t.Errorf("report lacks %q:\n%s", s, text)
		}
	}
	if got := actingList(t, st); !slices.Equal(got, want) {
		t.Fatalf("a refused file changed the list: %+v", got)
	}
	if rep, err := ImportActing(t.Context(), st, strings.NewReader(actingCSV()), Options{}); err != nil || !rep.OK() {
		t.Fatalf("empty file: %v", err)
	}
	if got := actingList(t, st); len(got) != 0 {
		t.Fatalf("an empty file keeps %+v", got)
	}
}
