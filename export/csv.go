package export

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// bom is the UTF-8 byte order mark: Excel reads a CSV as UTF-8 only with it.
const bom = "\ufeff"

// CSV writes the workbook as a zip of one CSV file per sheet (Rekap.csv,
// Kegiatan.csv, …), each with ';' between fields, CRLF line ends and a
// UTF-8 BOM: what Excel in the Indonesian locale opens directly. Numbers
// have a decimal comma (that locale's), dates are YYYY-MM-DD, the capaian
// a percentage ("85,3%"). A text field that a spreadsheet would take for
// a formula (see Neutralize) gets a leading apostrophe.
func (w Workbook) CSV() ([]byte, error) {
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	for _, s := range w.Sheets {
		f, err := z.CreateHeader(&zip.FileHeader{Name: s.Name + ".csv", Method: zip.Deflate, Modified: time.Unix(0, 0).UTC()})
		if err != nil {
			return nil, fmt.Errorf("zip %s: %w", s.Name, err)
		}
		b, err := s.CSV()
		if err == nil {
			_, err = f.Write(b)
		}
		if err != nil {
			return nil, fmt.Errorf("csv %s: %w", s.Name, err)
		}
	}
	if err := z.Close(); err != nil {
		return nil, fmt.Errorf("zip: %w", err)
	}
	return buf.Bytes(), nil
}

// CSV writes one sheet as CSV (see Workbook.CSV).
func (s Sheet) CSV() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString(bom)
	cw := csv.NewWriter(&buf)
	cw.Comma, cw.UseCRLF = ';', true
	header := make([]string, len(s.Columns))
	for i, c := range s.Columns {
		header[i] = Neutralize(c.Header)
	}
	if err := cw.Write(header); err != nil {
		return nil, err
	}
	for _, row := range s.Rows {
		rec := make([]string, len(s.Columns))
		for i, c := range s.Columns {
			if i < len(row) && row[i] != nil {
				rec[i] = csvField(c.Type, row[i])
			}
		}
		if err := cw.Write(rec); err != nil {
			return nil, err
		}
	}
	cw.Flush()
	return buf.Bytes(), cw.Error()
}

// csvField renders a cell for the CSV.
func csvField(t Type, v any) string {
	switch v := v.(type) {
	case int:
		return strconv.Itoa(v)
	case float64:
		switch t {
		case Percent:
			return decimalComma(v*100, 1) + "%"
		case Number:
			return decimalComma(v, -1)
		}
		return decimalComma(v, 2)
	case time.Time:
		if t == DateTime {
			return v.Format("2006-01-02 15:04")
		}
		return v.Format(time.DateOnly)
	case string:
		return Neutralize(v)
	}
	return Neutralize(fmt.Sprint(v))
}

// decimalComma writes f with prec decimals (-1: as many as needed) and a
// decimal comma.
func decimalComma(f float64, prec int) string {
	return strings.Replace(strconv.FormatFloat(f, 'f', prec, 64), ".", ",", 1)
}

// Neutralize makes text safe for a CSV field that a spreadsheet opens
// (OWASP, CSV injection): text beginning with '=', '+', '-', '@', a tab or
// a carriage return gets a leading apostrophe, so it is read as text, not
// run as a formula. Other text is returned as is. (The XLSX needs no such
// prefix: its text cells are typed as strings.)
func Neutralize(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
