package sqlite

import (
	"context"
	"database/sql"
	"sync"
	"time"
)

// maxStmts bounds the statement cache: the store's queries are a fixed set
// (a few are assembled from fixed parts), so the bound is only a guard.
const maxStmts = 256

// stmtDB is the database with every query prepared once and reused: SQLite
// would otherwise parse each statement again on every call (a fifth of the
// store's CPU under load). database/sql prepares a statement on each
// connection it runs on and keeps it.
type stmtDB struct {
	*sql.DB
	mu    sync.RWMutex
	stmts map[string]*sql.Stmt
}

func newStmtDB(db *sql.DB) *stmtDB { return &stmtDB{DB: db, stmts: map[string]*sql.Stmt{}} }

// stmt returns the prepared statement of query, or nil when it cannot be
// prepared now (the caller then runs the query unprepared, which reports
// the error the same way).
func (d *stmtDB) stmt(ctx context.Context, query string) *sql.Stmt {
	d.mu.RLock()
	st := d.stmts[query]
	d.mu.RUnlock()
	if st != nil {
		return st
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if st := d.stmts[query]; st != nil {
		return st
	}
	if len(d.stmts) >= maxStmts {
		return nil
	}
	st, err := d.DB.PrepareContext(ctx, query)
	if err != nil {
		return nil
	}
	d.stmts[query] = st
	return st
}

// opTimeout bounds one statement, the wait for a pooled connection
// included: when the database is locked or stuck, every caller fails
// within it (and a person is told "sedang gangguan" within two seconds)
// instead of queueing behind the statements already waiting.
const opTimeout = busyTimeout + 250*time.Millisecond

func (d *stmtDB) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	ctx, cancel := context.WithTimeout(ctx, opTimeout)
	defer cancel()
	if st := d.stmt(ctx, query); st != nil {
		return st.ExecContext(ctx, args...)
	}
	return d.DB.ExecContext(ctx, query, args...)
}

// QueryContext's and QueryRowContext's results are read after they return,
// so their deadline is left to lapse (its timer then frees the context).
func (d *stmtDB) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	ctx, cancel := context.WithTimeout(ctx, opTimeout)
	time.AfterFunc(opTimeout, cancel)
	if st := d.stmt(ctx, query); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return d.DB.QueryContext(ctx, query, args...)
}

func (d *stmtDB) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	ctx, cancel := context.WithTimeout(ctx, opTimeout)
	time.AfterFunc(opTimeout, cancel)
	if st := d.stmt(ctx, query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return d.DB.QueryRowContext(ctx, query, args...)
}

// Close closes the statements, then the database.
func (d *stmtDB) Close() error {
	d.mu.Lock()
	for _, st := range d.stmts {
		_ = st.Close()
	}
	d.stmts = map[string]*sql.Stmt{}
	d.mu.Unlock()
	return d.DB.Close()
}
