package importer

import (
	"context"
	"errors"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/kinerjabot/kinerjabot/storage"
)

// holidaysCSV renders a comma-separated holidays file from literal lines.
func holidaysCSV(lines ...string) string {
	return strings.Join(append([]string{"date,name"}, lines...), "\n") + "\n"
}

func mustImportHolidays(t *testing.T, st storage.Store, file string, o Options) Report {
	t.Helper()
	rep, err := ImportHolidays(t.Context(), st, strings.NewReader(file), o)
	if err != nil {
		t.Fatalf("ImportHolidays: %v", err)
	}
	return rep
}

// storedHolidays returns every holiday in the store, date → name.
func storedHolidays(t *testing.T, st storage.Store) map[string]string {
	t.Helper()
	hs, err := st.ListHolidays(t.Context(), "0001-01-01", "9999-12-31")
	if err != nil {
		t.Fatalf("ListHolidays: %v", err)
	}
	m := map[string]string{}
	for _, h := range hs {
		m[h.Date] = h.Name
	}
	return m
}

// seedHolidays upserts the holidays, date → name.
func seedHolidays(t *testing.T, st storage.Store, hs map[string]string) {
	t.Helper()
	for d, n := range hs {
		if err := st.UpsertHoliday(t.Context(), storage.Holiday{Date: d, Name: n}); err != nil {
			t.Fatal(err)
		}
	}
}

