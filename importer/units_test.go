package importer

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kinerjabot/kinerjabot/storage"
)

// unitsCSV renders a units file from literal lines.
func unitsCSV(lines ...string) string {
	return strings.Join(append([]string{strings.Join(UnitsHeader, ",")}, lines...), "\n") + "\n"
}

func TestImportUnits(t *testing.T) {
	tests := []struct {
		name  string
		setup []string // units imported first
		lines []string
		want  map[int][]Code
		check func(t *testing.T, st storage.Store)
	}{
		{
			name: "aliases normalised, parents first, coordinates",
			lines: []string{
				"KEL,Kelurahan Sempaja Selatan,Kelurahan,KEC,wita,-0.4603,117.1566",
				"KEC,Kecamatan Samarinda Utara,Kecamatan,,Asia/Makassar,,",
				"DISDIK,Dinas Pendidikan,Dinas,,WIB,,",
				"SMA1,SMA Negeri 1,Sekolah,DISDIK,asia/jayapura,\"-2,5333\",\"140,7\"",
				"PUSK,Puskesmas Biak,Puskesmas,,WIT,,",
			},
			want: map[int][]Code{},
			check: func(t *testing.T, st storage.Store) {
				want := map[string]string{"KEL": "Asia/Makassar", "KEC": "Asia/Makassar", "DISDIK": "Asia/Jakarta",
					"SMA1": "Asia/Jayapura", "PUSK": "Asia/Jayapura"}
				for code, tz := range want {
					u, err := st.GetUnit(t.Context(), code)
					if err != nil || u.Timezone != tz {
						t.Errorf("unit %s = %+v, %v; want zone %s", code, u, err, tz)
					}
				}
				kel, _ := st.GetUnit(t.Context(), "KEL")
				if kel.ParentCode != "KEC" || kel.Latitude == nil || *kel.Latitude != -0.4603 || *kel.Longitude != 117.1566 {
					t.Errorf("KEL = %+v", kel)
				}
				if sma, _ := st.GetUnit(t.Context(), "SMA1"); sma.Latitude == nil || *sma.Latitude != -2.5333 || *sma.Longitude != 140.7 {
					t.Errorf("SMA1 decimal comma coordinates = %+v", sma)
				}
				if kec, _ := st.GetUnit(t.Context(), "KEC"); kec.Latitude != nil || kec.Longitude != nil {
					t.Errorf("KEC has coordinates: %+v", kec)
				}
			},
		},
		{name: "bad timezone", lines: []string{"A,Unit A,,,GMT+8,,"}, want: want(2, CodeTimezone)},
		{name: "foreign IANA zone", lines: []string{"A,Unit A,,,Asia/Singapore,,"}, want: want(2, CodeTimezone)},
		{name: "empty timezone", lines: []string{"A,Unit A,,,,,"}, want: want(2, CodeTimezoneEmpty)},
		{name: "latitude without longitude", lines: []string{"A,Unit A,,,WITA,-0.5,"}, want: want(2, CodeCoordinatesPair)},
		{name: "latitude out of range", lines: []string{"A,Unit A,,,WITA,-95,117"}, want: want(2, CodeLatitude)},
		{name: "longitude not a number", lines: []string{"A,Unit A,,,WITA,-0.5,timur"}, want: want(2, CodeLongitude)},
		{name: "empty code and name", lines: []string{",,,,WITA,,"}, want: want(2, CodeUnitCodeEmpty, CodeNameEmpty)},
		{name: "wrong column count", lines: []string{"A,Unit A,,,WITA"}, want: want(2, CodeColumns)},
		{name: "duplicate code", lines: []string{"A,Unit A,,,WITA,,", "A,Unit A lagi,,,WITA,,"},
			want: map[int][]Code{2: {CodeUnitDuplicate}, 3: {CodeUnitDuplicate}}},
		{name: "parent unknown", lines: []string{"A,Unit A,,ZZ,WITA,,"}, want: want(2, CodeParentUnknown)},
		{name: "parent self", lines: []string{"A,Unit A,,A,WITA,,"}, want: want(2, CodeParentSelf)},
		{name: "parent cycle", lines: []string{"A,Unit A,,B,WITA,,", "B,Unit B,,C,WITA,,", "C,Unit C,,A,WITA,,", "D,Unit D,,C,WITA,,"},
			want: map[int][]Code{2: {CodeParentCycle}, 3: {CodeParentCycle}, 4: {CodeParentCycle}, 5: {CodeParentRefused}}},
		{name: "parent cycle through the store", setup: []string{"P,Induk,,,WITA,,", "C,Anak,,P,WITA,,"},
			lines: []string{"P,Induk,,C,WITA,,"}, want: want(2, CodeParentCycle)},
		{name: "parent row refused", lines: []string{"A,Unit A,,,UTC,,", "B,Unit B,,A,WITA,,", "C,Unit C,,B,WITA,,"},
			want: map[int][]Code{2: {CodeTimezone}, 3: {CodeParentRefused}, 4: {CodeParentRefused}}},
		{
			name: "parent only in the store", setup: []string{"DINKES,Dinas Kesehatan,Dinas,,WITA,,"},
			lines: []string{"PKM,Puskesmas,Puskesmas,DINKES,WITA,,"}, want: map[int][]Code{},
			check: func(t *testing.T, st storage.Store) {
				if u, err := st.GetUnit(t.Context(), "PKM"); err != nil || u.ParentCode != "DINKES" {
					t.Errorf("PKM = %+v, %v", u, err)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := openStore(t)
			if tt.setup != nil {
				rep, err := ImportUnits(t.Context(), st, strings.NewReader(unitsCSV(tt.setup...)), Options{})
				if err != nil || !rep.OK() {
					t.Fatalf("setup: %v\n%s", err, reportText(rep, "en"))
				}
			}
			rep, err := ImportUnits(t.Context(), st, strings.NewReader(unitsCSV(tt.lines...)), Options{})
			if err != nil {
				t.Fatalf("ImportUnits: %v", err)
			}
			if got := refusedCodes(rep); !equalCodes(got, tt.want) {
				t.Fatalf("refused = %v, want %v\n%s", got, tt.want, reportText(rep, "en"))
			}
			if wantWritten := len(tt.want) == 0; rep.Written != wantWritten {
				t.Errorf("Written = %v, want %v", rep.Written, wantWritten)
			}
			units, _ := st.ListUnits(t.Context())
			if len(tt.want) > 0 && len(units) != len(tt.setup) {
				t.Errorf("store has %d units after a refused import, want %d", len(units), len(tt.setup))
			}
			if tt.check != nil {
				tt.check(t, st)
			}
		})
	}
}

func TestImportUnitsPartialAndReimport(t *testing.T) {
	st := openStore(t)
	file := unitsCSV("A,Unit A,Dinas,,WITA,,", "B,Unit B,,A,Mars/Olympus,,", "C,Unit C,,B,WITA,,", "D,Unit D,UPT,A,WITA,,")
	rep, err := ImportUnits(t.Context(), st, strings.NewReader(file), Options{Partial: true})
	if err != nil {
		t.Fatalf("ImportUnits: %v", err)
	}
	if !rep.Written || rep.Created != 2 || len(rep.Refused) != 2 {
		t.Fatalf("report = %+v", rep)
	}
	text := reportText(rep, "")
	for _, s := range []string{
		"Impor unit: 2 baris diterima, 2 baris ditolak.",
		"Baris 3 (unit B): zona waktu \"Mars/Olympus\" tidak dikenal",
		"Baris 4 (unit C): baris unit induknya (baris 3) ditolak",
		"Tersimpan: 2 unit baru, 0 diperbarui.",
	} {
		if !strings.Contains(text, s) {
			t.Errorf("report lacks %q:\n%s", s, text)
		}
	}
	rep, err = ImportUnits(t.Context(), st, strings.NewReader(unitsCSV("A,Unit A Baru,Dinas,,WIT,,")), Options{})
	if err != nil || rep.Updated != 1 || rep.Created != 0 {
		t.Fatalf("re-import: %v %+v", err, rep)
	}
	if u, _ := st.GetUnit(t.Context(), "A"); u.Name != "Unit A Baru" || u.Timezone != "Asia/Jayapura" {
		t.Errorf("A after re-import = %+v", u)
	}
}

func TestImportUnitsHeader(t *testing.T) {
	st := openStore(t)
	_, err := ImportUnits(t.Context(), st, strings.NewReader("code,name,timezone\nA,B,WITA\n"), Options{})
	var he *HeaderError
	if !errors.As(err, &he) {
		t.Errorf("err = %v, want *HeaderError", err)
	}
}

// The shipped examples must import cleanly: units, then the roster.
func TestExampleFiles(t *testing.T) {
	st := openStore(t)
	open := func(name string) *os.File {
		f, err := os.Open(filepath.Join("..", "examples", name))
		if err != nil {
			t.Fatalf("open example: %v", err)
		}
		t.Cleanup(func() { _ = f.Close() })
		return f
	}
	urep, err := ImportUnits(t.Context(), st, open("units.csv"), Options{})
	if err != nil || !urep.OK() {
		t.Fatalf("units.csv: %v\n%s", err, reportText(urep, "en"))
	}
	rrep, err := ImportRoster(t.Context(), st, open("roster.csv"), Options{DefaultTimezone: "Asia/Makassar"})
	if err != nil || !rrep.OK() || len(rrep.UnitsCreated) != 0 {
		t.Fatalf("roster.csv: %v\n%s", err, reportText(rrep, "en"))
	}
	if len(rrep.Accepted) < 8 {
		t.Errorf("roster.csv has %d people, want about 8", len(rrep.Accepted))
	}
	units, _ := st.ListUnits(t.Context())
	for _, u := range units {
		if u.Timezone != "Asia/Makassar" {
			t.Errorf("example unit %s in %s, want Asia/Makassar", u.Code, u.Timezone)
		}
	}
	emps := employees(t, st)
	var admins, pppk, heads int
	for _, e := range emps {
		if e.IsAdmin() {
			admins++
		}
		if e.NIP[12:14] > "12" { // positions 13-14 not a month: a PPPK code
			pppk++
		}
		if e.SupervisorNIP == "" {
			heads++
		}
	}
	if admins != 1 || pppk != 1 || heads == 0 {
		t.Errorf("examples: %d admins, %d PPPK, %d without supervisor", admins, pppk, heads)
	}
}

// unitsCSVWith renders a units file whose header is UnitsHeader followed by
// the extra columns (joined by commas, as written).
func unitsCSVWith(extra string, lines ...string) string {
	header := strings.Join(UnitsHeader, ",")
	if extra != "" {
		header += "," + extra
	}
	return strings.Join(append([]string{header}, lines...), "\n") + "\n"
}

func TestImportUnitsSurveySettings(t *testing.T) {
	const all = "service_users,counters,quick_survey"
	type settings struct {
		users, counters int
		quick           bool
	}
	tests := []struct {
		name  string
		extra string // optional header columns
		line  string
		want  settings // when accepted
		codes []Code   // refused: the reasons
	}{
		{name: "all set", extra: all, line: "A,Unit A,,,WITA,,,12500,3,ya", want: settings{12500, 3, true}},
		{name: "all empty", extra: all, line: "A,Unit A,,,WITA,,,,,", want: settings{}},
		{name: "zeros and tidak", extra: all, line: "A,Unit A,,,WITA,,,0,0,tidak", want: settings{}},
		{name: "counters at the limit", extra: all, line: "A,Unit A,,,WITA,,,1,50,yes", want: settings{1, 50, true}},
		{name: "leading zeros and spaces", extra: all, line: "A,Unit A,,,WITA,,, 007 , 02 , TRUE ", want: settings{7, 2, true}},
		{name: "quick 1", extra: all, line: "A,Unit A,,,WITA,,,,,1", want: settings{quick: true}},
		{name: "quick Ya", extra: all, line: "A,Unit A,,,WITA,,,,,Ya", want: settings{quick: true}},
		{name: "quick no", extra: all, line: "A,Unit A,,,WITA,,,,,no", want: settings{}},
		{name: "quick false", extra: all, line: "A,Unit A,,,WITA,,,,,FALSE", want: settings{}},
		{name: "quick 0", extra: all, line: "A,Unit A,,,WITA,,,,,0", want: settings{}},
		{name: "one optional column", extra: "quick_survey", line: "A,Unit A,,,WITA,,,ya", want: settings{quick: true}},
		{name: "optional columns in another order, any case", extra: "Quick_Survey,SERVICE_USERS", line: "A,Unit A,,,WITA,,,ya,300",
			want: settings{users: 300, quick: true}},
		{name: "service_users negative", extra: all, line: "A,Unit A,,,WITA,,,-1,,", codes: []Code{CodeServiceUsers}},
		{name: "service_users with a separator", extra: all, line: "A,Unit A,,,WITA,,,12.500,,", codes: []Code{CodeServiceUsers}},
		{name: "service_users decimal", extra: all, line: "A,Unit A,,,WITA,,,\"1,5\",,", codes: []Code{CodeServiceUsers}},
		{name: "service_users words", extra: all, line: "A,Unit A,,,WITA,,,banyak,,", codes: []Code{CodeServiceUsers}},
		{name: "service_users plus sign", extra: all, line: "A,Unit A,,,WITA,,,+5,,", codes: []Code{CodeServiceUsers}},
		{name: "service_users too large", extra: all, line: "A,Unit A,,,WITA,,,99999999999999999999,,", codes: []Code{CodeServiceUsers}},
		{name: "counters 51", extra: all, line: "A,Unit A,,,WITA,,,,51,", codes: []Code{CodeCounters}},
		{name: "counters negative", extra: all, line: "A,Unit A,,,WITA,,,,-1,", codes: []Code{CodeCounters}},
		{name: "counters decimal", extra: all, line: "A,Unit A,,,WITA,,,,2.5,", codes: []Code{CodeCounters}},
		{name: "quick maybe", extra: all, line: "A,Unit A,,,WITA,,,,,mungkin", codes: []Code{CodeQuickSurvey}},
		{name: "quick y", extra: all, line: "A,Unit A,,,WITA,,,,,y", codes: []Code{CodeQuickSurvey}},
		{name: "quick 2", extra: all, line: "A,Unit A,,,WITA,,,,,2", codes: []Code{CodeQuickSurvey}},
		{name: "all three bad, with a bad zone", extra: all, line: "A,Unit A,,,UTC,,,x,99,maybe",
			codes: []Code{CodeTimezone, CodeServiceUsers, CodeCounters, CodeQuickSurvey}},
		{name: "too few columns for the header", extra: all, line: "A,Unit A,,,WITA,,,1,2", codes: []Code{CodeColumns}},
		{name: "the 7 columns only under a 10-column header", extra: all, line: "A,Unit A,,,WITA,,", codes: []Code{CodeColumns}},
		{name: "extra cell under the 7-column header", line: "A,Unit A,,,WITA,,,5", codes: []Code{CodeColumns}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := openStore(t)
			rep, err := ImportUnits(t.Context(), st, strings.NewReader(unitsCSVWith(tt.extra, tt.line)), Options{})
			if err != nil {
				t.Fatalf("ImportUnits: %v", err)
			}
			if tt.codes != nil {
				if got := refusedCodes(rep); !equalCodes(got, map[int][]Code{2: tt.codes}) {
					t.Fatalf("refused = %v, want %v\n%s", got, tt.codes, reportText(rep, "en"))
				}
				if units, _ := st.ListUnits(t.Context()); len(units) != 0 {
					t.Errorf("store has %v after a refused import", units)
				}
				for _, rs := range rep.Refused[0].Reasons {
					for _, lang := range []string{"id", "en"} {
						if msg := rs.Message(lang); msg == string(rs.Code) || !strings.Contains(msg, rs.Value) {
							t.Errorf("%s message of %s = %q", lang, rs.Code, msg)
						}
					}
				}
				return
			}
			if !rep.OK() || !rep.Written {
				t.Fatalf("report:\n%s", reportText(rep, "en"))
			}
			u, err := st.GetUnit(t.Context(), "A")
			if err != nil {
				t.Fatalf("GetUnit: %v", err)
			}
			if got := (settings{u.ServiceUsers, u.Counters, u.QuickSurvey}); got != tt.want {
				t.Errorf("settings = %+v, want %+v", got, tt.want)
			}
			if u.Name != "Unit A" || u.Timezone != "Asia/Makassar" {
				t.Errorf("unit = %+v", u)
			}
		})
	}
}

