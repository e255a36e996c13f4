package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	sqlitedrv "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"github.com/kinerjabot/kinerjabot/storage"
)

// mapErr turns a driver error into a storage sentinel. Driver error values
// never leave the package: other errors keep only their text. Context
// errors pass through so callers can still tell a cancelled call.
func mapErr(err error) error {
	if err == nil {
		return nil
	}
	if isSentinel(err) {
		return err
	}
	if errors.Is(err, sql.ErrNoRows) {
		return storage.ErrNotFound
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	var se *sqlitedrv.Error
	if !errors.As(err, &se) {
		return fmt.Errorf("sqlite: %v", err)
	}
	switch code := se.Code(); {
	case code == sqlite3.SQLITE_CONSTRAINT_UNIQUE, code == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
		return fmt.Errorf("%w: %v", storage.ErrConflict, err)
	case code&0xff == sqlite3.SQLITE_BUSY, code&0xff == sqlite3.SQLITE_LOCKED:
		return fmt.Errorf("%w: %v", storage.ErrUnavailable, err)
	}
	return fmt.Errorf("sqlite: %v", err)
}

// isSentinel reports whether err is already a storage error, mapped before.
func isSentinel(err error) bool {
	return errors.Is(err, storage.ErrNotFound) || errors.Is(err, storage.ErrConflict) ||
		errors.Is(err, storage.ErrUnavailable) || errors.Is(err, storage.ErrInvalid)
}