func TestParseHolidayDate(t *testing.T) {
	tests := []struct {
		in, want string // want "" when refused
	}{
		{"2027-08-17", "2027-08-17"},
		{"2027-8-7", "2027-08-07"},
		{"17/08/2027", "2027-08-17"},
		{"1/5/2027", "2027-05-01"},
		{"17-08-2027", "2027-08-17"},
		{"01-06-2027", "2027-06-01"},
		{"2028-02-29", "2028-02-29"}, // leap year
		{"29/02/2027", ""},           // not a leap year
		{"2027-02-29", ""},
		{"31/04/2027", ""},
		{"2027-13-01", ""},
		{"00/01/2027", ""},
		{"2027-01-00", ""},
		{"12/25/2027", ""}, // month first (US order)
		{"17/08/27", ""},   // two-digit year
		{"2027/08/17", ""},
		{"17.08.2027", ""},
		{"17 Agustus 2027", ""},
		{"2027-08-17 00:00", ""},
		{"1999-12-31", ""},
		{"2100-01-01", ""},
		{"0027-08-17", ""},
		{"2027-+8-17", ""},
		{"2027-008-17", ""},
		{"", ""},
	}
	for _, tt := range tests {
		got, ok := parseHolidayDate(tt.in)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("parseHolidayDate(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
}

// Every accepted way of writing the file imports the same three holidays.
func TestImportHolidaysFormats(t *testing.T) {
	want := map[string]string{
		"2027-01-01": "Tahun Baru 2027 Masehi",
		"2027-08-17": "Hari Proklamasi Kemerdekaan Republik Indonesia",
		"2027-12-25": "Hari Raya Natal",
	}
	tests := []struct {
		name, file string
	}{
		{"ISO dates, English header", "date,name\n" +
			"2027-01-01,Tahun Baru 2027 Masehi\n" +
			"2027-08-17,Hari Proklamasi Kemerdekaan Republik Indonesia\n" +
			"2027-12-25,Hari Raya Natal\n"},
		{"Indonesian header, DD/MM/YYYY, semicolons (Excel, Indonesian locale)", "\ufeffTanggal;Nama\r\n" +
			"01/01/2027;Tahun Baru 2027 Masehi\r\n" +
			"17/08/2027;Hari Proklamasi Kemerdekaan Republik Indonesia\r\n" +
			"25/12/2027;Hari Raya Natal\r\n"},
		{"DD-MM-YYYY, spaces, quotes, blank lines", " DATE , Name \n" +
			" 1-1-2027 ,\"Tahun Baru  2027\nMasehi\"\n\n , \n" +
			"17-08-2027,\"Hari Proklamasi Kemerdekaan Republik Indonesia\"\n" +
			"25-12-2027,Hari Raya Natal\n"},
		{"mixed header, mixed date forms", "tanggal,name\n" +
			"2027-01-01,Tahun Baru 2027 Masehi\n" +
			"17/08/2027,Hari Proklamasi Kemerdekaan Republik Indonesia\n" +
			"25-12-2027,Hari Raya Natal\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := openStore(t)
			rep := mustImportHolidays(t, st, tt.file, Options{})
			if !rep.OK() || rep.Kind != KindHolidays || rep.Created != 3 || rep.Updated != 0 || rep.Replaced != nil {
				t.Fatalf("report = %+v\n%s", rep, reportText(rep, "en"))
			}
			if got := storedHolidays(t, st); !maps.Equal(got, want) {
				t.Errorf("stored = %v, want %v", got, want)
			}
			if k := rep.Accepted[1].Key; k != "2027-08-17" {
				t.Errorf("row key = %q, want the date as YYYY-MM-DD", k)
			}
		})
	}
}

// A semicolon file keeps commas inside names; a comma file keeps
// semicolons.
func TestImportHolidaysSeparatorInNames(t *testing.T) {
	st := openStore(t)
	rep := mustImportHolidays(t, st, "tanggal;nama\n20/03/2027;Libur daerah: Hari Jadi Kota, Samarinda\n", Options{})
	if !rep.OK() {
		t.Fatalf("semicolon file:\n%s", reportText(rep, "en"))
	}
	rep = mustImportHolidays(t, st, "date,name\n2027-03-22,Cuti bersama; Hari Suci Nyepi\n", Options{})
	if !rep.OK() {
		t.Fatalf("comma file:\n%s", reportText(rep, "en"))
	}
	want := map[string]string{
		"2027-03-20": "Libur daerah: Hari Jadi Kota, Samarinda",
		"2027-03-22": "Cuti bersama; Hari Suci Nyepi",
	}
	if got := storedHolidays(t, st); !maps.Equal(got, want) {
		t.Errorf("stored = %v, want %v", got, want)
	}
}

func TestImportHolidaysRefusedRows(t *testing.T) {
	const good = "2027-08-17,Hari Proklamasi Kemerdekaan Republik Indonesia"
	tests := []struct {
		name  string
		file  string
		want  map[int][]Code
		value string // Value of the first reason, when checked
	}{
		{"impossible date", holidaysCSV(good, "2027-02-29,Libur"), want(3, CodeHolidayDate), "2027-02-29"},
		{"impossible day of month", holidaysCSV(good, "31/04/2027,Libur"), want(3, CodeHolidayDate), "31/04/2027"},
		{"month first", holidaysCSV(good, "12/25/2027,Natal"), want(3, CodeHolidayDate), "12/25/2027"},
		{"not a date", holidaysCSV(good, "Idul Fitri,2027-03-10"), want(3, CodeHolidayDate), "Idul Fitri"},
		{"empty date", holidaysCSV(good, ",Libur"), want(3, CodeHolidayDate), ""},
		{"empty name", holidaysCSV(good, "2027-12-25, "), want(3, CodeNameEmpty), ""},
		{"name too long", holidaysCSV(good, "2027-12-25,"+strings.Repeat("n", MaxHolidayNameLen+1)), want(3, CodeFieldTooLong), "name"},
		{"name too long, Indonesian header", "tanggal,nama\n2027-12-25," + strings.Repeat("n", MaxHolidayNameLen+1) + "\n",
			want(2, CodeFieldTooLong), "nama"},
		{"bad date and empty name", holidaysCSV(good, "2027-02-30,"), want(3, CodeHolidayDate, CodeNameEmpty), "2027-02-30"},
		{"too few columns", holidaysCSV(good, "2027-12-25"), want(3, CodeColumns), "1"},
		{"too many columns", holidaysCSV(good, "2027-12-25,Natal,nasional"), want(3, CodeColumns), "3"},
		{"duplicate date", holidaysCSV(good, "2027-12-25,Natal", "2027-08-17,HUT RI"),
			map[int][]Code{2: {CodeHolidayDuplicate}, 4: {CodeHolidayDuplicate}}, ""},
		{"duplicate date written two ways", holidaysCSV(good, "17/08/2027,HUT RI", "17-8-2027,HUT RI ke-82"),
			map[int][]Code{2: {CodeHolidayDuplicate}, 3: {CodeHolidayDuplicate}, 4: {CodeHolidayDuplicate}}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := openStore(t)
			rep := mustImportHolidays(t, st, tt.file, Options{})
			if got := refusedCodes(rep); !equalCodes(got, tt.want) {
				t.Fatalf("refused = %v, want %v\n%s", got, tt.want, reportText(rep, "en"))
			}
			if v := rep.Refused[0].Reasons[0].Value; tt.value != "" && v != tt.value {
				t.Errorf("reason value = %q, want %q", v, tt.value)
			}
			if rep.Written || rep.Created+rep.Updated != 0 || rep.OK() {
				t.Errorf("all-or-nothing import wrote: %+v", rep)
			}
			if got := storedHolidays(t, st); len(got) != 0 {
				t.Errorf("store has %v; nothing may be written", got)
			}
		})
	}
}

