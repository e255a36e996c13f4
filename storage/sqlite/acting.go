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
	if list == nil {
		list = []storage.Acting{}
	}
	raw, err := json.Marshal(list)
	if err != nil {
		return fmt.Errorf("replace acting: encode: %w", err)
	}
	if _, err := s.db.ExecContext(ctx, upsertActingSQL, string(raw)); err != nil {
		return fmt.Errorf("replace acting: %w", mapErr(err))
	}
	return nil
}
