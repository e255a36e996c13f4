package importer

import (
	"context"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/kinerjabot/kinerjabot/config"
	"github.com/kinerjabot/kinerjabot/storage"
)

// Columns of the units file.
const (
	ucolCode = iota
	ucolName
	ucolType
	ucolParent
	ucolTimezone
	ucolLatitude
	ucolLongitude
)

// Optional columns of the units file (UnitsOptionalHeader): the unit's
// survey settings.
const (
	ucolServiceUsers = "service_users"
	ucolCounters     = "counters"
	ucolQuickSurvey  = "quick_survey"
	// The unit's own settings, inherited by its sub-units (empty: inherit).
	ucolMonthlyTarget = "monthly_target_minutes"
	ucolSLADays       = "approval_sla_days"
	// The unit's own reminder times (HH:MM, empty: inherit).
	ucolRemindStaff      = "remind_staff_at"
	ucolRemindSupervisor = "remind_supervisor_at"
	// The unit's evaluation cadence (bulanan or triwulan, empty: inherit).
	ucolEvalPeriod = "evaluation_period"
)

// Bounds of the unit's own settings (as config's for the global ones).
const (
	maxMonthlyTarget = 31 * 24 * 60
	maxSLADays       = 60
)

// maxCounters bounds the counters column: service counters (loket) with a
// QR code of their own.
const maxCounters = 50

// unitRow is one data row of the units file being checked.
type unitRow struct {
	line int
	// unit holds Code, Name, Type, ParentCode, Timezone, the coordinates,
	// and the survey settings whose columns the file has.
	unit    storage.Unit
	reasons []Reason
}

func (r *unitRow) refuse(rs Reason) { r.reasons = append(r.reasons, rs) }
func (r *unitRow) ok() bool         { return len(r.reasons) == 0 }

// parseUnitRow reads one row of a file with the columns (UnitsHeader, then
// the optional columns it has) and makes the checks that need nothing but
// the row itself.
func parseUnitRow(rec record, columns []string) *unitRow {
	r := &unitRow{line: rec.line, unit: storage.Unit{Code: rec.field(ucolCode)}}
	if !rec.fits() {
		r.refuse(columnsReason(rec))
		return r
	}
	u := &r.unit
	u.Name, u.Type, u.ParentCode = rec.field(ucolName), rec.field(ucolType), rec.field(ucolParent)
	if u.Code == "" {
		r.refuse(Reason{Code: CodeUnitCodeEmpty})
	}
	if u.Name == "" {
		r.refuse(Reason{Code: CodeNameEmpty})
	}
	if u.ParentCode != "" && u.ParentCode == u.Code {
		r.refuse(Reason{Code: CodeParentSelf})
		u.ParentCode = ""
	}
	r.parseTimezone(rec.field(ucolTimezone))
	r.parseCoordinates(rec.field(ucolLatitude), rec.field(ucolLongitude))
	for i := len(UnitsHeader); i < len(columns); i++ {
		r.parseSetting(columns[i], rec.field(i))
	}
	return r
}

// countSettings are the optional columns holding a whole number
// 0..limit, the reason refusing another value, and the unit's field.
var countSettings = map[string]struct {
	limit int
	code  Code
	field func(*storage.Unit) *int
}{
	ucolServiceUsers:  {math.MaxInt32, CodeServiceUsers, func(u *storage.Unit) *int { return &u.ServiceUsers }},
	ucolCounters:      {maxCounters, CodeCounters, func(u *storage.Unit) *int { return &u.Counters }},
	ucolMonthlyTarget: {maxMonthlyTarget, CodeMonthlyTarget, func(u *storage.Unit) *int { return &u.MonthlyTargetMinutes }},
	ucolSLADays:       {maxSLADays, CodeSLADays, func(u *storage.Unit) *int { return &u.ApprovalSLADays }},
}

// clockSettings are the optional columns holding a time of day, kept as
// minutes after midnight (00:00 is refused: 0 means inherited).
var clockSettings = map[string]func(*storage.Unit) *int{
	ucolRemindStaff:      func(u *storage.Unit) *int { return &u.RemindStaffAt },
	ucolRemindSupervisor: func(u *storage.Unit) *int { return &u.RemindSupervisorAt },
}

