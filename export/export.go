// Package export makes the month's workbook of a unit (optionally with the
// units below it) or of a supervisor's team: what an admin hands to the
// people who compute the allowance (TPP). It owns the sheets and their
// columns, the two file formats (XLSX through excelize; CSV with ';' and
// a UTF-8 BOM, one file per sheet in a zip), the neutralising of text that
// a spreadsheet would run as a formula, and the maker of the /ekspor
// document (kind "export"), which checks the asker's scope again when the
// file is made.
//
// Sheets (fixed names): Rekap (one row a person), Kegiatan (one row a
// report), Apresiasi (appreciation received, by BerAKHLAK value and
// person; never who gave it) and IKM (when a unit of the export has
// surveys in the month), the cycle's UmpanBalik and Kompetensi, and
// Evaluasi (the periodic evaluations of the periods ending in the month,
// when there are any). The README lists every column.
//
// Capaian is approved minutes ÷ the monthly target: an input for the TPP
// calculation, not TPP, and labelled so.
package export

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/roster"
	"github.com/kinerjabot/kinerjabot/storage"
)

// Kind is the kind of an /ekspor file reference.
const Kind = "export"

// Format is a file format of the export.
type Format string

// Formats.
const (
	XLSX Format = "xlsx"
	// CSV is a zip of one CSV file per sheet.
	CSV Format = "csv"
)

// MIME types of the formats.
const (
	MIMEXLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	MIMEZip  = "application/zip"
)

// MIME is the type of a file of format f.
func (f Format) MIME() string {
	if f == CSV {
		return MIMEZip
	}
	return MIMEXLSX
}

// Ext is the file name extension of format f.
func (f Format) Ext() string {
	if f == CSV {
		return ".zip"
	}
	return ".xlsx"
}

// ParseFormat reads a format name ("" is XLSX).
func ParseFormat(s string) (Format, bool) {
	switch Format(s) {
	case XLSX, "":
		return XLSX, true
	case CSV:
		return CSV, true
	}
	return "", false
}

// Errors of a request.
var (
	// ErrBadMonth: the month is not YYYY-MM.
	ErrBadMonth = errors.New("export: month must be YYYY-MM")
	// ErrNoScope: a request names neither a unit nor a team, or both.
	ErrNoScope = errors.New("export: name a unit or a team")
	// ErrNotAllowed: the asker may not see what the request covers.
	ErrNotAllowed = errors.New("export: not in the asker's scope")
)

// Request says what to export.
type Request struct {
	// Month is YYYY-MM.
	Month string
	// Unit is the unit's code; SubUnits adds every unit below it.
	Unit     string
	SubUnits bool
	// Team is the NIP of a supervisor: their team (roster.Team) instead of
	// a unit.
	Team string
	// Lang is the language of the headers and words in cells.
	Lang i18n.Lang
}

// monthRange is the first and last day of the request's month.
func (q Request) monthRange() (first, last time.Time, err error) {
	first, err = time.Parse("2006-01", q.Month)
	if err != nil {
		return first, first, fmt.Errorf("%w: %q", ErrBadMonth, q.Month)
	}
	return first, first.AddDate(0, 1, -1), nil
}

func (q Request) check() error {
	if _, _, err := q.monthRange(); err != nil {
		return err
	}
	if (q.Unit == "") == (q.Team == "") {
		return ErrNoScope
	}
	return nil
}

// Store is what an export reads. Methods do I/O and are safe for
// concurrent use; storage.Store has them all.
type Store interface {
	GetUnit(ctx context.Context, code string) (storage.Unit, error)
	ListUnits(ctx context.Context) ([]storage.Unit, error)
	GetEmployee(ctx context.Context, nip string) (storage.Employee, error)
	ListActivities(ctx context.Context, nip, from, to string) ([]storage.Activity, error)
	GetEvidence(ctx context.Context, id string) (storage.Evidence, error)
	GetSKPTarget(ctx context.Context, id string) (storage.SKPTarget, error)
	ListHolidays(ctx context.Context, from, to string) ([]storage.Holiday, error)
	// FindEmployees pages through the people of the export's units
	// (storage.EmployeeIndex): an export never reads the whole roster.
	FindEmployees(ctx context.Context, q storage.EmployeeQuery) ([]storage.Employee, error)
	storage.SurveyReader
	roster.TeamReader
	// CoachingReceived lists a person's feedback received (cycle.go).
	CoachingReceived(ctx context.Context, toNIP string, since time.Time, limit int) ([]storage.Coaching, error)
	// ListEvaluations reads the Evaluasi sheet's evaluations (evaluation.go).
	ListEvaluations(ctx context.Context, f storage.EvaluationFilter) ([]storage.Evaluation, error)
}

// Options are the settings an export follows.
type Options struct {
	// MonthlyTarget is the target in minutes of a unit that sets none (nor
	// any unit above it).
	MonthlyTarget int
	// PhotoDateDays flags a photo whose EXIF date lies more than this many
	// days from its report's date (0: never).
	PhotoDateDays int
	// DefaultTimezone is the zone of a unit whose zone is unknown.
	DefaultTimezone string
}

// Exporter builds workbooks. Safe for concurrent use.
type Exporter struct {
	store Store
	opt   Options
}

// New returns an exporter reading store.
func New(store Store, opt Options) *Exporter {
	if opt.MonthlyTarget <= 0 {
		opt.MonthlyTarget = 6750
	}
	if opt.DefaultTimezone == "" {
		opt.DefaultTimezone = "Asia/Jakarta"
	}
	return &Exporter{store: store, opt: opt}
}
