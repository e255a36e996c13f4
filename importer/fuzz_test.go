package importer

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/kinerjabot/kinerjabot/ident"
	"github.com/kinerjabot/kinerjabot/importer/xlsxtest"
	"github.com/kinerjabot/kinerjabot/storage"
	"github.com/kinerjabot/kinerjabot/storage/sqlite"
)

// dryStore is a store whose imports write nothing: the writes are
// recorded, in order, and the reads come from the store below, so every
// fuzz input sees the same store.
type dryStore struct {
	storage.Store
	units    []storage.Unit
	emps     []storage.Employee
	targets  []storage.SKPTarget
	holidays []storage.Holiday
	deleted  []string
}

func (d *dryStore) UpsertUnit(_ context.Context, u storage.Unit) error {
	d.units = append(d.units, u)
	return nil
}

func (d *dryStore) UpsertEmployee(_ context.Context, e storage.Employee) error {
	d.emps = append(d.emps, e)
	return nil
}

func (d *dryStore) UpsertEmployees(_ context.Context, es []storage.Employee) error {
	d.emps = append(d.emps, es...)
	return nil
}

func (d *dryStore) UpsertSKPTarget(_ context.Context, t storage.SKPTarget) error {
	d.targets = append(d.targets, t)
	return nil
}

func (d *dryStore) UpsertHoliday(_ context.Context, h storage.Holiday) error {
	d.holidays = append(d.holidays, h)
	return nil
}

func (d *dryStore) DeleteHoliday(_ context.Context, date string) error {
	d.deleted = append(d.deleted, date)
	return nil
}

func (d *dryStore) writes() int {
	return len(d.units) + len(d.emps) + len(d.targets) + len(d.holidays) + len(d.deleted)
}

// fuzzExamples are the example files (examples/ and demo/), by kind.
var fuzzExamples = map[int][]string{
	0: {"../examples/roster.csv", "../demo/roster.csv"},
	1: {"../examples/units.csv", "../demo/units.csv"},
	2: {"../examples/skp.csv"},
	3: {"../examples/holidays-2027.csv"},
	4: {"../examples/holidays-2027.csv"},
}