// parseSetting reads an optional column. An empty cell is the zero value:
// population unknown, no counters, no quick rating, the target and SLA
// inherited.
func (r *unitRow) parseSetting(column, s string) {
	if c, ok := countSettings[column]; ok {
		n, ok := parseCount(s, c.limit)
		if !ok {
			r.refuse(Reason{Code: c.code, Value: s})
		}
		*c.field(&r.unit) = n
		return
	}
	if field, ok := clockSettings[column]; ok {
		m := 0
		if s != "" {
			var err error
			if m, err = config.ClockMinutes(s); err != nil || m == 0 {
				r.refuse(Reason{Code: CodeRemindAt, Value: s, Want: column})
			}
		}
		*field(&r.unit) = m
		return
	}
	if column == ucolEvalPeriod {
		r.unit.EvaluationMonths = config.EvaluationMonths(s)
		if s != "" && r.unit.EvaluationMonths == 0 {
			r.refuse(Reason{Code: CodeEvalPeriod, Value: s})
		}
		return
	}
	if column == ucolQuickSurvey {
		on, ok := parseYesNo(s)
		if !ok {
			r.refuse(Reason{Code: CodeQuickSurvey, Value: s})
		}
		r.unit.QuickSurvey = on
	}
}

// parseCount reads a whole number 0..limit written in digits alone (no
// sign, no thousands separator: "1.500" could be read two ways); empty is
// 0.
func parseCount(s string, limit int) (int, bool) {
	if s == "" {
		return 0, true
	}
	if strings.IndexFunc(s, func(c rune) bool { return c < '0' || c > '9' }) >= 0 {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	if err != nil || n > limit {
		return 0, false
	}
	return n, true
}

// parseYesNo reads ya, yes, true or 1 as true and tidak, no, false, 0 or
// nothing as false, case ignored.
func parseYesNo(s string) (bool, bool) {
	switch strings.ToLower(s) {
	case "ya", "yes", "true", "1":
		return true, true
	case "", "tidak", "no", "false", "0":
		return false, true
	}
	return false, false
}

func (r *unitRow) parseTimezone(s string) {
	tz, ok := NormalizeTimezone(s)
	switch {
	case s == "":
		r.refuse(Reason{Code: CodeTimezoneEmpty})
	case !ok:
		r.refuse(Reason{Code: CodeTimezone, Value: s})
	default:
		r.unit.Timezone = tz
	}
}

// parseCoordinates sets both coordinates or neither.
func (r *unitRow) parseCoordinates(lat, lon string) {
	if (lat == "") != (lon == "") {
		r.refuse(Reason{Code: CodeCoordinatesPair})
		return
	}
	if lat == "" {
		return
	}
	la, okLat := parseCoordinate(lat, 90)
	lo, okLon := parseCoordinate(lon, 180)
	if !okLat {
		r.refuse(Reason{Code: CodeLatitude, Value: lat})
	}
	if !okLon {
		r.refuse(Reason{Code: CodeLongitude, Value: lon})
	}
	if okLat && okLon {
		r.unit.Latitude, r.unit.Longitude = &la, &lo
	}
}

// parseCoordinate reads a decimal degree within ±limit. A decimal comma
// ("-0,50", as an Indonesian spreadsheet writes it in a quoted field) is
// accepted.
func parseCoordinate(s string, limit float64) (float64, bool) {
	if !strings.Contains(s, ".") {
		s = strings.Replace(s, ",", ".", 1)
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.Abs(v) > limit {
		return 0, false
	}
	return v, true
}

// unitImport holds one units import.
type unitImport struct {
	rows   []*unitRow
	byCode map[string][]*unitRow
	store  map[string]storage.Unit
	order  []*unitRow
	// columns are the file's columns: UnitsHeader, then the optional ones
	// it has.
	columns []string
}

// ImportUnits imports the units CSV (header UnitsHeader) into st: time
// zones Asia/Jakarta, Asia/Makassar, Asia/Jayapura (or WIB, WITA, WIT),
// coordinates both or neither, every parent in the file or the store, no
// parent cycles. Rows are written parents first; a re-import updates units
// in place by code. The error is as for ImportRoster; o.DefaultTimezone is
// not used.
//
// The header may go on with any of UnitsOptionalHeader, the unit's survey
// settings: service_users (the population of service users, a whole
// number ≥ 0), counters (service counters with a QR code, 0..50) and
// quick_survey (ya/yes/true/1 or tidak/no/false/0); an empty cell is 0 or
// no. A setting whose column the file lacks is left as the store has it
// (0 or no for a new unit), so a file of the seven required columns never
// clears settings an earlier import gave.
func ImportUnits(ctx context.Context, st UnitStore, r io.Reader, o Options) (Report, error) {
	rep := Report{Kind: KindUnits, Partial: o.Partial}
	t, err := readFile(r, o, unitsLayout)
	if err != nil {
		return rep, err
	}
	recs, columns := t.records, t.columns
	rep.Unused = t.unused
	units, err := st.ListUnits(ctx)
	if err != nil {
		return rep, fmt.Errorf("list units: %w", err)
	}
	im := &unitImport{byCode: map[string][]*unitRow{}, store: map[string]storage.Unit{}, columns: columns}
	for _, u := range units {
		im.store[u.Code] = u
	}
	for _, rec := range recs {
		row := parseUnitRow(rec, columns)
		im.rows = append(im.rows, row)
		if row.unit.Code != "" {
			im.byCode[row.unit.Code] = append(im.byCode[row.unit.Code], row)
		}
	}
	im.checkScope(o)
	im.check()
	im.fillReport(&rep)
	if (len(rep.Refused) > 0 && !o.Partial) || o.DryRun {
		return rep, nil
	}
	err = im.write(ctx, st, o.now(), &rep)
	return rep, err
}

// check makes the checks that involve other rows or the store, then refuses
// the rows whose parent row is refused.
func (im *unitImport) check() {
	markDuplicates(im.rows, func(r *unitRow) string { return r.unit.Code },
		func(r *unitRow) int { return r.line },
		func(r *unitRow, rs Reason) { r.refuse(rs) }, CodeUnitDuplicate)
	for _, r := range im.rows {
		p := r.unit.ParentCode
		if _, inStore := im.store[p]; p != "" && !inStore && len(im.byCode[p]) == 0 {
			r.refuse(Reason{Code: CodeParentUnknown, Value: p})
		}
	}
	im.checkCycles()
	for im.propagate() {
	}
	var keys []string
	for _, r := range im.rows {
		if r.ok() {
			keys = append(keys, r.unit.Code)
		}
	}
	// Parent cycles are refused, so nothing is stuck.
	order, _ := writeOrder(keys, func(code string) []string { return []string{im.byCode[code][0].unit.ParentCode} }, nil)
	for _, code := range order {
		im.order = append(im.order, im.byCode[code][0])
	}
}

// parentOf is the parent of code once the file is imported.
func (im *unitImport) parentOf(code string) (string, bool) {
	if rows := im.byCode[code]; len(rows) > 0 {
		p := rows[0].unit.ParentCode
		return p, p != ""
	}
	u, ok := im.store[code]
	return u.ParentCode, ok && u.ParentCode != ""
}

// checkCycles refuses every row on a parent cycle through file and store.
func (im *unitImport) checkCycles() {
	var starts []string
	for _, r := range im.rows {
		if r.unit.Code != "" {
			starts = append(starts, r.unit.Code)
		}
	}
	cycles := findCycles(starts, im.parentOf)
	for _, r := range im.rows {
		path, on := cycles[r.unit.Code]
		if on && len(path) > 2 && r.unit.ParentCode == path[1] {
			r.refuse(Reason{Code: CodeParentCycle, Value: cycleText(path, func(s string) string { return s })})
		}
	}
}

// propagate refuses accepted rows whose parent row is refused, reporting
// whether it refused any.
func (im *unitImport) propagate() bool {
	changed := false
	for _, r := range im.rows {
		if !r.ok() {
			continue
		}
		for _, p := range im.byCode[r.unit.ParentCode] {
			if !p.ok() {
				r.refuse(Reason{Code: CodeParentRefused, Lines: []int{p.line}})
				changed = true
				break
			}
		}
	}
	return changed
}

// fillReport lists the rows in file order.
func (im *unitImport) fillReport(rep *Report) {
	for _, r := range im.rows {
		_, exists := im.store[r.unit.Code]
		rep.add(RowResult{Line: r.line, Key: r.unit.Code, Name: r.unit.Name, Reasons: r.reasons}, r.ok(), !exists)
	}
}

// withStoredSettings gives u the survey settings the store has for its
// code where the file has no column for them.
func (im *unitImport) withStoredSettings(u storage.Unit) storage.Unit {
	stored := im.store[u.Code] // the zero unit when new
	for column, c := range countSettings {
		if !slices.Contains(im.columns, column) {
			*c.field(&u) = *c.field(&stored)
		}
	}
	for column, field := range clockSettings {
		if !slices.Contains(im.columns, column) {
			*field(&u) = *field(&stored)
		}
	}
	if !slices.Contains(im.columns, ucolQuickSurvey) {
		u.QuickSurvey = stored.QuickSurvey
	}
	return u
}

// write upserts the accepted rows, parents first, stopping at the first
// store error.
func (im *unitImport) write(ctx context.Context, st UnitStore, now time.Time, rep *Report) error {
	idx := map[int]int{}
	for i, a := range rep.Accepted {
		idx[a.Line] = i
	}
	for _, r := range im.order {
		res := &rep.Accepted[idx[r.line]]
		u := im.withStoredSettings(r.unit)
		u.CreatedAt, u.UpdatedAt = now, now
		if err := st.UpsertUnit(ctx, u); err != nil {
			rep.Failed = &WriteFailure{Line: r.line, Key: u.Code, Err: err}
			return fmt.Errorf("import units line %d code=%s: %w", r.line, u.Code, err)
		}
		rep.wrote(res)
	}
	rep.Written = true
	return nil
}
