package importer

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/importer/xlsxtest"
	"github.com/kinerjabot/kinerjabot/storage"
)

// rosterRows are a roster sheet with the personnel export's column names
// (no role, no unit name) and the rows given.
func rosterRows(rows ...[]any) [][]any {
	return append([][]any{{"NIP BARU", "NAMA", "UNOR", "JABATAN", "NIP ATASAN", "NO HP"}}, rows...)
}

// A NIP the spreadsheet stored as a number has lost digits, or may have:
// the row is refused with a message saying to format the column as text,
// and no NIP is stored, not even with --partial.
func TestNIPStoredAsNumberRefused(t *testing.T) {
	st := openStore(t)
	good := []any{nip(1), "Pegawai Satu", "U1", "Staf", "", ph(1)}
	sheet := rosterRows(
		good,
		[]any{int64(198001012005011002), "Angka Bulat", "U1", "Staf", "", ""},
		[]any{xlsxtest.Number("1.98001012005011E+17"), "Angka Excel", "U1", "Staf", "", ""},
		[]any{nip(4), "Atasan Angka", "U1", "Staf", int64(198001012005011001), ""},
	)
	if _, err := st.ListUnits(t.Context()); err != nil {
		t.Fatal(err)
	}
	if rep, err := ImportUnits(t.Context(), st, strings.NewReader(unitsCSV("U1,Unit Satu,,,WITA,,")), Options{}); err != nil || !rep.OK() {
		t.Fatalf("units: %v", err)
	}
	file := xlsxtest.Workbook(t, xlsxtest.Sheet{Name: "Pegawai", Rows: sheet})
	rep, err := ImportRoster(t.Context(), st, bytes.NewReader(file), Options{DefaultTimezone: "WITA", Partial: true})
	if err != nil {
		t.Fatal(err)
	}
	want := map[int][]Code{3: {CodeNIP}, 4: {CodeNIP}, 5: {CodeSupervisorNIP}}
	if got := refusedCodes(rep); !equalCodes(got, want) {
		t.Fatalf("refused %v, want %v\n%s", got, want, reportText(rep, "en"))
	}
	text := reportText(rep, "id")
	for _, s := range []string{
		"Baris 4 (NIP 1.98001012005011E+17): NIP tidak valid: NIP tersimpan sebagai angka (1.98001012005011E+17)",
		"format kolom NIP sebagai Teks di Excel",
		"Baris 5 (NIP " + nip(4)[:8] + " ", "NIP atasan tidak valid: NIP tersimpan sebagai angka (198001012005011001)",
	} {
		if !strings.Contains(text, s) {
			t.Errorf("report lacks %q:\n%s", s, text)
		}
	}
	if got := employees(t, st); len(got) != 1 || got[nip(1)].Name != "Pegawai Satu" {
		t.Errorf("stored %v, want only the good row", got)
	}
	// A CSV saved from such a column holds the number as Excel showed it,
	// with a decimal point or (Indonesian locale) a comma.
	csvFile := "NIP;NAMA;UNOR;JABATAN;NIP ATASAN;NO HP\n1,98001012005011E+17;X;U1;Staf;;\n" + nip(6) + ";Y;U1;Staf;1.98001012005011E+17;\n"
	rep, err = ImportRoster(t.Context(), st, strings.NewReader(csvFile), opts(false))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := refusedCodes(rep), map[int][]Code{2: {CodeNIP}, 3: {CodeSupervisorNIP}}; !equalCodes(got, want) ||
		!strings.Contains(reportText(rep, "en"), "format the NIP column as Text") {
		t.Errorf("CSV refused %v, want %v\n%s", got, want, reportText(rep, "en"))
	}
}

