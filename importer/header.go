package importer

import (
	"fmt"
	"io"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/xuri/excelize/v2"

	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/ident"
)

// HeaderError: the file's header lacks a required column, or names one
// twice.
type HeaderError struct {
	Want []string
	// Optional are the columns that may be added (any of them, each once);
	// nil when none may.
	Optional []string
	// Got is the header found; nil for an empty file.
	Got []string
	// Missing are the required columns the header lacks.
	Missing []string
	// Twice are the columns the header names more than once, each as
	// "column: spelling, spelling".
	Twice []string
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
	if len(e.Missing) > 0 {
		msg += " " + l.T(i18n.ImportHeaderMissing, strings.Join(e.Missing, ", "))
	}
	if len(e.Twice) > 0 {
		msg += " " + l.T(i18n.ImportHeaderTwice, strings.Join(e.Twice, "; "))
	}
	return msg
}

// record is one data row: its line in the file (the row number of an
// XLSX sheet) and its fields in the order of the file's mapped columns.
type record struct {
	line   int
	fields []string
	// width is the number of cells of the row in the file; want the
	// header's. A CSV row of another width has its columns shifted.
	width, want int
	// numberNIP are the NIP columns whose cell the spreadsheet stored as
	// a number, which loses digits (see NIPNumberError).
	numberNIP []int
	// lacking are the columns the file lacks (layout.blank), empty.
	lacking []int
}

// has: the file has column i.
func (r record) has(i int) bool { return !slices.Contains(r.lacking, i) }

// field returns column i, or "" when the row is short.
func (r record) field(i int) string {
	if i < len(r.fields) {
		return r.fields[i]
	}
	return ""
}

// fits: the row has as many cells as the header.
func (r record) fits() bool { return r.width == r.want }

// nip reads the NIP of column i, refusing a cell stored as a number.
func (r record) nip(i int) (string, error) {
	if slices.Contains(r.numberNIP, i) {
		return "", &NIPNumberError{Value: r.field(i)}
	}
	return ident.ParseNIP(r.field(i))
}

// NIPNumberError: a spreadsheet stored the NIP as a number. Eighteen
// digits are more than a spreadsheet number holds (15 significant
// digits), so the last ones may be wrong (1.98501012010011E+17); the row
// is refused rather than a wrong NIP stored.
type NIPNumberError struct{ Value string }

// Error returns the English message.
func (e *NIPNumberError) Error() string { return e.Message("en") }

// Message renders the problem in Bahasa Indonesia (default) or English.
func (e *NIPNumberError) Message(lang string) string {
	return i18n.FromTag(lang).T(i18n.ImportNIPNumber, e.Value)
}

// table is a file read and mapped to an importer's columns.
type table struct {
	records []record
	// columns are the importer's names of the fields: its header, then
	// the optional columns the file has.
	columns []string
	// labels are the file's spellings of columns, lower case ("" for a
	// column the file lacks).
	labels []string
	// unused are the file's columns no importer column maps to, as
	// written.
	unused []string
}

// readFile reads an import file, XLSX or CSV (see readTable), and maps its
// header to the layout: all its records at once.
func readFile(r io.Reader, o Options, lay layout) (*table, error) {
	var recs []record
	t, err := scanFile(r, o, lay, func(rec record) error {
		recs = append(recs, rec)
		return nil
	})
	if err != nil {
		return nil, err
	}
	t.records = recs
	return t, nil
}

// scanFile reads an import file as readFile does, but hands each record
// to each as it is read, keeping none (t.records is nil): a province's
// roster is checked without its rows' cells all in memory at once.
func scanFile(r io.Reader, o Options, lay layout, each func(record) error) (*table, error) {
	raw, err := readTable(r, o.Sheet)
	if err != nil {
		return nil, err
	}
	return lay.scanTable(raw, each)
}

// headerSearch is how many rows a sheet's header may be below title rows.
const headerSearch = 10

// scanTable finds the header (the first row with every required column
// among the first headerSearch, title rows above it skipped; when none has
// them, the one naming most columns, for the error) and maps the rows
// below it, handing each to each.
func (lay layout) scanTable(raw *rawTable, each func(record) error) (*table, error) {
	head, err := firstRows(raw, headerSearch)
	if err != nil {
		return nil, err
	}
	at, m, err := lay.findHeader(head)
	if err != nil {
		return nil, err
	}
	t := &table{columns: m.columns, unused: m.unused}
	for k, i := range m.index {
		t.labels = append(t.labels, label(head[at].cells, i))
		if i < 0 {
			m.lacking = append(m.lacking, k)
		}
	}
	width := len(head[at].cells)
	for i := at + 1; ; i++ {
		var row rawRow
		if i < len(head) {
			row = head[i]
		} else if row, err = nextRow(raw); err != nil {
			return nil, err
		}
		if row.cells == nil {
			return t, nil
		}
		if blank(row.cells) {
			continue
		}
		if err := each(lay.record(raw, i, row, m, width)); err != nil {
			return nil, err
		}
	}
}

// firstRows reads up to n rows.
func firstRows(raw *rawTable, n int) ([]rawRow, error) {
	var rows []rawRow
	for len(rows) < n {
		row, err := nextRow(raw)
		if err != nil || row.cells == nil {
			return rows, err
		}
		rows = append(rows, row)
	}
	return rows, nil
}

// nextRow is the next row; its cells are nil at the end of the file (a
// row read always has a cell).
func nextRow(raw *rawTable) (rawRow, error) {
	row, ok, err := raw.next()
	if !ok || err != nil {
		return rawRow{}, err
	}
	if row.cells == nil {
		row.cells = []string{}
	}
	return row, nil
}

