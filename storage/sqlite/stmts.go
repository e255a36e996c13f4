package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/kinerjabot/kinerjabot/storage"
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
	// downUntil (Unix ns): a statement failed for want of the database
	// (locked, stuck) this recently; until then every statement fails at
	// once instead of each waiting its full bound, so the people writing
	// during an outage are told at once.
	downUntil atomic.Int64
}

// downFor is how long statements fail fast after one found the database
// unavailable; the first statement after it tries again.
const downFor = time.Second

// errDown is what statements fail with while the database is taken for
// down.
var errDown = fmt.Errorf("%w: the database did not answer a moment ago", storage.ErrUnavailable)

func (d *stmtDB) down() bool { return time.Now().UnixNano() < d.downUntil.Load() }

// observe takes the database for down when err says it is unavailable
// (not when the caller gave up).
func (d *stmtDB) observe(parent context.Context, err error) {
	if err == nil || parent.Err() != nil {
		return
	}
	if errors.Is(mapErr(err), storage.ErrUnavailable) || errors.Is(err, context.DeadlineExceeded) {
		d.downUntil.Store(time.Now().Add(downFor).UnixNano())
	}
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

func (d *stmtDB) ExecContext(parent context.Context, query string, args ...any) (sql.Result, error) {
	if d.down() {
		return nil, errDown
	}
	ctx, cancel := context.WithTimeout(parent, opTimeout)
	defer cancel()
	var res sql.Result
	var err error
	if st := d.stmt(ctx, query); st != nil {
		res, err = st.ExecContext(ctx, args...)
	} else {
		res, err = d.DB.ExecContext(ctx, query, args...)
	}
	d.observe(parent, err)
	return res, err
}

// QueryContext's and QueryRowContext's results are read after they return,
// so their deadline is left to lapse (its timer then frees the context).
func (d *stmtDB) QueryContext(parent context.Context, query string, args ...any) (*sql.Rows, error) {
	if d.down() {
		return nil, errDown
	}
	ctx, cancel := context.WithTimeout(parent, opTimeout)
	time.AfterFunc(opTimeout, cancel)
	var rows *sql.Rows
	var err error
	if st := d.stmt(ctx, query); st != nil {
		rows, err = st.QueryContext(ctx, args...)
	} else {
		rows, err = d.DB.QueryContext(ctx, query, args...)
	}
	d.observe(parent, err)
	return rows, err
}

func (d *stmtDB) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if d.down() {
		// A row that fails at Scan, at once: its context is already done.
		dead, cancel := context.WithCancelCause(ctx)
		cancel(errDown)
		return d.DB.QueryRowContext(dead, query, args...)
	}
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
