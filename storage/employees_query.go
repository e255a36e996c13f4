package storage

import (
	"context"
	"fmt"
)

// MaxEmployeePage bounds one page of FindEmployees and one batch of
// EmployeesByNIP and UpsertEmployees: every read or write of people is a
// bounded one, which fits in a statement's time bound whatever the
// roster's size (a province: a million people).
const MaxEmployeePage = 2000

// EmployeeQuery selects a page of employees, ordered by NIP.
type EmployeeQuery struct {
	// Units keeps the people of these unit codes (exactly those: sub-units
	// are not included); empty: every unit. At most MaxEmployeePage codes.
	Units []string
	// ActiveOnly keeps the active people; InactiveOnly those who left
	// (both: nobody); AdminsOnly the admins.
	ActiveOnly   bool
	InactiveOnly bool
	AdminsOnly   bool
	// NameContains keeps the people whose name contains it, letter case
	// aside (ASCII letters: what LIKE folds); "": any name. The console's
	// search. No index serves a substring: the units and Limit bound it.
	NameContains string
	// AfterNIP starts the page after this NIP (""): the first page. The
	// next page starts after the last NIP of this one.
	AfterNIP string
	// Limit is the page's size, 1..MaxEmployeePage.
	Limit int
}

// Check refuses a query with a limit outside 1..MaxEmployeePage or too
// many units (ErrInvalid).
func (q EmployeeQuery) Check() error {
	if q.Limit < 1 || q.Limit > MaxEmployeePage {
		return fmt.Errorf("%w: employee page limit %d outside 1..%d", ErrInvalid, q.Limit, MaxEmployeePage)
	}
	if len(q.Units) > MaxEmployeePage {
		return fmt.Errorf("%w: %d units in one employee query, at most %d", ErrInvalid, len(q.Units), MaxEmployeePage)
	}
	return nil
}

// EmployeeIndex is the bounded, indexed access to the roster: what the
// periodic and per-update paths (the scheduler's passes, /apresiasi, the
// approval lists) and the importer use in place of a whole-roster
// listing. Methods do I/O and are safe for concurrent use.
type EmployeeIndex interface {
	// FindEmployees returns the page of employees q selects, ordered by
	// NIP, with their accounts (an empty, non-nil slice when none). A
	// query outside EmployeeQuery.Check is ErrInvalid.
	FindEmployees(ctx context.Context, q EmployeeQuery) ([]Employee, error)
	// EmployeesByNIP returns the employees of the NIPs on the roster,
	// ordered by NIP (unknown NIPs are left out; a NIP given twice comes
	// once). More than MaxEmployeePage NIPs is ErrInvalid.
	EmployeesByNIP(ctx context.Context, nips []string) ([]Employee, error)
	// UpsertEmployees upserts each employee as UpsertEmployee does, in
	// order (a later one may take a phone an earlier one gave up). At most
	// MaxEmployeePage (ErrInvalid). On an error the batch may be written
	// in part (on the embedded store none of it is): upserts are
	// idempotent, so the caller may write the batch again one by one to
	// find the employee at fault.
	UpsertEmployees(ctx context.Context, es []Employee) error
}

// EachEmployee calls fn with the employees q selects, page by page in NIP
// order (q.AfterNIP and q.Limit: where to start and the page size, 0:
// MaxEmployeePage), until there are no more or fn returns an error.
func EachEmployee(ctx context.Context, st interface {
	FindEmployees(ctx context.Context, q EmployeeQuery) ([]Employee, error)
}, q EmployeeQuery, fn func([]Employee) error) error {
	if q.Limit == 0 {
		q.Limit = MaxEmployeePage
	}
	for {
		page, err := st.FindEmployees(ctx, q)
		if err != nil {
			return err
		}
		if len(page) > 0 {
			if err := fn(page); err != nil {
				return err
			}
		}
		if len(page) < q.Limit {
			return nil
		}
		q.AfterNIP = page[len(page)-1].NIP
	}
}
