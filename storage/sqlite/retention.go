package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"

	"github.com/kinerjabot/kinerjabot/storage"
)

// scanEvidenceSQL pages through evidence in (created_at, id) order over
// the evidence_created_at_id index.
const scanEvidenceSQL = `
SELECT id, activity_id, nip, created_at FROM evidence
WHERE created_at >= ? AND created_at < ? AND (created_at, id) > (?, ?)
ORDER BY created_at, id LIMIT ?`

const activitiesAmongSQL = `SELECT id FROM activities WHERE id IN (SELECT value FROM json_each(?))`

// forgetSurveyChatsSQL clears at most a batch of hashes: the rows still
// holding one, oldest first, over the surveys_chat_hash_at index.
const forgetSurveyChatsSQL = `
UPDATE surveys SET chat_hash = '' WHERE id IN (
	SELECT id FROM surveys WHERE chat_hash > '' AND at < ? ORDER BY chat_hash, at LIMIT ?)`

const deleteLinkCodesSQL = `
DELETE FROM link_codes WHERE nip IN (
	SELECT nip FROM link_codes WHERE expires_at < ? ORDER BY expires_at LIMIT ?)`

// ScanEvidence implements storage.RetentionStore.
func (s *Store) ScanEvidence(ctx context.Context, q storage.EvidenceScan) ([]storage.Evidence, error) {
	if err := storage.CheckRetentionLimit(q.Limit); err != nil {
		return nil, fmt.Errorf("scan evidence: %w", err)
	}
	rows, err := s.db.QueryContext(ctx, scanEvidenceSQL, millis(q.From), millis(q.Before), millis(q.AfterAt), q.AfterID, q.Limit)
	if err != nil {
		return nil, fmt.Errorf("scan evidence: %w", mapErr(err))
	}
	defer rows.Close()
	out := []storage.Evidence{}
	for rows.Next() {
		var e storage.Evidence
		var created int64
		if err := rows.Scan(&e.ID, &e.ActivityID, &e.NIP, &created); err != nil {
			return nil, fmt.Errorf("scan evidence: %w", mapErr(err))
		}
		e.CreatedAt = fromMillis(created)
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("scan evidence: %w", mapErr(err))
	}
	return out, nil
}

// ActivitiesAmong implements storage.RetentionStore.
func (s *Store) ActivitiesAmong(ctx context.Context, ids []string) ([]string, error) {
	if len(ids) > storage.MaxRetentionBatch {
		return nil, fmt.Errorf("activities among: %w", storage.CheckRetentionLimit(len(ids)))
	}
	list, _ := json.Marshal(append([]string{}, ids...)) // strings always marshal; nil as []
	rows, err := s.db.QueryContext(ctx, activitiesAmongSQL, string(list))
	if err != nil {
		return nil, fmt.Errorf("activities among: %w", mapErr(err))
	}
	defer rows.Close()
	out := []string{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("activities among: %w", mapErr(err))
		}
		out = append(out, id)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("activities among: %w", mapErr(err))
	}
	return out, nil
}

// DeleteEvidence removes the record, its bands and its bytes in one
// transaction; a photo stored before schemaV17 (no bytes row) then loses
// its file: a failure in between leaves a file no record points at, which
// a later call for the same id removes (it is idempotent), never a record
// without its bytes.
func (s *Store) DeleteEvidence(ctx context.Context, id string) error {
	if err := storage.CheckEvidenceID(id); err != nil {
		return fmt.Errorf("delete evidence: %w", err)
	}
	var rows int64 // bytes rows deleted: 0 for a photo kept as a file
	err := s.db.tx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM evidence_bands WHERE evidence_id = ?`, id); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM evidence_bytes WHERE id = ?`, id)
		if err != nil {
			return err
		}
		if rows, err = res.RowsAffected(); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `DELETE FROM evidence WHERE id = ?`, id)
		return err
	})
	if err != nil {
		return fmt.Errorf("delete evidence id=%s: %w", id, mapErr(err))
	}
	if rows > 0 {
		return nil
	}
	if err := os.Remove(s.evidenceFile(id)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("delete evidence id=%s: remove bytes: %v", id, err)
	}
	return nil
}

// ForgetSurveyChats implements storage.RetentionStore.
func (s *Store) ForgetSurveyChats(ctx context.Context, before time.Time, limit int) (int, error) {
	return s.execBatch(ctx, "forget survey chats", forgetSurveyChatsSQL, before, limit)
}

// DeleteLinkCodes implements storage.RetentionStore.
func (s *Store) DeleteLinkCodes(ctx context.Context, before time.Time, limit int) (int, error) {
	return s.execBatch(ctx, "delete link codes", deleteLinkCodesSQL, before, limit)
}

// execBatch runs a bounded write of the rows before t and counts them.
func (s *Store) execBatch(ctx context.Context, what, query string, before time.Time, limit int) (int, error) {
	if err := storage.CheckRetentionLimit(limit); err != nil {
		return 0, fmt.Errorf("%s: %w", what, err)
	}
	res, err := s.db.ExecContext(ctx, query, millis(before), limit)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", what, mapErr(err))
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("%s: %w", what, mapErr(err))
	}
	return int(n), nil
}
