package whatsapp

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	_ "github.com/jackc/pgx/v5/stdlib" // PostgreSQL driver "pgx"
	"go.mau.fi/util/dbutil"
	"go.mau.fi/whatsmeow/store"
	"go.mau.fi/whatsmeow/store/sqlstore"
	_ "modernc.org/sqlite" // pure-Go SQLite driver "sqlite"

	"github.com/kinerjabot/kinerjabot/internal/private"
)

// SessionFile is the SQLite file of the WhatsApp session, in the data dir.
const SessionFile = "whatsapp.db"

// Store is the WhatsApp session: whatsmeow's device keys, Signal sessions,
// LID map and contacts, in SQLite (default, a file in the data directory,
// pure Go, no cgo) or PostgreSQL; plus the ChatBook of chats that wrote.
type Store struct {
	Container *sqlstore.Container
	// Device is the paired device, or a new unpaired one (Device.ID nil)
	// that pairing fills in and saves.
	Device *store.Device
	// Chats records who wrote to the bot, in the same database.
	Chats ChatBook
	// Where names the database for logs, password hidden.
	Where string
	db    *sql.DB
}

// Paired reports whether the store holds a paired device.
func (s *Store) Paired() bool { return s.Device != nil && s.Device.ID != nil }

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// OpenStore opens the session database and brings its schema up to date:
// PostgreSQL when dbURL is set (postgres:// or postgresql://), else the
// SQLite file SessionFile in dataDir (created when missing). It loads the
// first device, or makes a new unpaired one.
func OpenStore(ctx context.Context, dbURL, dataDir string, log *slog.Logger) (*Store, error) {
	db, dialect, where, err := openDB(dbURL, dataDir)
	if err != nil {
		return nil, err
	}
	s, err := prepareStore(ctx, db, dialect, log)
	if err != nil {
		_ = db.Close()
		return nil, fmt.Errorf("open whatsapp session %s: %w", where, err)
	}
	s.Where = where
	return s, nil
}

func openDB(dbURL, dataDir string) (db *sql.DB, dialect, where string, err error) {
	if dbURL != "" {
		u, perr := url.Parse(dbURL)
		if perr != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
			return nil, "", "", errors.New("whatsapp session database: want a postgres:// URL")
		}
		db, err = sql.Open("pgx", dbURL)
		if err != nil {
			return nil, "", "", fmt.Errorf("open whatsapp session database: %w", err)
		}
		return db, "postgres", u.Redacted(), nil
	}
	if strings.TrimSpace(dataDir) == "" {
		return nil, "", "", errors.New("whatsapp session: no data directory")
	}
	path, err := filepath.Abs(filepath.Join(dataDir, SessionFile))
	if err != nil {
		return nil, "", "", fmt.Errorf("whatsapp session file: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o750); err != nil {
		return nil, "", "", fmt.Errorf("whatsapp session: create directory: %w", err)
	}
	if err := private.SQLite(path); err != nil {
		return nil, "", "", fmt.Errorf("whatsapp session: %w", err)
	}
	db, err = sql.Open("sqlite", sqliteDSN(path))
	if err != nil {
		return nil, "", "", fmt.Errorf("open whatsapp session file: %w", err)
	}
	return db, "sqlite", path, nil
}

// sqliteDSN names the session file for modernc.org/sqlite, whose driver
// whatsmeow's dbutil reads as the "sqlite" dialect (any name starting with
// "sqlite"). whatsmeow requires foreign keys on; WAL with a busy timeout
// lets the event goroutine and senders share the file, and immediate
// transactions take the write lock up front rather than fail on upgrade.
func sqliteDSN(abs string) string {
	p := filepath.ToSlash(abs)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	q := url.Values{}
	q.Set("_foreign_keys", "1")
	q.Set("_journal_mode", "WAL")
	q.Set("_busy_timeout", "10000")
	q.Set("_synchronous", "FULL")
	q.Set("_txlock", "immediate")
	return (&url.URL{Scheme: "file", Path: p, RawQuery: q.Encode()}).String()
}

func prepareStore(ctx context.Context, db *sql.DB, dialect string, log *slog.Logger) (*Store, error) {
	wrapped, err := dbutil.NewWithDB(db, dialect)
	if err != nil {
		return nil, err
	}
	container := sqlstore.NewWithDB(db, dialect, newWALogger(log, "store"))
	if err := container.Upgrade(ctx); err != nil {
		return nil, fmt.Errorf("migrate whatsmeow tables: %w", err)
	}
	chats, err := newSQLChats(ctx, wrapped)
	if err != nil {
		return nil, err
	}
	device, err := container.GetFirstDevice(ctx)
	if err != nil {
		return nil, fmt.Errorf("load device: %w", err)
	}
	return &Store{Container: container, Device: device, Chats: chats, db: db}, nil
}
