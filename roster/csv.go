package roster

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Headers of the two files, in the required column order.
var (
	RosterHeader = []string{"nip", "name", "unit_code", "unit_name", "position", "supervisor_nip", "phone", "role"}
	UnitsHeader  = []string{"code", "name", "type", "parent_code", "timezone", "latitude", "longitude"}
)

// HeaderError: the file's first line is not the expected header.
type HeaderError struct {
	Want []string
	// Got is the header found; nil for an empty file.
	Got []string
}

// Error returns the English message.
func (e *HeaderError) Error() string { return "roster: " + e.Message("en") }

// Message renders the problem in Bahasa Indonesia (default) or English.
func (e *HeaderError) Message(lang string) string {
	p := phrases[english(lang)]
	want := strings.Join(e.Want, ",")
	if e.Got == nil {
		return fmt.Sprintf(p.headerEmpty, want)
	}
	msg := fmt.Sprintf(p.headerWant, want, strings.Join(e.Got, ","))
	if len(e.Got) == 1 && strings.Contains(e.Got[0], ";") {
		msg += p.headerSemi
	}
	return msg
}

// ErrUTF16 is returned for a file saved as UTF-16 ("Unicode text").
var ErrUTF16 = errors.New("roster: the file is UTF-16; save it as CSV UTF-8")

// record is one data row: its line in the file and its trimmed fields.
type record struct {
	line   int
	fields []string
}

// field returns column i, or "" when the row is short.
func (r record) field(i int) string {
	if i < len(r.fields) {
		return r.fields[i]
	}
	return ""
}

// readCSV reads a comma-separated file whose first line must be header
// (case and surrounding spaces ignored). It tolerates a UTF-8 BOM, CRLF line
// ends, spaces around fields and stray quotes. Rows of only empty fields
// are skipped. Rows with the wrong number of fields are returned as they
// are, for the caller to refuse.
func readCSV(r io.Reader, header []string) ([]record, error) {
	br := bufio.NewReader(r)
	if err := skipBOM(br); err != nil {
		return nil, err
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	if err := readHeader(cr, header); err != nil {
		return nil, err
	}
	var recs []record
	for {
		fields, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return recs, nil
		}
		if err != nil {
			return nil, fmt.Errorf("read CSV: %w", err)
		}
		line, _ := cr.FieldPos(0)
		if rec := trimFields(fields); !blank(rec) {
			recs = append(recs, record{line: line, fields: rec})
		}
	}
}

// skipBOM drops a UTF-8 byte order mark and refuses UTF-16.
func skipBOM(br *bufio.Reader) error {
	head, _ := br.Peek(3)
	switch {
	case bytes.HasPrefix(head, []byte("\xef\xbb\xbf")):
		_, err := br.Discard(3)
		return err
	case bytes.HasPrefix(head, []byte("\xff\xfe")), bytes.HasPrefix(head, []byte("\xfe\xff")):
		return ErrUTF16
	}
	return nil
}

// readHeader reads the first record and compares it with want.
func readHeader(cr *csv.Reader, want []string) error {
	got, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return &HeaderError{Want: want}
	}
	if err != nil {
		return fmt.Errorf("read CSV header: %w", err)
	}
	got = trimFields(got)
	if len(got) != len(want) {
		return &HeaderError{Want: want, Got: got}
	}
	for i := range want {
		if !strings.EqualFold(got[i], want[i]) {
			return &HeaderError{Want: want, Got: got}
		}
	}
	return nil
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
