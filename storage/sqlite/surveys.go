package sqlite

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/kinerjabot/kinerjabot/ident"
	"github.com/kinerjabot/kinerjabot/storage"
)

const insertSurveySQL = `
INSERT INTO surveys (id, unit_code, counter, date, mode, a1, a2, a3, a4, a5, a6, a7, a8, a9, comment, chat_hash, at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (id) DO NOTHING`

// surveyStatsSQL counts the respondents and sums each element in one
// statement, one snapshot. SUM of no rows, or of NULLs only (the elements
// a quick rating lacks), is NULL: 0 here.
const surveyStatsSQL = `
SELECT COUNT(*),
	COALESCE(SUM(a1), 0), COALESCE(SUM(a2), 0), COALESCE(SUM(a3), 0),
	COALESCE(SUM(a4), 0), COALESCE(SUM(a5), 0), COALESCE(SUM(a6), 0),
	COALESCE(SUM(a7), 0), COALESCE(SUM(a8), 0), COALESCE(SUM(a9), 0)
FROM surveys WHERE unit_code = ? AND mode = ? AND date >= ? AND date <= ?`

const surveyCommentsSQL = `
SELECT comment FROM surveys
WHERE unit_code = ? AND mode = ? AND date >= ? AND date <= ? AND comment <> ''
ORDER BY at, id LIMIT ?`

const insertFeedbackSQL = `
INSERT INTO feedback (id, from_nip, to_nip, value, note, anonymous, date, at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (id) DO NOTHING`

const feedbackColumns = `id, from_nip, to_nip, value, note, anonymous, date, at`

const feedbackGivenSQL = `
SELECT ` + feedbackColumns + ` FROM feedback
WHERE from_nip = ? AND date = ? ORDER BY at, id`

// feedbackCountsSQL takes the receivers as one JSON array parameter.
const feedbackCountsSQL = `
SELECT value, COUNT(*) FROM feedback
WHERE to_nip IN (SELECT j.value FROM json_each(?) AS j) AND date >= ? AND date <= ?
GROUP BY value ORDER BY value`

// AddSurvey stores a survey. Storing an ID again changes nothing. A survey
// that breaks the rules of storage.Survey is ErrInvalid (see storage.CheckSurvey);
// a zero At is stamped with the store's clock.
func (s *Store) AddSurvey(ctx context.Context, sv storage.Survey) error {
	if err := storage.CheckSurvey(sv); err != nil {
		return fmt.Errorf("add survey id=%s: %w", sv.ID, err)
	}
	var answers [storage.SKMElements]sql.Null[int64]
	for i, a := range sv.Answers {
		answers[i] = sql.Null[int64]{V: int64(a), Valid: true}
	}
	args := []any{sv.ID, sv.UnitCode, sv.Counter, sv.Date, sv.Mode}
	for _, a := range answers {
		args = append(args, a)
	}
	args = append(args, sv.Comment, sv.ChatHash, millis(stamp(sv.At, s.now())))
	if _, err := s.db.ExecContext(ctx, insertSurveySQL, args...); err != nil {
		return fmt.Errorf("add survey id=%s unit=%s: %w", sv.ID, sv.UnitCode, mapErr(err))
	}
	return nil
}

// HasSurvey reports whether a survey with the id is stored.
func (s *Store) HasSurvey(ctx context.Context, id string) (bool, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, "SELECT COUNT(*) FROM surveys WHERE id = ?", id).Scan(&n); err != nil {
		return false, fmt.Errorf("has survey id=%s: %w", id, mapErr(err))
	}
	return n > 0, nil
}

// SurveyStats counts the unit's surveys of the mode dated from..to
// (inclusive) and sums each element's answers, in SQL.
func (s *Store) SurveyStats(ctx context.Context, unit, mode, from, to string) (storage.SurveyStats, error) {
	var st storage.SurveyStats
	dest := []any{&st.Respondents}
	for i := range st.Sums {
		dest = append(dest, &st.Sums[i])
	}
	if err := s.db.QueryRowContext(ctx, surveyStatsSQL, unit, mode, from, to).Scan(dest...); err != nil {
		return storage.SurveyStats{}, fmt.Errorf("survey stats unit=%s mode=%s: %w", unit, mode, mapErr(err))
	}
	return st, nil
}