// fuzzRosterStore is the store the imports read: the example units and
// roster, the test people 1 to 3 in unit U1, an inactive person, two units
// and two people that are each other's parent or supervisor (a cycle only
// a broken store has), an SKP target and two holidays of 2027.
func fuzzRosterStore(tb testing.TB) storage.Store {
	tb.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(tb.TempDir(), "kinerja.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = st.Close(context.Background()) })
	must := func(err error) {
		tb.Helper()
		if err != nil {
			tb.Fatal(err)
		}
	}
	for _, imp := range []struct {
		file string
		f    func(context.Context, storage.Store, *bytes.Reader, Options) (Report, error)
	}{
		{"../examples/units.csv", func(ctx context.Context, st storage.Store, r *bytes.Reader, o Options) (Report, error) {
			return ImportUnits(ctx, st, r, o)
		}},
		{"../examples/roster.csv", func(ctx context.Context, st storage.Store, r *bytes.Reader, o Options) (Report, error) {
			return ImportRoster(ctx, st, r, o)
		}},
	} {
		data, err := os.ReadFile(imp.file)
		must(err)
		rep, err := imp.f(ctx, st, bytes.NewReader(data), Options{DefaultTimezone: "WITA"})
		must(err)
		if !rep.OK() {
			tb.Fatalf("%s: %s", imp.file, reportText(rep, "en"))
		}
	}
	rep, err := ImportRoster(ctx, st, strings.NewReader(rosterCSV(person(1, 0, 1), person(2, 1, 2), person(3, 2, 3))), opts(false))
	must(err)
	if !rep.OK() {
		tb.Fatal(reportText(rep, "en"))
	}
	must(st.UpsertEmployee(ctx, storage.Employee{NIP: nip(7), Name: "Pensiun", UnitCode: "U1", Phone: e164(7), Role: storage.RoleStaff}))
	must(st.UpsertUnit(ctx, storage.Unit{Code: "CYC-A", Name: "Siklus A", ParentCode: "CYC-B", Timezone: "Asia/Jakarta"}))
	must(st.UpsertUnit(ctx, storage.Unit{Code: "CYC-B", Name: "Siklus B", ParentCode: "CYC-A", Timezone: "Asia/Jakarta"}))
	must(st.UpsertEmployee(ctx, storage.Employee{NIP: nip(900), Name: "Siklus 1", UnitCode: "U1", SupervisorNIP: nip(901), Active: true}))
	must(st.UpsertEmployee(ctx, storage.Employee{NIP: nip(901), Name: "Siklus 2", UnitCode: "U1", SupervisorNIP: nip(900), Active: true}))
	must(st.UpsertSKPTarget(ctx, storage.SKPTarget{ID: SKPTargetID(nip(1), "2026", "R", "I"), NIP: nip(1), Period: "2026",
		Kind: storage.SKPKindUtama, RHK: "R", Indikator: "I", Target: "1", Satuan: "dokumen"}))
	must(st.UpsertHoliday(ctx, storage.Holiday{Date: "2027-01-01", Name: "Tahun Baru"}))
	must(st.UpsertHoliday(ctx, storage.Holiday{Date: "2027-03-10", Name: "Hari Raya Nyepi"}))
	return st
}

// FuzzImport runs the admin's imports on any file (CSV or XLSX), against a store
// with units, people, targets and holidays (kind: 0 roster, 1 units, 2 SKP
// targets, 3 holidays, 4 holidays replacing the year 2027), all or nothing
// or partial, and checks that:
//
//   - the only errors are a wrong header, UTF-16, a file of another format
//     (one line, not quoting the file), a CSV read error and (replacing a
//     year) an empty file, and nothing is written then;
//
//   - every row is accepted (no reason) or refused (with reasons), once,
//     in file order; every reason renders in both languages, and so does
//     the report;
//
//   - all or nothing: a refused row means no write at all; otherwise every
//     accepted row is written, once, and counted as created or updated;
//
//   - what is written is valid: people with an 18-digit NIP, an E.164
//     phone held by no one else, a known unit and a supervisor written
//     first or on file, and no supervisor cycle; units with one of the
//     three zones, coordinates in range, settings in range, a parent
//     written first or on file, and no parent cycle; targets of active
//     people, in a canonical period, with their ID and text limits;
//     holidays on possible dates of 2000 to 2099, named, once each;
//     replacing deletes only the year's holidays the file lacks.
//
//     go test -run '^$' -fuzz '^FuzzImport$' -fuzztime 60s ./importer/
func FuzzImport(f *testing.F) {
	for kind, files := range fuzzExamples {
		for _, name := range files {
			data, err := os.ReadFile(name)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(uint8(kind), false, data)
		}
	}
	bad := func(fn func(*emp)) emp { e := person(5, 1, 5); fn(&e); return e }
	for _, s := range []string{
		rosterCSV(person(4, 1, 4), person(5, 4, 0)),
		rosterCSV(bad(func(e *emp) { e.nip = "1980 0101 2005" }), bad(func(e *emp) { e.role = "ADMIN" })),
		rosterCSV(bad(func(e *emp) { e.phone = ph(1) }), bad(func(e *emp) { e.sup = nip(5) })),
		rosterCSV(person(1, 2, 1), person(2, 1, 2)),
		rosterCSV(person(1, 0, 2), person(2, 0, 1)),
		rosterCSV(bad(func(e *emp) { e.unit, e.unitName = "U9", "" }), raw("1,2,3")),
		rosterCSV(bad(func(e *emp) { e.unit, e.unitName = "U9", "Unit Sembilan" }), bad(func(e *emp) { e.nip, e.unit, e.unitName = nip(6), "U9", "Lain" })),
		rosterCSV(bad(func(e *emp) { e.sup = nip(900) })),
	} {
		f.Add(uint8(0), false, []byte(s))
		f.Add(uint8(0), true, []byte(s))
	}
	for _, s := range []string{
		unitsCSV("KEL,Kelurahan Sempaja Selatan,Kelurahan,KEC,wita,-0.4603,117.1566", "KEC,Kecamatan Samarinda Utara,Kecamatan,,Asia/Makassar,,",
			"SMA1,SMA Negeri 1,Sekolah,DISDIK,asia/jayapura,\"-2,5333\",\"140,7\"", "DISDIK,Dinas Pendidikan,Dinas,,WIB,,"),
		unitsCSV("A,Unit A,,,GMT+8,,", "B,Unit B,,A,WITA,-95,117", "C,Unit C,,C,WITA,-0.5,", ",,,,WITA,,", "D,Unit D,,,WITA"),
		unitsCSV("A,Unit A,,B,WITA,,", "B,Unit B,,C,WITA,,", "C,Unit C,,A,WITA,,", "D,Unit D,,C,WITA,,"),
		unitsCSV("CYC-A,Siklus A,,,WITA,,", "X,Anak,,CYC-B,WITA,,", "DINKES-SMD,Dinas,,PKM-SEMPAJA,WITA,,"),
		unitsCSVWith(",quick_survey,counters,service_users", "A,Unit A,,,WIT,1,2,YA,50,0", "B,Unit B,,A,WIT,,,tidak,51,-1"),
	} {
		f.Add(uint8(1), false, []byte(s))
		f.Add(uint8(1), true, []byte(s))
	}
	for _, s := range []string{
		skpCSV(nip(1)+",2026,utama,R,I,1,dokumen", nip(2)+",2026-q4,TAMBAHAN,Rhk  dua,Indikator,2,orang",
			nip(2)+",2026-Q4,tambahan,rhk dua,INDIKATOR,3,orang"),
		skpCSV(nip(7)+",2026,utama,R,I,1,x", nip(99)+",2026-13,lain,,"+strings.Repeat("i", 501)+",1,x", "x,1999,utama,R,I,1"),
	} {
		f.Add(uint8(2), false, []byte(s))
		f.Add(uint8(2), true, []byte(s))
	}
	for _, s := range []string{
		holidaysCSV("2027-08-17,Hari Kemerdekaan", "17/08/2027,lagi", "31/04/2027,x", "2026-12-25,Natal", "2027-2-9,  Isra  Mi'raj "),
		"tanggal;nama\n01-05-2027;Hari Buruh\n2027-13-01;x\n;\n",
		"\xef\xbb\xbfDate , NAME\r\n2027-01-01,Tahun Baru\r\n",
		"\xff\xfed\x00a\x00", "", "date,name\n",
	} {
		f.Add(uint8(3), false, []byte(s))
		f.Add(uint8(4), true, []byte(s))
	}
	for kind, rows := range fuzzSheets() {
		f.Add(uint8(kind), false, xlsxtest.Workbook(f, xlsxtest.Sheet{Name: "Data", Rows: rows}))
	}
	st := fuzzRosterStore(f)
	ctx := context.Background()
	known := fuzzKnown(f, st)
	at := time.Date(2026, 11, 23, 1, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, kind uint8, partial bool, file []byte) {
		d := &dryStore{Store: st}
		o := Options{DefaultTimezone: "wita", Partial: partial, Now: func() time.Time { return at }}
		var rep Report
		var err error
		switch kind % 5 {
		case 0:
			rep, err = ImportRoster(ctx, d, bytes.NewReader(file), o)
		case 1:
			rep, err = ImportUnits(ctx, d, bytes.NewReader(file), o)
		case 2:
			rep, err = ImportSKP(ctx, d, bytes.NewReader(file), o)
		case 3:
			rep, err = ImportHolidays(ctx, d, bytes.NewReader(file), o)
		default:
			rep, err = ReplaceHolidayYear(ctx, d, bytes.NewReader(file), 2027, o)
		}
		if err != nil {
			var he *HeaderError
			var pe *csv.ParseError
			var fe *FormatError
			if !errors.As(err, &he) && !errors.Is(err, ErrUTF16) && !errors.As(err, &pe) && !errors.Is(err, ErrNoHolidays) &&
				!errors.As(err, &fe) {
				t.Fatalf("import error %T: %v", err, err)
			}
			if fe != nil && (strings.Contains(fe.Message("id"), "\n") || fe.Message("en") == "") {
				t.Fatalf("format error message %q", fe.Message("id"))
			}
			if he != nil && (he.Message("id") == "" || he.Message("en") == "") {
				t.Fatalf("header error without a message: %+v", he)
			}
			if d.writes() > 0 {
				t.Fatalf("error %v after %d writes", err, d.writes())
			}
			return
		}
		checkReport(t, rep, partial, d)
		switch kind % 5 {
		case 0:
			checkRosterWrites(t, known, d)
		case 1:
			checkUnitWrites(t, known, d)
		case 2:
			checkSKPWrites(t, known, d)
		default:
			checkHolidayWrites(t, known, d, rep, kind%5 == 4)
		}
	})
}