func TestImportHolidaysDuplicateLines(t *testing.T) {
	st := openStore(t)
	rep := mustImportHolidays(t, st, holidaysCSV("2027-08-17,A", "2027-12-25,B", "17/08/2027,C", "17-08-2027,D"), Options{})
	got := map[int][]int{}
	for _, r := range rep.Refused {
		got[r.Line] = r.Reasons[0].Lines
	}
	want := map[int][]int{2: {4, 5}, 4: {2, 5}, 5: {2, 4}}
	if len(got) != len(want) {
		t.Fatalf("refused lines = %v, want %v", got, want)
	}
	for line, others := range want {
		if !slices.Equal(got[line], others) {
			t.Errorf("line %d: other lines %v, want %v", line, got[line], others)
		}
	}
	if text := reportText(rep, ""); !strings.Contains(text, "Baris 2 (tanggal 2027-08-17): tanggal yang sama juga ada di baris 4, 5") {
		t.Errorf("report:\n%s", text)
	}
}

func TestImportHolidaysAllOrNothingVersusPartial(t *testing.T) {
	file := holidaysCSV(
		"2027-01-01,Tahun Baru 2027 Masehi",
		"30/02/2027,Libur keliru",
		"2027-05-01,Hari Buruh Internasional",
		"2027-06-01,",
	)
	wantRefused := map[int][]Code{3: {CodeHolidayDate}, 5: {CodeNameEmpty}}
	tests := []struct {
		name    string
		partial bool
		stored  map[string]string
	}{
		{"all or nothing", false, map[string]string{}},
		{"partial", true, map[string]string{"2027-01-01": "Tahun Baru 2027 Masehi", "2027-05-01": "Hari Buruh Internasional"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := openStore(t)
			rep := mustImportHolidays(t, st, file, Options{Partial: tt.partial})
			if got := refusedCodes(rep); !equalCodes(got, wantRefused) {
				t.Errorf("refused = %v, want %v", got, wantRefused)
			}
			if rep.Written != tt.partial || rep.Created != len(tt.stored) || len(rep.Accepted) != 2 || rep.OK() {
				t.Errorf("report = %+v", rep)
			}
			if got := storedHolidays(t, st); !maps.Equal(got, tt.stored) {
				t.Errorf("stored = %v, want %v", got, tt.stored)
			}
			text := reportText(rep, "")
			if tt.partial && (!strings.Contains(text, "Hanya baris yang diterima yang disimpan") ||
				!strings.Contains(text, "Tersimpan: 2 hari libur baru, 0 diperbarui.")) {
				t.Errorf("partial report:\n%s", text)
			}
			if !tt.partial && !strings.Contains(text, "Tidak ada data yang disimpan") {
				t.Errorf("report:\n%s", text)
			}
		})
	}
}

