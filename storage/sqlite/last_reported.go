package sqlite

import (
	"context"
	"fmt"

	"github.com/kinerjabot/kinerjabot/storage"
)

// lastReportedSQL reads each person's latest report date from the
// activities_nip_date index (one seek per NIP).
const lastReportedSQL = `SELECT nip, MAX(date) FROM activities WHERE 1`

// LastReportedAmong returns each of nips' latest report date.
func (s *Store) LastReportedAmong(ctx context.Context, nips []string) (map[string]string, error) {
	if err := storage.CheckAmong(nips); err != nil {
		return nil, fmt.Errorf("last reported among: %w", err)
	}
	out := map[string]string{}
	if len(nips) == 0 {
		return out, nil
	}
	query, args := amongNIPs(lastReportedSQL, nil, nips)
	rows, err := s.db.QueryContext(ctx, query+" GROUP BY nip", args...)
	if err != nil {
		return nil, fmt.Errorf("last reported among: %w", mapErr(err))
	}
	defer func() { _ = rows.Close() }()
	for rows.Next() {
		var nip, date string
		if err := rows.Scan(&nip, &date); err != nil {
			return nil, fmt.Errorf("last reported among: %w", mapErr(err))
		}
		out[nip] = date
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("last reported among: %w", mapErr(err))
	}
	return out, nil
}
