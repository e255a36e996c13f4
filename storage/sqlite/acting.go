package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/kinerjabot/kinerjabot/storage"
)

const (
	upsertActingSQL = `INSERT INTO acting (id, list) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET list = excluded.list`
	selectActingSQL = `SELECT list FROM acting WHERE id = 1`
)

// ListActing implements storage.Reader.
func (s *Store) ListActing(ctx context.Context) ([]storage.Acting, error) {
	var raw string
	err := s.db.QueryRowContext(ctx, selectActingSQL).Scan(&raw)
	if errors.Is(err, sql.ErrNoRows) {
		return []storage.Acting{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("list acting: %w", mapErr(err))
	}
	list := []storage.Acting{}
	if err := json.Unmarshal([]byte(raw), &list); err != nil {
		return nil, fmt.Errorf("list acting: decode: %w", err)
	}
	return list, nil
}

// ReplaceActing implements storage.Store: one row, replaced.
func (s *Store) ReplaceActing(ctx context.Context, list []storage.Acting) error {
	raw, err := actingJSON(list)
	if err != nil {
		return fmt.Errorf("replace acting: %w", err)
	}
	if _, err := s.db.ExecContext(ctx, upsertActingSQL, raw); err != nil {
		return fmt.Errorf("replace acting: %w", mapErr(err))
	}
	return nil
}

const (
	swapActingSQL   = `UPDATE acting SET list = ? WHERE id = 1 AND list = ?`
	insertActingSQL = `INSERT INTO acting (id, list) VALUES (1, ?) ON CONFLICT (id) DO NOTHING`
)

// SwapActing implements storage.Store: one conditional update of the row
// (the lists are compared in their JSON form, which encoding/json writes
// the same way for equal lists), or, when old is empty and no row exists
// yet, one insert that does nothing should another insert win.
func (s *Store) SwapActing(ctx context.Context, old, list []storage.Acting) error {
	oldRaw, err := actingJSON(old)
	if err != nil {
		return fmt.Errorf("swap acting: %w", err)
	}
	raw, err := actingJSON(list)
	if err != nil {
		return fmt.Errorf("swap acting: %w", err)
	}
	n, err := s.exec(ctx, swapActingSQL, raw, oldRaw)
	if err == nil && n == 0 && len(old) == 0 {
		n, err = s.exec(ctx, insertActingSQL, raw)
	}
	switch {
	case err != nil:
		return fmt.Errorf("swap acting: %w", mapErr(err))
	case n == 0:
		return fmt.Errorf("swap acting: %w: the list changed meanwhile", storage.ErrConflict)
	}
	return nil
}

// actingJSON is the stored form of a list (nil as empty).
func actingJSON(list []storage.Acting) (string, error) {
	if list == nil {
		list = []storage.Acting{}
	}
	raw, err := json.Marshal(list)
	if err != nil {
		return "", fmt.Errorf("encode acting: %w", err)
	}
	return string(raw), nil
}

// exec runs a statement and returns how many rows it changed.
func (s *Store) exec(ctx context.Context, query string, args ...any) (int64, error) {
	res, err := s.db.ExecContext(ctx, query, args...)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}
