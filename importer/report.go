package importer

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/kinerjabot/kinerjabot/i18n"
)

// Code names one reason a row is refused. Values are stable: tests and
// callers may compare them.
type Code string

// Reasons shared by both files.
const (
	CodeColumns   Code = "columns"    // wrong number of columns
	CodeNameEmpty Code = "name_empty" // name column empty
)

// Reasons of the roster file.
const (
	CodeNIP                Code = "nip_invalid"          // Cause is an *ident.NIPError
	CodeNIPDuplicate       Code = "nip_duplicate"        // Lines: the other rows with this NIP
	CodeUnitCodeEmpty      Code = "unit_code_empty"      // also the units file's empty code
	CodeUnitUnknown        Code = "unit_unknown"         // unit not in the store and no unit_name anywhere
	CodeUnitNameConflict   Code = "unit_name_conflict"   // a new unit named differently on Lines
	CodePhone              Code = "phone_invalid"        // Cause is an *ident.PhoneError
	CodePhoneDuplicate     Code = "phone_duplicate"      // Lines: the other rows with this phone
	CodePhoneTaken         Code = "phone_taken"          // Value: the NIP holding it in the store
	CodePhoneHolderRefused Code = "phone_holder_refused" // the holder's row, which frees it, is refused
	CodePhoneOrder         Code = "phone_order"          // phones swapped: no write order frees them
	CodeSupervisorNIP      Code = "supervisor_invalid"   // Cause is an *ident.NIPError
	CodeSupervisorSelf     Code = "supervisor_self"
	CodeSupervisorUnknown  Code = "supervisor_unknown" // neither in the file nor in the store
	CodeSupervisorCycle    Code = "supervisor_cycle"   // Value: the cycle
	CodeSupervisorRefused  Code = "supervisor_refused" // Lines: the supervisor's refused row
	CodeRole               Code = "role_unknown"
	CodeStatus             Code = "status_unknown" // Value: the status column's value
)

// Reasons of the units file.
const (
	CodeUnitDuplicate   Code = "code_duplicate"
	CodeTimezoneEmpty   Code = "timezone_empty"
	CodeTimezone        Code = "timezone_invalid"
	CodeCoordinatesPair Code = "coordinates_pair"
	CodeLatitude        Code = "latitude_invalid"
	CodeLongitude       Code = "longitude_invalid"
	CodeParentSelf      Code = "parent_self"
	CodeParentUnknown   Code = "parent_unknown"
	CodeParentCycle     Code = "parent_cycle"
	CodeParentRefused   Code = "parent_refused"
	CodeServiceUsers    Code = "service_users_invalid"     // not a whole number ≥ 0
	CodeCounters        Code = "counters_invalid"          // not a whole number 0..50
	CodeQuickSurvey     Code = "quick_survey_invalid"      // not ya/yes/true/1 or tidak/no/false/0
	CodeMonthlyTarget   Code = "monthly_target_invalid"    // not a whole number 0..44640 (minutes)
	CodeSLADays         Code = "sla_days_invalid"          // not a whole number 0..60 (work days)
	CodeRemindAt        Code = "remind_at_invalid"         // Value: as written; Want: the column; not HH:MM from 00:01
	CodeEvalPeriod      Code = "evaluation_period_invalid" // not bulanan/monthly or triwulan/quarterly
)

// Reason is one reason a row is refused.
type Reason struct {
	Code Code
	// Value is the offending value or the other party: a NIP (formatted),
	// a unit code, a cycle "A → B → A".
	Value string
	// Want is the expected value, where the reason has one (CodeColumns).
	Want string
	// Lines are other lines of the file involved (a duplicate, a refused
	// supervisor).
	Lines []int
	// Cause is the ident error behind CodeNIP, CodeSupervisorNIP and
	// CodePhone; its Message(lang) is part of the text.
	Cause error
}

// Message renders the reason in Bahasa Indonesia (default) or English.
func (r Reason) Message(lang string) string {
	k, ok := reasonKeys[r.Code]
	if !ok {
		return string(r.Code)
	}
	l := i18n.FromTag(lang)
	if text := l.T(k); !strings.Contains(text, "%") {
		return text // no placeholder: fmt would flag the arguments as extra
	}
	return l.T(k, r.Value, r.Want, joinLines(r.Lines), causeMessage(r.Cause, lang))
}

// causeMessage renders an ident error in the language, or any error as is.
func causeMessage(err error, lang string) string {
	var m interface{ Message(lang string) string }
	switch {
	case err == nil:
		return ""
	case errors.As(err, &m):
		return m.Message(lang)
	}
	return err.Error()
}

func joinLines(lines []int) string {
	s := make([]string, len(lines))
	for i, l := range lines {
		s[i] = strconv.Itoa(l)
	}
	return strings.Join(s, ", ")
}

// RowResult is the outcome of one data row.
type RowResult struct {
	// Line is the row's line in the file, the header being line 1.
	Line int
	// Key is the NIP in display form (roster, SKP) or the unit code
	// (units), the date as YYYY-MM-DD (holidays), as written in the file
	// when it is not valid.
	Key string
	// Name is the name column (the RHK of an SKP row).
	Name string
	// Reasons are why the row is refused; empty for an accepted row.
	Reasons []Reason
	// Created: the accepted row is a new record (else it updates one).
	Created bool
	// Written: the accepted row was written to the store.
	Written bool
}

// Kind says which file a Report is about.
type Kind string