// storeView is what the fuzz store holds, for the checks.
type storeView struct {
	units    map[string]storage.Unit
	emps     map[string]storage.Employee
	holidays []storage.Holiday
}

func fuzzKnown(tb testing.TB, st storage.Store) storeView {
	tb.Helper()
	ctx := context.Background()
	v := storeView{units: map[string]storage.Unit{}, emps: map[string]storage.Employee{}}
	units, err := st.ListUnits(ctx)
	if err != nil {
		tb.Fatal(err)
	}
	for _, u := range units {
		v.units[u.Code] = u
	}
	emps, err := st.ListEmployees(ctx)
	if err != nil {
		tb.Fatal(err)
	}
	for _, e := range emps {
		v.emps[e.NIP] = e
	}
	if v.holidays, err = st.ListHolidays(ctx, "0001-01-01", "9999-12-31"); err != nil {
		tb.Fatal(err)
	}
	return v
}

var placeholder = regexp.MustCompile(`\{(v|want|lines|cause)\}`)

func checkReport(t *testing.T, rep Report, partial bool, d *dryStore) {
	t.Helper()
	lines := map[int]bool{}
	for _, group := range [][]RowResult{rep.Accepted, rep.Refused} {
		last := 0
		for _, row := range group {
			if row.Line < 2 || row.Line <= last || lines[row.Line] {
				t.Fatalf("row line %d (previous %d) in %+v", row.Line, last, rep)
			}
			last, lines[row.Line] = row.Line, true
		}
	}
	for _, row := range rep.Accepted {
		if len(row.Reasons) > 0 {
			t.Fatalf("accepted row with reasons: %+v", row)
		}
	}
	for _, row := range rep.Refused {
		if len(row.Reasons) == 0 || row.Written {
			t.Fatalf("refused row %+v", row)
		}
		for _, rs := range row.Reasons {
			for _, lang := range []string{"id", "en"} {
				m := rs.Message(lang)
				rest := m // the message less what was put in it
				for _, part := range []string{rs.Value, rs.Want, causeMessage(rs.Cause, lang)} {
					if part != "" {
						rest = strings.ReplaceAll(rest, part, "")
					}
				}
				if m == "" || m == string(rs.Code) || placeholder.MatchString(rest) {
					t.Fatalf("reason %+v in %s: %q", rs, lang, m)
				}
			}
		}
	}
	for _, lang := range []string{"id", "en"} {
		var b strings.Builder
		rep.Write(&b, lang)
		if b.Len() == 0 {
			t.Fatalf("empty report in %s", lang)
		}
	}
	if len(rep.Refused) > 0 && !partial {
		if d.writes() > 0 || rep.Written {
			t.Fatalf("%d writes (written %v) with %d rows refused, not partial", d.writes(), rep.Written, len(rep.Refused))
		}
		return
	}
	if !rep.Written || rep.Failed != nil || rep.Created+rep.Updated != len(rep.Accepted) {
		t.Fatalf("not all written: %+v", rep)
	}
	for _, row := range rep.Accepted {
		if !row.Written {
			t.Fatalf("accepted row not written: %+v", row)
		}
	}
	if n := len(d.emps) + len(d.targets) + len(d.holidays) + len(d.units) - len(rep.UnitsCreated); n != len(rep.Accepted) {
		t.Fatalf("%d writes for %d accepted rows", n, len(rep.Accepted))
	}
}

