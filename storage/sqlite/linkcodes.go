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

// issueLinkCodeSQL stores the NIP's code in one statement. OR REPLACE
// drops the previous code (primary key nip); the SELECT yields no row for
// an unknown NIP, so nothing is written then.
const issueLinkCodeSQL = `
INSERT OR REPLACE INTO link_codes (nip, code_hash, issued_at, expires_at, tries, used_at, used_by)
SELECT nip, ?, ?, ?, 0, NULL, '' FROM employees WHERE nip = ?`

const selectLinkCodeSQL = `
SELECT nip, code_hash, issued_at, expires_at, tries, used_at, used_by FROM link_codes WHERE nip = ?`

// IssueLinkCode stores c as the NIP's only code, fresh. ErrNotFound for
// an unknown NIP.
func (s *Store) IssueLinkCode(ctx context.Context, c storage.LinkCode) error {
	if err := storage.CheckLinkCode(c); err != nil {
		return fmt.Errorf("issue link code nip=%s: %w", ident.MaskNIP(c.NIP), err)
	}
	res, err := s.db.ExecContext(ctx, issueLinkCodeSQL,
		c.CodeHash, millis(stamp(c.IssuedAt, s.now())), millis(c.ExpiresAt), c.NIP)
	if err != nil {
		return fmt.Errorf("issue link code nip=%s: %w", ident.MaskNIP(c.NIP), mapErr(err))
	}
	n, err := res.RowsAffected()
	switch {
	case err != nil:
		return fmt.Errorf("issue link code nip=%s: %w", ident.MaskNIP(c.NIP), mapErr(err))
	case n == 0:
		return fmt.Errorf("issue link code nip=%s: %w", ident.MaskNIP(c.NIP), storage.ErrNotFound)
	}
	return nil
}

// RedeemLinkCode judges the attempt and writes its outcome in one short
// transaction over the code's row. The transaction takes the write lock
// when it begins (see dsn), so concurrent redemptions, from any connection
// or process, run one after the other: the first to match marks the code
// used, and the others find it used.
func (s *Store) RedeemLinkCode(ctx context.Context, nip, codeHash, by string, now time.Time) (storage.LinkCode, error) {
	c, err := s.redeem(ctx, nip, codeHash, by, now)
	if err != nil {
		return c, fmt.Errorf("redeem link code nip=%s: %w", ident.MaskNIP(nip), err)
	}
	return c, nil
}

func (s *Store) redeem(ctx context.Context, nip, codeHash, by string, now time.Time) (storage.LinkCode, error) {
	if codeHash == "" {
		return storage.LinkCode{}, fmt.Errorf("%w: empty code hash", storage.ErrInvalid)
	}
	var c storage.LinkCode
	var verdict error
	err := s.db.tx(ctx, func(tx *sql.Tx) error {
		var err error
		c, err = scanLinkCode(tx.QueryRowContext(ctx, selectLinkCodeSQL, nip))
		if err != nil {
			return err
		}
		var write storage.RedeemWrite
		write, verdict = storage.JudgeRedeem(c, codeHash, by, now)
		switch write {
		case storage.RedeemMarkUsed:
			c.UsedAt, c.UsedBy = fromMillis(millis(now)), by
			_, err = tx.ExecContext(ctx, "UPDATE link_codes SET used_at = ?, used_by = ? WHERE nip = ?", millis(now), by, nip)
		case storage.RedeemCountTry:
			c.Tries++
			_, err = tx.ExecContext(ctx, "UPDATE link_codes SET tries = tries + 1 WHERE nip = ?", nip)
		}
		return err
	})
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return storage.LinkCode{}, storage.ErrLinkCodeNone
	case err != nil:
		return storage.LinkCode{}, mapErr(err)
	}
	return c, verdict
}

func scanLinkCode(row *sql.Row) (storage.LinkCode, error) {
	var (
		c               storage.LinkCode
		issued, expires int64
		usedAt          sql.Null[int64]
	)
	if err := row.Scan(&c.NIP, &c.CodeHash, &issued, &expires, &c.Tries, &usedAt, &c.UsedBy); err != nil {
		return storage.LinkCode{}, err
	}
	c.IssuedAt, c.ExpiresAt = fromMillis(issued), fromMillis(expires)
	if usedAt.Valid {
		c.UsedAt = fromMillis(usedAt.V)
	}
	return c, nil
}
