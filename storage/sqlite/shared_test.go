package sqlite

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"testing"

	"github.com/kinerjabot/kinerjabot/storage"
)

// Two *Store on one file stand for two processes (serve and import-roster):
// they share nothing but the file.
func TestTwoStoresSeeEachOther(t *testing.T) {
	path := filepath.Join(t.TempDir(), "kinerja.db")
	serve, admin := openAt(t, path), openAt(t, path)
	e := testEmployee(1)
	if err := admin.UpsertEmployee(t.Context(), e); err != nil {
		t.Fatalf("admin UpsertEmployee: %v", err)
	}
	if _, err := serve.GetEmployee(t.Context(), e.NIP); err != nil {
		t.Fatalf("serve GetEmployee: %v", err)
	}
	a := storage.Account{UserID: "5001", ChatID: "5001"}
	if err := serve.LinkAccount(t.Context(), e.NIP, "telegram", a); err != nil {
		t.Fatalf("serve LinkAccount: %v", err)
	}
	got, err := admin.EmployeeByAccount(t.Context(), "telegram", "5001")
	if err != nil || got.NIP != e.NIP {
		t.Fatalf("admin EmployeeByAccount = %s, %v; want %s", got.NIP, err, e.NIP)
	}
}

func TestConcurrentWritersOnOneFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "kinerja.db")
	stores := []*Store{openAt(t, path), openAt(t, path)}
	const writers, each = 4, 25
	errs := make(chan error, len(stores)*writers*each)
	var wg sync.WaitGroup
	for si, s := range stores {
		for w := range writers {
			wg.Go(func() {
				for i := range each {
					errs <- s.UpsertEmployee(t.Context(), testEmployee((si*writers+w)*each+i))
				}
			})
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatalf("UpsertEmployee: %v", err)
		}
	}
	checkCount(t, stores[1], len(stores)*writers*each)
}

func TestReopenKeepsData(t *testing.T) {
	path := filepath.Join(t.TempDir(), "kinerja.db")
	s, err := Open(t.Context(), path)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	e := testEmployee(7)
	if err := s.UpsertEmployee(t.Context(), e); err != nil {
		t.Fatalf("UpsertEmployee: %v", err)
	}
	if err := s.LinkAccount(t.Context(), e.NIP, "playground", storage.Account{UserID: "pg"}); err != nil {
		t.Fatalf("LinkAccount: %v", err)
	}
	if err := s.Close(t.Context()); err != nil {
		t.Fatalf("Close: %v", err)
	}
	again := openAt(t, path)
	got, err := again.EmployeeByAccount(t.Context(), "playground", "pg")
	if err != nil || got.NIP != e.NIP || !got.CreatedAt.Equal(e.CreatedAt) {
		t.Fatalf("after reopen: %+v, %v; want %s", got, err, e.NIP)
	}
}

// TestTwoProcesses runs this test binary twice at once as child processes,
// each writing to the same new file (see TestChildProcessWriter).
func TestTwoProcesses(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	path := filepath.Join(t.TempDir(), "kinerja.db")
	const children = 3
	errs := make(chan error, children)
	for c := range children {
		go func() { errs <- runChild(t.Context(), path, c) }()
	}
	for range children {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	checkCount(t, openAt(t, path), children*childWrites)
}

const (
	childPathEnv = "KINERJA_SQLITE_CHILD_PATH"
	childIDEnv   = "KINERJA_SQLITE_CHILD_ID"
	childWrites  = 40
)

func runChild(ctx context.Context, path string, id int) error {
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^TestChildProcessWriter$", "-test.count=1")
	cmd.Env = append(os.Environ(), childPathEnv+"="+path, childIDEnv+"="+strconv.Itoa(id))
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("child %d: %v\n%s", id, err, out)
	}
	return nil
}

// TestChildProcessWriter is the child of TestTwoProcesses; on its own it
// does nothing.
func TestChildProcessWriter(t *testing.T) {
	path := os.Getenv(childPathEnv)
	if path == "" {
		return
	}
	id, _ := strconv.Atoi(os.Getenv(childIDEnv))
	s := openAt(t, path)
	for i := range childWrites {
		e := testEmployee(id*childWrites + i)
		if err := s.UpsertEmployee(t.Context(), e); err != nil {
			t.Fatalf("UpsertEmployee: %v", err)
		}
		if _, err := s.ListEmployees(t.Context()); err != nil {
			t.Fatalf("ListEmployees: %v", err)
		}
	}
}

func checkCount(t *testing.T, s *Store, want int) {
	t.Helper()
	all, err := s.ListEmployees(t.Context())
	if err != nil {
		t.Fatalf("ListEmployees: %v", err)
	}
	if len(all) != want {
		t.Errorf("ListEmployees = %d employees, want %d", len(all), want)
	}
}
