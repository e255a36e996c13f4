package console

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/importer"
)

// importReport is an import's report as the page shows it: each row with
// its outcome and, for a refused row, its reasons in the viewer's
// language.
type importReport struct {
	Kind              string // the kind's name
	Accepted, Refused int
	Created, Updated  int
	Written           bool
	Rows              []importRow
	More              int // rows not listed (past maxReportRows)
	Unused            string
	UnitsCreated      string
	// Failed is the store failure that stopped the writes, WroteSoFar
	// the lines written before it.
	Failed, WroteSoFar string
	// CanConfirm: the dry run may be confirmed (every row accepted, or
	// partial); ID names the stashed file.
	CanConfirm bool
	ID         string
}

// importRow is one row of the report.
type importRow struct {
	Line    int
	Key     string
	Name    string
	Refused bool
	Created bool
	Reasons string
}

func newImportReport(l i18n.Lang, rep importer.Report) *importReport {
	out := &importReport{Kind: kindNameOf(l, rep.Kind), Accepted: len(rep.Accepted), Refused: len(rep.Refused),
		Created: rep.Created, Updated: rep.Updated, Written: rep.Written,
		Unused: strings.Join(rep.Unused, ", "), UnitsCreated: strings.Join(rep.UnitsCreated, ", ")}
	rows := make([]importRow, 0, len(rep.Accepted)+len(rep.Refused))
	for _, r := range rep.Accepted {
		rows = append(rows, importRow{Line: r.Line, Key: r.Key, Name: r.Name, Created: r.Created})
	}
	for _, r := range rep.Refused {
		msgs := make([]string, len(r.Reasons))
		for i, rs := range r.Reasons {
			msgs[i] = rs.Message(string(l))
		}
		rows = append(rows, importRow{Line: r.Line, Key: r.Key, Name: r.Name, Refused: true, Reasons: strings.Join(msgs, "; ")})
	}
	slices.SortFunc(rows, func(a, b importRow) int { return cmp.Compare(a.Line, b.Line) })
	if len(rows) > maxReportRows {
		out.More, rows = len(rows)-maxReportRows, rows[:maxReportRows]
	}
	out.Rows = rows
	if f := rep.Failed; f != nil {
		out.Failed, out.WroteSoFar = f.Err.Error(), writtenLines(rep)
	}
	return out
}

// kindNameOf is the kind's name in the language.
func kindNameOf(l i18n.Lang, k importer.Kind) string {
	for _, kn := range importKinds {
		if kn.Kind == k {
			return l.T(kn.Name)
		}
	}
	return string(k)
}

// writtenLines lists the lines written before a failure, "-" none.
func writtenLines(rep importer.Report) string {
	var lines []string
	for _, r := range rep.Accepted {
		if r.Written {
			lines = append(lines, strconv.Itoa(r.Line))
		}
	}
	return cmp.Or(strings.Join(lines, ", "), "-")
}
