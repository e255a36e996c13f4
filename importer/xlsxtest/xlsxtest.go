// Package xlsxtest makes XLSX workbooks for tests of the importers: sheets
// of rows whose cells are any value excelize writes (text, numbers,
// time.Time), or a Cell with a number format of its own.
package xlsxtest

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// Sheet is one sheet of a workbook.
type Sheet struct {
	Name string
	Rows [][]any
}

// Cell is a value shown with a custom number format ("dd/mm/yyyy", "@").
type Cell struct {
	Value  any
	Format string
}

// Number is a number cell stored as Excel writes it in the file, e.g.
// 1.98501012010011E+17 for an 18-digit NIP typed into a number column.
type Number string

// Workbook returns the bytes of an .xlsx file with the sheets, in order.
func Workbook(tb testing.TB, sheets ...Sheet) []byte {
	tb.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range sheets {
		if i == 0 {
			must(tb, f.SetSheetName("Sheet1", s.Name))
		} else if _, err := f.NewSheet(s.Name); err != nil {
			tb.Fatal(err)
		}
		for r, row := range s.Rows {
			for c, v := range row {
				setCell(tb, f, s.Name, r+1, c+1, v)
			}
		}
	}
	var b bytes.Buffer
	must(tb, f.Write(&b))
	return b.Bytes()
}

func setCell(tb testing.TB, f *excelize.File, sheet string, row, col int, v any) {
	tb.Helper()
	ref, err := excelize.CoordinatesToCellName(col, row)
	must(tb, err)
	if n, ok := v.(Number); ok {
		must(tb, f.SetCellDefault(sheet, ref, string(n)))
		return
	}
	c, styled := v.(Cell)
	if styled {
		v = c.Value
	}
	must(tb, f.SetCellValue(sheet, ref, v))
	if styled {
		style, err := f.NewStyle(&excelize.Style{CustomNumFmt: &c.Format})
		must(tb, err)
		must(tb, f.SetCellStyle(sheet, ref, ref, style))
	}
}

// FromCSV turns comma-separated text into rows of text cells, the header
// replaced by header when given.
func FromCSV(tb testing.TB, text string, header ...string) [][]any {
	tb.Helper()
	recs, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	must(tb, err)
	rows := make([][]any, len(recs))
	for i, rec := range recs {
		if i == 0 && len(header) > 0 {
			rec = header
		}
		for _, v := range rec {
			rows[i] = append(rows[i], v)
		}
	}
	return rows
}

// Semicolons renders rows as Excel writes CSV in the Indonesian locale:
// a UTF-8 BOM, columns separated by semicolons, CRLF line ends.
func Semicolons(tb testing.TB, rows [][]any) string {
	tb.Helper()
	var b strings.Builder
	b.WriteString("\ufeff")
	w := csv.NewWriter(&b)
	w.Comma, w.UseCRLF = ';', true
	for _, row := range rows {
		rec := make([]string, len(row))
		for i, v := range row {
			rec[i], _ = v.(string)
		}
		must(tb, w.Write(rec))
	}
	w.Flush()
	must(tb, w.Error())
	return b.String()
}

func must(tb testing.TB, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
}
