// Package sqlite is the embedded record store: one SQLite file, pure Go
// (modernc.org/sqlite, no cgo), the default when no MongoDB is configured.
//
// Several processes may open the same file at once (the bot's serve and an
// admin's import-roster on one DATA_DIR): the file is in WAL mode, so
// readers never block the writer, and every connection waits up to
// busyTimeout for the write lock instead of failing. Each method is one
// statement, or one short transaction, so the lock is held briefly; the
// conditional updates of reports are single UPDATE statements, atomic
// across connections and processes alike.
//
// The bytes of evidence photos are rows (evidence_bytes), written in their
// record's transaction; those stored before schema step 17 are files in
// the directory "evidence" next to the database file (see evidenceFile):
// back the two up together.
package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	// Registers the "sqlite" database/sql driver.
	_ "modernc.org/sqlite"

	"github.com/kinerjabot/kinerjabot/internal/private"
	"github.com/kinerjabot/kinerjabot/storage"
)

const (
	// busyTimeout is how long a statement waits for another connection or
	// process to release the write lock before it fails with ErrUnavailable.
	// Short, so that a person whose message meets a locked or stuck store
	// is told within two seconds ("sedang gangguan") rather than waiting;
	// our own writes hold the lock for milliseconds.
	busyTimeout = 1500 * time.Millisecond
	// maxReaders bounds the readers' pool (stmtDB); the writer has one
	// connection: WAL serves many readers, one writer at a time.
	maxReaders = 8
)

// Store is the SQLite record store. It is safe for concurrent use.
type Store struct {
	db *stmtDB
	// evidenceDir holds the bytes of evidence photos stored before schema
	// step 17, one file each (see evidenceFile): the directory "evidence"
	// next to the database file.
	evidenceDir string
	now         func() time.Time
}

var _ storage.Store = (*Store)(nil)

// Open opens the store in the file at path, creating the file and its
// parent directory when missing, and brings the schema up to date.
func Open(ctx context.Context, path string) (*Store, error) {
	if path == "" {
		return nil, errors.New("open sqlite store: empty path")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("open sqlite store: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o750); err != nil {
		return nil, fmt.Errorf("open sqlite store: create directory: %w", err)
	}
	if err := private.SQLite(abs); err != nil {
		return nil, fmt.Errorf("open sqlite store: %w", err)
	}
	w, err := pool(abs, 1)
	if err != nil {
		return nil, err
	}
	if err := prepare(ctx, w); err != nil {
		_ = w.Close()
		return nil, fmt.Errorf("open sqlite store %s: %w", abs, err)
	}
	r, err := pool(abs, maxReaders)
	if err != nil {
		_ = w.Close()
		return nil, err
	}
	return &Store{db: newStmtDB(w, r), evidenceDir: filepath.Join(filepath.Dir(abs), "evidence"), now: time.Now}, nil
}

// pool opens a pool of at most n connections on the file.
func pool(abs string, n int) (*sql.DB, error) {
	db, err := sql.Open("sqlite", dsn(abs))
	if err != nil {
		return nil, fmt.Errorf("open sqlite store: %v", err)
	}
	db.SetMaxOpenConns(n)
	db.SetMaxIdleConns(n)
	return db, nil
}

// prepare switches the file to WAL and migrates the schema. Both steps are
// retried while another process holds the file: SQLite may answer them
// SQLITE_BUSY at once, without waiting on busy_timeout, when two processes
// open a new file together.
func prepare(ctx context.Context, db *sql.DB) error {
	if err := retryBusy(ctx, func() error { return useWAL(ctx, db) }); err != nil {
		return err
	}
	return retryBusy(ctx, func() error { return migrate(ctx, db) })
}

// useWAL puts the file in WAL mode. The mode is stored in the file, so it
// is set once here rather than by every new connection.
func useWAL(ctx context.Context, db *sql.DB) error {
	var mode string
	if err := db.QueryRowContext(ctx, "PRAGMA journal_mode = WAL").Scan(&mode); err != nil {
		return fmt.Errorf("set WAL journal mode: %w", mapErr(err))
	}
	if !strings.EqualFold(mode, "wal") {
		return fmt.Errorf("set WAL journal mode: file stays in %s mode", mode)
	}
	return nil
}

// dsn is the driver's name for the file: a file: URI, so that any byte of
// the path survives, with the settings every pooled connection applies
// (none of them takes a lock). _txlock=immediate makes a transaction take
// the write lock when it begins, so it waits on busy_timeout rather than
// failing when a read transaction would upgrade.
func dsn(abs string) string {
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // a Windows drive letter
	}
	q := url.Values{}
	q.Set("_busy_timeout", strconv.FormatInt(busyTimeout.Milliseconds(), 10))
	q.Set("_foreign_keys", "1")
	q.Set("_synchronous", "FULL")
	q.Set("_txlock", "immediate")
	u := url.URL{Scheme: "file", Path: p, RawQuery: q.Encode()}
	return u.String()
}

// Ping checks that the file answers a query.
func (s *Store) Ping(ctx context.Context) error {
	var one int
	if err := s.db.QueryRowContext(ctx, "SELECT 1").Scan(&one); err != nil {
		return fmt.Errorf("ping sqlite store: %w", mapErr(err))
	}
	return nil
}

// Close closes the pools; the last connection checkpoints the WAL.
func (s *Store) Close(context.Context) error {
	if err := s.db.Close(); err != nil {
		return fmt.Errorf("close sqlite store: %v", err)
	}
	return nil
}
