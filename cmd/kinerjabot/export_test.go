package main

import (
	"archive/zip"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestExportCommand(t *testing.T) {
	dir := t.TempDir()
	e := map[string]string{"DATA_DIR": dir}
	for _, args := range [][]string{{"import-units", "../../examples/units.csv"}, {"import-roster", "../../examples/roster.csv"}} {
		if code, _, stderr := runCmd(t, e, args...); code != 0 {
			t.Fatalf("%s: %d %s", args[0], code, stderr)
		}
	}
	code, out, stderr := runCmd(t, e, "export", "--unit", "DINKES-SMD", "--subunits", "--month", "2026-11", "--out", dir)
	want := filepath.Join(dir, "ekspor-DINKES-SMD-2026-11.xlsx")
	if code != 0 || !strings.HasPrefix(out, want+"\n") || !strings.Contains(out, "Kegiatan: 0") {
		t.Fatalf("export: exit %d\n%s\n%s", code, out, stderr)
	}
	f, err := excelize.OpenFile(want)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows("Rekap")
	if len(rows) != 1+8 || rows[0][0] != "NIP" || !strings.Contains(strings.Join(rows[2], "|"), "UPTD Puskesmas Sempaja|0|6,750|0.0%") {
		t.Fatalf("Rekap %q", rows)
	}
	code, out, stderr = runCmd(t, e, "export", "--unit", "PKM-SEMPAJA", "--month", "2026-11", "--format", "csv", "--out", dir)
	if code != 0 || !strings.HasSuffix(strings.SplitN(out, "\n", 2)[0], "ekspor-PKM-SEMPAJA-2026-11.zip") {
		t.Fatalf("csv: exit %d\n%s\n%s", code, out, stderr)
	}
	z, err := zip.OpenReader(filepath.Join(dir, "ekspor-PKM-SEMPAJA-2026-11.zip"))
	if err != nil || len(z.File) != 3 {
		t.Fatalf("zip: %v", err)
	}
	z.Close()
	cases := []struct {
		name string
		args []string
		err  string
	}{
		{"unknown unit", []string{"--unit", "NOPE", "--month", "2026-11"}, "unit NOPE is not known"},
		{"bad month", []string{"--unit", "PKM-SEMPAJA", "--month", "2026-13"}, "--month must be a month as YYYY-MM"},
		{"a date, not a month", []string{"--unit", "PKM-SEMPAJA", "--month", "2026-11-01"}, "--month must be a month as YYYY-MM"},
		{"no month", []string{"--unit", "PKM-SEMPAJA"}, "usage: kinerjabot export"},
		{"no unit", []string{"--month", "2026-11"}, "usage: kinerjabot export"},
		{"bad format", []string{"--unit", "PKM-SEMPAJA", "--month", "2026-11", "--format", "pdf"}, "--format must be xlsx or csv"},
	}
	for _, tc := range cases {
		code, _, stderr := runCmd(t, e, append([]string{"export"}, tc.args...)...)
		if code != 2 || !strings.Contains(stderr, tc.err) {
			t.Errorf("%s: exit %d, stderr %q", tc.name, code, stderr)
		}
	}
}
