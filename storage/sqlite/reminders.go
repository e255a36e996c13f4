package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/kinerjabot/kinerjabot/ident"
	"github.com/kinerjabot/kinerjabot/storage"
)

// Every reminder write is one statement, its condition in the WHERE
// clause, so it is atomic whichever process or connection races it.

const reminderColumns = `key, kind, nip, date, status, run_id, reason, created_at, updated_at`

// claimReminderSQL inserts the key queued under the run, or takes over a
// row queued under any run (the same run claiming again keeps it):
// excluded.status is the queued the insert gives. A row sending, sent or
// failed is left alone and no row comes back.
const claimReminderSQL = `
INSERT INTO reminders (` + reminderColumns + `)
VALUES (?, ?, ?, ?, ?, ?, '', ?, ?)
ON CONFLICT (key) DO UPDATE SET run_id = excluded.run_id, updated_at = excluded.updated_at
WHERE reminders.status = excluded.status
RETURNING ` + reminderColumns

const startReminderSQL = `
UPDATE reminders SET status = ?, updated_at = ?
WHERE key = ? AND run_id = ? AND status = ?`

const finishReminderSQL = `
UPDATE reminders SET status = ?, reason = ?, updated_at = ?
WHERE key = ? AND run_id = ? AND status IN (?, ?)`

const releaseReminderSQL = `DELETE FROM reminders WHERE key = ? AND run_id = ? AND status = ?`

// touchAccountSQL never moves last_seen_at back: messages handled out of
// order must not make an older account look the latest.
const touchAccountSQL = `
UPDATE accounts SET last_seen_at = MAX(COALESCE(last_seen_at, ?), ?)
WHERE nip = ? AND platform = ?`

const upsertHolidaySQL = `
INSERT INTO holidays (date, name, units) VALUES (?, ?, ?)
ON CONFLICT (date) DO UPDATE SET name = excluded.name, units = excluded.units`

const pendingSummariesSQL = `
SELECT supervisor_nip, COUNT(*), MIN(submitted_at) FROM activities
WHERE status = ? AND submitted_at < ? GROUP BY supervisor_nip ORDER BY supervisor_nip`

// minutesBetweenSQL sums the minutes inside the content JSON column. The
// unary + keeps the planner off the status index (every approved report
// ever): it seeks the date range, or each NIP's range when a list of
// people is added (75 ms → 2 ms for 100 people among 26,000 reports).
const minutesBetweenSQL = `
SELECT nip, SUM(json_extract(content, '$.minutes')) FROM activities
WHERE date >= ? AND date <= ? AND +status IN (?, ?)`

// appendAuditSQL is decideSQL without the decision: pending at the version
// is the condition.
const appendAuditSQL = `
UPDATE activities SET audit = json_insert(audit, '$[#]', json(?)), updated_at = ?
WHERE id = ? AND status = ? AND version = ?
RETURNING ` + activityColumns

// ClaimReminder records r queued under r.RunID unless its key is known,
// and takes over a key found queued. It returns whether r.RunID now holds
// the key, and the stored record.
func (s *Store) ClaimReminder(ctx context.Context, r storage.Reminder) (bool, storage.Reminder, error) {
	if err := storage.CheckReminder(r); err != nil {
		return false, storage.Reminder{}, fmt.Errorf("claim reminder key=%s: %w", r.Key, err)
	}
	now := s.now()
	got, err := scanReminder(s.db.QueryRowContext(ctx, claimReminderSQL,
		r.Key, r.Kind, r.NIP, r.Date, string(storage.ReminderQueued), r.RunID,
		millis(stamp(r.CreatedAt, now)), millis(stamp(r.UpdatedAt, now))))
	if err == nil {
		return true, got, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return false, storage.Reminder{}, fmt.Errorf("claim reminder key=%s: %w", r.Key, mapErr(err))
	}
	// Not queued: it never is again, nor deleted, so this reads the row
	// the claim found.
	got, err = s.getReminder(ctx, r.Key)
	if err != nil {
		return false, storage.Reminder{}, fmt.Errorf("claim reminder key=%s: %w", r.Key, err)
	}
	return false, got, nil
}

