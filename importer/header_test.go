package importer

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"

	"github.com/kinerjabot/kinerjabot/storage"
)

func TestHeaderAliases(t *testing.T) {
	tests := []struct {
		lay    layout
		header string
		want   string // "" when no column has that name
	}{
		{rosterLayout, "NIP BARU", "nip"},
		{rosterLayout, "nip_baru", "nip"},
		{rosterLayout, "  Nip ", "nip"},
		{rosterLayout, "NIP LAMA", ""}, // 9 digits: not a NIP
		{rosterLayout, "NAMA", "name"},
		{rosterLayout, "Nama Lengkap", "name"},
		{rosterLayout, "JABATAN", "position"},
		{rosterLayout, "UNOR", "unit_code"},
		{rosterLayout, "UNIT KERJA", "unit_code"},
		{rosterLayout, "UNIT_KERJA", "unit_code"},
		{rosterLayout, "unit-kerja", "unit_code"},
		{rosterLayout, "Nama Unor", "unit_name"},
		{rosterLayout, "NIP ATASAN", "supervisor_nip"},
		{rosterLayout, "NO HP", "phone"},
		{rosterLayout, "NOMOR HP", "phone"},
		{rosterLayout, "NO. HP", "phone"},
		{rosterLayout, "HP", "phone"},
		{rosterLayout, "No. WA", "phone"},
		{rosterLayout, "supervisor_nip", "supervisor_nip"},
		{rosterLayout, "Supervisor NIP", "supervisor_nip"},
		{rosterLayout, "STATUS", "status"},
		{rosterLayout, "GOLONGAN", ""},
		{unitsLayout, "KODE UNOR", "code"},
		{unitsLayout, "Nama Unit", "name"},
		{unitsLayout, "Kode Induk", "parent_code"},
		{unitsLayout, "Zona Waktu", "timezone"},
		{unitsLayout, "Lintang", "latitude"},
		{unitsLayout, "BUJUR", "longitude"},
		{unitsLayout, "Jumlah Loket", "counters"},
		{skpLayout, "NIP BARU", "nip"},
		{skpLayout, "Rencana Hasil Kerja", "rhk"},
		{skpLayout, "IKI", "indikator"},
		{skpLayout, "Periode", "period"},
		{holidaysLayout, "Tanggal", "date"},
		{holidaysLayout, "TGL", "date"},
		{holidaysLayout, "Keterangan", "name"},
		{holidaysLayout, "nama", "name"},
		{actingLayout, "NIP PLT", "nip_acting"},
		{actingLayout, "NIP Definitif", "nip_for"},
		{actingLayout, "Tanggal Mulai", "from"},
		{actingLayout, "Tgl. Selesai", "to"},
	}
	for _, tt := range tests {
		if got := tt.lay.names[normalizeHeader(tt.header)]; got != tt.want {
			t.Errorf("%v: %q → %q, want %q", tt.lay.header, tt.header, got, tt.want)
		}
	}
}

// No name of a layout names two of its columns.
func TestLayoutAliasesUnambiguous(t *testing.T) {
	for _, lay := range []layout{rosterLayout, unitsLayout, skpLayout, holidaysLayout, actingLayout} {
		seen := map[string]string{}
		for col, names := range lay.aliases {
			for _, n := range append(names, col) {
				k := normalizeHeader(n)
				if prev, dup := seen[k]; dup && prev != col {
					t.Errorf("%v: %q names %s and %s", lay.header, n, prev, col)
				}
				seen[k] = col
			}
		}
	}
}

func TestCSVComma(t *testing.T) {
	tests := []struct {
		name, in string
		want     rune
	}{
		{"commas", "nip,name,unit_code\n1,2,3\n", ','},
		{"semicolons", "nip;name;unit_code\r\n1;2;3\r\n", ';'},
		{"semicolons, commas in quoted header cells", "\"NIP, baru\";\"NAMA, lengkap\";UNOR\n", ';'},
		{"semicolons, decimal commas in the data", "code;latitude\nA;-0,5\n", ';'},
		{"commas, a semicolon in a quoted cell", "name,\"a;b;c\"\n", ','},
		{"title line first", "DAFTAR PEGAWAI\nnip;nama\n", ';'},
		{"one column", "nip\n1\n", ','},
		{"empty", "", ','},
	}
	for _, tt := range tests {
		if got := csvComma([]byte(tt.in)); got != tt.want {
			t.Errorf("%s: csvComma = %q, want %q", tt.name, got, tt.want)
		}
	}
}

