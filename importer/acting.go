package importer

import (
	"context"
	"fmt"
	"io"
	"slices"

	"github.com/kinerjabot/kinerjabot/storage"
)

// ActingHeader is the header of the acting assignments file (Plt/Plh): the
// person acting, the supervisor whose post they act for, and the first and
// last local dates.
var ActingHeader = []string{"nip_acting", "nip_for", "from", "to"}

// Reasons of the acting file (besides CodeColumns, CodeNIP,
// CodeEmployeeUnknown, CodeEmployeeActive and CodeHolidayDate).
const (
	CodeActingSelf    Code = "acting_self"    // a person acting for their own post
	CodeActingRange   Code = "acting_range"   // Value: from; Want: to, which is before it
	CodeActingOverlap Code = "acting_overlap" // Lines: rows for the same post on overlapping dates
)

// Columns of the acting file.
const (
	acolActing = iota
	acolFor
	acolFrom
	acolTo
)

// actingRow is one data row of the acting file being checked; raw is the
// acting NIP as written.
type actingRow struct {
	line    int
	raw     string
	a       storage.Acting
	reasons []Reason
}

func (r *actingRow) refuse(rs Reason) { r.reasons = append(r.reasons, rs) }
func (r *actingRow) ok() bool         { return len(r.reasons) == 0 }
func (r *actingRow) key() string      { return nipKey(r.a.ActingNIP, r.raw) }

// nip reads a NIP column of a person on the roster; active when mustAct.
func (r *actingRow) nip(rec record, col int, emps map[string]storage.Employee, mustAct bool) string {
	nip, rs := rosterNIP(rec, col, emps, mustAct)
	r.reasons = append(r.reasons, rs...)
	return nip
}

func parseActingRow(rec record, emps map[string]storage.Employee) *actingRow {
	r := &actingRow{line: rec.line, raw: rec.field(acolActing)}
	if !rec.fits() {
		r.refuse(columnsReason(rec))
		return r
	}
	r.a.ActingNIP = r.nip(rec, acolActing, emps, true)
	r.a.ForNIP = r.nip(rec, acolFor, emps, false) // the post may be vacant: its holder left
	if r.a.ActingNIP != "" && r.a.ActingNIP == r.a.ForNIP {
		r.refuse(Reason{Code: CodeActingSelf})
	}
	from, okFrom := parseHolidayDate(rec.field(acolFrom))
	if !okFrom {
		r.refuse(Reason{Code: CodeHolidayDate, Value: rec.field(acolFrom)})
	}
	to, okTo := parseHolidayDate(rec.field(acolTo))
	if !okTo {
		r.refuse(Reason{Code: CodeHolidayDate, Value: rec.field(acolTo)})
	}
	if okFrom && okTo && to < from {
		r.refuse(Reason{Code: CodeActingRange, Value: from, Want: to})
	}
	r.a.From, r.a.To = from, to
	return r
}

// markOverlaps refuses the rows for one post whose dates overlap.
func markOverlaps(rows []*actingRow) {
	for i, a := range rows {
		var lines []int
		for j, b := range rows {
			if i != j && a.a.Overlaps(b.a) {
				lines = append(lines, b.line)
			}
		}
		if len(lines) > 0 {
			a.refuse(Reason{Code: CodeActingOverlap, Lines: lines})
		}
	}
}

// ImportActing imports the acting assignments CSV (header ActingHeader)
// into st: each row says that nip_acting (on the roster, active) acts for
// the post of nip_for (on the roster) from the date from to the date to,
// both included (written as for holidays); no two rows for one post may
// overlap. The file is the whole list: it replaces the stored one in one
// write, and only when every row is accepted (o.Partial is not honoured:
// a dropped row would end an assignment). An assignment not in the file
// ends. The error is as for ImportRoster.
func ImportActing(ctx context.Context, st ActingStore, r io.Reader, o Options) (Report, error) {
	rep := Report{Kind: KindActing}
	file, err := readFile(r, o, actingLayout)
	if err != nil {
		return rep, err
	}
	recs := file.records
	rep.Unused = file.unused
	byNIP, err := employeesByNIP(ctx, st)
	if err != nil {
		return rep, err
	}
	old, err := st.ListActing(ctx)
	if err != nil {
		return rep, fmt.Errorf("list acting: %w", err)
	}
	rows := make([]*actingRow, 0, len(recs))
	for _, rec := range recs {
		row := parseActingRow(rec, byNIP)
		refuseOutOfScope(o, byNIP, row.refuse, row.a.ActingNIP, row.a.ForNIP)
		rows = append(rows, row)
	}
	markOverlaps(rows)
	list := make([]storage.Acting, 0, len(rows))
	for _, row := range rows {
		rep.add(RowResult{Line: row.line, Key: row.key(), Name: actingName(byNIP, row.a), Reasons: row.reasons},
			row.ok(), !slices.Contains(old, row.a))
		list = append(list, row.a)
	}
	if len(rep.Refused) > 0 || o.DryRun {
		return rep, nil
	}
	if err := st.ReplaceActing(ctx, list); err != nil {
		rep.Failed = &WriteFailure{Line: 0, Key: "-", Err: err}
		return rep, fmt.Errorf("import acting: %w", err)
	}
	for i := range rep.Accepted {
		rep.wrote(&rep.Accepted[i])
	}
	rep.Written = true
	return rep, nil
}

// actingName is "Name (for Name, from..to)" for the report.
func actingName(emps map[string]storage.Employee, a storage.Acting) string {
	if a.ActingNIP == "" || a.ForNIP == "" {
		return ""
	}
	return emps[a.ActingNIP].Name + " → " + emps[a.ForNIP].Name + " " + a.From + ".." + a.To
}
