package sqlite

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/storage"
)

func testActivity(n int) storage.Activity {
	start := 0
	at := time.Date(2025, 3, 10, 1, 0, 0, 0, time.UTC).Add(time.Duration(n) * time.Minute)
	return storage.Activity{
		ID: fmt.Sprintf("01JQTEST%018d", n), NIP: testEmployee(1).NIP, UnitCode: "PKM01",
		SupervisorNIP: testEmployee(900).NIP, Date: "2025-03-10",
		Content: storage.Content{StartMinute: &start, Minutes: 60, Description: "Kegiatan"},
		Status:  storage.StatusPending, Version: 1,
		Audit:       []storage.AuditEntry{{At: at, Action: storage.ActionSubmitted, ByNIP: testEmployee(1).NIP, Version: 1}},
		SubmittedAt: at, CreatedAt: at, UpdatedAt: at,
	}
}

// A database made by a program that knew only schema version 1 is
// migrated in place on Open, its data kept.
func TestMigrateFromV1(t *testing.T) {
	path := filepath.Join(t.TempDir(), "kinerja.db")
	db, err := sql.Open("sqlite", dsn(path))
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		schemaV1,
		"PRAGMA user_version = 1",
		`INSERT INTO employees (nip, name, unit_code, position, active, created_at, updated_at)
		 VALUES ('198501012010010001', 'Lama', 'PKM01', 'Staf', 1, 0, 0)`,
	} {
		if _, err := db.ExecContext(t.Context(), q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	_ = db.Close()

	s := openAt(t, path)
	if got := userVersion(t, s.db.w); got != len(migrations()) {
		t.Errorf("user_version = %d, want %d", got, len(migrations()))
	}
	if e, err := s.GetEmployee(t.Context(), "198501012010010001"); err != nil || e.Name != "Lama" {
		t.Fatalf("GetEmployee after migration: %+v, %v", e, err)
	}
	if err := s.CreateActivity(t.Context(), testActivity(1)); err != nil {
		t.Fatalf("CreateActivity after migration: %v", err)
	}
}

// The JSON columns are part of the schema: their keys and millisecond
// times must not follow the storage records' json tags.
func TestActivityJSONColumns(t *testing.T) {
	s := openTemp(t)
	a := testActivity(1)
	if err := s.CreateActivity(t.Context(), a); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DecideActivity(t.Context(), a.ID, 1, storage.Decide{To: storage.StatusRevision, ByNIP: "x", At: a.SubmittedAt}); err != nil {
		t.Fatal(err)
	}
	var content, audit, decision string
	err := s.db.QueryRowContext(t.Context(), "SELECT content, audit, decision FROM activities WHERE id = ?", a.ID).
		Scan(&content, &audit, &decision)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(content, `"start_minute":0`) {
		t.Errorf("content column %s: want start_minute 0 kept", content)
	}
	var entries []map[string]any
	if err := json.Unmarshal([]byte(audit), &entries); err != nil || len(entries) != 2 {
		t.Fatalf("audit column %s: %v", audit, err)
	}
	want := float64(a.SubmittedAt.UnixMilli())
	if entries[0]["at"] != want || entries[1]["at"] != want || entries[1]["action"] != "revision" {
		t.Errorf("audit column %s: want Unix milliseconds %v", audit, want)
	}
	if !strings.Contains(decision, fmt.Sprintf(`"at":%d`, a.SubmittedAt.UnixMilli())) {
		t.Errorf("decision column %s: want at in Unix milliseconds", decision)
	}
}

func testEvidence(id string) storage.Evidence {
	return storage.Evidence{ID: id, ActivityID: "01JQTEST1", NIP: testEmployee(1).NIP, MIME: "image/jpeg",
		PHash: 1<<63 | 5, Bands: []int{0x8000, 0, 0, 5}}
}

// A photo's bytes are a row written with its record: no file, nothing
// left in the directory.
func TestEvidenceBytesInTheDatabase(t *testing.T) {
	dir := t.TempDir()
	s := openAt(t, filepath.Join(dir, "kinerja.db"))
	const id = "01JQABCDEFGHJKMNPQRSTVWXYZ"
	data := []byte("\xff\xd8\xff photo")
	if err := s.PutEvidence(t.Context(), testEvidence(id), data); err != nil {
		t.Fatalf("PutEvidence: %v", err)
	}
	if got, err := s.EvidenceData(t.Context(), id); err != nil || string(got) != string(data) {
		t.Fatalf("EvidenceData: %q, %v; want %q", got, err, data)
	}
	if _, err := os.Stat(filepath.Join(dir, "evidence")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("evidence directory: %v; want none made", err)
	}
	if err := s.DeleteEvidence(t.Context(), id); err != nil {
		t.Fatal(err)
	}
	var rows int
	if err := s.db.QueryRowContext(t.Context(), `SELECT COUNT(*) FROM evidence_bytes`).Scan(&rows); err != nil || rows != 0 {
		t.Errorf("evidence_bytes after DeleteEvidence: %d rows, %v; want none", rows, err)
	}
}

// legacyEvidence stores a record as the store did before schemaV17: its
// bytes in the file evidenceFile (written here when data is not nil), no
// row.
func legacyEvidence(t *testing.T, s *Store, id string, data []byte) {
	t.Helper()
	if err := s.PutEvidence(t.Context(), testEvidence(id), []byte("row")); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.ExecContext(t.Context(), `DELETE FROM evidence_bytes WHERE id = ?`, id); err != nil {
		t.Fatal(err)
	}
	if data == nil {
		return
	}
	if err := os.MkdirAll(filepath.Dir(s.evidenceFile(id)), 0o750); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(s.evidenceFile(id), data, 0o600); err != nil {
		t.Fatal(err)
	}
}

// Photos stored as files before schemaV17 are still read, and deleted
// with their records.
func TestEvidenceLegacyFile(t *testing.T) {
	s := openAt(t, filepath.Join(t.TempDir(), "kinerja.db"))
	const id = "01JQABCDEFGHJKMNPQRSTVWXYZ"
	data := []byte("\xff\xd8\xff old photo")
	legacyEvidence(t, s, id, data)
	if got, err := s.EvidenceData(t.Context(), id); err != nil || string(got) != string(data) {
		t.Fatalf("EvidenceData of a file: %q, %v; want %q", got, err, data)
	}
	if err := s.DeleteEvidence(t.Context(), id); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(s.evidenceFile(id)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("file after DeleteEvidence: %v; want removed", err)
	}
	if _, err := s.EvidenceData(t.Context(), id); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("EvidenceData after DeleteEvidence: %v; want ErrNotFound", err)
	}
}

