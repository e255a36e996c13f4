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

// RosterStore is what ImportRoster reads and writes: the people, and the
// units the file names that the store does not know yet.
type RosterStore interface {
	UnitStore
	ListEmployees(ctx context.Context) ([]storage.Employee, error)
	UpsertEmployee(ctx context.Context, e storage.Employee) error
}

// SKPStore is what ImportSKP reads and writes.
type SKPStore interface {
	ListEmployees(ctx context.Context) ([]storage.Employee, error)
	ListSKPTargets(ctx context.Context, nip, period string) ([]storage.SKPTarget, error)
	UpsertSKPTarget(ctx context.Context, t storage.SKPTarget) error
}

// HolidayStore is what ImportHolidays and ReplaceHolidayYear read and write.
type HolidayStore interface {
	ListHolidays(ctx context.Context, from, to string) ([]storage.Holiday, error)
	UpsertHoliday(ctx context.Context, h storage.Holiday) error
	DeleteHoliday(ctx context.Context, date string) error
}

// ActingStore is what ImportActing reads and writes.
type ActingStore interface {
	ListEmployees(ctx context.Context) ([]storage.Employee, error)
	ListActing(ctx context.Context) ([]storage.Acting, error)
	ReplaceActing(ctx context.Context, list []storage.Acting) error
}

var (
	_ ActingStore  = storage.Store(nil)
	_ RosterStore  = storage.Store(nil)
	_ SKPStore     = storage.Store(nil)
	_ HolidayStore = storage.Store(nil)
)
