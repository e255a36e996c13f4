package sqlite

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/kinerjabot/kinerjabot/storage"
)

// amongNIPs adds to a query's WHERE clause that the row's nip is among
// nips (a JSON array, one argument), when nips is not nil.
func amongNIPs(query string, args []any, nips []string) (string, []any) {
	if nips == nil {
		return query, args
	}
	list, _ := json.Marshal(nips) // strings always marshal
	return query + " AND nip IN (SELECT value FROM json_each(?))", append(args, string(list))
}

// ReportedAmong returns which of nips have a report dated date, by NIP.
func (s *Store) ReportedAmong(ctx context.Context, date string, nips []string) ([]string, error) {
	if err := storage.CheckAmong(nips); err != nil {
		return nil, fmt.Errorf("reported among: %w", err)
	}
	all, err := s.reportersOn(ctx, date, append([]string{}, nips...))
	if err != nil {
		return nil, fmt.Errorf("reported among on %s: %w", date, mapErr(err))
	}
	return all, nil
}

// MinutesAmong is MinutesBetween for the people of nips.
func (s *Store) MinutesAmong(ctx context.Context, from, to string, nips []string) (map[string]int, error) {
	if err := storage.CheckAmong(nips); err != nil {
		return nil, fmt.Errorf("minutes among: %w", err)
	}
	all, err := s.minutesBetween(ctx, from, to, append([]string{}, nips...), storage.StatusPending, storage.StatusApproved)
	if err != nil {
		return nil, fmt.Errorf("minutes among %s..%s: %w", from, to, mapErr(err))
	}
	return all, nil
}

// ApprovedMinutesAmong is MinutesAmong of approved reports only.
func (s *Store) ApprovedMinutesAmong(ctx context.Context, from, to string, nips []string) (map[string]int, error) {
	if err := storage.CheckAmong(nips); err != nil {
		return nil, fmt.Errorf("approved minutes among: %w", err)
	}
	all, err := s.minutesBetween(ctx, from, to, append([]string{}, nips...), storage.StatusApproved, storage.StatusApproved)
	if err != nil {
		return nil, fmt.Errorf("approved minutes among %s..%s: %w", from, to, mapErr(err))
	}
	return all, nil
}