// Dates are read as dates whatever the cell holds: a date cell in any
// number format, a serial number, text as Indonesian Excel writes it, an
// ISO date-time.
func TestXLSXDateCells(t *testing.T) {
	st := openStore(t)
	day := func(m, d int) time.Time { return time.Date(2027, time.Month(m), d, 0, 0, 0, 0, time.UTC) }
	file := xlsxtest.Workbook(t, xlsxtest.Sheet{Name: "Libur", Rows: [][]any{
		{"Tanggal", "Keterangan"},
		{day(1, 1), "default date format"},
		{xlsxtest.Cell{Value: day(2, 6), Format: "dd/mm/yyyy"}, "Indonesian format"},
		{xlsxtest.Cell{Value: day(3, 11), Format: "d mmmm yyyy"}, "long format"},
		{xlsxtest.Cell{Value: 46508, Format: "General"}, "serial number shown as a number"},
		{"17/08/2027", "text dd/mm/yyyy"},
		{"2027-12-25T00:00:00", "ISO date-time text"},
		{xlsxtest.Cell{Value: day(12, 31).Add(17 * time.Hour), Format: "dd/mm/yyyy hh:mm"}, "a time of day too"},
	}})
	rep, err := ImportHolidays(t.Context(), st, bytes.NewReader(file), Options{})
	if err != nil || !rep.OK() {
		t.Fatalf("%v\n%s", err, reportText(rep, "en"))
	}
	got := storedHolidays(t, st)
	for _, d := range []string{"2027-01-01", "2027-02-06", "2027-03-11", "2027-05-01", "2027-08-17", "2027-12-25", "2027-12-31"} {
		if got[d] == "" {
			t.Errorf("no holiday on %s: %v", d, got)
		}
	}
	if len(got) != 7 {
		t.Errorf("stored %v", got)
	}
}

// A reminder time stored as a time cell (a fraction of a day) is HH:MM.
func TestXLSXClockCells(t *testing.T) {
	st := openStore(t)
	file := xlsxtest.Workbook(t, xlsxtest.Sheet{Name: "Unit", Rows: [][]any{
		append(anyStrings(UnitsHeader), "Jam Pengingat Pegawai", "remind_supervisor_at"),
		{"A", "Unit A", "", "", "WITA", -0.5, 117.25, xlsxtest.Cell{Value: 0.3125, Format: "hh:mm"}, "16:00"},
	}})
	rep, err := ImportUnits(t.Context(), st, bytes.NewReader(file), Options{})
	if err != nil || !rep.OK() {
		t.Fatalf("%v\n%s", err, reportText(rep, "en"))
	}
	u, err := st.GetUnit(t.Context(), "A")
	if err != nil || u.RemindStaffAt != 7*60+30 || u.RemindSupervisorAt != 16*60 || *u.Latitude != -0.5 || *u.Longitude != 117.25 {
		t.Errorf("unit = %+v, %v", u, err)
	}
}

func anyStrings(s []string) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}

// The first sheet is read unless another is named; title rows above the
// header are skipped and lines are the sheet's row numbers.
func TestXLSXSheetsAndTitleRows(t *testing.T) {
	libur := xlsxtest.Sheet{Name: "Libur 2027", Rows: [][]any{
		{"DAFTAR HARI LIBUR NASIONAL DAN CUTI BERSAMA 2027"},
		{},
		{"No", "Tanggal", "Keterangan"},
		{1, "2027-01-01", "Tahun Baru"},
		{2, "31/04/2027", "Tidak ada"},
	}}
	other := xlsxtest.Sheet{Name: "Catatan", Rows: [][]any{{"bukan data"}}}
	file := xlsxtest.Workbook(t, other, libur)
	st := openStore(t)
	if _, err := ImportHolidays(t.Context(), st, bytes.NewReader(file), Options{}); !isHeaderError(err) {
		t.Errorf("first sheet: err = %v, want a header error", err)
	}
	rep, err := ImportHolidays(t.Context(), st, bytes.NewReader(file), Options{Sheet: "libur 2027"})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := refusedCodes(rep), map[int][]Code{5: {CodeHolidayDate}}; !equalCodes(got, want) || rep.Accepted[0].Line != 4 {
		t.Errorf("refused %v, want %v\n%s", got, want, reportText(rep, "en"))
	}
	if !strings.Contains(reportText(rep, "id"), "Kolom yang tidak dipakai: No") {
		t.Errorf("report:\n%s", reportText(rep, "id"))
	}
	_, err = ImportHolidays(t.Context(), st, bytes.NewReader(file), Options{Sheet: "Libur 2026"})
	var se *SheetError
	if !errors.As(err, &se) || se.Message("id") != `lembar "Libur 2026" tidak ada di file; lembar yang ada: Catatan, Libur 2027` {
		t.Errorf("missing sheet: %v", err)
	}
	_, err = ImportHolidays(t.Context(), st, strings.NewReader(holidaysCSV("2027-01-01,X")), Options{Sheet: "Libur"})
	var fe *FormatError
	if !errors.As(err, &fe) || fe.Format != FormatSheetCSV {
		t.Errorf("--sheet with a CSV: %v", err)
	}
}

