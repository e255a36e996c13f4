package importer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/storage"
)

// HolidaysHeader is the header of the holidays file; each column may also
// be named in Bahasa Indonesia (tanggal, nama) or by another alias of
// holidaysLayout.
var HolidaysHeader = []string{"date", "name"}

// HolidaysOptionalHeader is the column a holidays file may add: the codes
// of the units a regional holiday applies to (and so their sub-units),
// separated by "|", "," or spaces; empty, or no such column, is the whole
// deployment.
var HolidaysOptionalHeader = []string{"units"}

// MaxHolidayNameLen is the longest holiday name, in characters.
const MaxHolidayNameLen = 200

// The years a holiday may fall in, and ReplaceHolidayYear may replace: a
// date outside them is a typo ("0027", "2207").
const (
	MinHolidayYear = 2000
	MaxHolidayYear = 2099
)

// Reasons of the holidays file (besides CodeColumns, CodeNameEmpty and
// CodeFieldTooLong).
const (
	CodeHolidayDate      Code = "date_invalid"    // Value: the date as written
	CodeHolidayDuplicate Code = "date_duplicate"  // Lines: the other rows with the same date
	CodeHolidayYear      Code = "date_other_year" // Value: the date; Want: the year being replaced
	// CodeHolidayUnit: a unit of the units column is not on file (Value).
	CodeHolidayUnit Code = "holiday_unit_unknown"
)

// ErrNoHolidays is returned by ReplaceHolidayYear for a file without a
// single data row: replacing with it would delete the whole year.
var ErrNoHolidays = errors.New("roster: the holidays file has no rows; refusing to delete every holiday of the year")

// Columns of the holidays file.
const (
	hcolDate = iota
	hcolName
	hcolUnits // optional (HolidaysOptionalHeader)
)

// YearReplacement is what ReplaceHolidayYear did with the holidays of the
// year that the file does not contain.
type YearReplacement struct {
	Year int
	// Done: every row was written and every holiday of Year absent from the
	// file was deleted. It stays false when a row is refused (even with
	// Options.Partial: a refused row may be a holiday to keep) or a store
	// error stopped the import.
	Done bool
	// Deleted are the holidays deleted, by date.
	Deleted []storage.Holiday
	// Err is the store error that stopped the deletions; Deleted are the
	// ones made before it.
	Err error
}

// holidayRow is one data row of the holidays file being checked.
type holidayRow struct {
	line    int
	rawDate string
	holiday storage.Holiday // Date set when valid (YYYY-MM-DD)
	reasons []Reason
}

func (r *holidayRow) refuse(rs Reason) { r.reasons = append(r.reasons, rs) }
func (r *holidayRow) ok() bool         { return len(r.reasons) == 0 }

// key is the row's date as YYYY-MM-DD, as written when invalid.
func (r *holidayRow) key() string {
	if r.holiday.Date != "" {
		return r.holiday.Date
	}
	return r.rawDate
}

// parseHolidayRow reads one row of a file with the given column names (as
// the file writes them, for messages). When year is not 0 a date of
// another year is refused.
func parseHolidayRow(rec record, columns []string, year int) *holidayRow {
	r := &holidayRow{line: rec.line, rawDate: rec.field(hcolDate)}
	if !rec.fits() {
		r.refuse(columnsReason(rec))
		return r
	}
	switch date, ok := parseHolidayDate(r.rawDate); {
	case !ok:
		r.refuse(Reason{Code: CodeHolidayDate, Value: r.rawDate})
	case year != 0 && date[:4] != strconv.Itoa(year):
		r.refuse(Reason{Code: CodeHolidayYear, Value: date, Want: strconv.Itoa(year)})
		r.holiday.Date = date
	default:
		r.holiday.Date = date
	}
	name := collapseSpace(rec.field(hcolName))
	switch {
	case name == "":
		r.refuse(Reason{Code: CodeNameEmpty})
	case utf8.RuneCountInString(name) > MaxHolidayNameLen:
		r.refuse(Reason{Code: CodeFieldTooLong, Value: columns[hcolName], Want: strconv.Itoa(MaxHolidayNameLen)})
	}
	r.holiday.Name = name
	if len(columns) > hcolUnits {
		r.holiday.Units = splitUnits(rec.field(hcolUnits))
	}
	return r
}

// splitUnits reads the units column: codes separated by "|", "," or
// spaces, each once, in the order written.
func splitUnits(s string) []string {
	var out []string
	for _, u := range strings.FieldsFunc(s, func(r rune) bool { return r == '|' || r == ',' || unicode.IsSpace(r) }) {
		if !slices.Contains(out, u) {
			out = append(out, u)
		}
	}
	return out
}