// The wrong column count is reported against the file's own header.
func TestImportUnitsColumnsReason(t *testing.T) {
	st := openStore(t)
	rep, err := ImportUnits(t.Context(), st, strings.NewReader(unitsCSVWith("service_users,counters,quick_survey", "A,Unit A,,,WITA,,,1")), Options{})
	if err != nil || len(rep.Refused) != 1 {
		t.Fatalf("ImportUnits: %v\n%s", err, reportText(rep, "en"))
	}
	if rs := rep.Refused[0].Reasons[0]; rs.Code != CodeColumns || rs.Value != "8" || rs.Want != "10" {
		t.Errorf("reason = %+v, want 8 columns of 10", rs)
	}
	text := reportText(rep, "")
	if !strings.Contains(text, "jumlah kolom 8, seharusnya 10") {
		t.Errorf("report:\n%s", text)
	}
}

// A setting whose column the file lacks keeps the store's value; a column
// with an empty cell clears it.
func TestImportUnitsSettingsReimport(t *testing.T) {
	st := openStore(t)
	get := func(code string) storage.Unit {
		t.Helper()
		u, err := st.GetUnit(t.Context(), code)
		if err != nil {
			t.Fatalf("GetUnit(%s): %v", code, err)
		}
		return u
	}
	mustImport := func(file string) {
		t.Helper()
		rep, err := ImportUnits(t.Context(), st, strings.NewReader(file), Options{})
		if err != nil || !rep.OK() {
			t.Fatalf("ImportUnits: %v\n%s", err, reportText(rep, "en"))
		}
	}
	mustImport(unitsCSVWith("service_users,counters,quick_survey", "A,Unit A,,,WITA,,,1000,2,ya", "B,Unit B,,A,WITA,,,50,1,tidak"))
	if a := get("A"); a.ServiceUsers != 1000 || a.Counters != 2 || !a.QuickSurvey {
		t.Fatalf("A after the first import = %+v", a)
	}

	// The seven required columns: names change, settings stay; a new unit
	// has none.
	mustImport(unitsCSV("A,Unit A Baru,,,WITA,,", "B,Unit B,,A,WIT,,", "C,Unit C,,A,WITA,,"))
	if a := get("A"); a.Name != "Unit A Baru" || a.ServiceUsers != 1000 || a.Counters != 2 || !a.QuickSurvey {
		t.Errorf("A after a 7-column re-import = %+v, want its settings kept", a)
	}
	if b := get("B"); b.Timezone != "Asia/Jayapura" || b.ServiceUsers != 50 || b.Counters != 1 || b.QuickSurvey {
		t.Errorf("B after a 7-column re-import = %+v", b)
	}
	if c := get("C"); c.ServiceUsers != 0 || c.Counters != 0 || c.QuickSurvey {
		t.Errorf("new C = %+v, want no settings", c)
	}

	// Only quick_survey: it changes, the others stay.
	mustImport(unitsCSVWith("quick_survey", "A,Unit A Baru,,,WITA,,,tidak"))
	if a := get("A"); a.ServiceUsers != 1000 || a.Counters != 2 || a.QuickSurvey {
		t.Errorf("A after a quick_survey-only import = %+v", a)
	}

	// Columns present, cells empty: cleared.
	mustImport(unitsCSVWith("service_users,counters,quick_survey", "A,Unit A Baru,,,WITA,,,,,"))
	if a := get("A"); a.ServiceUsers != 0 || a.Counters != 0 || a.QuickSurvey {
		t.Errorf("A after empty cells = %+v, want cleared", a)
	}
}

