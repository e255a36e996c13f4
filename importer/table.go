package importer

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
)

// MaxFileSize is the largest XLSX file an import reads, in bytes: a
// workbook is unpacked whole.
const MaxFileSize = 64 << 20

// MaxCSVSize is the largest CSV file an import reads, in bytes: CSV is
// read a row at a time, so its size bounds the time, not the memory (a
// province's roster of a million people is about 100 MB).
const MaxCSVSize = 1 << 30

// sniffSize is how much of a CSV file is looked at before reading it: its
// format and separator are told from its start.
const sniffSize = 64 << 10

// rawTable is a file's cells before its header is mapped, read a row at a
// time: a CSV line or a row of the XLSX sheet.
type rawTable struct {
	// next returns the next row; ok is false at the end of the file.
	next func() (row rawRow, ok bool, err error)
	// numeric reports whether the cell of row (its index among the rows
	// next returned) and column is stored as a number; nil for CSV,
	// whose cells are all text.
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

// rowsTable is a table of rows already read (an XLSX sheet).
func rowsTable(rows []rawRow) *rawTable {
	i := 0
	return &rawTable{next: func() (rawRow, bool, error) {
		if i == len(rows) {
			return rawRow{}, false, nil
		}
		row := rows[i]
		rows[i] = rawRow{} // the caller keeps what it needs of the row
		i++
		return row, true, nil
	}}
}

// readTable opens a file, XLSX or CSV, told apart by their content (an
// XLSX is a zip archive), not by the file name. sheet names the XLSX
// sheet to read ("" for the first); it is refused for CSV. Any other
// content is refused with a *FormatError (or ErrUTF16), which never quotes
// the file. A CSV file is read as its rows are asked for (see
// readCSVTable); an XLSX file is read whole.
func readTable(r io.Reader, sheet string) (*rawTable, error) {
	br := bufio.NewReaderSize(r, sniffSize)
	head, err := br.Peek(sniffSize)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return nil, fmt.Errorf("read file: %w", err)
	}
	if bytes.HasPrefix(head, zipMagic) {
		data, err := readAll(br, MaxFileSize)
		if err != nil {
			return nil, err
		}
		return readXLSX(data, sheet)
	}
	if err := sniffText(head, len(head) < sniffSize); err != nil {
		return nil, err
	}
	if sheet != "" {
		return nil, &FormatError{Format: FormatSheetCSV}
	}
	return readCSVTable(br, head), nil
}

// readAll reads r whole, refusing more than limit bytes.
func readAll(r io.Reader, limit int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, fmt.Errorf("read file: %w", err)
	}
	if int64(len(data)) > limit {
		return nil, &FormatError{Format: FormatTooLarge, Limit: limit}
	}
	return data, nil
}