func checkRosterWrites(t *testing.T, known storeView, d *dryStore) {
	t.Helper()
	units := map[string]bool{}
	for code := range known.units {
		units[code] = true
	}
	for _, u := range d.units {
		if units[u.Code] || u.Timezone != "Asia/Makassar" || u.Name == "" {
			t.Fatalf("roster import creates unit %+v", u)
		}
		units[u.Code] = true
	}
	sup := map[string]string{} // the supervisors once imported
	phones := map[string]string{}
	for _, e := range known.emps {
		sup[e.NIP] = e.SupervisorNIP
		if e.Phone != "" {
			phones[e.Phone] = e.NIP
		}
	}
	written := map[string]bool{}
	for _, e := range d.emps {
		if n, err := ident.ParseNIP(e.NIP); err != nil || n != e.NIP || written[e.NIP] || !e.Active || e.Name == "" ||
			!units[e.UnitCode] || e.Role != storage.RoleStaff && e.Role != storage.RoleAdmin && e.Role != storage.RoleAuditor {
			t.Fatalf("roster import writes %+v", e)
		}
		if p, err := ident.NormalizePhone(e.Phone); e.Phone != "" && (err != nil || p != e.Phone) {
			t.Fatalf("roster import writes phone %q", e.Phone)
		}
		if s := e.SupervisorNIP; s != "" {
			if _, onFile := known.emps[s]; s == e.NIP || !written[s] && !onFile {
				t.Fatalf("roster import writes %s before its supervisor %s", e.NIP, s)
			}
		}
		if e.Phone != "" {
			if holder, held := phones[e.Phone]; held && holder != e.NIP {
				t.Fatalf("roster import gives %s the phone %s still held by %s", e.NIP, e.Phone, holder)
			}
		}
		if old, ok := known.emps[e.NIP]; ok && old.Phone != "" && phones[old.Phone] == e.NIP {
			delete(phones, old.Phone)
		}
		if e.Phone != "" {
			phones[e.Phone] = e.NIP
		}
		written[e.NIP] = true
		sup[e.NIP] = e.SupervisorNIP
	}
	for n := range written {
		seen := map[string]bool{}
		for ; n != "" && !seen[n]; n = sup[n] {
			seen[n] = true
		}
		if n != "" && written[n] {
			t.Fatalf("roster import leaves a supervisor cycle through %s", n)
		}
	}
}

