package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPanduanWritesOnePDFPerRole(t *testing.T) {
	dir := t.TempDir()
	e := map[string]string{"DATA_DIR": t.TempDir()}
	code, out, stderr := runCmd(t, e, "panduan", "--bot", "kinerjabot_demo_bot", "--unit", "PKM-SEMPAJA", "--out", dir)
	if code != 0 {
		t.Fatalf("panduan: exit %d\n%s\n%s", code, out, stderr)
	}
	for _, role := range []string{"pegawai", "atasan", "admin", "warga"} {
		path := filepath.Join(dir, "panduan-"+role+".pdf")
		b, err := os.ReadFile(path)
		if err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) || bytes.Count(b, []byte("/Type /Page\n")) != 1 {
			t.Errorf("%s: %d bytes, %v; want a one-page PDF", path, len(b), err)
		}
		if !strings.Contains(out, path) {
			t.Errorf("output does not name %s:\n%s", path, out)
		}
	}
	if code, _, _ := runCmd(t, e, "panduan", "--role", "bupati", "--bot", "kinerjabot_demo_bot", "--out", dir); code != 2 {
		t.Errorf("unknown role: exit %d, want 2", code)
	}
	if code, _, _ := runCmd(t, e, "panduan", "--role", "pegawai", "--out", dir); code != 2 {
		t.Errorf("no bot name: exit %d, want 2", code)
	}
}
