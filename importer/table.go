package importer

import (
	"bytes"
	"fmt"
	"io"
)

// MaxFileSize is the largest file an import reads, in bytes: a roster of
// every civil servant of a province is a few megabytes.
const MaxFileSize = 64 << 20

// rawTable is a file's cells before its header is mapped: every row as
// the file has it, a CSV line or a row of the XLSX sheet.
type rawTable struct {
	rows []rawRow
	// numeric reports whether the cell of row (index in rows) and column
	// is stored as a number; nil for CSV, whose cells are all text.
	numeric func(row, col int) bool
	// date1904: the workbook counts dates from 1904 (old Mac Excel).
	date1904 bool
}

// rawRow is one row: its line (CSV) or row number (XLSX), and its cells
// with surrounding spaces trimmed.
type rawRow struct {
	line  int
	cells []string
}

// readTable reads a whole file, XLSX or CSV, told apart by their content
// (an XLSX is a zip archive), not by the file name. sheet names the XLSX
// sheet to read ("" for the first); it is refused for CSV. Any other
// content is refused with a *FormatError (or ErrUTF16), which never quotes
// the file.
func readTable(r io.Reader, sheet string) (*rawTable, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("read file: %w", err)
	}
	if len(data) > MaxFileSize {
		return nil, &FormatError{Format: FormatTooLarge}
	}
	if bytes.HasPrefix(data, zipMagic) {
		return readXLSX(data, sheet)
	}
	if err := sniffText(data); err != nil {
		return nil, err
	}
	if sheet != "" {
		return nil, &FormatError{Format: FormatSheetCSV}
	}
	return readCSVTable(data)
}