func checkUnitWrites(t *testing.T, known storeView, d *dryStore) {
	t.Helper()
	parent := map[string]string{}
	for code, u := range known.units {
		parent[code] = u.ParentCode
	}
	written := map[string]bool{}
	for _, u := range d.units {
		_, onFile := known.units[u.ParentCode]
		switch {
		case u.Code == "" || u.Name == "" || written[u.Code] || !slices.Contains(Timezones, u.Timezone),
			(u.Latitude == nil) != (u.Longitude == nil),
			u.Latitude != nil && (math.Abs(*u.Latitude) > 90 || math.Abs(*u.Longitude) > 180 || math.IsNaN(*u.Latitude) || math.IsNaN(*u.Longitude)),
			u.Counters < 0 || u.Counters > maxCounters || u.ServiceUsers < 0,
			u.ParentCode == u.Code, u.ParentCode != "" && !written[u.ParentCode] && !onFile:
			t.Fatalf("units import writes %+v", u)
		}
		written[u.Code], parent[u.Code] = true, u.ParentCode
	}
	for c := range written {
		seen := map[string]bool{}
		for ; c != "" && !seen[c]; c = parent[c] {
			seen[c] = true
		}
		if c != "" && written[c] {
			t.Fatalf("units import leaves a parent cycle through %s", c)
		}
	}
}

var periodForm = regexp.MustCompile(`^(20\d\d|2100)(-Q[1-4]|-(0[1-9]|1[0-2]))?$`)

func checkSKPWrites(t *testing.T, known storeView, d *dryStore) {
	t.Helper()
	ids := map[string]bool{}
	for _, tg := range d.targets {
		e, ok := known.emps[tg.NIP]
		p, pok := storage.ParsePeriod(tg.Period)
		switch {
		case !ok || !e.Active, !pok || p != tg.Period || !periodForm.MatchString(tg.Period),
			tg.Kind != storage.SKPKindUtama && tg.Kind != storage.SKPKindTambahan,
			ids[tg.ID] || tg.ID != SKPTargetID(tg.NIP, tg.Period, tg.RHK, tg.Indikator):
			t.Fatalf("SKP import writes %+v", tg)
		}
		for _, f := range []struct {
			s   string
			max int
		}{{tg.RHK, MaxRHKLen}, {tg.Indikator, MaxIndikatorLen}, {tg.Target, MaxTargetLen}, {tg.Satuan, MaxSatuanLen}} {
			if f.s == "" || f.s != collapseSpace(f.s) || utf8.RuneCountInString(f.s) > f.max {
				t.Fatalf("SKP import writes %+v", tg)
			}
		}
		ids[tg.ID] = true
	}
}