// StartReminder moves key from queued to sending if runID holds it.
func (s *Store) StartReminder(ctx context.Context, key, runID string) error {
	res, err := s.db.ExecContext(ctx, startReminderSQL, string(storage.ReminderSending), millis(s.now()),
		key, runID, string(storage.ReminderQueued))
	if err == nil {
		err = s.reminderChanged(ctx, res, key)
	}
	if err != nil {
		return fmt.Errorf("start reminder key=%s run=%s: %w", key, runID, err)
	}
	return nil
}

// FinishReminder records the outcome of a key runID holds, queued or
// sending.
func (s *Store) FinishReminder(ctx context.Context, key, runID string, status storage.ReminderStatus, reason string) error {
	if status != storage.ReminderSent && status != storage.ReminderFailed {
		return fmt.Errorf("finish reminder key=%s: %w: status %q", key, storage.ErrInvalid, status)
	}
	res, err := s.db.ExecContext(ctx, finishReminderSQL, string(status), reason, millis(s.now()),
		key, runID, string(storage.ReminderQueued), string(storage.ReminderSending))
	if err == nil {
		err = s.reminderChanged(ctx, res, key)
	}
	if err != nil {
		return fmt.Errorf("finish reminder key=%s run=%s status=%s: %w", key, runID, status, err)
	}
	return nil
}

// reminderChanged is nil when the conditional update changed the row;
// otherwise ErrConflict, or ErrNotFound when the key is unknown.
func (s *Store) reminderChanged(ctx context.Context, res sql.Result, key string) error {
	n, err := res.RowsAffected()
	if err != nil {
		return mapErr(err)
	}
	if n > 0 {
		return nil
	}
	var one int
	if err := s.db.QueryRowContext(ctx, "SELECT 1 FROM reminders WHERE key = ?", key).Scan(&one); err != nil {
		return mapErr(err)
	}
	return storage.ErrConflict
}

// ReleaseReminder forgets a key still queued under runID; anything else is
// left alone.
func (s *Store) ReleaseReminder(ctx context.Context, key, runID string) error {
	if _, err := s.db.ExecContext(ctx, releaseReminderSQL, key, runID, string(storage.ReminderQueued)); err != nil {
		return fmt.Errorf("release reminder key=%s run=%s: %w", key, runID, mapErr(err))
	}
	return nil
}

// GetReminder returns the record of key, or ErrNotFound.
func (s *Store) GetReminder(ctx context.Context, key string) (storage.Reminder, error) {
	r, err := s.getReminder(ctx, key)
	if err != nil {
		return storage.Reminder{}, fmt.Errorf("get reminder key=%s: %w", key, err)
	}
	return r, nil
}

func (s *Store) getReminder(ctx context.Context, key string) (storage.Reminder, error) {
	r, err := scanReminder(s.db.QueryRowContext(ctx, "SELECT "+reminderColumns+" FROM reminders WHERE key = ?", key))
	if err != nil {
		return storage.Reminder{}, mapErr(err)
	}
	return r, nil
}

func scanReminder(row scanner) (storage.Reminder, error) {
	var (
		r                storage.Reminder
		status           string
		created, updated int64
	)
	if err := row.Scan(&r.Key, &r.Kind, &r.NIP, &r.Date, &status, &r.RunID, &r.Reason, &created, &updated); err != nil {
		return storage.Reminder{}, err
	}
	r.Status = storage.ReminderStatus(status)
	r.CreatedAt, r.UpdatedAt = fromMillis(created), fromMillis(updated)
	return r, nil
}

// SetReminders turns nip's staff reminders on or off. ErrNotFound for an
// unknown NIP.
func (s *Store) SetReminders(ctx context.Context, nip string, on bool) error {
	return s.setOff(ctx, "set reminders", "UPDATE employees SET reminders_off = ? WHERE nip = ?", nip, on)
}

