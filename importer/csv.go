package importer

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// ErrUTF16 is returned for a file saved as UTF-16 ("Unicode text").
var ErrUTF16 = errors.New("roster: the file is UTF-16; save it as CSV UTF-8")

// readCSVTable reads CSV text (a UTF-8 BOM dropped): columns separated by
// commas, or by semicolons as Excel writes CSV in the Indonesian locale
// (see csvComma); quoted fields, CRLF line ends, spaces around fields and
// stray quotes tolerated. Rows of only empty fields are skipped.
func readCSVTable(data []byte) (*rawTable, error) {
	data = bytes.TrimPrefix(data, utf8BOM)
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = csvComma(data)
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	t := &rawTable{}
	for {
		fields, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return t, nil
		}
		if err != nil {
			return nil, fmt.Errorf("read CSV: %w", err)
		}
		line, _ := cr.FieldPos(0)
		if row := trimFields(fields); !blank(row) {
			t.rows = append(t.rows, rawRow{line: line, cells: row})
		}
	}
}

// csvComma tells the separator from the first line that has a comma or a
// semicolon outside quotes (the header, unless title lines come first): a
// semicolon when that line has more of them than commas.
func csvComma(data []byte) rune {
	for line := range bytes.Lines(data) {
		commas, semis := countSeparators(line)
		if commas+semis > 0 {
			if semis > commas {
				return ';'
			}
			return ','
		}
	}
	return ','
}

// countSeparators counts the commas and semicolons of a line outside
// double quotes.
func countSeparators(line []byte) (commas, semis int) {
	quoted := false
	for _, c := range line {
		switch {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == ',':
			commas++
		case c == ';':
			semis++
		}
	}
	return commas, semis
}

func trimFields(fields []string) []string {
	out := make([]string, len(fields))
	for i, f := range fields {
		out[i] = strings.TrimSpace(f)
	}
	return out
}

func blank(fields []string) bool {
	for _, f := range fields {
		if f != "" {
			return false
		}
	}
	return true
}