// A record whose bytes are gone (its file, from before schemaV17) is an
// error, but not ErrNotFound: the record exists.
func TestEvidenceDataMissingFile(t *testing.T) {
	s := openAt(t, filepath.Join(t.TempDir(), "kinerja.db"))
	const id = "01JQABCDEFGHJKMNPQRSTVWXYZ"
	legacyEvidence(t, s, id, nil)
	_, err := s.EvidenceData(t.Context(), id)
	if err == nil || errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("EvidenceData with the file gone: %v, want an error other than ErrNotFound", err)
	}
}

// Two *Store on one file race to decide: the condition holds across
// connections, not only within one pool.
func TestDecideAcrossStores(t *testing.T) {
	path := filepath.Join(t.TempDir(), "kinerja.db")
	stores := []*Store{openAt(t, path), openAt(t, path)}
	const reports, workers = 5, 6
	for n := range reports {
		if err := stores[0].CreateActivity(t.Context(), testActivity(n)); err != nil {
			t.Fatal(err)
		}
	}
	wins := make([]int, reports)
	var mu sync.Mutex
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for n := range reports {
				d := storage.Decide{To: storage.StatusApproved, ByNIP: strconv.Itoa(w)}
				_, err := stores[w%2].DecideActivity(t.Context(), testActivity(n).ID, 1, d)
				switch {
				case err == nil:
					mu.Lock()
					wins[n]++
					mu.Unlock()
				case !errors.Is(err, storage.ErrConflict):
					t.Errorf("DecideActivity: %v", err)
				}
			}
		})
	}
	wg.Wait()
	for n, w := range wins {
		if w != 1 {
			t.Errorf("report %d decided %d times, want once", n, w)
		}
		checkOneDecision(t, stores[1], testActivity(n).ID)
	}
}

func checkOneDecision(t *testing.T, s *Store, id string) {
	t.Helper()
	a, err := s.GetActivity(t.Context(), id)
	if err != nil {
		t.Fatalf("GetActivity: %v", err)
	}
	if len(a.Audit) != 2 || a.Status != storage.StatusApproved {
		t.Errorf("report %s: status %s, %d audit entries; want approved, 2", id, a.Status, len(a.Audit))
	}
}

// TestTwoProcessesDecide has child processes (see TestChildProcessDecider)
// decide the same reports at once: each is decided exactly once.
func TestTwoProcessesDecide(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns processes")
	}
	path := filepath.Join(t.TempDir(), "kinerja.db")
	s := openAt(t, path)
	for n := range childReports {
		if err := s.CreateActivity(t.Context(), testActivity(n)); err != nil {
			t.Fatal(err)
		}
	}
	const children = 3
	errs := make(chan error, children)
	for c := range children {
		go func() { errs <- runChildTest(t, "^TestChildProcessDecider$", path, c) }()
	}
	for range children {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	for n := range childReports {
		checkOneDecision(t, s, testActivity(n).ID)
	}
}

const childReports = 20

func execTest(t *testing.T, run string) *exec.Cmd {
	return exec.CommandContext(t.Context(), os.Args[0], "-test.run="+run, "-test.count=1")
}

func runChildTest(t *testing.T, run, path string, id int) error {
	cmd := execTest(t, run)
	cmd.Env = append(os.Environ(), childPathEnv+"="+path, childIDEnv+"="+strconv.Itoa(id))
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("child %d: %v\n%s", id, err, out)
	}
	return nil
}

// TestChildProcessDecider is a child of TestTwoProcessesDecide; on its own
// it does nothing.
func TestChildProcessDecider(t *testing.T) {
	path := os.Getenv(childPathEnv)
	if path == "" {
		return
	}
	s := openAt(t, path)
	for n := range childReports {
		d := storage.Decide{To: storage.StatusApproved, ByNIP: os.Getenv(childIDEnv)}
		if _, err := s.DecideActivity(t.Context(), testActivity(n).ID, 1, d); err != nil && !errors.Is(err, storage.ErrConflict) {
			t.Fatalf("DecideActivity: %v", err)
		}
	}
}
