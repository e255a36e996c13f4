package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/kinerjabot/kinerjabot/storage"
)

const insertAuditSQL = `
INSERT INTO audit_log (id, at, actor, action, target, detail, unit) VALUES (?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (id) DO NOTHING`

// AppendAuditLog adds a row to the audit log.
func (s *Store) AppendAuditLog(ctx context.Context, r storage.AuditRecord) error {
	r, err := storage.PrepareAuditRecord(r, s.now())
	if err != nil {
		return fmt.Errorf("append audit: %w", err)
	}
	_, err = s.db.ExecContext(ctx, insertAuditSQL, r.ID, millis(r.At), r.Actor, r.Action, r.Target, r.Detail, r.Unit)
	if err != nil {
		return fmt.Errorf("append audit action=%s: %w", r.Action, mapErr(err))
	}
	return nil
}

// ListAuditLog returns a page of the rows f selects, newest first.
func (s *Store) ListAuditLog(ctx context.Context, f storage.AuditFilter) (storage.AuditPage, error) {
	cur, err := storage.CheckAuditFilter(f)
	if err != nil {
		return storage.AuditPage{}, fmt.Errorf("list audit: %w", err)
	}
	if f.Units != nil && len(f.Units) == 0 {
		return storage.AuditPage{Rows: []storage.AuditRecord{}}, nil
	}
	where, args := auditWhere(f, cur)
	q := "SELECT id, at, actor, action, target, detail, unit FROM audit_log" + where +
		" ORDER BY at DESC, id DESC LIMIT ?"
	rows, err := s.db.QueryContext(ctx, q, append(args, f.Limit+1)...)
	if err != nil {
		return storage.AuditPage{}, fmt.Errorf("list audit: %w", mapErr(err))
	}
	out, err := scanAuditRows(rows)
	if err != nil {
		return storage.AuditPage{}, fmt.Errorf("list audit: %w", mapErr(err))
	}
	return storage.AuditPageOf(out, f), nil
}

// auditWhere is the WHERE clause of f (with the cursor's position) and
// its arguments.
func auditWhere(f storage.AuditFilter, cur storage.AuditCursor) (string, []any) {
	var conds []string
	var args []any
	add := func(cond string, a ...any) { conds, args = append(conds, cond), append(args, a...) }
	if !f.From.IsZero() {
		add("at >= ?", millis(f.From))
	}
	if !f.To.IsZero() {
		add("at < ?", millis(f.To))
	}
	if f.Actor != "" {
		add("actor = ?", f.Actor)
	}
	if f.Action != "" {
		add("action = ?", f.Action)
	}
	if f.Units != nil {
		ph := strings.Repeat("?, ", len(f.Units))
		units := make([]any, len(f.Units))
		for i, u := range f.Units {
			units[i] = u
		}
		add("unit IN ("+ph[:len(ph)-2]+")", units...)
	}
	if cur.ID != "" {
		add("(at < ? OR (at = ? AND id < ?))", millis(cur.At), millis(cur.At), cur.ID)
	}
	if len(conds) == 0 {
		return "", nil
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

func scanAuditRows(rows *sql.Rows) ([]storage.AuditRecord, error) {
	defer rows.Close()
	out := []storage.AuditRecord{}
	for rows.Next() {
		var r storage.AuditRecord
		var at int64
		if err := rows.Scan(&r.ID, &at, &r.Actor, &r.Action, &r.Target, &r.Detail, &r.Unit); err != nil {
			return nil, err
		}
		r.At = fromMillis(at)
		out = append(out, r)
	}
	return out, rows.Err()
}
