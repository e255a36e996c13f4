package export

import (
	"time"

	"github.com/kinerjabot/kinerjabot/i18n"
)

// Sheet names, fixed in every language.
const (
	SheetRekap     = "Rekap"
	SheetKegiatan  = "Kegiatan"
	SheetApresiasi = "Apresiasi"
	SheetIKM       = "IKM"
)

// Type is what a column holds, which decides the cell's type and number
// format in the XLSX and its rendering in the CSV.
type Type int

// Column types.
const (
	Text     Type = iota // a string, always written as text
	Int                  // a whole number
	Number               // a number shown as it is (General)
	Decimal              // a number shown with two decimals
	Percent              // a ratio (1 is 100 %)
	Date                 // a calendar date (time.Time at midnight UTC)
	DateTime             // a local date and time (time.Time, wall clock as UTC)
)

// Column is one column of a sheet.
type Column struct {
	Header string
	Type   Type
	// Width in characters.
	Width float64
}

// Sheet is one table: a header row and rows of cells. A cell is a string
// (Text), an int (Int), a float64 (Number, Decimal, Percent), a time.Time (Date,
// DateTime), or nil (empty).
type Sheet struct {
	Name    string
	Columns []Column
	Rows    [][]any
}

// Workbook is the export: its sheets in order.
type Workbook struct {
	Sheets []Sheet
}

// Sheet returns the sheet named name, if the workbook has it.
func (w Workbook) Sheet(name string) (Sheet, bool) {
	for _, s := range w.Sheets {
		if s.Name == name {
			return s, true
		}
	}
	return Sheet{}, false
}

// col is a column with its header from the catalogue.
func col(l i18n.Lang, k i18n.Key, t Type, width float64) Column {
	return Column{Header: l.T(k), Type: t, Width: width}
}

// day is a local date as a Date cell (nil when unreadable).
func day(s string) any {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return nil
	}
	return t
}

// wall is a moment as a DateTime cell: its wall clock in loc.
func wall(t time.Time, loc *time.Location) any {
	if t.IsZero() {
		return nil
	}
	l := t.In(loc)
	return time.Date(l.Year(), l.Month(), l.Day(), l.Hour(), l.Minute(), l.Second(), 0, time.UTC)
}

// text is a Text cell; empty strings stay empty cells.
func text(s string) any {
	if s == "" {
		return nil
	}
	return s
}
