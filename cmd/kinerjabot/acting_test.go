package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestImportActingCommand(t *testing.T) {
	dir := t.TempDir()
	e := map[string]string{"DATA_DIR": dir}
	if code, _, stderr := runCmd(t, e, "import-roster", "../../examples/roster.csv"); code != 0 {
		t.Fatalf("import-roster: %d %s", code, stderr)
	}
	file := filepath.Join(dir, "plt.csv")
	// The head of administration acts for the head of the Puskesmas.
	if err := os.WriteFile(file, []byte("nip_acting,nip_for,from,to\n"+
		"19820317 200801 1 002,19780514 200501 2 003,2027-01-04,2027-01-08\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, stdout, stderr := runCmd(t, e, "import-acting", file); code != 0 || !strings.Contains(stdout, "1 penugasan Plt/Plh baru") {
		t.Fatalf("import-acting: %d %q %q", code, stdout, stderr)
	}
	if code, _, stderr := runCmd(t, e, "import-acting", file, "--partial"); code != 2 ||
		!strings.Contains(stderr, "usage: kinerjabot import-acting FILE [--sheet NAME]\n") {
		t.Fatalf("--partial: %d %q", code, stderr)
	}
}
