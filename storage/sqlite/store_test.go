package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/storage"
	"github.com/kinerjabot/kinerjabot/storage/storetest"
)

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) storage.Store { return openTemp(t) })
}

// openTemp opens a store in a new file under t.TempDir.
func openTemp(t *testing.T) *Store {
	t.Helper()
	return openAt(t, filepath.Join(t.TempDir(), "kinerja.db"))
}

// openAt opens the store at path and closes it when the test ends.
func openAt(t testing.TB, path string) *Store {
	t.Helper()
	s, err := Open(t.Context(), path)
	if err != nil {
		t.Fatalf("Open(%s): %v", path, err)
	}
	t.Cleanup(func() { _ = s.Close(context.Background()) })
	return s
}

func TestOpenCreatesFileAndParents(t *testing.T) {
	path := filepath.Join(t.TempDir(), "data dir", "nested#1", "kinerja?.db")
	s := openAt(t, path)
	if err := s.Ping(t.Context()); err != nil {
		t.Fatalf("Ping: %v", err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("database file: %v", err)
	}
}

func TestOpenEmptyPath(t *testing.T) {
	if _, err := Open(t.Context(), ""); err == nil {
		t.Fatal("Open(\"\") succeeded, want an error")
	}
}

func TestConnectionSettings(t *testing.T) {
	s := openTemp(t)
	for _, c := range []struct {
		pragma, want string
	}{
		{"journal_mode", "wal"},
		{"foreign_keys", "1"},
		{"busy_timeout", strconv.FormatInt(busyTimeout.Milliseconds(), 10)},
		{"synchronous", "2"},
	} {
		var got string
		if err := s.db.QueryRowContext(t.Context(), "PRAGMA "+c.pragma).Scan(&got); err != nil {
			t.Fatalf("PRAGMA %s: %v", c.pragma, err)
		}
		if got != c.want {
			t.Errorf("PRAGMA %s = %s, want %s", c.pragma, got, c.want)
		}
	}
}

func TestSchemaVersion(t *testing.T) {
	s := openTemp(t)
	if got, want := userVersion(t, s.db.w), len(migrations()); got != want {
		t.Errorf("user_version = %d, want %d", got, want)
	}
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "kinerja.db")
	s := openAt(t, path)
	if _, err := s.db.ExecContext(t.Context(), "PRAGMA user_version = 999"); err != nil {
		t.Fatalf("set user_version: %v", err)
	}
	if _, err := Open(t.Context(), path); err == nil {
		t.Fatal("Open of a newer schema succeeded, want an error")
	}
}

func TestErrorsAreSentinels(t *testing.T) {
	s := openTemp(t)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := s.GetUnit(ctx, "X"); !errors.Is(err, context.Canceled) {
		t.Errorf("GetUnit with cancelled ctx: %v, want context.Canceled", err)
	}
	_ = s.Close(t.Context())
	if err := s.Ping(t.Context()); err == nil {
		t.Error("Ping after Close succeeded, want an error")
	}
}

func userVersion(t *testing.T, db *sql.DB) int {
	t.Helper()
	var v int
	if err := db.QueryRowContext(t.Context(), "PRAGMA user_version").Scan(&v); err != nil {
		t.Fatalf("PRAGMA user_version: %v", err)
	}
	return v
}

func testEmployee(n int) storage.Employee {
	return storage.Employee{
		NIP:       fmt.Sprintf("19850101201001%04d", n),
		Name:      "Pegawai",
		UnitCode:  "PKM01",
		Position:  "Staf",
		Active:    true,
		CreatedAt: time.Date(2025, 3, 10, 1, 0, 0, 0, time.UTC),
		UpdatedAt: time.Date(2025, 3, 10, 1, 0, 0, 0, time.UTC),
	}
}

// The store's files hold personal data: readable by their owner only, even
// in a data directory others may read.
func TestStoreFilesArePrivate(t *testing.T) {
	old := syscall.Umask(0o022)
	t.Cleanup(func() { syscall.Umask(old) })
	dir := t.TempDir()
	path := filepath.Join(dir, "kinerjabot.db")
	st, err := Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close(context.Background()) })
	if err := st.UpsertUnit(t.Context(), storage.Unit{Code: "U1", Name: "Unit", Timezone: "Asia/Makassar"}); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"kinerjabot.db", "kinerjabot.db-wal", "kinerjabot.db-shm"} {
		fi, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o600 {
			t.Errorf("%s is %v, want -rw-------", name, fi.Mode().Perm())
		}
	}
}
