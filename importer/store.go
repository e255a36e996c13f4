package importer

import (
	"context"

	"github.com/kinerjabot/kinerjabot/storage"
)

// The store methods each import needs; storage.Store has them all. Methods
// do I/O and are safe for concurrent use (see storage for their contracts).

// UnitStore is what ImportUnits reads and writes.
type UnitStore interface {
	ListUnits(ctx context.Context) ([]storage.Unit, error)
	UpsertUnit(ctx context.Context, u storage.Unit) error
}

// employeeFinder reads the roster a page at a time: a whole-roster
// listing would not fit the store's statement bound at a province's size.
type employeeFinder interface {
	FindEmployees(ctx context.Context, q storage.EmployeeQuery) ([]storage.Employee, error)
}

// RosterStore is what ImportRoster reads and writes: the people (written
// in batches, UpsertEmployee finding the row at fault when a batch
// fails), and the units the file names that the store does not know yet.
type RosterStore interface {
	UnitStore
	employeeFinder
	EmployeesByNIP(ctx context.Context, nips []string) ([]storage.Employee, error)
	UpsertEmployees(ctx context.Context, es []storage.Employee) error
	UpsertEmployee(ctx context.Context, e storage.Employee) error
}

// SKPStore is what ImportSKP reads and writes.
type SKPStore interface {
	employeeFinder
	ListSKPTargets(ctx context.Context, nip, period string) ([]storage.SKPTarget, error)
	UpsertSKPTarget(ctx context.Context, t storage.SKPTarget) error
}

// HolidayStore is what ImportHolidays and ReplaceHolidayYear read and write.
type HolidayStore interface {
	// ListUnits: the units a regional holiday names must be on file.
	ListUnits(ctx context.Context) ([]storage.Unit, error)
	ListHolidays(ctx context.Context, from, to string) ([]storage.Holiday, error)
	UpsertHoliday(ctx context.Context, h storage.Holiday) error
	DeleteHoliday(ctx context.Context, date string) error
}

// ActingStore is what ImportActing reads and writes.
type ActingStore interface {
	employeeFinder
	ListActing(ctx context.Context) ([]storage.Acting, error)
	ReplaceActing(ctx context.Context, list []storage.Acting) error
}

var (
	_ ActingStore  = storage.Store(nil)
	_ RosterStore  = storage.Store(nil)
	_ SKPStore     = storage.Store(nil)
	_ HolidayStore = storage.Store(nil)
)
