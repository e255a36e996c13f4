package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/kinerjabot/kinerjabot/storage"
)

// findEmployeesSQL pages the employees first (the inner SELECT, on
// employees_unit_nip or employees_admins when units are named,
// employees_inactive for those who left, else on the primary key), then
// joins the page's accounts. The units come as one
// JSON array, so any number of them is one statement.
func findEmployeesSQL(q storage.EmployeeQuery) string {
	where := []string{"nip > ?"}
	switch {
	case len(q.Units) == 1: // a range of the index read in order: no sort
		where = append(where, "unit_code = ?")
	case len(q.Units) > 1:
		where = append(where, "unit_code IN (SELECT value FROM json_each(?))")
	}
	if q.ActiveOnly {
		where = append(where, "active = 1")
	}
	if q.InactiveOnly {
		where = append(where, "active = 0")
	}
	if q.AdminsOnly {
		where = append(where, "role = 'admin'")
	}
	if q.NameContains != "" {
		where = append(where, `name LIKE ? ESCAPE '\'`)
	}
	return employeeColumnsSQL + `
FROM (SELECT * FROM employees WHERE ` + strings.Join(where, " AND ") + ` ORDER BY nip LIMIT ?) e
LEFT JOIN accounts a ON a.nip = e.nip` + orderEmployeesSQL
}

// FindEmployees returns the page of employees q selects, by NIP.
func (s *Store) FindEmployees(ctx context.Context, q storage.EmployeeQuery) ([]storage.Employee, error) {
	if err := q.Check(); err != nil {
		return nil, fmt.Errorf("find employees: %w", err)
	}
	args := []any{q.AfterNIP}
	switch {
	case len(q.Units) == 1:
		args = append(args, q.Units[0])
	case len(q.Units) > 1:
		units, err := json.Marshal(q.Units)
		if err != nil {
			return nil, fmt.Errorf("find employees: %w", err)
		}
		args = append(args, string(units))
	}
	if q.NameContains != "" {
		args = append(args, likeContains(q.NameContains))
	}
	args = append(args, q.Limit)
	all, err := s.queryRows(ctx, findEmployeesSQL(q), args...)
	if err != nil {
		return nil, fmt.Errorf("find employees: %w", err)
	}
	return all, nil
}

// EmployeesByNIP returns the employees of the NIPs on the roster, by NIP.
func (s *Store) EmployeesByNIP(ctx context.Context, nips []string) ([]storage.Employee, error) {
	if len(nips) > storage.MaxEmployeePage {
		return nil, fmt.Errorf("employees by nip: %w: %d NIPs, at most %d", storage.ErrInvalid, len(nips), storage.MaxEmployeePage)
	}
	if len(nips) == 0 {
		return []storage.Employee{}, nil
	}
	list, err := json.Marshal(nips)
	if err != nil {
		return nil, fmt.Errorf("employees by nip: %w", err)
	}
	all, err := s.queryEmployees(ctx, " WHERE e.nip IN (SELECT value FROM json_each(?))", string(list))
	if err != nil {
		return nil, fmt.Errorf("employees by nip: %w", err)
	}
	return all, nil
}

// queryRows runs a query of employeeColumnsSQL's columns.
func (s *Store) queryRows(ctx context.Context, query string, args ...any) ([]storage.Employee, error) {
	rows, err := s.db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer func() { _ = rows.Close() }()
	all, err := scanEmployees(rows)
	if err != nil {
		return nil, mapErr(err)
	}
	return all, nil
}

// UpsertEmployees upserts the batch in one transaction: all of it or,
// on an error, none of it.
func (s *Store) UpsertEmployees(ctx context.Context, es []storage.Employee) error {
	if len(es) > storage.MaxEmployeePage {
		return fmt.Errorf("upsert employees: %w: %d in one batch, at most %d", storage.ErrInvalid, len(es), storage.MaxEmployeePage)
	}
	for _, e := range es {
		if e.NIP == "" {
			return fmt.Errorf("upsert employees: %w: empty nip", storage.ErrInvalid)
		}
	}
	now := s.now()
	err := s.db.tx(ctx, func(tx *sql.Tx) error {
		st, err := tx.PrepareContext(ctx, upsertEmployeeSQL)
		if err != nil {
			return err
		}
		defer func() { _ = st.Close() }()
		for _, e := range es {
			phone := sql.Null[string]{V: e.Phone, Valid: e.Phone != ""}
			if _, err := st.ExecContext(ctx, e.NIP, e.Name, e.UnitCode, e.Position, e.SupervisorNIP, phone,
				string(e.Role), e.Active, millis(stamp(e.CreatedAt, now)), millis(stamp(e.UpdatedAt, now))); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("upsert %d employees: %w", len(es), mapErr(err))
	}
	return nil
}

// likeEscaper escapes LIKE's wildcards and its escape character.
var likeEscaper = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)

// likeContains is the LIKE pattern (escape '\') matching text containing s.
func likeContains(s string) string { return "%" + likeEscaper.Replace(s) + "%" }
