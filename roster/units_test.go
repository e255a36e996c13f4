package roster

import (
	"errors"
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
