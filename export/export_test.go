package export_test

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/kinerjabot/kinerjabot/export"
	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/storage"
)

var now = time.Date(2026, 12, 7, 3, 0, 0, 0, time.UTC)

func exporter(st storage.Store) *export.Exporter {
	return export.New(st, export.Options{MonthlyTarget: 6750, PhotoDateDays: 3})
}

func build(t *testing.T, st storage.Store, q export.Request) export.Workbook {
	t.Helper()
	w, err := exporter(st).Build(context.Background(), q, now)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func open(t *testing.T, b []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("the export does not open: %v", err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// sheet is a sheet read back: its shown values, and the file for types.
type sheet struct {
	t    *testing.T
	f    *excelize.File
	name string
	rows [][]string
}

func readSheet(t *testing.T, f *excelize.File, name string) sheet {
	t.Helper()
	rows, err := f.GetRows(name)
	if err != nil {
		t.Fatalf("sheet %s: %v", name, err)
	}
	return sheet{t: t, f: f, name: name, rows: rows}
}

// row is the number (1-based, as in the sheet) of the first row whose
// column col shows want, and 0 when none.
func (s sheet) row(col int, want string) int {
	for i, r := range s.rows {
		if col < len(r) && r[col] == want {
			return i + 1
		}
	}
	s.t.Fatalf("%s: no row with %q in column %d", s.name, want, col+1)
	return 0
}

func (s sheet) ref(col, row int) string {
	ref, _ := excelize.CoordinatesToCellName(col+1, row)
	return ref
}

// typed is the cell's reference, failing unless its type is one of want.
func (s sheet) typed(col, row int, what string, want ...excelize.CellType) string {
	s.t.Helper()
	ref := s.ref(col, row)
	if typ, _ := s.f.GetCellType(s.name, ref); !slices.Contains(want, typ) {
		s.t.Fatalf("%s!%s: type %v, want %s", s.name, ref, typ, what)
	}
	return ref
}

// number is the cell's stored number; it fails unless the cell is a
// number cell.
func (s sheet) number(col, row int) float64 {
	s.t.Helper()
	ref := s.typed(col, row, "a number", excelize.CellTypeUnset, excelize.CellTypeNumber)
	raw, _ := s.f.GetCellValue(s.name, ref, excelize.Options{RawCellValue: true})
	v, err := strconv.ParseFloat(raw, 64)
	if err != nil {
		s.t.Fatalf("%s!%s: %q is not a number", s.name, ref, raw)
	}
	return v
}

// str is the cell's text; it fails unless the cell is a string (never a
// formula).
func (s sheet) str(col, row int) string {
	s.t.Helper()
	ref := s.typed(col, row, "a string", excelize.CellTypeInlineString, excelize.CellTypeSharedString)
	if formula, _ := s.f.GetCellFormula(s.name, ref); formula != "" {
		s.t.Fatalf("%s!%s: a formula %q", s.name, ref, formula)
	}
	v, _ := s.f.GetCellValue(s.name, ref)
	return v
}

// date is the cell's shown value, failing unless it is a number with a
// date format (a real date, not text).
func (s sheet) date(col, row int) string {
	s.t.Helper()
	if serial := s.number(col, row); serial < 40000 {
		s.t.Fatalf("%s!%s: serial %v is no date of this century", s.name, s.ref(col, row), serial)
	}
	v, _ := s.f.GetCellValue(s.name, s.ref(col, row))
	return v
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

// Rekap: per person the month's figures, numbers as numbers; capaian is
// approved minutes ÷ the unit's target (inherited from the Dinas), shown
// as a percentage; holidays on file are not work days.
func TestRekap(t *testing.T) {
	st := seed(t)
	w := build(t, st, export.Request{Month: "2026-11", Unit: "DINKES", SubUnits: true, Lang: i18n.ID})
	b, err := w.XLSX()
	if err != nil {
		t.Fatal(err)
	}
	f := open(t, b)
	if got := f.GetSheetList(); strings.Join(got, ",") != "Rekap,Kegiatan,Apresiasi,IKM" {
		t.Fatalf("sheets %v", got)
	}
	s := readSheet(t, f, export.SheetRekap)
	if !strings.Contains(s.str(6, 1), "bukan TPP") {
		t.Errorf("capaian header %q does not say it is not TPP", s.str(6, 1))
	}
	names := []string{}
	for _, r := range s.rows[1:] {
		names = append(names, r[1])
	}
	if got := strings.Join(names, ","); got != "Admin Dinkes,Admin Puskesmas,Budi Santoso,Sari Dewi,dr. Rina" {
		t.Errorf("people %s (the one who left without reports, and other units, stay out)", got)
	}
	budi := s.row(1, "Budi Santoso")
	if got := s.str(0, budi); got != "19900115 201903 1 004" {
		t.Errorf("NIP %q", got)
	}
	// Work days: 21 weekdays less the 10th, and for the Puskesmas the 3rd;
	// reported on the 2nd, 3rd, 4th and 10th: two of them work days.
	want := map[int]float64{4: 360, 5: 6000, 6: 0.06, 7: 19, 8: 2, 9: 120, 10: 90, 11: 2}
	for col, v := range want {
		if got := s.number(col, budi); !near(got, v) {
			t.Errorf("Rekap column %d (%s) = %v, want %v", col+1, s.rows[0][col], got, v)
		}
	}
	if got := s.number(7, s.row(1, "Admin Dinkes")); got != 20 {
		t.Errorf("the Dinas's work days %v, want 20 (the Puskesmas's holiday is not theirs)", got)
	}
	if got, _ := f.GetCellValue(export.SheetRekap, s.ref(6, budi)); got != "6.0%" {
		t.Errorf("capaian shown as %q, want 6.0%%", got)
	}
	if panes, _ := f.GetPanes(export.SheetRekap); !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("header row not frozen: %+v", panes)
	}
	if width, _ := f.GetColWidth(export.SheetRekap, "B"); width < 20 {
		t.Errorf("name column %v wide", width)
	}
}

// Kegiatan: every report of the month, dates as dates, text that looks
// like a formula kept as literal text, the photo flags and the distance.
func TestKegiatan(t *testing.T) {
	st := seed(t)
	w := build(t, st, export.Request{Month: "2026-11", Unit: "PKM", Lang: i18n.ID})
	b, err := w.XLSX()
	if err != nil {
		t.Fatal(err)
	}
	f := open(t, b)
	s := readSheet(t, f, export.SheetKegiatan)
	if len(s.rows) != 1+5 {
		t.Fatalf("%d reports, want 5 (December's and another unit's left out)", len(s.rows)-1)
	}
	for _, desc := range []string{descFormula, descPlus, descMinus, descAt} {
		r := s.row(3, desc)
		if got := s.str(3, r); got != desc {
			t.Errorf("description %q read back as %q", desc, got)
		}
	}
	a1 := s.row(3, descFormula)
	if got := s.date(0, a1); got != "2026-11-02" {
		t.Errorf("date %q", got)
	}
	if got := s.date(9, a1); got != "2026-11-05 09:30" {
		t.Errorf("decided at %q, want the unit's local time", got)
	}
	checks := []struct {
		col  int
		want string
	}{{2, "Budi Santoso"}, {6, "laporan"}, {8, "Disetujui"}, {11, "dr. Rina"}, {13, "ya"}, {14, "ya"}}
	for _, c := range checks {
		if got := s.str(c.col, a1); got != c.want {
			t.Errorf("column %s = %q, want %q", s.rows[0][c.col], got, c.want)
		}
	}
	if got := s.number(4, a1); got != 300 {
		t.Errorf("minutes %v", got)
	}
	if got := s.number(5, a1); got != 2.5 {
		t.Errorf("output volume %v", got)
	}
	if got := s.number(12, a1); got != 1 {
		t.Errorf("evidence count %v", got)
	}
	if got := s.number(15, a1); got < 1100 || got > 1125 {
		t.Errorf("distance %v m, want about 1112", got)
	}
	a4 := s.row(3, descAt)
	if got := s.str(10, a4); got != reasonTab {
		t.Errorf("reason %q", got)
	}
	s1 := s.row(2, "Sari Dewi")
	if got := s.str(7, s1); got != "Ibu hamil mendapat layanan ANC" {
		t.Errorf("SKP %q", got)
	}
	assertNoFormulas(t, f)
}

// assertNoFormulas fails on any formula in the workbook.
func assertNoFormulas(t *testing.T, f *excelize.File) {
	t.Helper()
	for _, name := range f.GetSheetList() {
		rows, _ := f.GetRows(name)
		for r, row := range rows {
			for c := range row {
				ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if formula, _ := f.GetCellFormula(name, ref); formula != "" {
					t.Errorf("%s!%s holds a formula %q", name, ref, formula)
				}
			}
		}
	}
}

// Apresiasi: counts by value and person, and nothing of who gave them: an
// anonymous giver (from another unit) appears nowhere in the workbook.
func TestApresiasiHidesGivers(t *testing.T) {
	st := seed(t)
	w := build(t, st, export.Request{Month: "2026-11", Unit: "PKM", Lang: i18n.ID})
	b, _ := w.XLSX()
	f := open(t, b)
	s := readSheet(t, f, export.SheetApresiasi)
	if len(s.rows[0]) != 2+7+1 {
		t.Fatalf("columns %v", s.rows[0])
	}
	budi := s.row(1, "Budi Santoso")
	want := []float64{0, 1, 0, 0, 0, 0, 1, 2} // Akuntabel, Kolaboratif, total
	for i, v := range want {
		if got := s.number(2+i, budi); got != v {
			t.Errorf("%s = %v, want %v", s.rows[0][2+i], got, v)
		}
	}
	for _, name := range f.GetSheetList() {
		rows, _ := f.GetRows(name)
		for _, row := range rows {
			for _, cell := range row {
				if strings.Contains(cell, "Orang Luar") || strings.Contains(cell, "19880606") || strings.Contains(cell, "catatan rahasia") {
					t.Errorf("%s shows %q: a giver or a note", name, cell)
				}
			}
		}
	}
}

// IKM: the unit's survey figures from package ikm, only where there are
// surveys; a team export has none.
func TestIKM(t *testing.T) {
	st := seed(t)
	w := build(t, st, export.Request{Month: "2026-11", Unit: "DINKES", SubUnits: true, Lang: i18n.ID})
	s, ok := w.Sheet(export.SheetIKM)
	if !ok || len(s.Rows) != 1 {
		t.Fatalf("IKM sheet %v rows %d, want the Puskesmas only", ok, len(s.Rows))
	}
	b, _ := w.XLSX()
	x := readSheet(t, open(t, b), export.SheetIKM)
	if got := x.number(2, 2); got != 1 {
		t.Errorf("respondents %v", got)
	}
	// Eight elements at 4 and one at 3: (8×4 + 3)/9 × 25 = 97.22.
	if got := x.number(12, 2); got != 97.22 {
		t.Errorf("IKM %v", got)
	}
	if got := x.str(13, 2); got != "A" {
		t.Errorf("grade %q", got)
	}
	if got := x.number(15, 2); got != 278 {
		t.Errorf("sample %v", got)
	}
	team := build(t, st, export.Request{Month: "2026-11", Team: nipRina, Lang: i18n.ID})
	if _, ok := team.Sheet(export.SheetIKM); ok {
		t.Error("a team export has an IKM sheet")
	}
}

// A supervisor's team: their active subordinates only.
func TestTeam(t *testing.T) {
	st := seed(t)
	w := build(t, st, export.Request{Month: "2026-11", Team: nipRina, Lang: i18n.EN})
	s, _ := w.Sheet(export.SheetRekap)
	var names []string
	for _, r := range s.Rows {
		names = append(names, r[1].(string))
	}
	if got := strings.Join(names, ","); got != "Budi Santoso,Sari Dewi" {
		t.Errorf("team %s", got)
	}
	if s.Columns[1].Header != "Name" {
		t.Errorf("English header %q", s.Columns[1].Header)
	}
}

// The CSV: a zip of one file per sheet, UTF-8 with a BOM, ';' between
// fields, a decimal comma, and formula-like text behind an apostrophe.
func TestCSV(t *testing.T) {
	st := seed(t)
	w := build(t, st, export.Request{Month: "2026-11", Unit: "PKM", Lang: i18n.ID})
	files := csvFiles(t, w)
	if len(files) != 4 || files["Rekap.csv"] == nil || files["Kegiatan.csv"] == nil {
		t.Fatalf("files %v", len(files))
	}
	keg := strings.Join(flatten(files["Kegiatan.csv"]), "\n")
	for _, desc := range []string{descFormula, descPlus, descMinus, descAt, reasonTab} {
		if !strings.Contains(keg, "\n'"+desc+"\n") {
			t.Errorf("%q not neutralised in the CSV", desc)
		}
	}
	for _, row := range files["Rekap.csv"] {
		if row[1] == "Budi Santoso" && (row[6] != "6,0%" || row[4] != "360" || row[0] != "19900115 201903 1 004") {
			t.Errorf("Rekap row %q", row)
		}
	}
	for _, row := range files["Kegiatan.csv"] {
		if row[3] == "'"+descFormula && (row[0] != "2026-11-02" || row[5] != "2,5" || row[9] != "2026-11-05 09:30") {
			t.Errorf("Kegiatan row %q", row)
		}
	}
}

// csvFiles are the files of w's CSV zip, each read back (with its BOM
// checked).
func csvFiles(t *testing.T, w export.Workbook) map[string][][]string {
	t.Helper()
	b, err := w.CSV()
	if err != nil {
		t.Fatal(err)
	}
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][][]string{}
	for _, zf := range z.File {
		rc, _ := zf.Open()
		raw, _ := io.ReadAll(rc)
		rc.Close()
		if !bytes.HasPrefix(raw, []byte("\ufeff")) {
			t.Errorf("%s has no BOM", zf.Name)
		}
		r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(raw, []byte("\ufeff"))))
		r.Comma = ';'
		if files[zf.Name], err = r.ReadAll(); err != nil {
			t.Fatalf("%s: %v", zf.Name, err)
		}
	}
	return files
}

