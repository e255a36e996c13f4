package export

import (
	"bytes"
	"fmt"
	"time"

	"github.com/xuri/excelize/v2"
)

// headerHeight is the header row's height in points (long headers wrap).
const headerHeight = 48

// XLSX writes the workbook as an Office Open XML spreadsheet: one sheet per
// table, the header row frozen, each column its width and number format.
// Every string is written as a string cell (an inline string, never a
// formula), so text beginning with '=', '+', '-' or '@' is shown, never
// run; numbers are number cells and dates are date serials with a date
// format.
func (w Workbook) XLSX() ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return nil, err
	}
	for i, s := range w.Sheets {
		if err := addSheet(f, i, s.Name); err != nil {
			return nil, err
		}
		if err := writeSheet(f, st, s); err != nil {
			return nil, fmt.Errorf("sheet %s: %w", s.Name, err)
		}
	}
	f.SetActiveSheet(0)
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, fmt.Errorf("write xlsx: %w", err)
	}
	return bytes.Clone(buf.Bytes()), nil
}

// addSheet names the first sheet (the new file's "Sheet1") or adds one.
func addSheet(f *excelize.File, i int, name string) error {
	if i == 0 {
		return f.SetSheetName(f.GetSheetName(0), name)
	}
	_, err := f.NewSheet(name)
	return err
}

// writeSheet streams a table: widths and the frozen header first, as the
// stream writer requires, then the rows.
func writeSheet(f *excelize.File, st styles, s Sheet) error {
	sw, err := f.NewStreamWriter(s.Name)
	if err != nil {
		return err
	}
	for i, c := range s.Columns {
		if err := sw.SetColWidth(i+1, i+1, c.Width); err != nil {
			return err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	header := make([]any, len(s.Columns))
	for i, c := range s.Columns {
		header[i] = excelize.Cell{StyleID: st.header, Value: c.Header}
	}
	if err := sw.SetRow("A1", header, excelize.RowOpts{Height: headerHeight}); err != nil {
		return err
	}
	for r, row := range s.Rows {
		cells := make([]any, len(s.Columns))
		for i, c := range s.Columns {
			if i < len(row) && row[i] != nil {
				cells[i] = excelize.Cell{StyleID: st.of[c.Type], Value: xlsxValue(c.Type, row[i])}
			}
		}
		ref, _ := excelize.CoordinatesToCellName(1, r+2)
		if err := sw.SetRow(ref, cells); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// xlsxValue is the value a cell of type t is written with: a Text cell is
// always a string (whatever it holds), so nothing becomes a formula or a
// number by accident.
func xlsxValue(t Type, v any) any {
	if t == Text {
		if s, ok := v.(string); ok {
			return s
		}
		return fmt.Sprint(v)
	}
	if d, ok := v.(time.Time); ok {
		return d.UTC() // excelize writes the wall clock of the value's zone
	}
	return v
}

// styles are the style ids of the header and of each column type.
type styles struct {
	header int
	of     map[Type]int
}

func newStyles(f *excelize.File) (styles, error) {
	text, date, dateTime, percent := 49, "yyyy-mm-dd", "yyyy-mm-dd hh:mm", "0.0%"
	defs := map[Type]*excelize.Style{
		Text:     {NumFmt: text, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}},
		Int:      {NumFmt: 3, Alignment: &excelize.Alignment{Vertical: "top"}},
		Number:   {NumFmt: 0, Alignment: &excelize.Alignment{Vertical: "top"}},
		Decimal:  {NumFmt: 2, Alignment: &excelize.Alignment{Vertical: "top"}},
		Percent:  {CustomNumFmt: &percent, Alignment: &excelize.Alignment{Vertical: "top"}},
		Date:     {CustomNumFmt: &date, Alignment: &excelize.Alignment{Vertical: "top"}},
		DateTime: {CustomNumFmt: &dateTime, Alignment: &excelize.Alignment{Vertical: "top"}},
	}
	st := styles{of: map[Type]int{}}
	for t, d := range defs {
		id, err := f.NewStyle(d)
		if err != nil {
			return st, fmt.Errorf("style: %w", err)
		}
		st.of[t] = id
	}
	var err error
	st.header, err = f.NewStyle(&excelize.Style{
		NumFmt:    text,
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DDEBF7"}},
		Alignment: &excelize.Alignment{Vertical: "top", WrapText: true},
		Border:    []excelize.Border{{Type: "bottom", Color: "8EA9DB", Style: 1}},
	})
	if err != nil {
		return st, fmt.Errorf("header style: %w", err)
	}
	return st, nil
}
