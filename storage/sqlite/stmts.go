package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/kinerjabot/kinerjabot/storage"
)

// maxStmts bounds the statement cache: the store's queries are a fixed set
// (a few are assembled from fixed parts), so the bound is only a guard.
const maxStmts = 256

// stmtDB is the database as two pools on the one file, with every query
// prepared once and reused (SQLite would otherwise parse each statement
// again on every call: a fifth of the store's CPU under load; database/sql
// prepares a statement on each connection it runs on and keeps it):
//
//   - the writer, one connection (the embedded *sql.DB), for every
//     statement that writes and every transaction. SQLite takes one writer
//     at a time anyway; queueing for the connection in Go replaces each
//     waiting writer sleeping and retrying in SQLite's busy handler.
//   - the readers, maxReaders connections, for the SELECTs, which WAL lets
//     run beside the writer: a write lock held elsewhere (a long import, a
//     stuck tool) leaves reads working.
//
// Each pool has a gate: once a statement finds its side unavailable
// (locked or stuck past its bound), the gate closes and the side's
// statements fail at once, so the people writing during an outage are told
// at once instead of each waiting the bound; one probe at a time tries the
// side, and the first success opens the gate again.
type stmtDB struct {
	w, r  *sql.DB // the writer, the readers
	mu    sync.RWMutex
	stmts map[string]*sql.Stmt
	wg    *gate // the writer's
	rg    *gate // the readers'
	stop  context.CancelFunc
	// writing is the writer's turn, taken before its connection: while
	// one statement waits out SQLite's busy timeout the others wait here,
	// where the gate closing sends them away at once.
	writing chan struct{}
}

// errDown is what statements fail with while their side is taken for down.
var errDown = fmt.Errorf("%w: the database did not answer a moment ago", storage.ErrUnavailable)

// Probing while a side is down: how often, and how long one probe may take.
const (
	probeEvery   = 200 * time.Millisecond
	probeTimeout = 2 * time.Second
)

// gate is one side's outage state.
type gate struct {
	down atomic.Bool
	// closing is closed when the gate closes (a new one is made when it
	// opens): what waits for the side stops waiting then.
	mu      sync.Mutex
	closing chan struct{}
	probe   func(context.Context) error
	ctx     context.Context // ends at Close
}

func newGate(ctx context.Context, probe func(context.Context) error) *gate {
	return &gate{ctx: ctx, probe: probe, closing: make(chan struct{})}
}

// closed returns the channel closed when the gate next closes.
func (g *gate) closed() <-chan struct{} {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.closing
}

// observe closes the gate when err says the side is unavailable (not when
// the caller gave up), and starts the probe that opens it again.
func (g *gate) observe(parent context.Context, err error) {
	if err == nil || parent.Err() != nil {
		return
	}
	if !errors.Is(mapErr(err), storage.ErrUnavailable) && !errors.Is(err, context.DeadlineExceeded) {
		return
	}
	if g.down.CompareAndSwap(false, true) {
		g.mu.Lock()
		close(g.closing)
		g.mu.Unlock()
		go g.watch()
	}
}

// open opens the gate again.
func (g *gate) open() {
	g.mu.Lock()
	g.closing = make(chan struct{})
	g.mu.Unlock()
	g.down.Store(false)
}

// watch probes until the side answers, then opens the gate.
func (g *gate) watch() {
	t := time.NewTicker(probeEvery)
	defer t.Stop()
	for {
		select {
		case <-g.ctx.Done():
			return
		case <-t.C:
		}
		ctx, cancel := context.WithTimeout(g.ctx, probeTimeout)
		err := g.probe(ctx)
		cancel()
		if err == nil {
			g.open()
			return
		}
	}
}

