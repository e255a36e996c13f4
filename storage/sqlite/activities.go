package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/kinerjabot/kinerjabot/ident"
	"github.com/kinerjabot/kinerjabot/storage"
)

const activityColumns = `id, nip, unit_code, supervisor_nip, date, content, status, version,
	history, decision, audit, prompts, submitted_at, created_at, updated_at`

const insertActivitySQL = `
INSERT INTO activities (` + activityColumns + `)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (id) DO NOTHING`

const selectActivitySQL = `SELECT ` + activityColumns + ` FROM activities`

// decideSQL is the whole decision: the WHERE clause is the condition (still
// pending at the version) and one statement is atomic, whichever process or
// connection races it.
const decideSQL = `
UPDATE activities SET status = ?, decision = ?, audit = json_insert(audit, '$[#]', json(?)), updated_at = ?
WHERE id = ? AND status = ? AND version = ?
RETURNING ` + activityColumns

// resubmitSQL pushes the old content to the history: the right-hand sides
// of an UPDATE all see the row as it was before the statement.
const resubmitSQL = `
UPDATE activities SET
	history = json_insert(history, '$[#]', json(content)), content = ?, version = version + 1,
	status = ?, prompts = '[]', decision = NULL, audit = json_insert(audit, '$[#]', json(?)), updated_at = ?
WHERE id = ? AND status = ? AND version = ?
RETURNING ` + activityColumns

// addPromptSQL appends the prompt unless one for the same message is there:
// a prompt is known by its platform, chat and message ids.
const addPromptSQL = `
UPDATE activities SET prompts = json_insert(prompts, '$[#]', json(?))
WHERE id = ? AND NOT EXISTS (
	SELECT 1 FROM json_each(activities.prompts) AS p
	WHERE json_extract(p.value, '$.platform') = ? AND json_extract(p.value, '$.chat_id') = ?
		AND json_extract(p.value, '$.message_id') = ?)`

// listPendingSQL counts every matching row (the window is computed before
// LIMIT and OFFSET), so the page and its total come from one snapshot.
const listPendingSQL = `
SELECT ` + activityColumns + `, COUNT(*) OVER ()
FROM activities WHERE supervisor_nip = ? AND status = ?
ORDER BY submitted_at, id LIMIT ? OFFSET ?`

// CreateActivity stores a new report. Storing an ID again changes nothing.
func (s *Store) CreateActivity(ctx context.Context, a storage.Activity) error {
	if a.ID == "" {
		return fmt.Errorf("create activity: %w: empty id", storage.ErrInvalid)
	}
	args, err := activityArgs(storage.NewActivity(a, s.now()))
	if err != nil {
		return fmt.Errorf("create activity id=%s: %w", a.ID, err)
	}
	if _, err := s.db.ExecContext(ctx, insertActivitySQL, args...); err != nil {
		return fmt.Errorf("create activity id=%s nip=%s: %w", a.ID, ident.MaskNIP(a.NIP), mapErr(err))
	}
	return nil
}

// GetActivity returns the report with the id, or ErrNotFound.
func (s *Store) GetActivity(ctx context.Context, id string) (storage.Activity, error) {
	a, err := scanActivity(s.db.QueryRowContext(ctx, selectActivitySQL+" WHERE id = ?", id))
	if err != nil {
		return storage.Activity{}, fmt.Errorf("get activity id=%s: %w", id, mapErr(err))
	}
	return a, nil
}

// ListActivities returns nip's reports dated from..to inclusive, newest
// date first, then newest submission first.
func (s *Store) ListActivities(ctx context.Context, nip, from, to string) ([]storage.Activity, error) {
	rows, err := s.db.QueryContext(ctx, selectActivitySQL+
		" WHERE nip = ? AND date >= ? AND date <= ? ORDER BY date DESC, submitted_at DESC, id DESC", nip, from, to)
	if err != nil {
		return nil, fmt.Errorf("list activities nip=%s: %w", ident.MaskNIP(nip), mapErr(err))
	}
	all, _, err := scanActivities(rows, false)
	if err != nil {
		return nil, fmt.Errorf("list activities nip=%s: %w", ident.MaskNIP(nip), mapErr(err))
	}
	return all, nil
}

// ListPending returns a page of the pending reports on the supervisor's
// list, oldest submission first, and how many are pending in all. A
// negative offset or limit is ErrInvalid; limit 0 returns only the total.
func (s *Store) ListPending(ctx context.Context, supervisorNIP string, offset, limit int) ([]storage.Activity, int, error) {
	if offset < 0 || limit < 0 {
		return nil, 0, fmt.Errorf("list pending: %w: offset %d, limit %d", storage.ErrInvalid, offset, limit)
	}
	page, total, err := s.listPending(ctx, supervisorNIP, offset, limit)
	if err != nil {
		return nil, 0, fmt.Errorf("list pending nip=%s: %w", ident.MaskNIP(supervisorNIP), mapErr(err))
	}
	return page, total, nil
}

