package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/storage"
)

// With the database locked by another process, the first statement fails
// within its bound and the ones after it fail at once for a moment, so
// that people writing during an outage are answered without waiting; once
// the lock is gone, statements work again.
func TestStatementsFailFastWhileTheDatabaseIsLocked(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "kb.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close(ctx)
	other, err := sql.Open("sqlite", dsn(path))
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	conn, err := other.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN EXCLUSIVE"); err != nil {
		t.Fatal(err)
	}
	unit := storage.Unit{Code: "U", Name: "Unit", Timezone: "Asia/Jakarta"}
	start := time.Now()
	if err := s.UpsertUnit(ctx, unit); err == nil {
		t.Fatal("a write went through an exclusive lock")
	}
	if took := time.Since(start); took > opTimeout+500*time.Millisecond {
		t.Errorf("the first write waited %v, bound %v", took, opTimeout)
	}
	start = time.Now()
	err = s.UpsertUnit(ctx, unit)
	if took := time.Since(start); err == nil || took > 100*time.Millisecond {
		t.Errorf("the next write: %v after %v, want a fast failure", err, took)
	}
	if !errors.Is(err, storage.ErrUnavailable) {
		t.Errorf("fast failure %v is not ErrUnavailable", err)
	}
	if _, err := s.GetUnit(ctx, "U"); err == nil {
		t.Error("a read went through while the database is taken for down")
	}
	if _, err := conn.ExecContext(ctx, "ROLLBACK"); err != nil {
		t.Fatal(err)
	}
	time.Sleep(downFor + 50*time.Millisecond)
	if err := s.UpsertUnit(ctx, unit); err != nil {
		t.Fatalf("after the lock went: %v", err)
	}
}
