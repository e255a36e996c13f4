package importer

import (
	"bytes"
	"cmp"
	"unicode/utf8"

	"github.com/kinerjabot/kinerjabot/i18n"
)

// Format names a kind of file an import refuses (FormatError).
type Format string

// Files refused for their format.
const (
	FormatXLS        Format = "xls"         // Excel 97-2003 (an OLE2 compound file; also a password-protected .xlsx)
	FormatPDF        Format = "pdf"         // a PDF
	FormatImage      Format = "image"       // PNG, JPEG or GIF
	FormatODS        Format = "ods"         // OpenDocument spreadsheet (LibreOffice)
	FormatZip        Format = "zip"         // another zip archive (.docx, .zip)
	FormatHTML       Format = "html"        // an HTML or XML page, as web systems export "Excel"
	FormatBinary     Format = "binary"      // not UTF-8 text (NUL bytes, another encoding, random bytes)
	FormatXLSXBroken Format = "xlsx_broken" // a zip with a workbook excelize cannot read
	FormatTooLarge   Format = "too_large"   // more than MaxFileSize bytes
	FormatSheetCSV   Format = "sheet_csv"   // a sheet named for a CSV file
)

// FormatError: the file is neither an XLSX workbook nor CSV text. Its
// message names the format when it is recognised and never quotes the
// file's content.
type FormatError struct {
	Format Format
	// Name is the kind of image (PNG, JPEG, GIF) for FormatImage.
	Name string
	// Limit is the size refused, in bytes, for FormatTooLarge (0:
	// MaxFileSize).
	Limit int64
}

// Error returns the English message.
func (e *FormatError) Error() string { return "import: " + e.Message("en") }

// Message renders the problem in Bahasa Indonesia (default) or English.
func (e *FormatError) Message(lang string) string {
	l := i18n.FromTag(lang)
	switch e.Format {
	case FormatTooLarge:
		return l.T(i18n.ImportFormatTooLarge, cmp.Or(e.Limit, MaxFileSize)>>20)
	case FormatImage:
		return l.T(formatKeys[e.Format], e.Name)
	}
	if k, ok := formatKeys[e.Format]; ok {
		return l.T(k)
	}
	return l.T(i18n.ImportFormatBinary)
}

var formatKeys = map[Format]i18n.Key{
	FormatXLS: i18n.ImportFormatXLS, FormatPDF: i18n.ImportFormatPDF, FormatImage: i18n.ImportFormatImage,
	FormatODS: i18n.ImportFormatODS, FormatZip: i18n.ImportFormatZip, FormatHTML: i18n.ImportFormatHTML,
	FormatBinary: i18n.ImportFormatBinary, FormatXLSXBroken: i18n.ImportFormatXLSXBroken,
	FormatSheetCSV: i18n.ImportFormatSheetCSV,
}

// Leading bytes of the formats told apart.
var (
	zipMagic  = []byte("PK\x03\x04")
	ole2Magic = []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
	magics    = []struct {
		prefix []byte
		err    *FormatError
	}{
		{ole2Magic, &FormatError{Format: FormatXLS}},
		{[]byte("%PDF"), &FormatError{Format: FormatPDF}},
		{[]byte("\x89PNG"), &FormatError{Format: FormatImage, Name: "PNG"}},
		{[]byte("\xff\xd8\xff"), &FormatError{Format: FormatImage, Name: "JPEG"}},
		{[]byte("GIF8"), &FormatError{Format: FormatImage, Name: "GIF"}},
	}
	utf8BOM = []byte("\xef\xbb\xbf")
)

// sniffText refuses data that is not UTF-8 text of a CSV file: a known
// binary format, UTF-16 (ErrUTF16), an HTML or XML page, NUL bytes or
// invalid UTF-8. data is the file's start, whole when the file is no
// longer (a rune cut at its end is the rest's to check: see textCells).
func sniffText(data []byte, whole bool) error {
	for _, m := range magics {
		if bytes.HasPrefix(data, m.prefix) {
			return m.err
		}
	}
	if bytes.HasPrefix(data, []byte("\xff\xfe")) || bytes.HasPrefix(data, []byte("\xfe\xff")) {
		return ErrUTF16
	}
	if !whole {
		data = data[:len(data)-min(len(data), utf8.UTFMax)]
	}
	if bytes.IndexByte(data, 0) >= 0 || !utf8.Valid(data) {
		return &FormatError{Format: FormatBinary}
	}
	if bytes.HasPrefix(bytes.TrimSpace(bytes.TrimPrefix(data, utf8BOM)), []byte("<")) {
		return &FormatError{Format: FormatHTML}
	}
	return nil
}

// zipFormat names a zip archive that is not an XLSX workbook.
func zipFormat(data []byte) *FormatError {
	// An OpenDocument file stores its type uncompressed, first.
	if bytes.Contains(data[:min(len(data), 200)], []byte("application/vnd.oasis.opendocument.spreadsheet")) {
		return &FormatError{Format: FormatODS}
	}
	return &FormatError{Format: FormatZip}
}
