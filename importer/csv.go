package importer

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// ErrUTF16 is returned for a file saved as UTF-16 ("Unicode text").
var ErrUTF16 = errors.New("roster: the file is UTF-16; save it as CSV UTF-8")

// readCSVTable reads CSV text (a UTF-8 BOM dropped) from r, whose first
// bytes are head (r still holds them): columns separated by commas, or by
// semicolons as Excel writes CSV in the Indonesian locale (see csvComma);
// quoted fields, CRLF line ends, spaces around fields and stray quotes
// tolerated. Rows of only empty fields are skipped. The rows are read as
// they are asked for: a province's roster is never in memory whole.
func readCSVTable(r *bufio.Reader, head []byte) *rawTable {
	comma := csvComma(head) // before the reads below overwrite head
	if bytes.HasPrefix(head, utf8BOM) {
		_, _ = r.Discard(len(utf8BOM))
	}
	size := &sizeLimit{r: r, left: MaxCSVSize - int64(len(utf8BOM))}
	cr := csv.NewReader(size)
	cr.Comma = comma
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	cr.ReuseRecord = true // trimFields copies the fields' headers
	return &rawTable{next: func() (rawRow, bool, error) {
		for {
			fields, err := cr.Read()
			switch {
			case errors.Is(err, io.EOF):
				return rawRow{}, false, nil
			case size.left < 0:
				return rawRow{}, false, &FormatError{Format: FormatTooLarge, Limit: MaxCSVSize}
			case err != nil:
				return rawRow{}, false, fmt.Errorf("read CSV: %w", err)
			}
			line, _ := cr.FieldPos(0)
			row := trimFields(fields)
			if err := textCells(row); err != nil {
				return rawRow{}, false, err
			}
			if !blank(row) {
				return rawRow{line: line, cells: row}, true, nil
			}
		}
	}}
}

// sizeLimit reads r until left bytes are read, then fails; left goes
// below zero when the file is longer.
type sizeLimit struct {
	r    io.Reader
	left int64
}

func (l *sizeLimit) Read(p []byte) (int, error) {
	if l.left < 0 {
		return 0, errTooLarge
	}
	n, err := l.r.Read(p[:min(int64(len(p)), l.left+1)])
	l.left -= int64(n)
	if l.left < 0 {
		return n, errTooLarge
	}
	return n, err
}

var errTooLarge = errors.New("file too large")

// textCells refuses cells with NUL bytes or invalid UTF-8 (sniffText
// checks the start of the file only).
func textCells(cells []string) error {
	for _, c := range cells {
		if strings.IndexByte(c, 0) >= 0 || !utf8.ValidString(c) {
			return &FormatError{Format: FormatBinary}
		}
	}
	return nil
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