func checkHolidayWrites(t *testing.T, known storeView, d *dryStore, rep Report, replace bool) {
	t.Helper()
	dates := map[string]bool{}
	for _, h := range d.holidays {
		day, err := time.Parse(time.DateOnly, h.Date)
		if err != nil || day.Year() < MinHolidayYear || day.Year() > MaxHolidayYear || dates[h.Date] ||
			h.Name == "" || h.Name != collapseSpace(h.Name) || utf8.RuneCountInString(h.Name) > MaxHolidayNameLen ||
			replace && day.Year() != 2027 {
			t.Fatalf("holidays import writes %+v", h)
		}
		dates[h.Date] = true
	}
	if !replace {
		if len(d.deleted) > 0 || rep.Replaced != nil {
			t.Fatalf("holidays import deletes %v", d.deleted)
		}
		return
	}
	if len(rep.Refused) > 0 {
		if len(d.deleted) > 0 || rep.Replaced == nil || rep.Replaced.Done {
			t.Fatalf("replacing with %d rows refused deletes %v (%+v)", len(rep.Refused), d.deleted, rep.Replaced)
		}
		return
	}
	var want []string
	for _, h := range known.holidays {
		if strings.HasPrefix(h.Date, "2027-") && !dates[h.Date] {
			want = append(want, h.Date)
		}
	}
	if !slices.Equal(d.deleted, want) || rep.Replaced == nil || !rep.Replaced.Done {
		t.Fatalf("replacing 2027 deletes %v, want %v (%+v)", d.deleted, want, rep.Replaced)
	}
}

