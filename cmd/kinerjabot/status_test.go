package main

import (
	"strings"
	"testing"
)

func TestStatusCommand(t *testing.T) {
	dir := t.TempDir()
	e := map[string]string{"DATA_DIR": dir}
	for _, f := range []string{"import-units", "import-roster"} {
		if code, _, stderr := runCmd(t, e, f, "../../examples/"+strings.TrimPrefix(f, "import-")+".csv"); code != 0 {
			t.Fatalf("%s: %d %s", f, code, stderr)
		}
	}
	code, out, stderr := runCmd(t, e, "status", "--unit", "DINKES-SMD", "--subunits")
	if code != 0 {
		t.Fatalf("status: exit %d\n%s\n%s", code, out, stderr)
	}
	for _, want := range []string{"DINKES-SMD — Dinas Kesehatan Kota Samarinda", "PKM-SEMPAJA — UPTD Puskesmas Sempaja",
		"Sudah berlatih (/latihan): 0", "daftar hadir sosialisasi", "19900405 201402 1 009", "Andi Saputro", "JUMLAH 2 unit"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if code, _, _ := runCmd(t, e, "status", "--unit", "NOPE"); code != 2 {
		t.Errorf("unknown unit: exit %d, want 2", code)
	}
	if code, _, _ := runCmd(t, e, "status"); code != 2 {
		t.Errorf("no unit: exit %d, want 2", code)
	}
}
