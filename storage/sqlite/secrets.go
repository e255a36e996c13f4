package sqlite

import (
	"context"
	"fmt"

	"github.com/kinerjabot/kinerjabot/storage"
)

// surveyKeyName is the survey key's row in secrets.
const surveyKeyName = "survey"

const (
	insertSecretSQL = `INSERT INTO secrets (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING`
	selectSecretSQL = `SELECT value FROM secrets WHERE name = ?`
)

// SurveyKey stores candidate as the survey key unless one is stored (the
// first insert wins; the others change nothing), then returns the stored
// key.
func (s *Store) SurveyKey(ctx context.Context, candidate []byte) ([]byte, error) {
	if len(candidate) == 0 {
		return nil, fmt.Errorf("survey key: %w: empty candidate", storage.ErrInvalid)
	}
	if _, err := s.db.ExecContext(ctx, insertSecretSQL, surveyKeyName, candidate); err != nil {
		return nil, fmt.Errorf("survey key: store: %w", mapErr(err))
	}
	var key []byte
	if err := s.db.QueryRowContext(ctx, selectSecretSQL, surveyKeyName).Scan(&key); err != nil {
		return nil, fmt.Errorf("survey key: read: %w", mapErr(err))
	}
	return key, nil
}
