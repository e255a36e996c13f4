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

// With the database's write lock held by another process, the first write
// fails within its bound and the ones after it fail at once, so that people
// writing during an outage are answered without waiting; reads go on (WAL);
// once the lock is gone, a probe finds the writer answering and writes work
// again within a moment.
func TestWritesFailFastWhileTheDatabaseIsLocked(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "kb.db")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close(ctx)
	unit := storage.Unit{Code: "U", Name: "Unit", Timezone: "Asia/Jakarta"}
	if err := s.UpsertUnit(ctx, unit); err != nil {
		t.Fatal(err)
	}
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
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	unit.Name = "Unit baru"
	// Every probe of the writer reports here once done.
	probes := make(chan error, 64)
	probe := s.db.wg.probe
	s.db.wg.probe = func(ctx context.Context) error {
		err := probe(ctx)
		probes <- err
		return err
	}
	// Many writers at once (one waits out the busy timeout, the others
	// wait for their turn): all fail within the one bound, not one after
	// another.
	const writers = 10
	took := make(chan time.Duration, writers)
	start := time.Now()
	for range writers {
		go func() {
			if err := s.UpsertUnit(ctx, unit); err == nil {
				t.Error("a write went through another process's write lock")
			}
			took <- time.Since(start)
		}()
	}
	for range writers {
		if d := <-took; d > opTimeout+500*time.Millisecond {
			t.Errorf("a write failed after %v, bound %v", d, opTimeout)
		}
	}
	for i := range 3 {
		if i == 1 { // the probes keep finding the lock
			if err := nextProbe(t, probes, probeTimeout+time.Second); err == nil {
				t.Fatal("a probe found the writer answering under another process's write lock")
			}
		}
		start := time.Now()
		err := s.UpsertUnit(ctx, unit)
		if took := time.Since(start); err == nil || took > 100*time.Millisecond {
			t.Errorf("a write after it: %v after %v, want a fast failure", err, took)
		}
		if !errors.Is(err, storage.ErrUnavailable) {
			t.Errorf("fast failure %v is not ErrUnavailable", err)
		}
	}
	if u, err := s.GetUnit(ctx, "U"); err != nil || u.Name != "Unit" {
		t.Errorf("a read under the write lock: %+v, %v; want the stored unit", u, err)
	}
	if _, err := conn.ExecContext(ctx, "ROLLBACK"); err != nil {
		t.Fatal(err)
	}
	// A probe under way when the lock went may still report it; the next
	// one finds the writer answering, and the gate opens right after.
	released := time.Now()
	const within = probeTimeout + probeEvery + time.Second
	for err := nextProbe(t, probes, within); err != nil; err = nextProbe(t, probes, within) {
		if d := time.Since(released); d > probeEvery+time.Second {
			t.Fatalf("the probes still fail %v after the lock went: %v", d, err)
		}
	}
	tick := time.NewTicker(time.Millisecond)
	defer tick.Stop()
	deadline := time.After(time.Second)
	for err := s.UpsertUnit(ctx, unit); err != nil; err = s.UpsertUnit(ctx, unit) {
		select {
		case <-tick.C: // the gate opens just after its probe returns
		case <-deadline:
			t.Fatalf("writes still fail after a probe found the writer answering: %v", err)
		}
	}
	if u, err := s.GetUnit(ctx, "U"); err != nil || u.Name != "Unit baru" {
		t.Errorf("after the lock went: %+v, %v", u, err)
	}
}

// nextProbe waits for the next probe's outcome.
func nextProbe(t *testing.T, probes <-chan error, limit time.Duration) error {
	t.Helper()
	select {
	case err := <-probes:
		return err
	case <-time.After(limit):
		t.Fatalf("no probe ended within %v", limit)
		return nil
	}
}

// The statements route by what they do: SELECTs to the readers, every
// other statement (INSERT … RETURNING included) to the writer.
func TestStatementsRouteToTheirPool(t *testing.T) {
	cases := []struct {
		query string
		reads bool
	}{
		{"SELECT 1", true},
		{"\n\tselect * FROM units", true},
		{"(SELECT 1)", true},
		{"WITH x AS (SELECT 1) SELECT * FROM x", true},
		{"\nINSERT INTO reminders (key) VALUES (?) RETURNING key", false},
		{"UPDATE activities SET status = ? WHERE id = ? RETURNING id", false},
		{"DELETE FROM reminders WHERE key = ?", false},
		{"PRAGMA user_version", false},
		{"SELECTED", false},
		{"", false},
	}
	for _, tc := range cases {
		if got := reads(tc.query); got != tc.reads {
			t.Errorf("reads(%q) = %v, want %v", tc.query, got, tc.reads)
		}
	}
}

// A read that SQLite does not return from (it ignores the context while it
// retries for the WAL index's locks) is given up at the deadline; its
// result is discarded when it comes. A write is always waited for: given
// up on, it might still commit.
func TestStuckReadsAreGivenUp(t *testing.T) {
	d := &stmtDB{r: &sql.DB{}, w: &sql.DB{}}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	unblock := make(chan struct{})
	discarded := make(chan int, 1)
	start := time.Now()
	v, ok := within(ctx, d, d.r, func() int { <-unblock; return 7 }, func(v int) { discarded <- v })
	if ok || v != 0 {
		t.Fatalf("a stuck read returned %d, %v", v, ok)
	}
	if took := time.Since(start); took > time.Second {
		t.Errorf("given up after %v, deadline 50ms", took)
	}
	close(unblock)
	select {
	case v := <-discarded:
		if v != 7 {
			t.Errorf("discarded %d, want the read's result 7", v)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the late result was never discarded")
	}
	late := make(chan struct{})
	time.AfterFunc(100*time.Millisecond, func() { close(late) })
	v, ok = within(ctx, d, d.w, func() int { <-late; return 8 }, func(int) { t.Error("a write was discarded") })
	if !ok || v != 8 {
		t.Errorf("a write past the deadline: %d, %v; want it waited for", v, ok)
	}
	v, ok = within(context.Background(), d, d.r, func() int { return 9 }, func(int) { t.Error("a prompt read was discarded") })
	if !ok || v != 9 {
		t.Errorf("a prompt read: %d, %v", v, ok)
	}
}
