package metrics

import (
	"context"

	"github.com/kinerjabot/kinerjabot/storage"
)

// The bounded roster reads and the batched roster write
// (storage.EmployeeIndex).

func (s Store) FindEmployees(ctx context.Context, q storage.EmployeeQuery) ([]storage.Employee, error) {
	es, err := s.Store.FindEmployees(ctx, q)
	return es, s.count("find_employees", err)
}

func (s Store) EmployeesByNIP(ctx context.Context, nips []string) ([]storage.Employee, error) {
	es, err := s.Store.EmployeesByNIP(ctx, nips)
	return es, s.count("employees_by_nip", err)
}

func (s Store) UpsertEmployees(ctx context.Context, es []storage.Employee) error {
	return s.count("upsert_employees", s.Store.UpsertEmployees(ctx, es))
}

func (s Store) ReportedAmong(ctx context.Context, date string, nips []string) ([]string, error) {
	out, err := s.Store.ReportedAmong(ctx, date, nips)
	return out, s.count("reported_among", err)
}

func (s Store) MinutesAmong(ctx context.Context, from, to string, nips []string) (map[string]int, error) {
	m, err := s.Store.MinutesAmong(ctx, from, to, nips)
	return m, s.count("minutes_among", err)
}

func (s Store) ApprovedMinutesAmong(ctx context.Context, from, to string, nips []string) (map[string]int, error) {
	m, err := s.Store.ApprovedMinutesAmong(ctx, from, to, nips)
	return m, s.count("approved_minutes_among", err)
}

func (s Store) LastReportedAmong(ctx context.Context, nips []string) (map[string]string, error) {
	m, err := s.Store.LastReportedAmong(ctx, nips)
	return m, s.count("last_reported_among", err)
}