// Kinds of import.
const (
	KindRoster Kind = "roster"
	KindUnits  Kind = "units"
	KindSKP    Kind = "skp"
	// KindHolidays is the holidays file (ImportHolidays).
	KindHolidays Kind = "holidays"
	// KindActing is the acting assignments file (ImportActing).
	KindActing Kind = "acting"
)

// WriteFailure is where a store error stopped the writes.
type WriteFailure struct {
	// Line of the row being written; 0 for a unit that ImportRoster creates.
	Line int
	// Key is the NIP (display form) or unit code being written.
	Key string
	Err error
}

// Report is the outcome of an import. Accepted and Refused are in file
// order. The Refused rows are the same with or without Partial: a row whose
// supervisor (or parent unit) is refused is refused too.
type Report struct {
	Kind     Kind
	Partial  bool
	Accepted []RowResult
	Refused  []RowResult
	// Created and Updated count the records written: employees for the
	// roster, units for the units file, targets for the SKP file, holidays
	// for the holidays file.
	Created, Updated int
	// UnitsCreated are the codes of the units ImportRoster created from the
	// roster's unit_code and unit_name, with the default time zone.
	UnitsCreated []string
	// Written: every accepted row was written (nothing was when Partial is
	// false and a row is refused, or when a store error stopped the import).
	Written bool
	// Failed is set when a store error stopped the writes; the rows written
	// before it have RowResult.Written set.
	Failed *WriteFailure
	// Replaced is what ReplaceHolidayYear did with the year's holidays the
	// file lacks; nil for every other import.
	Replaced *YearReplacement
	// Unused are the file's columns the import did not read, as the
	// header writes them.
	Unused []string
	// Deactivation is what ImportRoster did, or would do, with the people
	// the roster lacks (Options.DeactivateMissing); nil otherwise.
	Deactivation *Deactivation
}

// add lists one row's result, in file order: among the accepted (Created
// when its record is new), or among the refused.
func (rep *Report) add(res RowResult, ok, isNew bool) {
	if !ok {
		rep.Refused = append(rep.Refused, res)
		return
	}
	res.Created = isNew
	rep.Accepted = append(rep.Accepted, res)
}

// OK reports whether the whole file was imported: no refused row and every
// row written.
func (r Report) OK() bool { return len(r.Refused) == 0 && r.Written }

// Write renders the report for the admin who imported the file: Bahasa
// Indonesia by default, English when lang is "en". Errors of w are ignored;
// the report is best effort output of a CLI.
func (r Report) Write(w io.Writer, lang string) {
	l := i18n.FromTag(lang)
	fmt.Fprintln(w, l.T(i18n.RosterSummary, l.T(kindKeys[r.Kind]), len(r.Accepted), len(r.Refused)))
	r.writeUnused(w, l)
	if len(r.Refused) > 0 {
		fmt.Fprintln(w, l.T(i18n.RosterRefusedHeading))
		for _, row := range r.Refused {
			fmt.Fprintln(w, "  "+r.rowLine(row, l))
		}
	}
	r.writeOutcome(w, l)
	r.writeReplaced(w, l)
	r.writeDeactivation(w, l)
}

// rowLine renders "Baris 4 (NIP …): reason; reason".
func (r Report) rowLine(row RowResult, l i18n.Lang) string {
	head := l.T(i18n.RosterLine, row.Line)
	if row.Key != "" {
		head += fmt.Sprintf(" (%s %s)", l.T(labelKeys[r.Kind]), row.Key)
	}
	msgs := make([]string, len(row.Reasons))
	for i, rs := range row.Reasons {
		msgs[i] = rs.Message(string(l))
	}
	return head + ": " + strings.Join(msgs, "; ")
}

// writeOutcome says what was written.
func (r Report) writeOutcome(w io.Writer, l i18n.Lang) {
	switch {
	case r.Failed != nil:
		at := l.T(i18n.RosterAtUnit, r.Failed.Key) // a unit ImportRoster creates
		if r.Failed.Line > 0 {
			at = l.T(i18n.RosterAtLine, r.Failed.Line) + " (" + r.Failed.Key + ")"
		}
		fmt.Fprintln(w, l.T(i18n.RosterFailed, at, r.Failed.Err))
		fmt.Fprintln(w, l.T(i18n.RosterWrittenRows, r.writtenLines()))
		fmt.Fprintln(w, l.T(i18n.RosterRetry))
	case !r.Written && r.Deactivation.waiting() && len(r.Refused) == 0:
		// writeDeactivation asks for the confirmation.
	case !r.Written:
		fmt.Fprintln(w, l.T(i18n.RosterNothingWritten))
	default:
		if len(r.Refused) > 0 {
			fmt.Fprintln(w, l.T(i18n.RosterPartialWritten))
		}
		fmt.Fprintln(w, l.T(i18n.RosterCounts, r.Created, l.T(kindKeys[r.Kind]), r.Updated))
	}
	if len(r.UnitsCreated) > 0 {
		fmt.Fprintln(w, l.T(i18n.RosterUnitsCreated, strings.Join(r.UnitsCreated, ", ")))
	}
}

// writtenLines lists the lines of the rows written, or "-".
func (r Report) writtenLines() string {
	var lines []int
	for _, a := range r.Accepted {
		if a.Written {
			lines = append(lines, a.Line)
		}
	}
	if len(lines) == 0 {
		return "-"
	}
	return joinLines(lines)
}

// wrote marks an accepted row as written and counts it.
func (r *Report) wrote(res *RowResult) {
	res.Written = true
	if res.Created {
		r.Created++
	} else {
		r.Updated++
	}
}
