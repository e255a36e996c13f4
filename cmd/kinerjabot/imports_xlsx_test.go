package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kinerjabot/kinerjabot/importer/xlsxtest"
	"github.com/kinerjabot/kinerjabot/storage/sqlite"
)

// exampleRows are an example file's rows under the header given.
func exampleRows(t *testing.T, name string, header ...string) [][]any {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "examples", name))
	if err != nil {
		t.Fatal(err)
	}
	return xlsxtest.FromCSV(t, string(b), header...)
}

func writeFile(t *testing.T, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// The units and the roster as a personnel system exports them, XLSX with
// its own column names, a title row and a column not used, import end to
// end into the SQLite store; the roster's sheet is named with --sheet.
func TestImportXLSXEndToEnd(t *testing.T) {
	dir := t.TempDir()
	e := map[string]string{"DATA_DIR": dir, "DEFAULT_TIMEZONE": "Asia/Makassar"}
	units := xlsxtest.Workbook(t, xlsxtest.Sheet{Name: "Unit", Rows: exampleRows(t, "units.csv",
		"KODE UNOR", "NAMA UNOR", "JENIS", "KODE INDUK", "ZONA WAKTU", "LAT", "BUJUR", "service_users", "counters", "quick_survey")})
	roster := exampleRows(t, "roster.csv", "NIP BARU", "NAMA", "UNIT KERJA", "NAMA UNOR", "JABATAN", "NIP ATASAN", "NO HP", "PERAN")
	for i := range roster {
		roster[i] = append(roster[i], map[bool]any{true: "GOLONGAN", false: "III/a"}[i == 0])
	}
	roster = append([][]any{{"DAFTAR PEGAWAI UPTD PUSKESMAS SEMPAJA"}, {}}, roster...)
	rosterFile := xlsxtest.Workbook(t, xlsxtest.Sheet{Name: "Petunjuk", Rows: [][]any{{"Isi lembar Pegawai"}}},
		xlsxtest.Sheet{Name: "Pegawai", Rows: roster})
	unitsPath, rosterPath := writeFile(t, dir, "unor.xlsx", units), writeFile(t, dir, "pegawai-simpeg.xlsx", rosterFile)
	if code, out, stderr := runCmd(t, e, "import-units", unitsPath); code != 0 || !strings.Contains(out, "4 baris diterima, 0 baris ditolak") {
		t.Fatalf("import-units: exit %d\n%s%s", code, out, stderr)
	}
	code, out, stderr := runCmd(t, e, "import-roster", rosterPath, "--sheet", "Pegawai")
	if code != 0 || !strings.Contains(out, "9 pegawai baru") || !strings.Contains(out, "Kolom yang tidak dipakai: GOLONGAN") {
		t.Fatalf("import-roster: exit %d\n%s%s", code, out, stderr)
	}
	if code, _, stderr := runCmd(t, e, "import-roster", rosterPath, "--sheet", "Pegawai 2026"); code != 2 ||
		!strings.Contains(stderr, `lembar "Pegawai 2026" tidak ada di file; lembar yang ada: Petunjuk, Pegawai`) {
		t.Errorf("missing sheet: exit %d %s", code, stderr)
	}
	st, err := sqlite.Open(context.Background(), filepath.Join(dir, "kinerjabot.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close(context.Background())
	es, err := st.ListEmployees(context.Background())
	if err != nil || len(es) != 9 {
		t.Fatalf("%d employees stored (%v), want 9", len(es), err)
	}
	agus, err := st.GetEmployee(context.Background(), "198203172008011002")
	if err != nil || agus.Name != "Agus Setiyono, S.KM." || agus.UnitCode != "PKM-SEMPAJA" || agus.SupervisorNIP != "197805142005012003" ||
		agus.Phone != "+6281254023344" || agus.Position != "Kepala Subbagian Tata Usaha" || !agus.Active {
		t.Errorf("stored %+v, %v", agus, err)
	}
}

// A file that is neither XLSX nor CSV text is refused with exit 2 and one
// line naming its format; nothing of it is printed.
func TestImportRefusesOtherFormats(t *testing.T) {
	dir := t.TempDir()
	e := map[string]string{"DATA_DIR": dir, "DEFAULT_TIMEZONE": "Asia/Makassar"}
	const secret = "RAHASIA-198501012010011001"
	for _, f := range []struct {
		name, data, want string
	}{
		{"pegawai.xls", "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x01" + secret, "file .xls (Excel 97-2003) tidak didukung, simpan sebagai .xlsx atau CSV"},
		{"pegawai.pdf", "%PDF-1.4\n" + secret, "file PDF tidak didukung, simpan sebagai .xlsx atau CSV"},
		{"pegawai.png", "\x89PNG\r\n\x1a\n" + secret, "file gambar PNG tidak didukung, simpan sebagai .xlsx atau CSV"},
		{"pegawai.csv", "nip,name\n\x00\x01\x02\xff" + secret, "file ini bukan .xlsx dan bukan teks CSV UTF-8, simpan sebagai .xlsx atau CSV UTF-8"},
	} {
		path := writeFile(t, dir, f.name, []byte(f.data))
		for _, cmd := range []string{"import-roster", "import-units", "import-skp", "import-holidays", "import-acting"} {
			code, out, stderr := runCmd(t, e, cmd, path)
			if want := "kinerjabot: " + path + ": " + f.want + "\n"; code != 2 || out != "" || stderr != want {
				t.Errorf("%s %s: exit %d\nstdout %q\nstderr %q\nwant %q", cmd, f.name, code, out, stderr, want)
			}
			if strings.Contains(out+stderr, "RAHASIA") {
				t.Errorf("%s %s: the file's content was printed", cmd, f.name)
			}
		}
	}
}

// A NIP column Excel stored as numbers refuses the rows (exit 1) and says
// how to fix the file.
func TestImportXLSXNumericNIP(t *testing.T) {
	dir := t.TempDir()
	e := map[string]string{"DATA_DIR": dir, "DEFAULT_TIMEZONE": "Asia/Makassar"}
	if code, _, stderr := runCmd(t, e, "import-units", "../../examples/units.csv"); code != 0 {
		t.Fatalf("import-units: %d %s", code, stderr)
	}
	file := xlsxtest.Workbook(t, xlsxtest.Sheet{Name: "Sheet1", Rows: [][]any{
		{"NIP", "NAMA", "UNOR", "JABATAN", "NIP ATASAN", "NO HP"},
		{xlsxtest.Number("1.97805142005012E+17"), "dr. Ratna Wulansari", "PKM-SEMPAJA", "Kepala", "", ""},
	}})
	code, out, _ := runCmd(t, e, "import-roster", writeFile(t, dir, "angka.xlsx", file))
	if code != 1 || !strings.Contains(out, "NIP tersimpan sebagai angka (1.97805142005012E+17)") ||
		!strings.Contains(out, "format kolom NIP sebagai Teks") || !strings.Contains(out, "Tidak ada data yang disimpan") {
		t.Errorf("exit %d\n%s", code, out)
	}
}
