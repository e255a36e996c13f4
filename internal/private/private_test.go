package private

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

func TestSQLiteFilesArePrivate(t *testing.T) {
	old := syscall.Umask(0o022)
	t.Cleanup(func() { syscall.Umask(old) })
	dir := t.TempDir()
	fresh := filepath.Join(dir, "fresh.db")
	if err := SQLite(fresh); err != nil {
		t.Fatal(err)
	}
	wide := filepath.Join(dir, "old.db")
	for _, p := range []string{wide, wide + "-wal", wide + "-shm"} {
		if err := os.WriteFile(p, []byte("x"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := SQLite(wide); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{fresh, wide, wide + "-wal", wide + "-shm"} {
		st, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if st.Mode().Perm() != Mode {
			t.Errorf("%s is %v, want %v", filepath.Base(p), st.Mode().Perm(), Mode)
		}
	}
	if b, _ := os.ReadFile(wide); string(b) != "x" {
		t.Errorf("an existing database was changed: %q", b)
	}
}
