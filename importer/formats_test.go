package importer

import (
	"bytes"
	"context"
	"io"
	"os"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/importer/xlsxtest"
	"github.com/kinerjabot/kinerjabot/storage"
)

// formatCase is one importer fed the same rows as CSV, as semicolon CSV
// with a BOM and with the personnel export's column names, and as XLSX.
type formatCase struct {
	name string
	// seed prepares the store the file needs.
	seed func(t *testing.T) storage.Store
	// csv is the file, comma-separated, with the importer's header.
	csv string
	// aliases replace the header in the semicolon and XLSX variants.
	aliases []string
	// dates are columns written in the XLSX as date cells, numbers as
	// number cells.
	dates, numbers []int
	run            func(ctx context.Context, st storage.Store, r io.Reader, o Options) (Report, error)
	// stored is what the import left in the store.
	stored func(t *testing.T, st storage.Store) any
}

func exampleFile(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile("../examples/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func formatCases(t *testing.T) []formatCase {
	withUnits := func(t *testing.T) storage.Store {
		st := openStore(t)
		if rep, err := ImportUnits(t.Context(), st, strings.NewReader(exampleFile(t, "units.csv")), Options{}); err != nil || !rep.OK() {
			t.Fatalf("units: %v %+v", err, rep)
		}
		return st
	}
	return []formatCase{
		{
			name: "units", seed: func(t *testing.T) storage.Store { return openStore(t) }, csv: exampleFile(t, "units.csv"),
			aliases: []string{"KODE UNOR", "NAMA UNOR", "JENIS", "KODE INDUK", "ZONA WAKTU", "LAT", "BUJUR", "Jumlah Pengguna Layanan", "LOKET", "Survei Cepat"},
			numbers: []int{5, 6, 7, 8},
			run: func(ctx context.Context, st storage.Store, r io.Reader, o Options) (Report, error) {
				return ImportUnits(ctx, st, r, o)
			},
			stored: func(t *testing.T, st storage.Store) any { us, _ := st.ListUnits(t.Context()); return us },
		},
		{
			name: "roster", seed: withUnits, csv: exampleFile(t, "roster.csv"),
			aliases: []string{"NIP BARU", "NAMA", "UNIT_KERJA", "Nama Unor", "JABATAN", "NIP ATASAN", "NO. HP", "Peran"},
			run: func(ctx context.Context, st storage.Store, r io.Reader, o Options) (Report, error) {
				return ImportRoster(ctx, st, r, o)
			},
			stored: func(t *testing.T, st storage.Store) any { return employees(t, st) },
		},
		{
			name: "skp", seed: withExampleRoster, csv: exampleFile(t, "skp.csv"),
			aliases: []string{"NIP BARU", "PERIODE", "JENIS", "Rencana Hasil Kerja", "INDIKATOR KINERJA", "TARGET", "SATUAN"},
			run: func(ctx context.Context, st storage.Store, r io.Reader, o Options) (Report, error) {
				return ImportSKP(ctx, st, r, o)
			},
			stored: func(t *testing.T, st storage.Store) any {
				return [][]storage.SKPTarget{targets(t, st, nipKapus, "2026"), targets(t, st, "198203172008011002", "2026")}
			},
		},
		{
			name: "holidays", seed: func(t *testing.T) storage.Store { return openStore(t) }, csv: exampleFile(t, "holidays-2027.csv"),
			aliases: []string{"TANGGAL", "KETERANGAN"}, dates: []int{0},
			run: func(ctx context.Context, st storage.Store, r io.Reader, o Options) (Report, error) {
				return ImportHolidays(ctx, st, r, o)
			},
			stored: func(t *testing.T, st storage.Store) any { return storedHolidays(t, st) },
		},
		{
			name: "acting", seed: withExampleRoster,
			csv:     actingCSV(nipPerawat+","+nipKapus+",2027-01-04,08/01/2027", nipBidan+","+nipKapus+",2027-01-09,2027-01-09"),
			aliases: []string{"NIP PLT", "NIP DEFINITIF", "TANGGAL MULAI", "TANGGAL SELESAI"}, dates: []int{2, 3},
			run: func(ctx context.Context, st storage.Store, r io.Reader, o Options) (Report, error) {
				return ImportActing(ctx, st, r, o)
			},
			stored: func(t *testing.T, st storage.Store) any { return actingList(t, st) },
		},
	}
}

// Every importer reads the same rows from a comma CSV, a semicolon CSV
// with a BOM and the export's column names, and an XLSX sheet with those
// names, dates as date cells and a column it does not use, and stores the
// same records.
func TestImportEveryFormat(t *testing.T) {
	at := time.Date(2026, 12, 7, 1, 0, 0, 0, time.UTC)
	o := Options{DefaultTimezone: "Asia/Makassar", Now: func() time.Time { return at }}
	for _, tc := range formatCases(t) {
		t.Run(tc.name, func(t *testing.T) {
			rows := xlsxtest.FromCSV(t, tc.csv, tc.aliases...)
			files := map[string][]byte{
				"csv":       []byte(tc.csv),
				"semicolon": []byte(xlsxtest.Semicolons(t, rows)),
				"xlsx":      xlsxtest.Workbook(t, xlsxtest.Sheet{Name: "Data", Rows: withNumbers(t, withDates(t, withExtraColumn(rows), tc.dates), tc.numbers)}),
			}
			var want any
			for _, format := range []string{"csv", "semicolon", "xlsx"} {
				st := tc.seed(t)
				rep, err := tc.run(t.Context(), st, bytes.NewReader(files[format]), o)
				if err != nil || !rep.OK() || len(rep.Accepted) == 0 {
					t.Fatalf("%s: %v\n%s", format, err, reportText(rep, "en"))
				}
				got := tc.stored(t, st)
				if format == "csv" {
					want = got
					continue
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%s stored\n%+v\nwant (as from the CSV)\n%+v", format, got, want)
				}
				if wantUnused := format == "xlsx"; wantUnused != strings.Contains(reportText(rep, "id"), "Kolom yang tidak dipakai: GOLONGAN") {
					t.Errorf("%s report:\n%s", format, reportText(rep, "id"))
				}
			}
		})
	}
}

// withExtraColumn adds a column no importer reads.
func withExtraColumn(rows [][]any) [][]any {
	out := make([][]any, len(rows))
	for i, r := range rows {
		v := any("III/b")
		if i == 0 {
			v = "GOLONGAN"
		}
		out[i] = append(append([]any{}, r...), v)
	}
	return out
}

// withDates turns the date text of the columns into date cells, shown in
// Indonesian Excel's format.
func withDates(t *testing.T, rows [][]any, cols []int) [][]any {
	for _, row := range rows[1:] {
		for _, c := range cols {
			d, ok := parseHolidayDate(row[c].(string))
			if !ok {
				t.Fatalf("date %v", row[c])
			}
			day, _ := time.Parse(time.DateOnly, d)
			row[c] = xlsxtest.Cell{Value: day, Format: "dd/mm/yyyy"}
		}
	}
	return rows
}

// withNumbers turns the text of the columns into number cells.
func withNumbers(t *testing.T, rows [][]any, cols []int) [][]any {
	for _, row := range rows[1:] {
		for _, c := range cols {
			if row[c] == "" {
				continue
			}
			v, err := strconv.ParseFloat(row[c].(string), 64)
			if err != nil {
				t.Fatalf("number %v", row[c])
			}
			row[c] = v
		}
	}
	return rows
}
