package sqlite

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/kinerjabot/kinerjabot/ident"
	"github.com/kinerjabot/kinerjabot/storage"
)

const recordPracticeSQL = `
INSERT INTO practices (nip, role, date, at) VALUES (?, ?, ?, ?)
ON CONFLICT (nip, role) DO UPDATE SET date = excluded.date, at = excluded.at`

// The NIPs come as one JSON array, so a batch is one statement; both
// reads are on a primary key's or an index's prefix (nip).
const (
	practicesOfSQL = `
SELECT nip, role, date, at FROM practices WHERE nip IN (SELECT value FROM json_each(?)) ORDER BY nip, role`
	reportersAmongSQL = `
SELECT DISTINCT nip FROM activities WHERE nip IN (SELECT value FROM json_each(?)) ORDER BY nip`
)

// RecordPractice stores the latest practice of (NIP, role).
func (s *Store) RecordPractice(ctx context.Context, p storage.Practice) error {
	if err := storage.CheckPractice(p); err != nil {
		return fmt.Errorf("record practice nip=%s: %w", ident.MaskNIP(p.NIP), err)
	}
	if _, err := s.exec(ctx, recordPracticeSQL, p.NIP, string(p.Role), p.Date, millis(stamp(p.At, s.now()))); err != nil {
		return fmt.Errorf("record practice nip=%s: %w", ident.MaskNIP(p.NIP), mapErr(err))
	}
	return nil
}

// PracticesOf returns the practice records of the NIPs.
func (s *Store) PracticesOf(ctx context.Context, nips []string) ([]storage.Practice, error) {
	all, err := s.practicesOf(ctx, nips)
	if err != nil {
		return nil, fmt.Errorf("practices of %d people: %w", len(nips), err)
	}
	return all, nil
}

func (s *Store) practicesOf(ctx context.Context, nips []string) ([]storage.Practice, error) {
	list, err := nipArray(nips)
	if err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, practicesOfSQL, list)
	if err != nil {
		return nil, mapErr(err)
	}
	defer func() { _ = rows.Close() }()
	all := []storage.Practice{}
	for rows.Next() {
		var p storage.Practice
		var role string
		var at int64
		if err := rows.Scan(&p.NIP, &role, &p.Date, &at); err != nil {
			return nil, mapErr(err)
		}
		p.Role, p.At = storage.PracticeRole(role), fromMillis(at)
		all = append(all, p)
	}
	return all, mapErr(rows.Err())
}

// ReportersAmong returns those of the NIPs who have filed a report.
func (s *Store) ReportersAmong(ctx context.Context, nips []string) ([]string, error) {
	all, err := s.reportersAmong(ctx, nips)
	if err != nil {
		return nil, fmt.Errorf("reporters among %d people: %w", len(nips), err)
	}
	return all, nil
}

func (s *Store) reportersAmong(ctx context.Context, nips []string) ([]string, error) {
	list, err := nipArray(nips)
	if err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, reportersAmongSQL, list)
	if err != nil {
		return nil, mapErr(err)
	}
	defer func() { _ = rows.Close() }()
	all := []string{}
	for rows.Next() {
		var nip string
		if err := rows.Scan(&nip); err != nil {
			return nil, mapErr(err)
		}
		all = append(all, nip)
	}
	return all, mapErr(rows.Err())
}

// nipArray is a bounded batch of NIPs as a JSON array.
func nipArray(nips []string) (string, error) {
	if err := storage.CheckNIPBatch(nips); err != nil {
		return "", err
	}
	raw, err := json.Marshal(append([]string{}, nips...))
	if err != nil {
		return "", fmt.Errorf("encode nips: %w", err)
	}
	return string(raw), nil
}
