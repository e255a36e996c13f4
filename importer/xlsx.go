package importer

import (
	"archive/zip"
	"bytes"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/kinerjabot/kinerjabot/i18n"
)

// maxUnzipSize bounds what an XLSX may unpack to (a zip bomb is refused).
const maxUnzipSize = 512 << 20

// SheetError: the XLSX workbook has no sheet of the name asked for.
type SheetError struct {
	Name string
	// Sheets are the workbook's sheets, in order.
	Sheets []string
}

// Error returns the English message.
func (e *SheetError) Error() string { return "import: " + e.Message("en") }

// Message renders the problem in Bahasa Indonesia (default) or English.
func (e *SheetError) Message(lang string) string {
	return i18n.FromTag(lang).T(i18n.ImportSheetMissing, e.Name, strings.Join(e.Sheets, ", "))
}

// readXLSX reads one sheet of an XLSX workbook (the first when sheet is
// ""): every cell's value as stored, not as formatted (a date is its
// serial number, a number all its digits), so that the column mapping
// converts the cells by what the column holds. A zip that is no workbook
// is a *FormatError.
func readXLSX(data []byte, sheet string) (*rawTable, error) {
	if ferr := checkWorkbookZip(data); ferr != nil {
		return nil, ferr
	}
	f, err := excelize.OpenReader(bytes.NewReader(data),
		excelize.Options{RawCellValue: true, UnzipSizeLimit: maxUnzipSize})
	if err != nil {
		return nil, &FormatError{Format: FormatXLSXBroken}
	}
	defer f.Close()
	name, err := pickSheet(f.GetSheetList(), sheet)
	if err != nil {
		return nil, err
	}
	cells, err := f.GetRows(name, excelize.Options{RawCellValue: true})
	if err != nil {
		return nil, &FormatError{Format: FormatXLSXBroken}
	}
	rows := make([]rawRow, 0, len(cells))
	numeric := map[[2]int]bool{}
	for i, row := range cells {
		rows = append(rows, rawRow{line: i + 1, cells: trimFields(row)})
		for j, v := range rows[i].cells {
			if looksNumeric(v) && numericCell(f, name, i+1, j) {
				numeric[[2]int{i, j}] = true
			}
		}
	}
	t := rowsTable(rows)
	t.numeric = func(row, col int) bool { return numeric[[2]int{row, col}] }
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		t.date1904 = *props.Date1904
	}
	return t, nil
}

// checkWorkbookZip refuses a zip archive without an Excel workbook in it.
func checkWorkbookZip(data []byte) *FormatError {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return &FormatError{Format: FormatXLSXBroken}
	}
	for _, zf := range zr.File {
		if zf.Name == "xl/workbook.xml" {
			return nil
		}
	}
	return zipFormat(data)
}

// pickSheet returns the sheet named want (case ignored), or the first.
func pickSheet(sheets []string, want string) (string, error) {
	if len(sheets) == 0 {
		return "", &FormatError{Format: FormatXLSXBroken}
	}
	if want == "" {
		return sheets[0], nil
	}
	for _, s := range sheets {
		if strings.EqualFold(strings.TrimSpace(s), strings.TrimSpace(want)) {
			return s, nil
		}
	}
	return "", &SheetError{Name: want, Sheets: sheets}
}

// looksNumeric: v could be a cell stored as a number.
func looksNumeric(v string) bool {
	_, err := strconv.ParseFloat(v, 64)
	return err == nil
}

// numericCell reports whether the cell at row (from 1) and col (from 0)
// is stored as a number (no type, or type n), not as text.
func numericCell(f *excelize.File, sheet string, row, col int) bool {
	ref, err := excelize.CoordinatesToCellName(col+1, row)
	if err != nil {
		return false
	}
	t, err := f.GetCellType(sheet, ref)
	return err == nil && (t == excelize.CellTypeUnset || t == excelize.CellTypeNumber)
}