// A date already on file is renamed and counted as updated; holidays not
// in the file are kept.
func TestImportHolidaysCreatedUpdated(t *testing.T) {
	st := openStore(t)
	seedHolidays(t, st, map[string]string{
		"2027-08-17": "HUT RI",
		"2027-03-10": "Hari Raya Idul Fitri (perkiraan)",
	})
	rep := mustImportHolidays(t, st, holidaysCSV(
		"2027-08-17,Hari Proklamasi Kemerdekaan Republik Indonesia",
		"2027-12-25,Hari Raya Natal",
	), Options{})
	if !rep.OK() || rep.Created != 1 || rep.Updated != 1 || rep.Accepted[0].Created || !rep.Accepted[1].Created {
		t.Fatalf("report = %+v\n%s", rep, reportText(rep, "en"))
	}
	want := map[string]string{
		"2027-08-17": "Hari Proklamasi Kemerdekaan Republik Indonesia",
		"2027-12-25": "Hari Raya Natal",
		"2027-03-10": "Hari Raya Idul Fitri (perkiraan)",
	}
	if got := storedHolidays(t, st); !maps.Equal(got, want) {
		t.Errorf("stored = %v, want %v", got, want)
	}
	if text := reportText(rep, "en"); !strings.Contains(text, "Import of holidays: 2 rows accepted, 0 rows refused.") ||
		!strings.Contains(text, "Saved: 1 new holidays, 1 updated.") {
		t.Errorf("report:\n%s", text)
	}
	// The same file again updates both.
	if rep = mustImportHolidays(t, st, holidaysCSV("2027-08-17,HUT RI ke-82", "2027-12-25,Hari Raya Natal"), Options{}); rep.Created != 0 || rep.Updated != 2 {
		t.Errorf("re-import = %+v", rep)
	}
}