func (s *Store) listPending(ctx context.Context, supervisorNIP string, offset, limit int) ([]storage.Activity, int, error) {
	pending := string(storage.StatusPending)
	rows, err := s.db.QueryContext(ctx, listPendingSQL, supervisorNIP, pending, limit, offset)
	if err != nil {
		return nil, 0, err
	}
	page, total, err := scanActivities(rows, true)
	if err != nil || len(page) > 0 || (offset == 0 && limit > 0) {
		return page, total, err
	}
	// An empty page past the end (or of size 0) carries no count.
	err = s.db.QueryRowContext(ctx,
		"SELECT COUNT(*) FROM activities WHERE supervisor_nip = ? AND status = ?", supervisorNIP, pending).Scan(&total)
	return page, total, err
}

// DecideActivity records the decision if the report is pending at version:
// ErrConflict when it is not, ErrNotFound for an unknown id.
func (s *Store) DecideActivity(ctx context.Context, id string, version int, d storage.Decide) (storage.Activity, error) {
	if err := storage.CheckDecision(d.To); err != nil {
		return storage.Activity{}, fmt.Errorf("decide activity id=%s: %w", id, err)
	}
	now := s.now()
	d.At = stamp(d.At, now)
	var enc encoder
	decision := enc.json(toDecisionJSON(&storage.Decision{
		ByNIP: d.ByNIP, At: d.At, Reason: d.Reason, Platform: d.Platform, AsAdmin: d.AsAdmin, ActingFor: d.ActingFor, Rule: d.Rule,
		Update: d.Update,
	}))
	entry := enc.json(toAuditJSON(storage.AuditEntry{
		At: d.At, Action: storage.DecisionAction(d.To), ByNIP: d.ByNIP, Reason: d.Reason, Platform: d.Platform,
		AsAdmin: d.AsAdmin, ActingFor: d.ActingFor, Rule: d.Rule, Version: version,
	}))
	if enc.err != nil {
		return storage.Activity{}, fmt.Errorf("decide activity id=%s: %w", id, enc.err)
	}
	a, err := s.conditional(ctx, id, decideSQL, string(d.To), decision, entry, millis(now),
		id, string(storage.StatusPending), version)
	if err != nil {
		return storage.Activity{}, fmt.Errorf("decide activity id=%s version=%d to=%s: %w", id, version, d.To, err)
	}
	return a, nil
}

// ResubmitActivity replaces the content of a report in revision at
// version: ErrConflict when it is not, ErrNotFound for an unknown id.
func (s *Store) ResubmitActivity(ctx context.Context, id string, version int, c storage.Content,
	by string, platform string, at time.Time,
) (storage.Activity, error) {
	now := s.now()
	var enc encoder
	content := enc.json(toContentJSON(c))
	entry := enc.json(toAuditJSON(storage.AuditEntry{
		At: stamp(at, now), Action: storage.ActionResubmitted, ByNIP: by, Platform: platform, Version: version + 1,
	}))
	if enc.err != nil {
		return storage.Activity{}, fmt.Errorf("resubmit activity id=%s: %w", id, enc.err)
	}
	a, err := s.conditional(ctx, id, resubmitSQL, content, string(storage.StatusPending), entry, millis(now),
		id, string(storage.StatusRevision), version)
	if err != nil {
		return storage.Activity{}, fmt.Errorf("resubmit activity id=%s version=%d: %w", id, version, err)
	}
	return a, nil
}

// conditional runs a conditional UPDATE … RETURNING of the report id. No
// row back means the condition failed: ErrConflict, or ErrNotFound when
// there is no such report.
func (s *Store) conditional(ctx context.Context, id, query string, args ...any) (storage.Activity, error) {
	a, err := scanActivity(s.db.QueryRowContext(ctx, query, args...))
	if errors.Is(err, sql.ErrNoRows) {
		if err = s.activityExists(ctx, id); err == nil {
			err = storage.ErrConflict
		}
		return storage.Activity{}, err
	}
	if err != nil {
		return storage.Activity{}, mapErr(err)
	}
	return a, nil
}

// activityExists is nil when the report exists, ErrNotFound when not.
func (s *Store) activityExists(ctx context.Context, id string) error {
	var one int
	return mapErr(s.db.QueryRowContext(ctx, "SELECT 1 FROM activities WHERE id = ?", id).Scan(&one))
}