func flatten(rows [][]string) []string {
	var out []string
	for _, r := range rows {
		out = append(out, r...)
	}
	return append(out, "")
}

func TestNeutralize(t *testing.T) {
	cases := map[string]string{
		"=1+1": "'=1+1", "+62": "'+62", "-2": "'-2", "@SUM(A1)": "'@SUM(A1)", "\tx": "'\tx", "\rx": "'\rx",
		"Rapat": "Rapat", "": "", "1=1": "1=1", "'=x": "'=x",
	}
	for in, want := range cases {
		if got := export.Neutralize(in); got != want {
			t.Errorf("Neutralize(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestBuildRefuses(t *testing.T) {
	st := seed(t)
	x := exporter(st)
	ctx := context.Background()
	cases := []struct {
		name string
		q    export.Request
		want error
	}{
		{"bad month", export.Request{Month: "2026-13", Unit: "PKM"}, export.ErrBadMonth},
		{"no month", export.Request{Unit: "PKM"}, export.ErrBadMonth},
		{"no scope", export.Request{Month: "2026-11"}, export.ErrNoScope},
		{"both", export.Request{Month: "2026-11", Unit: "PKM", Team: nipRina}, export.ErrNoScope},
		{"unknown unit", export.Request{Month: "2026-11", Unit: "NOPE"}, storage.ErrNotFound},
	}
	for _, tc := range cases {
		if _, err := x.Build(ctx, tc.q, now); !errors.Is(err, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, err, tc.want)
		}
	}
}

// Who may have which export, read when the file is made.
func TestAllowed(t *testing.T) {
	st := seed(t)
	ctx := context.Background()
	unit := func(code string) export.Request { return export.Request{Month: "2026-11", Unit: code, SubUnits: true} }
	team := func(nip string) export.Request { return export.Request{Month: "2026-11", Team: nip} }
	cases := []struct {
		name  string
		asker string
		q     export.Request
		want  bool
	}{
		{"admin, own unit", nipAdmin, unit("DINKES"), true},
		{"admin, unit below", nipAdmin, unit("PKM"), true},
		{"admin, unit above", nipPKMA, unit("DINKES"), false},
		{"admin, other branch", nipAdmin, unit("DISDIK"), false},
		{"supervisor, own team", nipRina, team(nipRina), true},
		{"supervisor, a unit", nipRina, unit("PKM"), false},
		{"staff, someone's team", nipBudi, team(nipRina), false},
		{"left", nipLeft, team(nipLeft), false},
		{"unknown", "000000000000000000", unit("PKM"), false},
	}
	for _, tc := range cases {
		got, err := export.Allowed(ctx, st, tc.asker, tc.q, now)
		if err != nil || got != tc.want {
			t.Errorf("%s: %v %v, want %v", tc.name, got, err, tc.want)
		}
	}
}

// The maker checks the asker's scope again when it makes the file.
func TestMaker(t *testing.T) {
	st := seed(t)
	m := export.NewMaker(exporter(st), func() time.Time { return now })
	ctx := context.Background()
	q := export.Request{Month: "2026-11", Unit: "PKM", Lang: i18n.ID}
	ref := export.Ref(q, nipAdmin, export.XLSX)
	kind, args, _ := strings.Cut(ref, ":")
	if kind != export.Kind {
		t.Fatalf("kind %q", kind)
	}
	b, err := m.MakeFile(ctx, args)
	if err != nil {
		t.Fatal(err)
	}
	readSheet(t, open(t, b), export.SheetRekap).row(1, "Budi Santoso")
	_, args, _ = strings.Cut(export.Ref(q, nipOut, export.XLSX), ":")
	if _, err := m.MakeFile(ctx, args); !errors.Is(err, export.ErrNotAllowed) {
		t.Errorf("outsider: %v", err)
	}
	_, args, _ = strings.Cut(export.Ref(q, nipAdmin, export.CSV), ":")
	if b, err := m.MakeFile(ctx, args); err != nil || !bytes.HasPrefix(b, []byte("PK")) {
		t.Errorf("csv: %v", err)
	}
	if got := export.FileName(q, export.XLSX); got != "ekspor-PKM-2026-11.xlsx" {
		t.Errorf("file name %q", got)
	}
}
