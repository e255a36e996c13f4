package export

import (
	"context"
	"fmt"

	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/ikm"
	"github.com/kinerjabot/kinerjabot/storage"
)

// workbook assembles the sheets of a built month.
func (x *Exporter) workbook(ctx context.Context, m *month) (Workbook, error) {
	l := m.lang
	w := Workbook{Sheets: []Sheet{
		{Name: SheetRekap, Columns: rekapColumns(l), Rows: m.rekap},
		{Name: SheetKegiatan, Columns: kegiatanColumns(l), Rows: m.logs},
		{Name: SheetApresiasi, Columns: apresiasiColumns(l), Rows: m.apresiasi},
	}}
	rows, err := x.ikmRows(ctx, m)
	if err != nil {
		return w, err
	}
	if len(rows) > 0 {
		w.Sheets = append(w.Sheets, Sheet{Name: SheetIKM, Columns: ikmColumns(l), Rows: rows})
	}
	w.Sheets = append(w.Sheets, cycleSheets(m)...)
	if rows, err = x.evaluationRows(ctx, m); err != nil {
		return w, err
	}
	if len(rows) > 0 {
		w.Sheets = append(w.Sheets, Sheet{Name: SheetEvaluasi, Columns: evaluationColumns(l), Rows: rows})
	}
	return w, nil
}

func rekapColumns(l i18n.Lang) []Column {
	return []Column{
		col(l, i18n.ExportColNIP, Text, 21), col(l, i18n.ExportColName, Text, 28), col(l, i18n.ExportColPosition, Text, 28),
		col(l, i18n.ExportColUnit, Text, 24), col(l, i18n.ExportColApproved, Int, 12), col(l, i18n.ExportColTarget, Int, 12),
		col(l, i18n.ExportColCapaian, Percent, 22), col(l, i18n.ExportColWorkDays, Int, 11),
		col(l, i18n.ExportColDaysReported, Int, 11), col(l, i18n.ExportColPending, Int, 12),
		col(l, i18n.ExportColRefused, Int, 12), col(l, i18n.ExportColAppreciation, Int, 11),
	}
}

func kegiatanColumns(l i18n.Lang) []Column {
	return []Column{
		col(l, i18n.ExportColDate, Date, 12), col(l, i18n.ExportColNIP, Text, 21), col(l, i18n.ExportColName, Text, 24),
		col(l, i18n.ExportColDescription, Text, 48), col(l, i18n.ExportColMinutes, Int, 10),
		col(l, i18n.ExportColOutputVolume, Number, 10), col(l, i18n.ExportColOutputUnit, Text, 12),
		col(l, i18n.ExportColSKP, Text, 32), col(l, i18n.ExportColStatus, Text, 12),
		col(l, i18n.ExportColDecidedAt, DateTime, 17), col(l, i18n.ExportColReason, Text, 28),
		col(l, i18n.ExportColDecidedBy, Text, 24), col(l, i18n.ExportColEvidence, Int, 9),
		col(l, i18n.ExportColReused, Text, 10), col(l, i18n.ExportColDateFar, Text, 12), col(l, i18n.ExportColDistance, Int, 12),
	}
}

func apresiasiColumns(l i18n.Lang) []Column {
	cols := []Column{col(l, i18n.ExportColNIP, Text, 21), col(l, i18n.ExportColName, Text, 28)}
	for _, k := range i18n.BerAKHLAK {
		cols = append(cols, col(l, k, Int, 13))
	}
	return append(cols, col(l, i18n.ExportColTotal, Int, 9))
}

func ikmColumns(l i18n.Lang) []Column {
	cols := []Column{col(l, i18n.ExportColUnit, Text, 12), col(l, i18n.ExportColUnitName, Text, 28),
		col(l, i18n.ExportColRespondents, Int, 11)}
	for _, k := range ikm.Elements {
		cols = append(cols, col(l, k, Decimal, 13))
	}
	return append(cols, col(l, i18n.ExportColIKM, Decimal, 10), col(l, i18n.ExportColGrade, Text, 9),
		col(l, i18n.ExportColPerformance, Text, 14), col(l, i18n.ExportColSample, Int, 12),
		col(l, i18n.ExportColQuickRespondents, Int, 12), col(l, i18n.ExportColQuickMean, Decimal, 12))
}

// ikmRows are the IKM rows of the units of a unit export that have
// surveys in the month (package ikm's figures; comments are left out).
func (x *Exporter) ikmRows(ctx context.Context, m *month) ([][]any, error) {
	var rows [][]any
	for _, u := range m.scope.surveyed {
		skm, err := x.store.SurveyStats(ctx, u.Code, storage.SurveySKM, m.from, m.to)
		if err != nil {
			return nil, fmt.Errorf("survey stats: %w", err)
		}
		quick, err := x.store.SurveyStats(ctx, u.Code, storage.SurveyQuick, m.from, m.to)
		if err != nil {
			return nil, fmt.Errorf("quick survey stats: %w", err)
		}
		if skm.Respondents == 0 && quick.Respondents == 0 {
			continue
		}
		rows = append(rows, ikmRow(m.lang, u, ikm.Compute(skm), quick))
	}
	return rows, nil
}

func ikmRow(l i18n.Lang, u storage.Unit, r ikm.Result, quick storage.SurveyStats) []any {
	row := []any{u.Code, text(u.Name), r.Respondents}
	for _, v := range r.NRR {
		row = append(row, orNil(r.Respondents > 0, v))
	}
	row = append(row, orNil(r.Respondents > 0, r.Score), text(r.Grade.Letter))
	if r.Respondents > 0 {
		row = append(row, l.T(r.Grade.Label))
	} else {
		row = append(row, nil)
	}
	return append(row, orNil(u.ServiceUsers > 0, ikm.SampleSize(u.ServiceUsers)), quick.Respondents,
		orNil(quick.Respondents > 0, ikm.QuickMean(quick)))
}

// orNil is v when ok, else an empty cell.
func orNil[T any](ok bool, v T) any {
	if !ok {
		return nil
	}
	return v
}
