// Package importer imports the roster of employees, the list of units and the
// SKP targets from XLSX or CSV files into the record store (each import names the
// store methods it needs: RosterStore, UnitStore, SKPStore, HolidayStore). It backs the CLI
// sub-commands `kinerjabot import-roster FILE [--partial]`,
// `kinerjabot import-units FILE [--partial]`,
// `kinerjabot import-skp FILE [--partial]` and
// `kinerjabot import-holidays FILE [--partial] [--replace-year YYYY]`. SKP
// periods and kinds are the domain's: see storage.ParsePeriod.
//
// Every import reads its file through one layer: readTable tells XLSX (a
// zip) from CSV text (separated by commas or semicolons) by content and
// refuses anything else with a *FormatError; a layout per file (columns.go)
// maps the header, in any order and under the aliases personnel exports
// use, to the fields its row parser reads, and converts the cells a
// spreadsheet stores as numbers (dates, times; a NIP is refused). A CSV
// file is read a row at a time (scanFile: the roster parses each row as it
// is read, so a province's million rows are never in memory as cells); an
// XLSX workbook is read whole.
//
// An import reads the whole file, checks every row against the file and the
// store, and collects every reason a row is refused. By default it is
// all-or-nothing: one refused row and nothing is written. With
// Options.Partial the good rows are written and the refused ones (and the
// rows that depend on them) are left out. Row problems are never errors:
// they are in the Report, which renders itself in Bahasa Indonesia or
// English. The error return is kept for files that cannot be read, a wrong
// header, a bad Options value and store failures.
//
// Writes are single-record upserts in dependency order (units before
// people, parents before children, supervisors before subordinates), so a
// re-import is safe: people are updated in place by NIP and their linked
// chat accounts are kept (Store.UpsertEmployee never touches them).
package importer

import (
	"fmt"
	"strings"
	"time"
)

// Options tune an import.
type Options struct {
	// DefaultTimezone is the zone of a unit that ImportRoster creates because
	// the roster names it and the store does not know it. Required by
	// ImportRoster: Asia/Jakarta, Asia/Makassar or Asia/Jayapura (WIB, WITA,
	// WIT accepted). ImportUnits does not use it.
	DefaultTimezone string
	// Partial writes the accepted rows even when some rows are refused.
	Partial bool
	// DeactivateMissing (ImportRoster): the roster is a full export from
	// the personnel system, so the active people on file whom it does not
	// list become inactive, once every row is written (not when a row is
	// refused, even with Partial). Unless ConfirmDeactivate is set too,
	// nothing at all is written when anyone would be: the report lists them
	// for the admin to confirm (Report.Deactivation).
	DeactivateMissing bool
	ConfirmDeactivate bool
	// Sheet names the sheet of an XLSX file to read; the first when
	// empty. A CSV file with Sheet set is refused.
	Sheet string
	// Now stamps CreatedAt and UpdatedAt; time.Now when nil.
	Now func() time.Time
	// DryRun reads and checks the file against the store and reports
	// every row, but writes nothing (Report.Written stays false): the
	// console's preview before the admin confirms.
	DryRun bool
	// InScope, when set, limits the import to the units it accepts: a row
	// for a unit outside it (a roster row's unit, or the unit on file of
	// the person a roster, SKP or acting row names) is refused with
	// CodeOutOfScope. The console's unit admin imports for their branch.
	InScope func(unit string) bool
}

// outOfScope reports whether InScope refuses the unit.
func (o Options) outOfScope(unit string) bool { return o.InScope != nil && !o.InScope(unit) }

// now returns the import's clock.
func (o Options) now() time.Time {
	if o.Now != nil {
		return o.Now()
	}
	return time.Now()
}

// defaultTimezone returns the normalised default zone, or an error when it
// is missing or unknown.
func (o Options) defaultTimezone() (string, error) {
	tz, ok := NormalizeTimezone(o.DefaultTimezone)
	if !ok {
		return "", fmt.Errorf("roster: Options.DefaultTimezone %q is not one of %s",
			o.DefaultTimezone, strings.Join(Timezones, ", "))
	}
	return tz, nil
}
