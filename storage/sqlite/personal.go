package sqlite

import (
	"context"
	"fmt"

	"github.com/kinerjabot/kinerjabot/ident"
	"github.com/kinerjabot/kinerjabot/storage"
)

// FeedbackOf returns the feedback nip gave and received, each by At then ID.
func (s *Store) FeedbackOf(ctx context.Context, nip string) (given, received []storage.Feedback, err error) {
	const q = `SELECT ` + feedbackColumns + ` FROM feedback WHERE %s = ? ORDER BY at, id`
	if given, err = queryAll(ctx, s.db, scanFeedback, fmt.Sprintf(q, "from_nip"), nip); err != nil {
		return nil, nil, fmt.Errorf("feedback given by nip=%s: %w", ident.MaskNIP(nip), mapErr(err))
	}
	if received, err = queryAll(ctx, s.db, scanFeedback, fmt.Sprintf(q, "to_nip"), nip); err != nil {
		return nil, nil, fmt.Errorf("feedback received by nip=%s: %w", ident.MaskNIP(nip), mapErr(err))
	}
	return given, received, nil
}

// RemindersOf returns the reminders recorded for nip, by date then key.
func (s *Store) RemindersOf(ctx context.Context, nip string) ([]storage.Reminder, error) {
	all, err := queryAll(ctx, s.db, scanReminder,
		"SELECT "+reminderColumns+" FROM reminders WHERE nip = ? ORDER BY date, key", nip)
	if err != nil {
		return nil, fmt.Errorf("reminders of nip=%s: %w", ident.MaskNIP(nip), mapErr(err))
	}
	return all, nil
}

// EvidenceOf returns the evidence records nip sent, by creation then id.
func (s *Store) EvidenceOf(ctx context.Context, nip string) ([]storage.Evidence, error) {
	all, err := queryAll(ctx, s.db, scanEvidence, selectEvidenceSQL+" WHERE nip = ? ORDER BY created_at, id", nip)
	if err != nil {
		return nil, fmt.Errorf("evidence of nip=%s: %w", ident.MaskNIP(nip), mapErr(err))
	}
	return all, nil
}

// queryAll runs a query and scans every row with scan; no rows is an
// empty, non-nil slice.
func queryAll[T any](ctx context.Context, db *stmtDB, scan func(scanner) (T, error), q string, args ...any) ([]T, error) {
	rows, err := db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer func() { _ = rows.Close() }()
	all := []T{}
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		all = append(all, v)
	}
	return all, rows.Err()
}