// checkHolidayUnits refuses the rows naming a unit not on file.
func checkHolidayUnits(ctx context.Context, st HolidayStore, rows []*holidayRow) error {
	units, err := st.ListUnits(ctx)
	if err != nil {
		return fmt.Errorf("import holidays: list units: %w", err)
	}
	known := make(map[string]bool, len(units))
	for _, u := range units {
		known[u.Code] = true
	}
	for _, r := range rows {
		for _, u := range r.holiday.Units {
			if !known[u] {
				r.refuse(Reason{Code: CodeHolidayUnit, Value: u})
			}
		}
	}
	return nil
}

// parseHolidayDate reads a date written YYYY-MM-DD, DD/MM/YYYY or
// DD-MM-YYYY (day and month of one or two digits, as spreadsheets in the
// Indonesian locale export them) and returns it as YYYY-MM-DD. Impossible
// dates (31/04/2027, 2027-02-29) and years outside MinHolidayYear to
// MaxHolidayYear are refused.
func parseHolidayDate(s string) (string, bool) {
	var y, m, d string
	if parts := strings.Split(s, "-"); len(parts) == 3 && len(parts[0]) == 4 {
		y, m, d = parts[0], parts[1], parts[2]
	} else if len(parts) == 3 {
		d, m, y = parts[0], parts[1], parts[2]
	} else if parts = strings.Split(s, "/"); len(parts) == 3 {
		d, m, y = parts[0], parts[1], parts[2]
	} else {
		return "", false
	}
	if len(y) != 4 || len(m) > 2 || len(d) > 2 || !digits(y) || !digits(m) || !digits(d) {
		return "", false
	}
	yi, _ := strconv.Atoi(y)
	mi, _ := strconv.Atoi(m)
	di, _ := strconv.Atoi(d)
	t := time.Date(yi, time.Month(mi), di, 0, 0, 0, 0, time.UTC)
	if t.Year() != yi || int(t.Month()) != mi || t.Day() != di || yi < MinHolidayYear || yi > MaxHolidayYear {
		return "", false // time.Date normalised an impossible date
	}
	return t.Format(time.DateOnly), true
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// ImportHolidays imports the holidays file (XLSX or CSV, columns
// HolidaysHeader or their aliases, see holidaysLayout) into st: libur nasional, cuti bersama and regional holidays, on which no
// work-day reminders go out. Each row is a date (YYYY-MM-DD, DD/MM/YYYY or
// DD-MM-YYYY, a possible date from MinHolidayYear to MaxHolidayYear) and a
// name (not empty, at most MaxHolidayNameLen characters), and, when the
// file has the units column (HolidaysOptionalHeader), the units a regional
// holiday applies to, each on file; no two rows may name the same date. A
// date already on file takes the row's name and units (an update);
// holidays absent from the file are left as they are (see
// ReplaceHolidayYear). Rows are written in file order, all or nothing
// unless o.Partial; the error is as for ImportRoster.
// o.DefaultTimezone is not used.
func ImportHolidays(ctx context.Context, st HolidayStore, r io.Reader, o Options) (Report, error) {
	return importHolidays(ctx, st, r, 0, o)
}

// ReplaceHolidayYear is ImportHolidays for a file that is the whole list
// of year's holidays (a corrected SKB list replacing the old one): a row
// dated in another year is refused, and once every row is written the
// holidays of year that the file does not contain are deleted
// (Report.Replaced). With a refused row nothing is deleted, even with
// o.Partial. A year outside MinHolidayYear to MaxHolidayYear is an error,
// and so is a file without rows (ErrNoHolidays).
func ReplaceHolidayYear(ctx context.Context, st HolidayStore, r io.Reader, year int, o Options) (Report, error) {
	if year < MinHolidayYear || year > MaxHolidayYear {
		return Report{Kind: KindHolidays, Partial: o.Partial},
			fmt.Errorf("roster: replace year %d is not from %d to %d", year, MinHolidayYear, MaxHolidayYear)
	}
	return importHolidays(ctx, st, r, year, o)
}

// importHolidays is ImportHolidays, replacing year when it is not 0.
func importHolidays(ctx context.Context, st HolidayStore, r io.Reader, year int, o Options) (Report, error) {
	rep := Report{Kind: KindHolidays, Partial: o.Partial}
	file, err := readFile(r, o, holidaysLayout)
	if err != nil {
		return rep, err
	}
	recs, columns := file.records, file.labels
	rep.Unused = file.unused
	if year != 0 {
		if len(recs) == 0 {
			return rep, ErrNoHolidays
		}
		rep.Replaced = &YearReplacement{Year: year}
	}
	rows := make([]*holidayRow, 0, len(recs))
	for _, rec := range recs {
		rows = append(rows, parseHolidayRow(rec, columns, year))
	}
	markDuplicates(rows, func(r *holidayRow) string { return r.holiday.Date },
		func(r *holidayRow) int { return r.line },
		func(r *holidayRow, rs Reason) { r.refuse(rs) }, CodeHolidayDuplicate)
	if err := checkHolidayUnits(ctx, st, rows); err != nil {
		return rep, err
	}
	for _, row := range rows {
		row.checkScope(o)
	}
	existing, err := existingHolidays(ctx, st, rows)
	if err != nil {
		return rep, err
	}
	for _, row := range rows {
		rep.add(RowResult{Line: row.line, Key: row.key(), Name: row.holiday.Name, Reasons: row.reasons},
			row.ok(), !existing[row.holiday.Date])
	}
	if (len(rep.Refused) > 0 && !o.Partial) || o.DryRun {
		return rep, nil
	}
	if err := writeHolidays(ctx, st, rows, &rep); err != nil {
		return rep, err
	}
	if year == 0 || len(rep.Refused) > 0 {
		return rep, nil
	}
	return rep, deleteOtherHolidays(ctx, st, rows, rep.Replaced)
}

// existingHolidays returns the dates of the store's holidays among the
// accepted rows' dates: one store query over their range.
func existingHolidays(ctx context.Context, st HolidayStore, rows []*holidayRow) (map[string]bool, error) {
	var from, to string
	for _, r := range rows {
		d := r.holiday.Date
		if !r.ok() {
			continue
		}
		if from == "" || d < from {
			from = d
		}
		if d > to {
			to = d
		}
	}
	dates := map[string]bool{}
	if from == "" {
		return dates, nil
	}
	hs, err := st.ListHolidays(ctx, from, to)
	if err != nil {
		return nil, fmt.Errorf("import holidays: %w", err)
	}
	for _, h := range hs {
		dates[h.Date] = true
	}
	return dates, nil
}

// writeHolidays upserts the accepted rows in file order, stopping at the
// first store error.
func writeHolidays(ctx context.Context, st HolidayStore, rows []*holidayRow, rep *Report) error {
	i := 0 // index in rep.Accepted, which holds the accepted rows in order
	for _, r := range rows {
		if !r.ok() {
			continue
		}
		res := &rep.Accepted[i]
		i++
		if err := st.UpsertHoliday(ctx, r.holiday); err != nil {
			rep.Failed = &WriteFailure{Line: r.line, Key: r.holiday.Date, Err: err}
			return fmt.Errorf("import holidays line %d date=%s: %w", r.line, r.holiday.Date, err)
		}
		rep.wrote(res)
	}
	rep.Written = true
	return nil
}

// deleteOtherHolidays deletes the holidays of rp.Year that are not among
// the rows (all accepted and written), stopping at the first store error.
func deleteOtherHolidays(ctx context.Context, st HolidayStore, rows []*holidayRow, rp *YearReplacement) error {
	keep := make(map[string]bool, len(rows))
	for _, r := range rows {
		keep[r.holiday.Date] = true
	}
	from, to := fmt.Sprintf("%04d-01-01", rp.Year), fmt.Sprintf("%04d-12-31", rp.Year)
	hs, err := st.ListHolidays(ctx, from, to)
	if err != nil {
		rp.Err = err
		return fmt.Errorf("replace holidays of %d: %w", rp.Year, err)
	}
	for _, h := range hs {
		if keep[h.Date] {
			continue
		}
		if err := st.DeleteHoliday(ctx, h.Date); err != nil {
			rp.Err = err
			return fmt.Errorf("replace holidays of %d: delete date=%s: %w", rp.Year, h.Date, err)
		}
		rp.Deleted = append(rp.Deleted, h)
	}
	rp.Done = true
	return nil
}

// writeReplaced says what ReplaceHolidayYear deleted, when it ran.
func (r Report) writeReplaced(w io.Writer, l i18n.Lang) {
	rp := r.Replaced
	if rp == nil {
		return
	}
	deleted := make([]string, len(rp.Deleted))
	for i, h := range rp.Deleted {
		deleted[i] = fmt.Sprintf("%s (%s)", h.Date, h.Name)
	}
	switch {
	case rp.Err != nil:
		fmt.Fprintln(w, l.T(i18n.RosterHolidaysDeleteFailed, rp.Year, rp.Err))
		if len(deleted) > 0 {
			fmt.Fprintln(w, l.T(i18n.RosterHolidaysDeleted, rp.Year, len(deleted), strings.Join(deleted, ", ")))
		}
		fmt.Fprintln(w, l.T(i18n.RosterHolidaysDeleteRetry, rp.Year))
	case rp.Done && len(deleted) > 0:
		fmt.Fprintln(w, l.T(i18n.RosterHolidaysDeleted, rp.Year, len(deleted), strings.Join(deleted, ", ")))
	case rp.Done:
		fmt.Fprintln(w, l.T(i18n.RosterHolidaysNoneDeleted, rp.Year))
	case r.Written: // --partial with refused rows
		fmt.Fprintln(w, l.T(i18n.RosterHolidaysNotReplaced, rp.Year))
	}
}