// findHeader picks the header among the first rows and maps it.
func (lay layout) findHeader(head []rawRow) (int, headerMap, error) {
	if len(head) == 0 {
		return 0, headerMap{}, &HeaderError{Want: lay.header, Optional: lay.optional}
	}
	at, best := 0, 0
	for i := range head {
		m := lay.mapHeader(head[i].cells)
		if len(m.missing) == 0 && len(m.twice) == 0 {
			at = i
			break
		}
		if m.hits > best {
			at, best = i, m.hits
		}
	}
	m := lay.mapHeader(head[at].cells)
	if len(m.missing) > 0 || len(m.twice) > 0 {
		return 0, m, &HeaderError{Want: lay.header, Optional: lay.optional, Got: head[at].cells,
			Missing: m.missing, Twice: m.twice}
	}
	return at, m, nil
}

func label(cells []string, i int) string {
	if i < 0 {
		return ""
	}
	return strings.ToLower(cells[i])
}

// headerMap is a header mapped to a layout.
type headerMap struct {
	columns []string
	index   []int // per column, its cell in the file's rows; -1 when absent
	unused  []string
	missing []string
	twice   []string
	lacking []int // columns the file lacks
	hits    int   // header cells naming a column
}

// mapHeader maps each header cell to the layout's column it names (case,
// spaces and punctuation ignored).
func (lay layout) mapHeader(cells []string) headerMap {
	at := map[string][]int{}
	var m headerMap
	for i, c := range cells {
		name, ok := lay.names[normalizeHeader(c)]
		switch {
		case ok:
			at[name] = append(at[name], i)
			m.hits++
		case c != "":
			m.unused = append(m.unused, c)
		}
	}
	for _, name := range slices.Concat(lay.header, lay.optional) {
		cols := at[name]
		switch {
		case len(cols) > 1:
			m.twice = append(m.twice, name+": "+spellings(cells, cols))
		case len(cols) == 1:
			m.columns, m.index = append(m.columns, name), append(m.index, cols[0])
		case slices.Contains(lay.required(), name):
			m.missing = append(m.missing, name)
		case slices.Contains(lay.header, name): // may be absent: blank
			m.columns, m.index = append(m.columns, name), append(m.index, -1)
		}
	}
	return m
}

func spellings(cells []string, cols []int) string {
	s := make([]string, len(cols))
	for i, c := range cols {
		s[i] = cells[c]
	}
	return strings.Join(s, ", ")
}

// normalizeHeader is a header cell without case, spaces, underscores and
// punctuation: "No. HP" and "no_hp" are both "nohp".
func normalizeHeader(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// record maps row, the row of index i of raw, whose header has width
// cells.
func (lay layout) record(raw *rawTable, i int, row rawRow, m headerMap, width int) record {
	rec := record{line: row.line, fields: make([]string, len(m.columns)), width: len(row.cells), want: width,
		lacking: m.lacking}
	if raw.numeric != nil { // a sheet's cells cannot shift: only cells past the header count
		rec.width = max(width, lastCell(row.cells))
	}
	for k, name := range m.columns {
		j := m.index[k]
		if j < 0 || j >= len(row.cells) {
			continue
		}
		v, numeric := row.cells[j], raw.numeric != nil && raw.numeric(i, j)
		switch lay.kinds[name] {
		case cellNIP:
			if v != "" && (numeric || scientific.MatchString(v)) {
				rec.numberNIP = append(rec.numberNIP, k)
			}
		case cellDate:
			v = dateCell(v, numeric, raw.date1904)
		case cellClock:
			v = clockCell(v, numeric)
		case cellPhone:
			v = phoneCell(v, numeric)
		}
		rec.fields[k] = v
	}
	return rec
}

// lastCell is the number of cells up to the last one not empty.
func lastCell(cells []string) int {
	n := len(cells)
	for n > 0 && cells[n-1] == "" {
		n--
	}
	return n
}

// scientific is a number as a spreadsheet writes a large one, its decimal
// point a dot or (Indonesian locale) a comma: 1.98501012010011E+17.
var scientific = regexp.MustCompile(`^[0-9]+([.,][0-9]+)?[eE]\+?[0-9]+$`)

// dateCell turns a date a sheet stored as a number (days since 1900, or
// 1904) or as an ISO date-time into YYYY-MM-DD; text is left to the
// column's parser.
func dateCell(v string, numeric, date1904 bool) string {
	if numeric {
		serial, _ := strconv.ParseFloat(v, 64)
		if t, err := excelize.ExcelDateToTime(serial, date1904); err == nil && serial >= 1 {
			return t.Format(time.DateOnly)
		}
		return v
	}
	if len(v) > 10 && v[10] == 'T' {
		if _, err := time.Parse(time.DateOnly, v[:10]); err == nil {
			return v[:10]
		}
	}
	return v
}

// clockCell turns a time of day a sheet stored as a fraction of a day
// into HH:MM.
func clockCell(v string, numeric bool) string {
	if !numeric {
		return v
	}
	f, _ := strconv.ParseFloat(v, 64)
	_, frac := math.Modf(f)
	m := int(math.Round(frac*24*60)) % (24 * 60)
	return fmt.Sprintf("%02d:%02d", m/60, m%60)
}

// writeUnused lists the file's columns the import did not read.
func (r Report) writeUnused(w io.Writer, l i18n.Lang) {
	if len(r.Unused) > 0 {
		fmt.Fprintln(w, l.T(i18n.ImportUnusedColumns, strings.Join(r.Unused, ", ")))
	}
}

// phoneCell gives back the leading 0 that a number cell dropped from a
// mobile number typed 0812…
func phoneCell(v string, numeric bool) string {
	if numeric && strings.HasPrefix(v, "8") && digits(v) {
		return "0" + v
	}
	return v
}