func TestImportUnitsOptionalHeader(t *testing.T) {
	req := strings.Join(UnitsHeader, ",")
	for _, tt := range []struct {
		name, header string
		ok           bool
	}{
		{"required only", req, true},
		{"all optional", req + ",service_users,counters,quick_survey", true},
		{"two optional, reordered", req + ",counters,service_users", true},
		{"spaces and case", req + " , Service_Users ", true},
		{"unknown extra column (unused)", req + ",catatan", true},
		{"optional repeated", req + ",counters,counters", false},
		{"too many", req + ",service_users,counters,quick_survey,quick_survey", false},
		{"optional before a required one", "code,name,type,parent_code,timezone,latitude,service_users,longitude", true},
		{"required missing", "code,name,type,parent_code,timezone,latitude,service_users,counters", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ImportUnits(t.Context(), openStore(t), strings.NewReader(tt.header+"\n"), Options{})
			var he *HeaderError
			if got := !errors.As(err, &he); got != tt.ok {
				t.Fatalf("ImportUnits(header %q): %v", tt.header, err)
			}
			if he == nil {
				return
			}
			id, en := he.Message("id"), he.Message("en")
			if !strings.Contains(id, "judul kolom berkas harus "+req+" (boleh diikuti kolom service_users, counters, quick_survey, monthly_target_minutes, approval_sla_days, remind_staff_at, remind_supervisor_at, evaluation_period), tertulis") {
				t.Errorf("id message: %q", id)
			}
			if !strings.Contains(en, "optionally followed by the columns service_users, counters, quick_survey") {
				t.Errorf("en message: %q", en)
			}
		})
	}
}

