package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/kinerjabot/kinerjabot/ident"
	"github.com/kinerjabot/kinerjabot/storage"
)

// upsertEmployeeSQL names only roster columns in its update: accounts live
// in their own table, created_at is written on insert alone, and
// reminders_off (the person's own choice) is never named, so a new
// employee starts with reminders on and a re-import keeps the choice.
const upsertEmployeeSQL = `
INSERT INTO employees (nip, name, unit_code, position, supervisor_nip, phone, role, active, created_at, updated_at)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (nip) DO UPDATE SET
	name = excluded.name, unit_code = excluded.unit_code, position = excluded.position,
	supervisor_nip = excluded.supervisor_nip, phone = excluded.phone, role = excluded.role,
	active = excluded.active, updated_at = excluded.updated_at`

// selectEmployeeSQL yields one row per (employee, account), or one row with
// NULL account columns for an employee without accounts. One statement
// reads one snapshot, so an employee never comes back half-linked.
const selectEmployeeSQL = employeeColumnsSQL + `
FROM employees e LEFT JOIN accounts a ON a.nip = e.nip`

// employeeColumnsSQL are the columns scanEmployees reads.
const employeeColumnsSQL = `
SELECT e.nip, e.name, e.unit_code, e.position, e.supervisor_nip, COALESCE(e.phone, ''), e.role,
	e.active, e.reminders_off, e.digest_off, e.created_at, e.updated_at,
	a.platform, a.user_id, a.chat_id, a.linked_at, a.last_seen_at`

const orderEmployeesSQL = " ORDER BY e.nip, a.platform"

// UpsertEmployee creates the employee or updates its roster fields in
// place. ErrConflict when the phone belongs to another employee.
func (s *Store) UpsertEmployee(ctx context.Context, e storage.Employee) error {
	if e.NIP == "" {
		return errors.New("upsert employee: empty nip")
	}
	now := s.now()
	phone := sql.Null[string]{V: e.Phone, Valid: e.Phone != ""}
	_, err := s.db.ExecContext(ctx, upsertEmployeeSQL,
		e.NIP, e.Name, e.UnitCode, e.Position, e.SupervisorNIP, phone, string(e.Role), e.Active,
		millis(stamp(e.CreatedAt, now)), millis(stamp(e.UpdatedAt, now)))
	if err != nil {
		return fmt.Errorf("upsert employee nip=%s: %w", ident.MaskNIP(e.NIP), mapErr(err))
	}
	return nil
}

// GetEmployee returns the employee with the NIP, or ErrNotFound.
func (s *Store) GetEmployee(ctx context.Context, nip string) (storage.Employee, error) {
	e, err := s.oneEmployee(ctx, " WHERE e.nip = ?", nip)
	if err != nil {
		return storage.Employee{}, fmt.Errorf("get employee nip=%s: %w", ident.MaskNIP(nip), err)
	}
	return e, nil
}

// EmployeeByPhone returns the employee with the E.164 phone, or ErrNotFound.
func (s *Store) EmployeeByPhone(ctx context.Context, phone string) (storage.Employee, error) {
	e, err := s.oneEmployee(ctx, " WHERE e.phone = ?", phone)
	if err != nil {
		return storage.Employee{}, fmt.Errorf("employee by phone: %w", err)
	}
	return e, nil
}

// ListEmployees returns every employee ordered by NIP, with accounts.
func (s *Store) ListEmployees(ctx context.Context) ([]storage.Employee, error) {
	all, err := s.queryEmployees(ctx, "")
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
	all, err := s.queryEmployees(ctx, " WHERE e.supervisor_nip = ?", nip)
	if err != nil {
		return nil, fmt.Errorf("list subordinates nip=%s: %w", ident.MaskNIP(nip), err)
	}
	return all, nil
}

// HasSubordinates implements storage.Store: one probe of the
// supervisor_nip index.
func (s *Store) HasSubordinates(ctx context.Context, nip string) (bool, error) {
	if nip == "" {
		return false, nil // "" marks having no supervisor
	}
	var one int
	err := mapErr(s.db.QueryRowContext(ctx, `SELECT 1 FROM employees WHERE supervisor_nip = ? LIMIT 1`, nip).Scan(&one))
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, storage.ErrNotFound):
		return false, nil
	}
	return false, fmt.Errorf("has subordinates nip=%s: %w", ident.MaskNIP(nip), err)
}

// oneEmployee runs selectEmployeeSQL with the where clause and wants one
// employee.
func (s *Store) oneEmployee(ctx context.Context, where string, args ...any) (storage.Employee, error) {
	all, err := s.queryEmployees(ctx, where, args...)
	if err != nil {
		return storage.Employee{}, err
	}
	if len(all) == 0 {
		return storage.Employee{}, storage.ErrNotFound
	}
	return all[0], nil
}

func (s *Store) queryEmployees(ctx context.Context, where string, args ...any) ([]storage.Employee, error) {
	return s.queryRows(ctx, selectEmployeeSQL+where+orderEmployeesSQL, args...)
}
