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

const coachingColumns = `id, from_nip, to_nip, skp_target_id, activity_id, note, at, reply, answer, replied_at`

const insertCoachingSQL = `
INSERT INTO coaching (id, from_nip, to_nip, skp_target_id, activity_id, note, at)
VALUES (?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (id) DO NOTHING`

// replyCoachingSQL is the one reply: only while none is recorded.
const replyCoachingSQL = `
UPDATE coaching SET reply = ?, answer = ?, replied_at = ?
WHERE id = ? AND to_nip = ? AND reply = ''
RETURNING ` + coachingColumns

// coachingPairsSQL: the latest feedback per giver and receiver.
const coachingPairsSQL = `
SELECT from_nip, to_nip, MAX(at) FROM coaching WHERE at >= ?
GROUP BY from_nip, to_nip ORDER BY from_nip, to_nip`

// competencyJPSQL sums the JP of approved competency reports.
const competencyJPSQL = `
SELECT COALESCE(SUM(json_extract(content, '$.jp')), 0) FROM activities
WHERE nip = ? AND date >= ? AND date <= ? AND status = ? AND json_extract(content, '$.kind') = ?`

// AddCoaching stores open feedback; storing an ID again changes nothing.
func (s *Store) AddCoaching(ctx context.Context, c storage.Coaching) error {
	if err := storage.CheckCoaching(c); err != nil {
		return fmt.Errorf("add coaching id=%s: %w", c.ID, err)
	}
	_, err := s.db.ExecContext(ctx, insertCoachingSQL, c.ID, c.FromNIP, c.ToNIP, c.SKPTargetID, c.ActivityID, c.Note,
		millis(stamp(c.At, s.now())))
	if err != nil {
		return fmt.Errorf("add coaching id=%s from=%s to=%s: %w", c.ID, ident.MaskNIP(c.FromNIP), ident.MaskNIP(c.ToNIP), mapErr(err))
	}
	return nil
}

// GetCoaching returns the feedback with the id, or ErrNotFound.
func (s *Store) GetCoaching(ctx context.Context, id string) (storage.Coaching, error) {
	c, err := scanCoaching(s.db.QueryRowContext(ctx, "SELECT "+coachingColumns+" FROM coaching WHERE id = ?", id))
	if err != nil {
		return storage.Coaching{}, fmt.Errorf("get coaching id=%s: %w", id, mapErr(err))
	}
	return c, nil
}

// ReplyCoaching records the one reply of open feedback to toNIP.
func (s *Store) ReplyCoaching(ctx context.Context, id, toNIP string, reply storage.CoachingReply, answer string, at time.Time) (storage.Coaching, error) {
	if err := storage.CheckCoachingReply(reply, answer); err != nil {
		return storage.Coaching{}, fmt.Errorf("reply coaching id=%s: %w", id, err)
	}
	c, err := scanCoaching(s.db.QueryRowContext(ctx, replyCoachingSQL, string(reply), answer, millis(stamp(at, s.now())), id, toNIP))
	if errors.Is(err, sql.ErrNoRows) {
		cur, gerr := s.GetCoaching(ctx, id)
		switch {
		case gerr == nil && cur.ToNIP == toNIP:
			err = storage.ErrConflict
		case gerr == nil || errors.Is(gerr, storage.ErrNotFound):
			err = storage.ErrNotFound
		default:
			return storage.Coaching{}, gerr
		}
	}
	if err != nil {
		return storage.Coaching{}, fmt.Errorf("reply coaching id=%s: %w", id, mapErr(err))
	}
	return c, nil
}

// CoachingReceived returns toNIP's feedback since, newest first.
func (s *Store) CoachingReceived(ctx context.Context, toNIP string, since time.Time, limit int) ([]storage.Coaching, error) {
	if limit < 0 {
		return nil, fmt.Errorf("coaching received: %w: limit %d", storage.ErrInvalid, limit)
	}
	all, err := queryAll(ctx, s.db, scanCoaching, "SELECT "+coachingColumns+
		" FROM coaching WHERE to_nip = ? AND at >= ? ORDER BY at DESC, id LIMIT ?", toNIP, millis(since), limit)
	if err != nil {
		return nil, fmt.Errorf("coaching received nip=%s: %w", ident.MaskNIP(toNIP), mapErr(err))
	}
	return all, nil
}

// CoachingBetween returns the feedback given in [from, to), oldest first.
func (s *Store) CoachingBetween(ctx context.Context, from, to time.Time, limit int) ([]storage.Coaching, error) {
	if limit < 0 {
		return nil, fmt.Errorf("coaching between: %w: limit %d", storage.ErrInvalid, limit)
	}
	all, err := queryAll(ctx, s.db, scanCoaching, "SELECT "+coachingColumns+
		" FROM coaching WHERE at >= ? AND at < ? ORDER BY at, id LIMIT ?", millis(from), millis(to), limit)
	if err != nil {
		return nil, fmt.Errorf("coaching between: %w", mapErr(err))
	}
	return all, nil
}

// CoachingPairsSince returns the latest feedback per giver and receiver.
func (s *Store) CoachingPairsSince(ctx context.Context, since time.Time) ([]storage.CoachingPair, error) {
	all, err := queryAll(ctx, s.db, func(row scanner) (storage.CoachingPair, error) {
		var p storage.CoachingPair
		var last int64
		err := row.Scan(&p.FromNIP, &p.ToNIP, &last)
		p.Last = fromMillis(last)
		return p, err
	}, coachingPairsSQL, millis(since))
	if err != nil {
		return nil, fmt.Errorf("coaching pairs: %w", mapErr(err))
	}
	return all, nil
}

// CompetencyJP sums the JP of nip's approved competency reports.
func (s *Store) CompetencyJP(ctx context.Context, nip, from, to string) (int, error) {
	var jp int
	err := s.db.QueryRowContext(ctx, competencyJPSQL, nip, from, to, string(storage.StatusApproved),
		string(storage.KindCompetency)).Scan(&jp)
	if err != nil {
		return 0, fmt.Errorf("competency JP nip=%s: %w", ident.MaskNIP(nip), mapErr(err))
	}
	return jp, nil
}

// scanCoaching reads a row of coachingColumns.
func scanCoaching(row scanner) (storage.Coaching, error) {
	var (
		c       storage.Coaching
		at      int64
		reply   string
		replied sql.NullInt64
	)
	if err := row.Scan(&c.ID, &c.FromNIP, &c.ToNIP, &c.SKPTargetID, &c.ActivityID, &c.Note, &at, &reply, &c.Answer, &replied); err != nil {
		return storage.Coaching{}, err
	}
	c.At, c.Reply = fromMillis(at), storage.CoachingReply(reply)
	if replied.Valid {
		c.RepliedAt = fromMillis(replied.Int64)
	}
	return c, nil
}