func newStmtDB(w, r *sql.DB) *stmtDB {
	ctx, stop := context.WithCancel(context.Background())
	d := &stmtDB{w: w, r: r, stmts: map[string]*sql.Stmt{}, stop: stop, writing: make(chan struct{}, 1)}
	d.wg = newGate(ctx, func(ctx context.Context) error {
		select { // the writer's turn, whatever the gate says
		case d.writing <- struct{}{}:
		case <-ctx.Done():
			return ctx.Err()
		}
		defer func() { <-d.writing }()
		tx, err := w.BeginTx(ctx, nil) // BEGIN IMMEDIATE: takes the write lock
		if err != nil {
			return err
		}
		return tx.Rollback()
	})
	d.rg = newGate(ctx, func(ctx context.Context) error {
		var n int
		return r.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master").Scan(&n)
	})
	return d
}

// reads tells whether query only reads: SELECT (or WITH … SELECT), which
// go to the readers. Everything else (INSERT … RETURNING included) writes.
func reads(query string) bool {
	q := strings.TrimLeft(query, " \t\r\n(")
	word, _, _ := strings.Cut(q, " ")
	word, _, _ = strings.Cut(word, "\n")
	return strings.EqualFold(word, "SELECT") || strings.EqualFold(word, "WITH")
}

// side returns the pool and gate of query.
func (d *stmtDB) side(query string) (*sql.DB, *gate) {
	if reads(query) {
		return d.r, d.rg
	}
	return d.w, d.wg
}

// turn waits for the writer's turn when db is the writer; release ends it.
// It fails at once while the writer's gate is closed, and when the gate
// closes during the wait.
func (d *stmtDB) turn(ctx context.Context, db *sql.DB) (release func(), err error) {
	if db != d.w {
		return func() {}, nil
	}
	select {
	case d.writing <- struct{}{}:
	case <-d.wg.closed():
		return nil, errDown
	case <-ctx.Done():
		return nil, fmt.Errorf("%w: waiting for the writer: %w", storage.ErrUnavailable, ctx.Err())
	}
	if d.wg.down.Load() {
		<-d.writing
		return nil, errDown
	}
	return func() { <-d.writing }, nil
}

