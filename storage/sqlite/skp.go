package sqlite

import (
	"context"
	"fmt"

	"github.com/kinerjabot/kinerjabot/ident"
	"github.com/kinerjabot/kinerjabot/storage"
)

const upsertSKPTargetSQL = `
INSERT INTO skp_targets (id, nip, period, kind, rhk, indikator, target, satuan, updated_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (id) DO UPDATE SET
	nip = excluded.nip, period = excluded.period, kind = excluded.kind, rhk = excluded.rhk,
	indikator = excluded.indikator, target = excluded.target, satuan = excluded.satuan,
	updated_at = excluded.updated_at`

const selectSKPTargetSQL = `
SELECT id, nip, period, kind, rhk, indikator, target, satuan, updated_at FROM skp_targets`

// orderSKPTargetsSQL: utama, then tambahan, then any other kind; within a
// kind by RHK, indicator and id (byte order, as the MongoDB store sorts).
const orderSKPTargetsSQL = `
ORDER BY CASE kind WHEN '` + storage.SKPKindUtama + `' THEN 0 WHEN '` + storage.SKPKindTambahan + `' THEN 1 ELSE 2 END,
	kind, rhk, indikator, id`

// UpsertSKPTarget creates the target or replaces its fields, by ID.
func (s *Store) UpsertSKPTarget(ctx context.Context, t storage.SKPTarget) error {
	if t.ID == "" {
		return fmt.Errorf("upsert SKP target: %w: empty id", storage.ErrInvalid)
	}
	_, err := s.db.ExecContext(ctx, upsertSKPTargetSQL, t.ID, t.NIP, t.Period, t.Kind, t.RHK, t.Indikator,
		t.Target, t.Satuan, millis(stamp(t.UpdatedAt, s.now())))
	if err != nil {
		return fmt.Errorf("upsert SKP target id=%s nip=%s: %w", t.ID, ident.MaskNIP(t.NIP), mapErr(err))
	}
	return nil
}

// GetSKPTarget returns the target with the id, or ErrNotFound.
func (s *Store) GetSKPTarget(ctx context.Context, id string) (storage.SKPTarget, error) {
	t, err := scanSKPTarget(s.db.QueryRowContext(ctx, selectSKPTargetSQL+" WHERE id = ?", id))
	if err != nil {
		return storage.SKPTarget{}, fmt.Errorf("get SKP target id=%s: %w", id, mapErr(err))
	}
	return t, nil
}

// ListSKPTargets returns nip's targets for the period, utama first, then
// tambahan, each by RHK.
func (s *Store) ListSKPTargets(ctx context.Context, nip, period string) ([]storage.SKPTarget, error) {
	rows, err := s.db.QueryContext(ctx, selectSKPTargetSQL+" WHERE nip = ? AND period = ?"+orderSKPTargetsSQL, nip, period)
	if err != nil {
		return nil, fmt.Errorf("list SKP targets nip=%s: %w", ident.MaskNIP(nip), mapErr(err))
	}
	defer func() { _ = rows.Close() }()
	all := []storage.SKPTarget{}
	for rows.Next() {
		t, err := scanSKPTarget(rows)
		if err != nil {
			return nil, fmt.Errorf("list SKP targets nip=%s: %w", ident.MaskNIP(nip), mapErr(err))
		}
		all = append(all, t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list SKP targets nip=%s: %w", ident.MaskNIP(nip), mapErr(err))
	}
	return all, nil
}

func scanSKPTarget(row scanner) (storage.SKPTarget, error) {
	var (
		t       storage.SKPTarget
		updated int64
	)
	if err := row.Scan(&t.ID, &t.NIP, &t.Period, &t.Kind, &t.RHK, &t.Indikator, &t.Target, &t.Satuan, &updated); err != nil {
		return storage.SKPTarget{}, err
	}
	t.UpdatedAt = fromMillis(updated)
	return t, nil
}
