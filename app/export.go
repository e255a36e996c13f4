package app

import (
	"github.com/kinerjabot/kinerjabot/config"
	"github.com/kinerjabot/kinerjabot/export"
	"github.com/kinerjabot/kinerjabot/storage"
)

// NewExporter is the builder of the month's workbooks (kinerjabot export
// and /ekspor) over st, with the configuration's settings.
func NewExporter(cfg config.Config, st storage.Store) *export.Exporter {
	return export.New(st, exportOptions(cfg))
}

// exportOptions are the configuration's settings for the month's
// workbooks (the chat's, the CLI's and the console's).
func exportOptions(cfg config.Config) export.Options {
	return export.Options{
		MonthlyTarget: cfg.MonthlyTargetMinutes, PhotoDateDays: cfg.PhotoDateToleranceDays, DefaultTimezone: cfg.DefaultTimezone,
	}
}