// stmt returns the prepared statement of query on db, or nil when it
// cannot be prepared now (the caller then runs the query unprepared, which
// reports the error the same way).
func (d *stmtDB) stmt(ctx context.Context, db *sql.DB, query string) *sql.Stmt {
	d.mu.RLock()
	st := d.stmts[query]
	d.mu.RUnlock()
	if st != nil {
		return st
	}
	// Prepared outside the lock: preparing reads the schema, which can be
	// stuck as long as the database is, and must not hold up the
	// statements already prepared.
	st, err := db.PrepareContext(ctx, query)
	if err != nil {
		return nil
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	if have := d.stmts[query]; have != nil || len(d.stmts) >= maxStmts {
		_ = st.Close()
		return have
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
	db, g := d.side(query)
	if g.down.Load() {
		return nil, errDown
	}
	ctx, cancel := context.WithTimeout(parent, opTimeout)
	defer cancel()
	release, err := d.turn(ctx, db)
	if err != nil {
		g.observe(parent, err)
		return nil, err
	}
	defer release()
	var res sql.Result
	if st := d.stmt(ctx, db, query); st != nil {
		res, err = st.ExecContext(ctx, args...)
	} else {
		res, err = db.ExecContext(ctx, query, args...)
	}
	g.observe(parent, err)
	return res, err
}

// QueryContext's and QueryRowContext's results are read after they return,
// so their deadline is left to lapse (its timer then frees the context).
func (d *stmtDB) QueryContext(parent context.Context, query string, args ...any) (*sql.Rows, error) {
	db, g := d.side(query)
	if g.down.Load() {
		return nil, errDown
	}
	ctx, cancel := context.WithTimeout(parent, opTimeout)
	time.AfterFunc(opTimeout, cancel)
	release, err := d.turn(ctx, db)
	if err != nil {
		g.observe(parent, err)
		return nil, err
	}
	defer release() // the statement has run its first step
	type result struct {
		rows *sql.Rows
		err  error
	}
	res, ok := within(ctx, d, db, func() result {
		if st := d.stmt(ctx, db, query); st != nil {
			rows, err := st.QueryContext(ctx, args...)
			return result{rows, err}
		}
		rows, err := db.QueryContext(ctx, query, args...)
		return result{rows, err}
	}, func(r result) {
		if r.rows != nil {
			_ = r.rows.Close()
		}
	})
	if !ok {
		res.err = errStuck
	}
	g.observe(parent, res.err)
	return res.rows, res.err
}

// errStuck is what a read fails with when SQLite did not return within
// opTimeout (it does not always heed the context: with the WAL index's
// locks held elsewhere it retries for about ten seconds).
var errStuck = fmt.Errorf("%w: the database did not answer within %v", storage.ErrUnavailable, opTimeout)

// within runs a read and returns its result, or gives up when ctx ends
// before it returns (ok false): the read goes on in the background and
// discard frees its result then. Only reads are left behind this way; a
// write given up on might still commit, so writes are waited for.
func within[T any](ctx context.Context, d *stmtDB, db *sql.DB, run func() T, discard func(T)) (v T, ok bool) {
	if db != d.r {
		return run(), true
	}
	ch := make(chan T, 1)
	go func() { ch <- run() }()
	select {
	case v = <-ch:
		return v, true
	case <-ctx.Done():
		go func() { discard(<-ch) }()
		return v, false
	}
}

// QueryRowContext's error comes at Scan, after it returns: the gate learns
// of it from the rows' context ending (observeRow).
func (d *stmtDB) QueryRowContext(parent context.Context, query string, args ...any) *sql.Row {
	db, g := d.side(query)
	if g.down.Load() {
		// A row that fails at Scan, at once: its context is already done.
		dead, cancel := context.WithCancelCause(parent)
		cancel(errDown)
		return db.QueryRowContext(dead, query, args...)
	}
	ctx, cancel := context.WithTimeout(parent, opTimeout)
	time.AfterFunc(opTimeout, cancel)
	release, err := d.turn(ctx, db)
	if err != nil {
		g.observe(parent, err)
		dead, cancel := context.WithCancelCause(parent)
		cancel(err)
		return db.QueryRowContext(dead, query, args...)
	}
	defer release() // the statement has run its first step
	row, ok := within(ctx, d, db, func() *sql.Row {
		if st := d.stmt(ctx, db, query); st != nil {
			return st.QueryRowContext(ctx, args...)
		}
		return db.QueryRowContext(ctx, query, args...)
	}, func(r *sql.Row) { _ = r.Scan() }) // Scan closes the row's rows (and fails: no destinations)
	if !ok {
		g.observe(parent, errStuck)
		dead, cancel := context.WithCancelCause(parent)
		cancel(errStuck)
		return db.QueryRowContext(dead, query, args...)
	}
	g.observe(parent, row.Err())
	return row
}

// tx runs fn in a transaction on the writer, in the writer's turn, and
// commits it when fn returns nil. The transaction takes the write lock
// when it begins (_txlock=immediate), and is bounded by opTimeout.
func (d *stmtDB) tx(parent context.Context, fn func(*sql.Tx) error) error {
	if d.wg.down.Load() {
		return errDown
	}
	ctx, cancel := context.WithTimeout(parent, opTimeout)
	defer cancel()
	release, err := d.turn(ctx, d.w)
	if err != nil {
		d.wg.observe(parent, err)
		return err
	}
	defer release()
	tx, err := d.w.BeginTx(ctx, nil)
	if err != nil {
		d.wg.observe(parent, err)
		return err
	}
	defer func() { _ = tx.Rollback() }()
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}

// Close closes the statements, then both pools.
func (d *stmtDB) Close() error {
	d.stop()
	d.mu.Lock()
	for _, st := range d.stmts {
		_ = st.Close()
	}
	d.stmts = map[string]*sql.Stmt{}
	d.mu.Unlock()
	return errors.Join(d.r.Close(), d.w.Close())
}