// SurveyComments returns the non-empty comments of the unit's surveys of
// the mode dated from..to, oldest first, at most limit. A negative limit is
// ErrInvalid; limit 0 returns none.
func (s *Store) SurveyComments(ctx context.Context, unit, mode, from, to string, limit int) ([]string, error) {
	if limit < 0 {
		return nil, fmt.Errorf("survey comments: %w: limit %d", storage.ErrInvalid, limit)
	}
	comments, err := s.surveyComments(ctx, unit, mode, from, to, limit)
	if err != nil {
		return nil, fmt.Errorf("survey comments unit=%s mode=%s: %w", unit, mode, mapErr(err))
	}
	return comments, nil
}

func (s *Store) surveyComments(ctx context.Context, unit, mode, from, to string, limit int) ([]string, error) {
	comments := []string{}
	if limit == 0 {
		return comments, nil // LIMIT 0 would do too; no need to ask
	}
	rows, err := s.db.QueryContext(ctx, surveyCommentsSQL, unit, mode, from, to, limit)
	if err != nil {
		return nil, err
	}
	defer func() { _ = rows.Close() }()
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, err
		}
		comments = append(comments, c)
	}
	return comments, rows.Err()
}

// AddFeedback stores a feedback. Storing an ID again changes nothing. A
// feedback that breaks the rules of storage.Feedback is ErrInvalid (see
// storage.CheckFeedback); a zero At is stamped with the store's clock.
func (s *Store) AddFeedback(ctx context.Context, f storage.Feedback) error {
	if err := storage.CheckFeedback(f); err != nil {
		return fmt.Errorf("add feedback id=%s: %w", f.ID, err)
	}
	_, err := s.db.ExecContext(ctx, insertFeedbackSQL, f.ID, f.FromNIP, f.ToNIP, f.Value, f.Note, f.Anonymous,
		f.Date, millis(stamp(f.At, s.now())))
	if err != nil {
		return fmt.Errorf("add feedback id=%s from=%s to=%s: %w",
			f.ID, ident.MaskNIP(f.FromNIP), ident.MaskNIP(f.ToNIP), mapErr(err))
	}
	return nil
}

// FeedbackGiven lists what fromNIP gave on the date, oldest first.
func (s *Store) FeedbackGiven(ctx context.Context, fromNIP, date string) ([]storage.Feedback, error) {
	all, err := s.feedbackGiven(ctx, fromNIP, date)
	if err != nil {
		return nil, fmt.Errorf("feedback given nip=%s: %w", ident.MaskNIP(fromNIP), mapErr(err))
	}
	return all, nil
}

func (s *Store) feedbackGiven(ctx context.Context, fromNIP, date string) ([]storage.Feedback, error) {
	return queryAll(ctx, s.db, scanFeedback, feedbackGivenSQL, fromNIP, date)
}

// scanFeedback reads a row of feedbackColumns.
func scanFeedback(row scanner) (storage.Feedback, error) {
	var (
		f  storage.Feedback
		at int64
	)
	if err := row.Scan(&f.ID, &f.FromNIP, &f.ToNIP, &f.Value, &f.Note, &f.Anonymous, &f.Date, &at); err != nil {
		return storage.Feedback{}, err
	}
	f.At = fromMillis(at)
	return f, nil
}

// FeedbackCounts counts the feedback received by any of nips dated
// from..to, by value, in SQL. Values nobody received are absent; no nips
// is an empty map.
func (s *Store) FeedbackCounts(ctx context.Context, nips []string, from, to string) (map[int]int, error) {
	counts := map[int]int{}
	if len(nips) == 0 {
		return counts, nil
	}
	list, err := encodeJSON(nips)
	if err != nil {
		return nil, fmt.Errorf("feedback counts: %w", err)
	}
	if err := s.feedbackCounts(ctx, list, from, to, counts); err != nil {
		return nil, fmt.Errorf("feedback counts of %d NIPs: %w", len(nips), mapErr(err))
	}
	return counts, nil
}

func (s *Store) feedbackCounts(ctx context.Context, list, from, to string, counts map[int]int) error {
	rows, err := s.db.QueryContext(ctx, feedbackCountsSQL, list, from, to)
	if err != nil {
		return err
	}
	defer func() { _ = rows.Close() }()
	for rows.Next() {
		var value, n int
		if err := rows.Scan(&value, &n); err != nil {
			return err
		}
		counts[value] = n
	}
	return rows.Err()
}