func TestReplaceHolidayYear(t *testing.T) {
	// The store holds 2027 as first announced, and 2026 and 2028.
	before := map[string]string{
		"2026-12-25": "Hari Raya Natal",
		"2027-01-01": "Tahun Baru 2027 Masehi",
		"2027-03-09": "Cuti Bersama Hari Suci Nyepi",
		"2027-08-17": "HUT RI",
		"2027-12-24": "Cuti Bersama Hari Raya Natal",
		"2028-01-01": "Tahun Baru 2028 Masehi",
	}
	untouched := func(dates ...string) map[string]string {
		m := map[string]string{}
		for _, d := range dates {
			m[d] = before[d]
		}
		return m
	}
	corrected := holidaysCSV(
		"2027-01-01,Tahun Baru 2027 Masehi",
		"17/08/2027,Hari Proklamasi Kemerdekaan Republik Indonesia",
		"2027-12-25,Hari Raya Natal",
	)
	tests := []struct {
		name        string
		file        string
		partial     bool
		wantRefused map[int][]Code
		wantDone    bool
		wantDeleted []string
		wantStored  map[string]string
		wantText    string // in the Indonesian report
	}{
		{
			name: "corrected list replaces the year", file: corrected,
			wantDone: true, wantDeleted: []string{"2027-03-09", "2027-12-24"},
			wantStored: mergeMaps(untouched("2026-12-25", "2027-01-01", "2028-01-01"), map[string]string{
				"2027-08-17": "Hari Proklamasi Kemerdekaan Republik Indonesia",
				"2027-12-25": "Hari Raya Natal",
			}),
			wantText: "Hari libur 2027 yang tidak ada di berkas dihapus (2): 2027-03-09 (Cuti Bersama Hari Suci Nyepi), 2027-12-24 (Cuti Bersama Hari Raya Natal).",
		},
		{
			name: "the same list deletes nothing", file: holidaysCSV(
				"2027-01-01,Tahun Baru 2027 Masehi", "2027-03-09,Cuti Bersama Hari Suci Nyepi",
				"2027-08-17,HUT RI", "2027-12-24,Cuti Bersama Hari Raya Natal"),
			wantDone: true, wantStored: before,
			wantText: "Tidak ada hari libur 2027 lain yang perlu dihapus.",
		},
		{
			name: "a date of another year is refused", file: holidaysCSV(
				"2027-01-01,Tahun Baru 2027 Masehi", "01/01/2028,Tahun Baru 2028 Masehi", "2026-12-31,Malam tahun baru"),
			wantRefused: map[int][]Code{3: {CodeHolidayYear}, 4: {CodeHolidayYear}},
			wantStored:  before,
			wantText:    "Baris 3 (tanggal 2028-01-01): tanggal 2028-01-01 di luar tahun 2027 yang diganti (--replace-year)",
		},
		{
			name: "partial with a refused row writes but deletes nothing", file: holidaysCSV(
				"2027-08-17,Hari Proklamasi Kemerdekaan Republik Indonesia", "2027-02-30,Libur keliru"),
			partial:     true,
			wantRefused: map[int][]Code{3: {CodeHolidayDate}},
			wantStored:  mergeMaps(before, map[string]string{"2027-08-17": "Hari Proklamasi Kemerdekaan Republik Indonesia"}),
			wantText:    "Hari libur 2027 yang tidak ada di berkas tidak dihapus karena ada baris yang ditolak",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := openStore(t)
			seedHolidays(t, st, before)
			rep, err := ReplaceHolidayYear(t.Context(), st, strings.NewReader(tt.file), 2027, Options{Partial: tt.partial})
			if err != nil {
				t.Fatalf("ReplaceHolidayYear: %v", err)
			}
			if got := refusedCodes(rep); !equalCodes(got, tt.wantRefused) {
				t.Errorf("refused = %v, want %v", got, tt.wantRefused)
			}
			rp := rep.Replaced
			if rp == nil || rp.Year != 2027 || rp.Done != tt.wantDone || rp.Err != nil {
				t.Fatalf("replaced = %+v", rp)
			}
			var deleted []string
			for _, h := range rp.Deleted {
				deleted = append(deleted, h.Date)
			}
			if strings.Join(deleted, " ") != strings.Join(tt.wantDeleted, " ") {
				t.Errorf("deleted = %v, want %v", deleted, tt.wantDeleted)
			}
			if got := storedHolidays(t, st); !maps.Equal(got, tt.wantStored) {
				t.Errorf("stored = %v\nwant %v", got, tt.wantStored)
			}
			if text := reportText(rep, "id"); !strings.Contains(text, tt.wantText) {
				t.Errorf("report:\n%s\nwant it to contain %q", text, tt.wantText)
			}
		})
	}
}

func mergeMaps(a, b map[string]string) map[string]string {
	m := maps.Clone(a)
	maps.Copy(m, b)
	return m
}

func TestReplaceHolidayYearRefusesBadInput(t *testing.T) {
	st := openStore(t)
	seedHolidays(t, st, map[string]string{"2027-01-01": "Tahun Baru 2027 Masehi"})
	tests := []struct {
		name string
		file string
		year int
		is   func(error) bool
	}{
		{"header only", "date,name\n", 2027, func(err error) bool { return errors.Is(err, ErrNoHolidays) }},
		{"blank rows only", "tanggal;nama\r\n;\r\n\r\n", 2027, func(err error) bool { return errors.Is(err, ErrNoHolidays) }},
		{"year too early", holidaysCSV("2027-01-01,X"), 1999, func(err error) bool { return err != nil }},
		{"year too late", holidaysCSV("2027-01-01,X"), 2100, func(err error) bool { return err != nil }},
		{"no year", holidaysCSV("2027-01-01,X"), 0, func(err error) bool { return err != nil }},
		{"bad header", "tgl,nama,tanggal\n2027-01-01,X,2027-01-02\n", 2027, isHeaderError},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep, err := ReplaceHolidayYear(t.Context(), st, strings.NewReader(tt.file), tt.year, Options{})
			if !tt.is(err) {
				t.Errorf("error = %v", err)
			}
			if rep.Written || rep.Kind != KindHolidays {
				t.Errorf("report = %+v", rep)
			}
		})
	}
	if got := storedHolidays(t, st); len(got) != 1 {
		t.Errorf("stored = %v, want the one holiday untouched", got)
	}
}