// AddPrompt appends the prompt unless the report has one for the same
// message. ErrNotFound for an unknown id.
func (s *Store) AddPrompt(ctx context.Context, id string, ref storage.MessageRef) error {
	prompt, err := encodeJSON(toPromptJSON(ref))
	if err != nil {
		return fmt.Errorf("add prompt id=%s: %w", id, err)
	}
	res, err := s.db.ExecContext(ctx, addPromptSQL, prompt, id, ref.Platform, ref.ChatID, ref.MessageID)
	if err != nil {
		return fmt.Errorf("add prompt id=%s: %w", id, mapErr(err))
	}
	n, err := res.RowsAffected()
	if err == nil && n == 0 {
		err = s.activityExists(ctx, id) // nil: the prompt was already there
	}
	if err != nil {
		return fmt.Errorf("add prompt id=%s: %w", id, mapErr(err))
	}
	return nil
}

// encoder marshals JSON columns, keeping the first error.
type encoder struct{ err error }

func (e *encoder) json(v any) string {
	if e.err != nil {
		return ""
	}
	s, err := encodeJSON(v)
	e.err = err
	return s
}

// activityArgs are the values of activityColumns for the report.
func activityArgs(a storage.Activity) ([]any, error) {
	var enc encoder
	content := enc.json(toContentJSON(a.Content))
	history := enc.json(mapSlice(a.History, toContentJSON))
	audit := enc.json(mapSlice(a.Audit, toAuditJSON))
	prompts := enc.json(mapSlice(a.Prompts, toPromptJSON))
	var decision sql.Null[string]
	if a.Decision != nil {
		decision = sql.Null[string]{V: enc.json(toDecisionJSON(a.Decision)), Valid: true}
	}
	if enc.err != nil {
		return nil, enc.err
	}
	return []any{a.ID, a.NIP, a.UnitCode, a.SupervisorNIP, a.Date, content, string(a.Status), a.Version,
		history, decision, audit, prompts, millis(a.SubmittedAt), millis(a.CreatedAt), millis(a.UpdatedAt)}, nil
}

// activityRow is one row of activityColumns.
type activityRow struct {
	a                                storage.Activity
	status                           string
	content, history, audit, prompts string
	decision                         sql.Null[string]
	submitted, created, updated      int64
}

func (r *activityRow) dest() []any {
	a := &r.a
	return []any{&a.ID, &a.NIP, &a.UnitCode, &a.SupervisorNIP, &a.Date, &r.content, &r.status, &a.Version,
		&r.history, &r.decision, &r.audit, &r.prompts, &r.submitted, &r.created, &r.updated}
}

func (r *activityRow) activity() (storage.Activity, error) {
	var (
		content contentJSON
		history []contentJSON
		audit   []auditJSON
		prompts []promptJSON
	)
	err := errors.Join(
		decodeJSON("content", r.content, &content),
		decodeJSON("history", r.history, &history),
		decodeJSON("audit", r.audit, &audit),
		decodeJSON("prompts", r.prompts, &prompts),
	)
	var decision *decisionJSON
	if r.decision.Valid {
		err = errors.Join(err, decodeJSON("decision", r.decision.V, &decision))
	}
	if err != nil {
		return storage.Activity{}, fmt.Errorf("activity id=%s: %w", r.a.ID, err)
	}
	a := r.a
	a.Content = content.content()
	a.Status = storage.Status(r.status)
	a.History = nilIfEmpty(mapSlice(history, contentJSON.content))
	a.Decision = decision.decision()
	a.Audit = nilIfEmpty(mapSlice(audit, auditJSON.entry))
	a.Prompts = nilIfEmpty(mapSlice(prompts, promptJSON.ref))
	a.SubmittedAt, a.CreatedAt, a.UpdatedAt = fromMillis(r.submitted), fromMillis(r.created), fromMillis(r.updated)
	return a, nil
}

func scanActivity(row scanner) (storage.Activity, error) {
	var r activityRow
	if err := row.Scan(r.dest()...); err != nil {
		return storage.Activity{}, err
	}
	return r.activity()
}

// scanActivities reads every row; withTotal: each row ends with a count,
// which is returned.
func scanActivities(rows *sql.Rows, withTotal bool) ([]storage.Activity, int, error) {
	defer func() { _ = rows.Close() }()
	all := []storage.Activity{}
	total := 0
	for rows.Next() {
		var r activityRow
		dest := r.dest()
		if withTotal {
			dest = append(dest, &total)
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, 0, err
		}
		a, err := r.activity()
		if err != nil {
			return nil, 0, err
		}
		all = append(all, a)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	return all, total, nil
}