// marker is in every refused file: it must never be printed.
const marker = "RAHASIA-NIP-198501012010011001"

// refusedFiles are files that are neither XLSX nor CSV text, each with the
// format it is refused as.
func refusedFiles(t *testing.T) []struct {
	name   string
	data   []byte
	format Format
} {
	zipOf := func(files ...string) []byte {
		var b bytes.Buffer
		zw := zip.NewWriter(&b)
		for i := 0; i < len(files); i += 2 {
			w, err := zw.CreateHeader(&zip.FileHeader{Name: files[i], Method: zip.Store})
			if err != nil {
				t.Fatal(err)
			}
			io.WriteString(w, files[i+1])
		}
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	random := make([]byte, 4096)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range random {
		random[i] = byte(rng.UintN(256))
	}
	random = append(append(random[:2048:2048], marker...), random[2048:]...)
	m := marker + "\n"
	return []struct {
		name   string
		data   []byte
		format Format
	}{
		{"xls", []byte("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00" + m), FormatXLS},
		{"pdf", []byte("%PDF-1.7\n" + m), FormatPDF},
		{"png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + m), FormatImage},
		{"jpeg", []byte("\xff\xd8\xff\xe0\x00\x10JFIF" + m), FormatImage},
		{"random bytes", random, FormatBinary},
		{"latin-1 CSV", []byte("nip,name\n" + marker + ",Jos\xe9\n"), FormatBinary},
		{"NUL bytes", []byte("nip,name\n\x00" + m), FormatBinary},
		{"html export", []byte("<html><table><tr><td>" + marker + "</td></tr></table></html>"), FormatHTML},
		{"ods", zipOf("mimetype", "application/vnd.oasis.opendocument.spreadsheet", "content.xml", marker), FormatODS},
		{"docx", zipOf("word/document.xml", marker), FormatZip},
		{"broken xlsx", zipOf("xl/workbook.xml", marker), FormatXLSXBroken},
		{"truncated zip", []byte("PK\x03\x04" + m), FormatXLSXBroken},
	}
}

// Every importer refuses a file that is neither XLSX nor CSV text with a
// *FormatError of one line naming the format, quoting nothing of the
// file, before reading the store.
func TestOtherFormatsRefused(t *testing.T) {
	st := openStore(t)
	imports := map[string]func(context.Context, storage.Store, io.Reader) (Report, error){
		"roster": func(ctx context.Context, st storage.Store, r io.Reader) (Report, error) {
			return ImportRoster(ctx, st, r, opts(false))
		},
		"units": func(ctx context.Context, st storage.Store, r io.Reader) (Report, error) {
			return ImportUnits(ctx, st, r, Options{})
		},
		"skp": func(ctx context.Context, st storage.Store, r io.Reader) (Report, error) {
			return ImportSKP(ctx, st, r, Options{})
		},
		"holidays": func(ctx context.Context, st storage.Store, r io.Reader) (Report, error) {
			return ImportHolidays(ctx, st, r, Options{})
		},
		"acting": func(ctx context.Context, st storage.Store, r io.Reader) (Report, error) {
			return ImportActing(ctx, st, r, Options{})
		},
	}
	for _, f := range refusedFiles(t) {
		for kind, imp := range imports {
			rep, err := imp(t.Context(), st, bytes.NewReader(f.data))
			var fe *FormatError
			if !errors.As(err, &fe) || fe.Format != f.format {
				t.Errorf("%s %s: err = %v, want format %s", kind, f.name, err, f.format)
				continue
			}
			for _, msg := range []string{fe.Message("id"), fe.Message("en"), err.Error()} {
				if strings.ContainsAny(msg, "\n\r") || strings.Contains(msg, "RAHASIA") || !printable(msg) {
					t.Errorf("%s %s: message %q", kind, f.name, msg)
				}
			}
			if len(rep.Accepted)+len(rep.Refused) > 0 {
				t.Errorf("%s %s: rows read: %+v", kind, f.name, rep)
			}
		}
	}
	xls := &FormatError{Format: FormatXLS}
	if got := xls.Message("id"); got != "file .xls (Excel 97-2003) tidak didukung, simpan sebagai .xlsx atau CSV" {
		t.Errorf("xls message: %q", got)
	}
	if got := (&FormatError{Format: FormatImage, Name: "PNG"}).Message("id"); got != "file gambar PNG tidak didukung, simpan sebagai .xlsx atau CSV" {
		t.Errorf("png message: %q", got)
	}
}

func printable(s string) bool {
	for _, r := range s {
		if !unicode.IsPrint(r) {
			return false
		}
	}
	return true
}