func TestImportHolidaysHeader(t *testing.T) {
	st := openStore(t)
	for _, file := range []string{
		"",
		"date\n",
		"tanggal,nama,tgl\n", // date twice
		"tgl;catatan\n",
		"2027-01-01,Tahun Baru 2027 Masehi\n", // no header
	} {
		_, err := ImportHolidays(t.Context(), st, strings.NewReader(file), Options{})
		if !isHeaderError(err) {
			t.Errorf("ImportHolidays(%q) error = %v, want *HeaderError", file, err)
		}
	}
	_, err := ImportHolidays(t.Context(), st, strings.NewReader("\xff\xfed\x00a\x00"), Options{})
	if !errors.Is(err, ErrUTF16) {
		t.Errorf("UTF-16 file: error = %v", err)
	}
	var he *HeaderError
	_, err = ImportHolidays(t.Context(), st, strings.NewReader("tgl,catatan\n"), Options{})
	if !errors.As(err, &he) || !strings.Contains(he.Message("id"), "judul kolom berkas harus date,name (boleh diikuti kolom units), tertulis tgl,catatan (kolom yang tidak ditemukan: name)") {
		t.Errorf("header error = %v", err)
	}
	// A header alone is an empty, successful import.
	if rep := mustImportHolidays(t, st, "date,name\n", Options{}); !rep.OK() || len(rep.Accepted) != 0 {
		t.Errorf("header only: %+v", rep)
	}
}

func TestImportHolidaysReasonText(t *testing.T) {
	st := openStore(t)
	rep := mustImportHolidays(t, st, holidaysCSV("31/04/2027,Libur", "2027-06-01,", "2027-12-25"), Options{})
	id := reportText(rep, "id")
	for _, want := range []string{
		"Impor hari libur: 0 baris diterima, 3 baris ditolak.",
		`Baris 2 (tanggal 31/04/2027): tanggal "31/04/2027" tidak valid; tulis 2027-08-17, 17/08/2027 atau 17-08-2027 (tahun 2000 sampai 2099)`,
		"Baris 3 (tanggal 2027-06-01): nama kosong",
		"Baris 4 (tanggal 2027-12-25): jumlah kolom 1, seharusnya 2",
		"Tidak ada data yang disimpan",
	} {
		if !strings.Contains(id, want) {
			t.Errorf("report (id):\n%s\nwant it to contain %q", id, want)
		}
	}
	en := reportText(rep, "en")
	for _, want := range []string{
		"Import of holidays: 0 rows accepted, 3 rows refused.",
		`Line 2 (date 31/04/2027): invalid date "31/04/2027"; write 2027-08-17, 17/08/2027 or 17-08-2027 (years 2000 to 2099)`,
		"Line 3 (date 2027-06-01): name is empty",
		"Nothing was saved",
	} {
		if !strings.Contains(en, want) {
			t.Errorf("report (en):\n%s\nwant it to contain %q", en, want)
		}
	}
	year := Reason{Code: CodeHolidayYear, Value: "2028-01-01", Want: "2027"}
	if got := year.Message("en"); got != "date 2028-01-01 is not in 2027, the year being replaced (--replace-year)" {
		t.Errorf("year message = %q", got)
	}
	dup := Reason{Code: CodeHolidayDuplicate, Lines: []int{4, 7}}
	if got := dup.Message(""); got != "tanggal yang sama juga ada di baris 4, 7" {
		t.Errorf("duplicate message = %q", got)
	}
}

// failingHolidayStore is the real store whose holiday upserts fail from
// the upsertAt-th call on, and whose deletes fail from the deleteAt-th
// (0: never).
type failingHolidayStore struct {
	storage.Store
	upserts, deletes   *int
	upsertAt, deleteAt int
}

func (s failingHolidayStore) UpsertHoliday(ctx context.Context, h storage.Holiday) error {
	*s.upserts++
	if s.upsertAt > 0 && *s.upserts >= s.upsertAt {
		return storage.ErrUnavailable
	}
	return s.Store.UpsertHoliday(ctx, h)
}

