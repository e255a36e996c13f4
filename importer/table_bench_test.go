package importer

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/kinerjabot/kinerjabot/importer/xlsxtest"
)

// benchRoster is a roster of n people under the export's column names.
func benchRoster(n int) [][]any {
	rows := rosterRows()
	for i := range n {
		rows = append(rows, []any{fmt.Sprintf("1980010120050%05d", i), fmt.Sprintf("Pegawai %d", i), "U1", "Staf",
			"198001012005000001", fmt.Sprintf("0812%08d", i)})
	}
	return rows
}

// The reading layer alone (file to mapped records) for 10,000 people:
//
//	go test -run '^$' -bench ReadRoster -benchmem ./importer/
func BenchmarkReadRosterXLSX(b *testing.B) {
	file := xlsxtest.Workbook(b, xlsxtest.Sheet{Name: "Pegawai", Rows: benchRoster(10000)})
	b.SetBytes(int64(len(file)))
	for b.Loop() {
		if _, err := readFile(bytes.NewReader(file), Options{}, rosterLayout); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkReadRosterSemicolonCSV(b *testing.B) {
	file := []byte(xlsxtest.Semicolons(b, benchRoster(10000)))
	b.SetBytes(int64(len(file)))
	for b.Loop() {
		if _, err := readFile(bytes.NewReader(file), Options{}, rosterLayout); err != nil {
			b.Fatal(err)
		}
	}
}
