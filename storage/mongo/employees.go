package mongo

import (
	"context"
	"errors"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/kinerjabot/kinerjabot/ident"
	"github.com/kinerjabot/kinerjabot/storage"
)

// UpsertEmployee creates the employee or updates its roster fields in
// place: one upsert that $sets the roster fields and writes created_at
// only on insert, so accounts, reminders_off (SetReminders' alone; absent
// on a new employee: reminders on) and created_at are never touched.
// ErrConflict when the phone belongs to another employee.
func (s *Store) UpsertEmployee(ctx context.Context, e storage.Employee) error {
	if e.NIP == "" {
		return errors.New("upsert employee: empty nip")
	}
	_, err := s.employees.UpdateOne(ctx, byID(e.NIP), employeeUpdate(e, s.now()), options.UpdateOne().SetUpsert(true))
	if err != nil {
		return fmt.Errorf("upsert employee nip=%s: %w", ident.MaskNIP(e.NIP), mapErr(err))
	}
	return nil
}

func employeeUpdate(e storage.Employee, now time.Time) bson.D {
	var up update
	up.put("name", e.Name)
	up.put("unit_code", e.UnitCode)
	up.put("position", e.Position)
	up.put("active", e.Active)
	up.put("updated_at", stamp(e.UpdatedAt, now))
	up.optional("supervisor_nip", e.SupervisorNIP)
	up.optional("phone", e.Phone)
	up.optional("role", string(e.Role))
	up.onInsert("created_at", stamp(e.CreatedAt, now))
	return up.doc()
}

// GetEmployee returns the employee with the NIP, or ErrNotFound.
func (s *Store) GetEmployee(ctx context.Context, nip string) (storage.Employee, error) {
	e, err := s.findEmployee(ctx, byID(nip))
	if err != nil {
		return storage.Employee{}, fmt.Errorf("get employee nip=%s: %w", ident.MaskNIP(nip), err)
	}
	return e, nil
}

// EmployeeByPhone returns the employee with the E.164 phone, or ErrNotFound.
func (s *Store) EmployeeByPhone(ctx context.Context, phone string) (storage.Employee, error) {
	if phone == "" {
		return storage.Employee{}, fmt.Errorf("employee by phone: empty phone: %w", storage.ErrNotFound)
	}
	e, err := s.findEmployee(ctx, bson.D{{Key: "phone", Value: phone}})
	if err != nil {
		return storage.Employee{}, fmt.Errorf("employee by phone: %w", err)
	}
	return e, nil
}

// ListEmployees returns every employee ordered by NIP.
func (s *Store) ListEmployees(ctx context.Context) ([]storage.Employee, error) {
	all, err := s.findEmployees(ctx, bson.D{})
	if err != nil {
		return nil, fmt.Errorf("list employees: %w", err)
	}
	return all, nil
}

// ListSubordinates returns the employees whose supervisor is nip, ordered
// by NIP; none is an empty slice.
func (s *Store) ListSubordinates(ctx context.Context, nip string) ([]storage.Employee, error) {
	if nip == "" {
		return []storage.Employee{}, nil // "" marks having no supervisor
	}
	all, err := s.findEmployees(ctx, bson.D{{Key: "supervisor_nip", Value: nip}})
	if err != nil {
		return nil, fmt.Errorf("list subordinates nip=%s: %w", ident.MaskNIP(nip), err)
	}
	return all, nil
}

// HasSubordinates implements storage.Store: one document's id, by the
// supervisor_nip index.
func (s *Store) HasSubordinates(ctx context.Context, nip string) (bool, error) {
	if nip == "" {
		return false, nil // "" marks having no supervisor
	}
	err := s.employees.FindOne(ctx, bson.D{{Key: "supervisor_nip", Value: nip}},
		options.FindOne().SetProjection(bson.D{{Key: "_id", Value: 1}})).Err()
	switch err = mapErr(err); {
	case err == nil:
		return true, nil
	case errors.Is(err, storage.ErrNotFound):
		return false, nil
	}
	return false, fmt.Errorf("has subordinates nip=%s: %w", ident.MaskNIP(nip), err)
}

func (s *Store) findEmployee(ctx context.Context, filter bson.D) (storage.Employee, error) {
	var e storage.Employee
	if err := s.employees.FindOne(ctx, filter).Decode(&e); err != nil {
		return storage.Employee{}, mapErr(err)
	}
	return tidy(e), nil
}

func (s *Store) findEmployees(ctx context.Context, filter bson.D) ([]storage.Employee, error) {
	all, err := findAll[storage.Employee](ctx, s.employees, filter, options.Find().SetSort(bson.D{{Key: "_id", Value: 1}}))
	if err != nil {
		return nil, err
	}
	for i := range all {
		all[i] = tidy(all[i])
	}
	return all, nil
}

// tidy gives an employee whose last account was unlinked (accounts: {})
// nil Accounts, as one that never had any.
func tidy(e storage.Employee) storage.Employee {
	if len(e.Accounts) == 0 {
		e.Accounts = nil
	}
	return e
}