// TouchAccount records that nip wrote from their account on platform at
// at (the store's clock when zero), unless a later time is recorded.
// Touching an unlinked platform does nothing; ErrNotFound for an unknown
// NIP.
func (s *Store) TouchAccount(ctx context.Context, nip, platform string, at time.Time) error {
	if err := storage.CheckPlatform(platform); err != nil {
		return fmt.Errorf("touch account nip=%s: %w", ident.MaskNIP(nip), err)
	}
	ms := millis(stamp(at, s.now()))
	res, err := s.db.ExecContext(ctx, touchAccountSQL, ms, ms, nip, platform)
	if err == nil {
		var n int64
		if n, err = res.RowsAffected(); err == nil && n == 0 {
			var one int // no such account: fine, unless no such employee
			err = s.db.QueryRowContext(ctx, "SELECT 1 FROM employees WHERE nip = ?", nip).Scan(&one)
		}
	}
	if err != nil {
		return fmt.Errorf("touch account nip=%s platform=%s: %w", ident.MaskNIP(nip), platform, mapErr(err))
	}
	return nil
}

// UpsertHoliday adds the holiday or renames it. A bad date is ErrInvalid.
func (s *Store) UpsertHoliday(ctx context.Context, h storage.Holiday) error {
	if err := storage.CheckHoliday(h); err != nil {
		return fmt.Errorf("upsert holiday: %w", err)
	}
	if _, err := s.db.ExecContext(ctx, upsertHolidaySQL, h.Date, h.Name, strings.Join(h.Units, " ")); err != nil {
		return fmt.Errorf("upsert holiday date=%s: %w", h.Date, mapErr(err))
	}
	return nil
}

// DeleteHoliday removes the holiday of the date, if any. A bad date is
// ErrInvalid.
func (s *Store) DeleteHoliday(ctx context.Context, date string) error {
	if err := storage.CheckHoliday(storage.Holiday{Date: date}); err != nil {
		return fmt.Errorf("delete holiday: %w", err)
	}
	if _, err := s.db.ExecContext(ctx, "DELETE FROM holidays WHERE date = ?", date); err != nil {
		return fmt.Errorf("delete holiday date=%s: %w", date, mapErr(err))
	}
	return nil
}

// ListHolidays returns the holidays dated from..to inclusive, by date.
func (s *Store) ListHolidays(ctx context.Context, from, to string) ([]storage.Holiday, error) {
	all, err := s.listHolidays(ctx, from, to)
	if err != nil {
		return nil, fmt.Errorf("list holidays %s..%s: %w", from, to, mapErr(err))
	}
	return all, nil
}

func (s *Store) listHolidays(ctx context.Context, from, to string) ([]storage.Holiday, error) {
	rows, err := s.db.QueryContext(ctx,
		"SELECT date, name, units FROM holidays WHERE date >= ? AND date <= ? ORDER BY date", from, to)
	if err != nil {
		return nil, err
	}
	defer func() { _ = rows.Close() }()
	all := []storage.Holiday{}
	for rows.Next() {
		var h storage.Holiday
		var units string
		if err := rows.Scan(&h.Date, &h.Name, &units); err != nil {
			return nil, err
		}
		if units != "" {
			h.Units = strings.Fields(units)
		}
		all = append(all, h)
	}
	return all, rows.Err()
}

// ReportersOn returns, in NIP order and once each, who has a report of any
// status dated date.
func (s *Store) ReportersOn(ctx context.Context, date string) ([]string, error) {
	all, err := s.reportersOn(ctx, date, nil)
	if err != nil {
		return nil, fmt.Errorf("reporters on %s: %w", date, mapErr(err))
	}
	return all, nil
}

// reportersOn is ReportersOn, of the people of nips only when not nil
// (one statement for any number: a JSON array).
func (s *Store) reportersOn(ctx context.Context, date string, nips []string) ([]string, error) {
	query, args := "SELECT DISTINCT nip FROM activities WHERE date = ?", []any{date}
	query, args = amongNIPs(query, args, nips)
	rows, err := s.db.QueryContext(ctx, query+" ORDER BY nip", args...)
	if err != nil {
		return nil, err
	}
	defer func() { _ = rows.Close() }()
	all := []string{}
	for rows.Next() {
		var nip string
		if err := rows.Scan(&nip); err != nil {
			return nil, err
		}
		all = append(all, nip)
	}
	return all, rows.Err()
}

// PendingSummaries counts the pending reports on each supervisor's list,
// with the oldest submission, by supervisor NIP: one statement, one
// snapshot.
func (s *Store) PendingSummaries(ctx context.Context, before time.Time) ([]storage.PendingSummary, error) {
	all, err := s.pendingSummaries(ctx, before)
	if err != nil {
		return nil, fmt.Errorf("pending summaries: %w", mapErr(err))
	}
	return all, nil
}

