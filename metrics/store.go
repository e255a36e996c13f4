package metrics

import (
	"context"
	"errors"

	"github.com/kinerjabot/kinerjabot/storage"
)

// Store counts a store's failures by operation. "Not found" and "conflict"
// are answers, not failures, and are not counted.
type Store struct {
	storage.Store
	m *Metrics
}

var _ storage.Store = Store{}

// InstrumentStore wraps st so that its failures show in /metrics.
func (m *Metrics) InstrumentStore(st storage.Store) Store { return Store{Store: st, m: m} }

func (s Store) count(op string, err error) error {
	if err != nil && !errors.Is(err, storage.ErrNotFound) && !errors.Is(err, storage.ErrConflict) {
		s.m.StoreError(op)
	}
	return err
}

func (s Store) GetUnit(ctx context.Context, code string) (storage.Unit, error) {
	u, err := s.Store.GetUnit(ctx, code)
	return u, s.count("get_unit", err)
}

func (s Store) ListUnits(ctx context.Context) ([]storage.Unit, error) {
	us, err := s.Store.ListUnits(ctx)
	return us, s.count("list_units", err)
}

func (s Store) GetEmployee(ctx context.Context, nip string) (storage.Employee, error) {
	e, err := s.Store.GetEmployee(ctx, nip)
	return e, s.count("get_employee", err)
}

func (s Store) EmployeeByPhone(ctx context.Context, phone string) (storage.Employee, error) {
	e, err := s.Store.EmployeeByPhone(ctx, phone)
	return e, s.count("employee_by_phone", err)
}

func (s Store) EmployeeByAccount(ctx context.Context, platform, userID string) (storage.Employee, error) {
	e, err := s.Store.EmployeeByAccount(ctx, platform, userID)
	return e, s.count("employee_by_account", err)
}

func (s Store) ListEmployees(ctx context.Context) ([]storage.Employee, error) {
	es, err := s.Store.ListEmployees(ctx)
	return es, s.count("list_employees", err)
}

func (s Store) ListSubordinates(ctx context.Context, nip string) ([]storage.Employee, error) {
	es, err := s.Store.ListSubordinates(ctx, nip)
	return es, s.count("list_subordinates", err)
}

func (s Store) UpsertUnit(ctx context.Context, u storage.Unit) error {
	return s.count("upsert_unit", s.Store.UpsertUnit(ctx, u))
}

func (s Store) UpsertEmployee(ctx context.Context, e storage.Employee) error {
	return s.count("upsert_employee", s.Store.UpsertEmployee(ctx, e))
}

func (s Store) LinkAccount(ctx context.Context, nip, platform string, a storage.Account) error {
	return s.count("link_account", s.Store.LinkAccount(ctx, nip, platform, a))
}

func (s Store) UnlinkAccount(ctx context.Context, nip, platform string) error {
	return s.count("unlink_account", s.Store.UnlinkAccount(ctx, nip, platform))
}

func (s Store) Ping(ctx context.Context) error { return s.count("ping", s.Store.Ping(ctx)) }
