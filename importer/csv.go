package importer

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/kinerjabot/kinerjabot/i18n"
)

// Headers of the two files, in the required column order.
var (
	RosterHeader = []string{"nip", "name", "unit_code", "unit_name", "position", "supervisor_nip", "phone", "role"}
	// RosterOptionalHeader are the columns a roster may add after
	// RosterHeader: the person's status (aktif, nonaktif, pensiun,
	// mutasi-keluar; see ParseStatus).
	RosterOptionalHeader = []string{"status"}
	UnitsHeader          = []string{"code", "name", "type", "parent_code", "timezone", "latitude", "longitude"}
	// UnitsOptionalHeader are the columns a units file may add after
	// UnitsHeader: any of them, each once, in any order (this one is the
	// documented one).
	UnitsOptionalHeader = []string{"service_users", "counters", "quick_survey", "monthly_target_minutes", "approval_sla_days",
		"remind_staff_at", "remind_supervisor_at", "evaluation_period"}
)

// HeaderError: the file's first line is not the expected header.
type HeaderError struct {
	Want []string
	// Optional are the columns that may follow Want (any of them, each
	// once, in any order); nil when none may.
	Optional []string
	// Got is the header found; nil for an empty file.
	Got []string
}

// Error returns the English message.
func (e *HeaderError) Error() string { return "roster: " + e.Message("en") }

// Message renders the problem in Bahasa Indonesia (default) or English.
func (e *HeaderError) Message(lang string) string {
	l := i18n.FromTag(lang)
	want := strings.Join(e.Want, ",")
	if len(e.Optional) > 0 {
		want += " " + l.T(i18n.RosterHeaderOptional, strings.Join(e.Optional, ", "))
	}
	if e.Got == nil {
		return l.T(i18n.RosterHeaderEmpty, want)
	}
	msg := l.T(i18n.RosterHeaderWant, want, strings.Join(e.Got, ","))
	if len(e.Got) == 1 && strings.Contains(e.Got[0], ";") {
		msg += " " + l.T(i18n.RosterHeaderSemicolons)
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
	recs, _, err := readCSVOptional(r, header, nil)
	return recs, err
}

// readCSVOptional is readCSV for a file whose header may go on after
// header with any of the optional columns (lower case), each at most once,
// in any order, case ignored. It returns the file's columns: header, then
// the optional ones in the file's order, in lower case. Rows of another
// number of fields than the file's columns are returned as they are.
func readCSVOptional(r io.Reader, header, optional []string) ([]record, []string, error) {
	br := bufio.NewReader(r)
	if err := skipBOM(br); err != nil {
		return nil, nil, err
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	columns, err := readHeader(cr, header, optional)
	if err != nil {
		return nil, nil, err
	}
	var recs []record
	for {
		fields, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return recs, columns, nil
		}
		if err != nil {
			return nil, nil, fmt.Errorf("read CSV: %w", err)
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

// readHeader reads the first record and compares it with want, then any
// optional columns after it; it returns the columns found (see
// readCSVOptional).
func readHeader(cr *csv.Reader, want, optional []string) ([]string, error) {
	got, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, &HeaderError{Want: want, Optional: optional}
	}
	if err != nil {
		return nil, fmt.Errorf("read CSV header: %w", err)
	}
	got = trimFields(got)
	bad := &HeaderError{Want: want, Optional: optional, Got: got}
	if len(got) < len(want) || len(got) > len(want)+len(optional) {
		return nil, bad
	}
	for i := range want {
		if !strings.EqualFold(got[i], want[i]) {
			return nil, bad
		}
	}
	columns := slices.Clone(want)
	for _, g := range got[len(want):] {
		name := strings.ToLower(g)
		if !slices.Contains(optional, name) || slices.Contains(columns, name) {
			return nil, bad
		}
		columns = append(columns, name)
	}
	return columns, nil
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