func (s failingHolidayStore) DeleteHoliday(ctx context.Context, date string) error {
	*s.deletes++
	if s.deleteAt > 0 && *s.deletes >= s.deleteAt {
		return storage.ErrUnavailable
	}
	return s.Store.DeleteHoliday(ctx, date)
}

func TestImportHolidaysStoreFailure(t *testing.T) {
	st := openStore(t)
	var ups, dels int
	file := holidaysCSV("2027-01-01,A", "2027-05-01,B", "2027-06-01,C")
	rep, err := ImportHolidays(t.Context(), failingHolidayStore{st, &ups, &dels, 2, 0}, strings.NewReader(file), Options{})
	if !errors.Is(err, storage.ErrUnavailable) {
		t.Fatalf("error = %v, want ErrUnavailable", err)
	}
	if rep.Written || rep.Failed == nil || rep.Failed.Line != 3 || rep.Failed.Key != "2027-05-01" || rep.Created != 1 ||
		!rep.Accepted[0].Written || rep.Accepted[1].Written {
		t.Errorf("report = %+v", rep)
	}
	if text := reportText(rep, ""); !strings.Contains(text, "Impor berhenti di baris 3 (2027-05-01)") ||
		!strings.Contains(text, "Baris yang sudah tersimpan: 2.") {
		t.Errorf("report:\n%s", text)
	}
	if got := storedHolidays(t, st); len(got) != 1 {
		t.Errorf("stored = %v, want 1", got)
	}
}

func TestReplaceHolidayYearDeleteFailure(t *testing.T) {
	st := openStore(t)
	seedHolidays(t, st, map[string]string{"2027-03-09": "X", "2027-04-01": "Y", "2027-05-01": "Z"})
	var ups, dels int
	rep, err := ReplaceHolidayYear(t.Context(), failingHolidayStore{st, &ups, &dels, 0, 2},
		strings.NewReader(holidaysCSV("2027-01-01,Tahun Baru 2027 Masehi")), 2027, Options{})
	if !errors.Is(err, storage.ErrUnavailable) {
		t.Fatalf("error = %v, want ErrUnavailable", err)
	}
	rp := rep.Replaced
	if !rep.Written || rep.Created != 1 || rp == nil || rp.Done || !errors.Is(rp.Err, storage.ErrUnavailable) ||
		len(rp.Deleted) != 1 || rp.Deleted[0].Date != "2027-03-09" {
		t.Fatalf("report = %+v, replaced = %+v", rep, rp)
	}
	text := reportText(rep, "en")
	for _, want := range []string{
		"Saved: 1 new holidays, 0 updated.",
		"Deleting the holidays of 2027 not in the file stopped because the store failed",
		"Holidays of 2027 not in the file deleted (1): 2027-03-09 (X).",
		"import the same file again with --replace-year 2027",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("report:\n%s\nwant it to contain %q", text, want)
		}
	}
	if got := storedHolidays(t, st); len(got) != 3 || got["2027-03-09"] != "" {
		t.Errorf("stored = %v", got)
	}
}

// The shipped example imports cleanly, and as the whole of 2027.
func TestImportHolidaysExampleFile(t *testing.T) {
	data, err := os.ReadFile("../examples/holidays-2027.csv")
	if err != nil {
		t.Fatal(err)
	}
	st := openStore(t)
	rep, err := ReplaceHolidayYear(t.Context(), st, strings.NewReader(string(data)), 2027, Options{})
	if err != nil || !rep.OK() || rep.Created < 3 || rep.Replaced == nil || !rep.Replaced.Done {
		t.Fatalf("example: %v\n%s", err, reportText(rep, "en"))
	}
	got := storedHolidays(t, st)
	for _, d := range []string{"2027-01-01", "2027-08-17", "2027-12-25"} {
		if got[d] == "" {
			t.Errorf("example lacks %s: %v", d, got)
		}
	}
}