func TestParseCountAndYesNo(t *testing.T) {
	for _, c := range []struct {
		in    string
		limit int
		want  int
		ok    bool
	}{
		{"", 50, 0, true}, {"0", 50, 0, true}, {"50", 50, 50, true}, {"050", 50, 50, true},
		{"51", 50, 0, false}, {"-0", 50, 0, false}, {"+1", 50, 0, false}, {"1e3", 5000, 0, false},
		{"١٢", 50, 0, false}, // Arabic-Indic digits are not ASCII digits
		{"2147483647", math.MaxInt32, math.MaxInt32, true}, {"2147483648", math.MaxInt32, 0, false},
	} {
		if got, ok := parseCount(c.in, c.limit); got != c.want || ok != c.ok {
			t.Errorf("parseCount(%q, %d) = %d, %v; want %d, %v", c.in, c.limit, got, ok, c.want, c.ok)
		}
	}
	for in, want := range map[string]bool{"ya": true, "YA": true, "yes": true, "True": true, "1": true,
		"": false, "tidak": false, "Tidak": false, "no": false, "FALSE": false, "0": false} {
		if got, ok := parseYesNo(in); !ok || got != want {
			t.Errorf("parseYesNo(%q) = %v, %v; want %v", in, got, ok, want)
		}
	}
	for _, in := range []string{"y", "n", "t", "ok", "2", "tdk", "iya"} {
		if _, ok := parseYesNo(in); ok {
			t.Errorf("parseYesNo(%q) accepted", in)
		}
	}
}