func (s *Store) pendingSummaries(ctx context.Context, before time.Time) ([]storage.PendingSummary, error) {
	rows, err := s.db.QueryContext(ctx, pendingSummariesSQL, string(storage.StatusPending), millis(before))
	if err != nil {
		return nil, err
	}
	defer func() { _ = rows.Close() }()
	all := []storage.PendingSummary{}
	for rows.Next() {
		var (
			p      storage.PendingSummary
			oldest int64
		)
		if err := rows.Scan(&p.SupervisorNIP, &p.Count, &oldest); err != nil {
			return nil, err
		}
		p.OldestSubmittedAt = fromMillis(oldest)
		all = append(all, p)
	}
	return all, rows.Err()
}

// ListPendingSubmittedBefore returns every pending report submitted before
// t (at millisecond precision), oldest submission first.
func (s *Store) ListPendingSubmittedBefore(ctx context.Context, t time.Time, limit int) ([]storage.Activity, error) {
	if err := storage.CheckPendingLimit(limit); err != nil {
		return nil, fmt.Errorf("list pending submitted before: %w", err)
	}
	rows, err := s.db.QueryContext(ctx, selectActivitySQL+
		" WHERE status = ? AND submitted_at < ? ORDER BY submitted_at, id LIMIT ?", string(storage.StatusPending), millis(t), limit)
	if err != nil {
		return nil, fmt.Errorf("list pending submitted before %s: %w", t.UTC().Format(time.RFC3339), mapErr(err))
	}
	all, _, err := scanActivities(rows, false)
	if err != nil {
		return nil, fmt.Errorf("list pending submitted before %s: %w", t.UTC().Format(time.RFC3339), mapErr(err))
	}
	for i := range all {
		all[i] = storage.ProjectPending(all[i])
	}
	return all, nil
}

// MinutesBetween sums each person's minutes of pending and approved
// reports dated from..to inclusive; people with none are absent.
func (s *Store) MinutesBetween(ctx context.Context, from, to string) (map[string]int, error) {
	all, err := s.minutesBetween(ctx, from, to, nil, storage.StatusPending, storage.StatusApproved)
	if err != nil {
		return nil, fmt.Errorf("minutes between %s..%s: %w", from, to, mapErr(err))
	}
	return all, nil
}

// minutesBetween is MinutesBetween, of the people of nips only when not
// nil, summing the reports of status a or b (the same twice: one status).
func (s *Store) minutesBetween(ctx context.Context, from, to string, nips []string, a, b storage.Status) (map[string]int, error) {
	query, args := minutesBetweenSQL, []any{from, to, string(a), string(b)}
	query, args = amongNIPs(query, args, nips)
	rows, err := s.db.QueryContext(ctx, query+" GROUP BY nip", args...)
	if err != nil {
		return nil, err
	}
	defer func() { _ = rows.Close() }()
	all := map[string]int{}
	for rows.Next() {
		var (
			nip     string
			minutes sql.Null[int64] // NULL only if no report had minutes
		)
		if err := rows.Scan(&nip, &minutes); err != nil {
			return nil, err
		}
		all[nip] = int(minutes.V)
	}
	return all, rows.Err()
}

// AppendAudit adds e to the audit of a report still pending at version,
// stamping a zero At with the store's clock and a zero Version with
// version: ErrConflict when it is not, ErrNotFound for an unknown id.
func (s *Store) AppendAudit(ctx context.Context, id string, version int, e storage.AuditEntry) (storage.Activity, error) {
	now := s.now()
	e.At = stamp(e.At, now)
	if e.Version == 0 {
		e.Version = version
	}
	entry, err := encodeJSON(toAuditJSON(e))
	if err != nil {
		return storage.Activity{}, fmt.Errorf("append audit id=%s: %w", id, err)
	}
	a, err := s.conditional(ctx, id, appendAuditSQL, entry, millis(now), id, string(storage.StatusPending), version)
	if err != nil {
		return storage.Activity{}, fmt.Errorf("append audit id=%s version=%d action=%s: %w", id, version, e.Action, err)
	}
	return a, nil
}
