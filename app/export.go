package app

import (
	"context"
	"slices"

	"github.com/kinerjabot/kinerjabot/config"
	"github.com/kinerjabot/kinerjabot/export"
	"github.com/kinerjabot/kinerjabot/storage"
)

// NewExporter is the builder of the month's workbooks (kinerjabot export
// and /ekspor) over st, with the configuration's settings.
func NewExporter(cfg config.Config, st storage.Store) *export.Exporter {
	return export.New(st, rosterScan{st}, export.Options{
		MonthlyTarget: cfg.MonthlyTargetMinutes, PhotoDateDays: cfg.PhotoDateToleranceDays, DefaultTimezone: cfg.DefaultTimezone,
	})
}

// rosterScan finds the employees of units by reading the roster once and
// keeping theirs: a stopgap until the store finds employees by unit a page
// at a time (storage.FindEmployees), which replaces it.
type rosterScan struct{ st storage.Reader }

// InUnits implements export.People.
func (r rosterScan) InUnits(ctx context.Context, units []string) ([]storage.Employee, error) {
	all, err := r.st.ListEmployees(ctx)
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(all, func(e storage.Employee) bool { return !slices.Contains(units, e.UnitCode) }), nil
}