// A sheet's row has no shifted columns: cells left empty at its end are
// empty fields; a value past the header's last column refuses the row.
func TestXLSXRowWidth(t *testing.T) {
	st := openStore(t)
	file := xlsxtest.Workbook(t, xlsxtest.Sheet{Name: "Libur", Rows: [][]any{
		{"tanggal", "nama", "", ""},
		{"2027-01-01", "Tahun Baru"},
		{"2027-05-01", "Hari Buruh", "", "lebih"},
	}})
	rep, err := ImportHolidays(t.Context(), st, bytes.NewReader(file), Options{Partial: true})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := refusedCodes(rep), map[int][]Code{3: {CodeColumns}}; !equalCodes(got, want) || len(rep.Accepted) != 1 {
		t.Errorf("refused %v, want %v\n%s", got, want, reportText(rep, "en"))
	}
}

// A personnel export has neither roles nor unit names: a roster without a
// role column keeps the role on file (admin, auditor; staff for someone
// new), and without
// unit names only units on file are accepted. A mobile number Excel stored
// as a number gets its leading 0 back.
func TestRosterWithoutRoleOrUnitName(t *testing.T) {
	st := openStore(t)
	admin := person(1, 0, 1)
	admin.role = "admin"
	auditor := person(2, 1, 2)
	auditor.role = "auditor"
	if rep := mustImportRoster(t, st, rosterCSV(admin, auditor), opts(false)); !rep.OK() {
		t.Fatal(reportText(rep, "en"))
	}
	file := xlsxtest.Workbook(t, xlsxtest.Sheet{Name: "Pegawai", Rows: rosterRows(
		[]any{nip(1), "Pegawai Satu", "U1", "Kepala", "", ph(1)},
		[]any{nip(2), "Pegawai Dua", "U1", "Staf", nip(1), 81200020002},
		[]any{nip(3), "Pegawai Tiga", "U1", "Staf", nip(1), ""},
		[]any{nip(4), "Pegawai Empat", "U9", "Staf", nip(1), ""},
	)})
	rep, err := ImportRoster(t.Context(), st, bytes.NewReader(file), Options{DefaultTimezone: "WITA", Partial: true})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := refusedCodes(rep), map[int][]Code{5: {CodeUnitUnknown}}; !equalCodes(got, want) {
		t.Errorf("refused %v, want %v\n%s", got, want, reportText(rep, "en"))
	}
	es := employees(t, st)
	if es[nip(1)].Role != "admin" || es[nip(1)].Position != "Kepala" || es[nip(2)].Role != storage.RoleAuditor || es[nip(3)].Role != storage.RoleStaff {
		t.Errorf("roles: %+v", es)
	}
	if es[nip(2)].Phone != "+6281200020002" {
		t.Errorf("phone from a number cell: %q", es[nip(2)].Phone)
	}
	// With the role column, an empty role is staff: the admin is no more.
	if rep := mustImportRoster(t, st, rosterCSV(person(1, 0, 1)), opts(false)); !rep.OK() || employees(t, st)[nip(1)].Role != storage.RoleStaff {
		t.Errorf("role column empty: %+v\n%s", employees(t, st)[nip(1)], reportText(rep, "en"))
	}
}