// The unit's own target and SLA: whole numbers in range, empty to
// inherit; a file without the columns keeps what an earlier one set.
func TestImportUnitsOwnSettings(t *testing.T) {
	st := openStore(t)
	head := strings.Join(UnitsHeader, ",") + ",monthly_target_minutes,approval_sla_days\n"
	imp := func(file string) Report {
		t.Helper()
		rep, err := ImportUnits(t.Context(), st, strings.NewReader(file), Options{})
		if err != nil {
			t.Fatal(err)
		}
		return rep
	}
	rep := imp(head + "DINKES,Dinas Kesehatan,Dinas,,WITA,,,6000,5\nPKM,Puskesmas,Puskesmas,DINKES,WITA,,,,\n" +
		"BAD,Salah,Dinas,,WITA,,,6.000,61\n")
	if len(rep.Refused) != 1 || len(rep.Refused[0].Reasons) != 2 ||
		rep.Refused[0].Reasons[0].Code != CodeMonthlyTarget || rep.Refused[0].Reasons[1].Code != CodeSLADays {
		t.Fatalf("refused = %+v", rep.Refused)
	}
	rep = imp(head + "DINKES,Dinas Kesehatan,Dinas,,WITA,,,6000,5\nPKM,Puskesmas,Puskesmas,DINKES,WITA,,,,\n")
	if !rep.OK() {
		t.Fatalf("good file: %+v", rep.Refused)
	}
	imp(strings.Join(UnitsHeader, ",") + "\nDINKES,Dinas Kesehatan,Dinas,,WITA,,\n")
	u, err := st.GetUnit(t.Context(), "DINKES")
	if err != nil || u.MonthlyTargetMinutes != 6000 || u.ApprovalSLADays != 5 {
		t.Fatalf("DINKES = %+v, %v", u, err)
	}
	if p, _ := st.GetUnit(t.Context(), "PKM"); p.MonthlyTargetMinutes != 0 || p.ApprovalSLADays != 0 {
		t.Fatalf("PKM sets its own: %+v", p)
	}
	times := strings.Join(UnitsHeader, ",") + ",remind_staff_at,remind_supervisor_at\n"
	rep = imp(times + "DINKES,Dinas Kesehatan,Dinas,,WITA,,,14.00,07:30\nPKM,Puskesmas,Puskesmas,DINKES,WITA,,,00:00,25:00\n")
	if len(rep.Refused) != 1 || len(rep.Refused[0].Reasons) != 2 || rep.Refused[0].Reasons[0].Code != CodeRemindAt {
		t.Fatalf("refused = %+v", rep.Refused)
	}
	rep = imp(times + "DINKES,Dinas Kesehatan,Dinas,,WITA,,,14.00,07:30\n")
	if u, err := st.GetUnit(t.Context(), "DINKES"); !rep.OK() || err != nil || u.RemindStaffAt != 14*60 ||
		u.RemindSupervisorAt != 7*60+30 || u.MonthlyTargetMinutes != 6000 {
		t.Fatalf("DINKES = %+v, %v", u, err)
	}
}
