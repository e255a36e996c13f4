package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kinerjabot/kinerjabot/storage/sqlite"
)

func TestImportHolidaysCommand(t *testing.T) {
	dir := t.TempDir()
	e := map[string]string{"DATA_DIR": dir}
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	// A regional holiday of 2026, and the corrected 2027 list as Excel in
	// the Indonesian locale saves it.
	regional := write("regional.csv", "tanggal,nama\n21/01/2026,Hari Jadi Kota Samarinda\n")
	corrected := write("skb-2027.csv", "tanggal;nama\r\n"+
		"01/01/2027;Tahun Baru 2027 Masehi\r\n"+
		"17/08/2027;Hari Proklamasi Kemerdekaan Republik Indonesia\r\n"+
		"25/12/2027;Hari Raya Natal\r\n")
	otherYear := write("other-year.csv", "date,name\n2027-12-25,Hari Raya Natal\n2028-01-01,Tahun Baru 2028 Masehi\n")
	bad := write("bad.csv", "date,name\n2027-02-29,Libur keliru\n2027-12-24,Cuti Bersama Hari Raya Natal\n")
	cases := []struct {
		name string
		args []string
		code int
		out  string
	}{
		{"example", []string{"import-holidays", "../../examples/holidays-2027.csv"}, 0, "Tersimpan: 5 hari libur baru, 0 diperbarui."},
		{"regional holiday", []string{"import-holidays", regional}, 0, "1 hari libur baru"},
		{"corrected list replaces 2027", []string{"import-holidays", "--replace-year", "2027", corrected}, 0,
			"Hari libur 2027 yang tidak ada di berkas dihapus (2): 2027-05-01 (Hari Buruh Internasional), 2027-06-01 (Hari Lahir Pancasila)."},
		{"a date outside the year writes nothing", []string{"import-holidays", otherYear, "--replace-year=2027"}, 1,
			"Baris 3 (tanggal 2028-01-01): tanggal 2028-01-01 di luar tahun 2027"},
		{"a bad row writes nothing", []string{"import-holidays", bad}, 1, "Tidak ada data yang disimpan"},
		{"--partial writes the good row", []string{"import-holidays", bad, "--partial"}, 1, "1 hari libur baru"},
		{"bad year", []string{"import-holidays", corrected, "--replace-year", "27"}, 2, ""},
		{"--replace-year is for holidays only", []string{"import-skp", "../../examples/skp.csv", "--replace-year", "2027"}, 2, ""},
		{"no file", []string{"import-holidays", "--replace-year", "2027"}, 2, ""},
	}
	for _, tc := range cases {
		code, out, stderr := runCmd(t, e, tc.args...)
		if code != tc.code || !strings.Contains(out, tc.out) {
			t.Fatalf("%s: exit %d (want %d)\nstdout: %s\nstderr: %s", tc.name, code, tc.code, out, stderr)
		}
		if tc.code == 2 && !strings.Contains(stderr, "usage: kinerjabot import-") {
			t.Errorf("%s: stderr lacks the usage: %s", tc.name, stderr)
		}
	}
	if _, _, stderr := runCmd(t, e, "import-holidays"); !strings.Contains(stderr, "usage: kinerjabot import-holidays FILE [--partial] [--sheet NAME] [--replace-year YYYY]") {
		t.Errorf("usage: %s", stderr)
	}
	if _, _, stderr := runCmd(t, e, "import-skp"); !strings.Contains(stderr, "usage: kinerjabot import-skp FILE [--partial] [--sheet NAME]\n") {
		t.Errorf("import-skp usage changed: %s", stderr)
	}
	st, err := sqlite.Open(context.Background(), filepath.Join(dir, "kinerjabot.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close(context.Background())
	hs, err := st.ListHolidays(context.Background(), "2026-01-01", "2028-12-31")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, h := range hs {
		got = append(got, h.Date+" "+h.Name)
	}
	want := []string{
		"2026-01-21 Hari Jadi Kota Samarinda",
		"2027-01-01 Tahun Baru 2027 Masehi",
		"2027-08-17 Hari Proklamasi Kemerdekaan Republik Indonesia",
		"2027-12-24 Cuti Bersama Hari Raya Natal", // from --partial
		"2027-12-25 Hari Raya Natal",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("stored holidays:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