// FuzzRosterFields checks the parsers of single cells of the admin's CSV
// files on any text:
//
//   - storage.ParsePeriod gives a canonical period (YYYY, YYYY-Qn, YYYY-MM, years
//     2000 to 2100) that parses to itself, whatever the case and spaces;
//
//   - NormalizeTimezone gives one of Timezones, which it keeps as is;
//
//   - parseHolidayDate gives a possible date of 2000 to 2099 as
//     YYYY-MM-DD, which it keeps, and which it reads the same in
//     DD/MM/YYYY;
//
//   - parseCount (counters, service_users) gives a number in range whose
//     digits are the cell's, and refuses a sign or a separator;
//
//   - parseYesNo accepts exactly its ten words, any case;
//
//   - parseCoordinate gives a finite degree within its limit that prints
//     and parses back;
//
//   - SKPTargetID ignores the case and spacing of the RHK and indicator.
//
//     go test -run '^$' -fuzz '^FuzzRosterFields$' -fuzztime 60s ./importer/
func FuzzRosterFields(f *testing.F) {
	for _, s := range []string{
		// TestParsePeriod, TestNormalizeTimezone, TestParseHolidayDate,
		// TestParseCoordinate and the units file's settings.
		"2026", "2026-Q4", "2026-q1", " 2026-11 ", "2026-13", "2026-00", "1999", "2101", "2026-Q5", "26-Q1", "2026-1",
		"Asia/Jakarta", " asia/makassar ", "WIB", "wita", "WIT", "Asia/Singapore", "UTC+8",
		"2027-08-17", "2027-8-7", "17/08/2027", "1/5/2027", "17-08-2027", "31/04/2027", "2027-02-29", "2028-02-29", "0027-01-01",
		"-0.5021", "-0,50", "117", "-90", "90.1", "181", "NaN", "Inf", "utara", "1,000.5", "1e2", "0x1p-2",
		"ya", "YES", "true", "1", "tidak", "No", "false", "0", "", "0050", "51", "+5", "1.500", "99999999999999999999",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if p, ok := storage.ParsePeriod(s); ok {
			if !periodForm.MatchString(p) {
				t.Fatalf("ParsePeriod(%q) = %q", s, p)
			}
			for _, v := range []string{p, strings.ToLower(p), " " + p + "\t"} {
				if again, ok := storage.ParsePeriod(v); !ok || again != p {
					t.Fatalf("ParsePeriod(%q) = %q but ParsePeriod(%q) = %q, %v", s, p, v, again, ok)
				}
			}
		} else if p != "" {
			t.Fatalf("ParsePeriod(%q) refused with %q", s, p)
		}
		if tz, ok := NormalizeTimezone(s); ok != slices.Contains(Timezones, tz) || ok && !fixedTimezone(tz) {
			t.Fatalf("NormalizeTimezone(%q) = %q, %v", s, tz, ok)
		}
		if date, ok := parseHolidayDate(s); ok {
			day, err := time.Parse(time.DateOnly, date)
			if err != nil || day.Format(time.DateOnly) != date || day.Year() < MinHolidayYear || day.Year() > MaxHolidayYear {
				t.Fatalf("parseHolidayDate(%q) = %q", s, date)
			}
			for _, v := range []string{date, day.Format("02/01/2006"), day.Format("2/1/2006"), day.Format("02-01-2006")} {
				if again, ok := parseHolidayDate(v); !ok || again != date {
					t.Fatalf("parseHolidayDate(%q) = %q but %q gives %q, %v", s, date, v, again, ok)
				}
			}
		}
		for _, limit := range []int{maxCounters, math.MaxInt32} {
			n, ok := parseCount(s, limit)
			if !ok {
				if n != 0 {
					t.Fatalf("parseCount(%q) refused with %d", s, n)
				}
				continue
			}
			if n < 0 || n > limit || s != "" && strings.TrimLeft(s, "0") != strings.TrimLeft(strconv.Itoa(n), "0") {
				t.Fatalf("parseCount(%q, %d) = %d", s, limit, n)
			}
		}
		on, ok := parseYesNo(s)
		yes := slices.Contains([]string{"ya", "yes", "true", "1"}, strings.ToLower(s))
		no := slices.Contains([]string{"", "tidak", "no", "false", "0"}, strings.ToLower(s))
		if ok != (yes || no) || on != yes {
			t.Fatalf("parseYesNo(%q) = %v, %v", s, on, ok)
		}
		for _, limit := range []float64{90, 180} {
			v, ok := parseCoordinate(s, limit)
			if !ok {
				continue
			}
			if math.IsNaN(v) || math.IsInf(v, 0) || math.Abs(v) > limit {
				t.Fatalf("parseCoordinate(%q, %v) = %v", s, limit, v)
			}
			if again, ok := parseCoordinate(strconv.FormatFloat(v, 'f', -1, 64), limit); !ok || again != v {
				t.Fatalf("parseCoordinate(%q) = %v, printed it reads %v, %v", s, v, again, ok)
			}
		}
		id := SKPTargetID(nip(1), "2026", s, "indikator "+s)
		if isASCIIOnly(s) {
			spaced := " " + strings.Join(strings.Fields(strings.ToUpper(s)), "  \n ") + "\t"
			if other := SKPTargetID(ident.FormatNIP(nip(1)), " 2026 ", spaced, "INDIKATOR "+spaced); other != id {
				t.Fatalf("SKPTargetID of %q and %q differ", s, spaced)
			}
		}
	})
}

func fixedTimezone(tz string) bool {
	again, ok := NormalizeTimezone(tz)
	return ok && again == tz
}

func isASCIIOnly(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// fuzzSheets are XLSX seeds, by kind: aliases, numbers, dates and a
// numeric NIP.
func fuzzSheets() map[int][][]any {
	return map[int][][]any{
		0: {{"NIP BARU", "NAMA", "UNOR", "JABATAN", "NIP ATASAN", "NO HP", "GOLONGAN"},
			{nip(4), "Empat", "U1", "Staf", nip(1), ph(4), "III/a"},
			{xlsxtest.Number("1.98001012005011E+17"), "Angka", "U1", "Staf", "", "", ""}},
		1: {{"KODE", "NAMA", "JENIS", "INDUK", "ZONA WAKTU", "LAT", "BUJUR", "jam pengingat pegawai"},
			{"X1", "Unit X", "", "U1", "WITA", -0.5, 117.25, 0.3125}},
		3: {{"Judul"}, {}, {"Tanggal", "Keterangan"},
			{time.Date(2027, 8, 17, 0, 0, 0, 0, time.UTC), "Kemerdekaan"}, {46508, "Serial"}, {"31/04/2027", "x"}},
	}
}
