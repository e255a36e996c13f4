package importer

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/storage"
)

// NIPs of examples/roster.csv.
const (
	nipKapus   = "197805142005012003" // dr. Ratna Wulansari, head of the Puskesmas
	nipPerawat = "199502032019031005" // Muhammad Rizki Pratomo, nurse
	nipBidan   = "199609182020122007" // Nurul Hidayati, midwife
)

// withExampleRoster opens a store holding examples/roster.csv.
func withExampleRoster(t *testing.T) storage.Store {
	t.Helper()
	st := openStore(t)
	f, err := os.ReadFile("../examples/roster.csv")
	if err != nil {
		t.Fatal(err)
	}
	if rep := mustImportRoster(t, st, string(f), opts(false)); !rep.OK() {
		t.Fatalf("import example roster:\n%s", reportText(rep, "en"))
	}
	return st
}

// skpCSV renders an SKP file from literal lines.
func skpCSV(lines ...string) string {
	return strings.Join(append([]string{strings.Join(SKPHeader, ",")}, lines...), "\n") + "\n"
}

func mustImportSKP(t *testing.T, st storage.Store, file string, o Options) Report {
	t.Helper()
	rep, err := ImportSKP(t.Context(), st, strings.NewReader(file), o)
	if err != nil {
		t.Fatalf("ImportSKP: %v", err)
	}
	return rep
}

// targets returns nip's targets for the period.
func targets(t *testing.T, st storage.Store, nip, period string) []storage.SKPTarget {
	t.Helper()
	ts, err := st.ListSKPTargets(t.Context(), nip, period)
	if err != nil {
		t.Fatalf("ListSKPTargets: %v", err)
	}
	return ts
}

// countTargets counts the targets of the example people in 2026 and 2026-Q4.
func countTargets(t *testing.T, st storage.Store) int {
	t.Helper()
	n := 0
	for nip := range employees(t, st) {
		for _, p := range []string{"2026", "2026-Q4", "2026-11"} {
			n += len(targets(t, st, nip, p))
		}
	}
	return n
}

func TestImportSKPGoodFile(t *testing.T) {
	st := withExampleRoster(t)
	at := time.Date(2026, 1, 5, 2, 0, 0, 0, time.UTC)
	o := Options{Now: func() time.Time { return at }}
	file := skpCSV(
		"19950203 201903 1 005,2026-q4,Tambahan,Terlaksananya pelayanan Puskesmas keliling,Jumlah kegiatan Puskesmas keliling yang diikuti,6,kegiatan",
		"199502032019031005,2026-Q4,UTAMA,\"Terlaksananya skrining   penyakit\ntidak menular\",Jumlah kegiatan Posbindu PTM,12,kegiatan",
		"19950203.201903.1.005, 2026 ,utama,Terlaksananya asuhan keperawatan,\"Jumlah pasien yang mendapat asuhan keperawatan, sesuai standar\",1200,pasien",
		"19780514 200501 2 003,2026-11,utama,Meningkatnya mutu pelayanan,Indeks Kepuasan Masyarakat,\"88,31\",nilai indeks",
	)
	rep := mustImportSKP(t, st, file, o)
	if !rep.OK() || len(rep.Accepted) != 4 || rep.Created != 4 || rep.Updated != 0 || rep.Kind != KindSKP {
		t.Fatalf("report: %+v\n%s", rep, reportText(rep, "en"))
	}
	q4 := targets(t, st, nipPerawat, "2026-Q4")
	if len(q4) != 2 || q4[0].Kind != storage.SKPKindUtama || q4[1].Kind != storage.SKPKindTambahan {
		t.Fatalf("2026-Q4 targets = %+v", q4)
	}
	want := storage.SKPTarget{
		ID:  SKPTargetID(nipPerawat, "2026-Q4", "Terlaksananya skrining penyakit tidak menular", "Jumlah kegiatan Posbindu PTM"),
		NIP: nipPerawat, Period: "2026-Q4", Kind: "utama",
		RHK: "Terlaksananya skrining penyakit tidak menular", Indikator: "Jumlah kegiatan Posbindu PTM",
		Target: "12", Satuan: "kegiatan", UpdatedAt: at,
	}
	if got := q4[0]; !sameTarget(got, want) {
		t.Errorf("target =\n%+v, want\n%+v", got, want)
	}
	got, err := st.GetSKPTarget(t.Context(), want.ID)
	if err != nil || !sameTarget(got, want) {
		t.Errorf("GetSKPTarget = %+v, %v", got, err)
	}
	year := targets(t, st, nipPerawat, "2026")
	if len(year) != 1 || year[0].Indikator != "Jumlah pasien yang mendapat asuhan keperawatan, sesuai standar" {
		t.Errorf("2026 targets = %+v", year)
	}
	if month := targets(t, st, nipKapus, "2026-11"); len(month) != 1 || month[0].Target != "88,31" {
		t.Errorf("2026-11 targets = %+v", month)
	}
	text := reportText(rep, "")
	if !strings.Contains(text, "Impor target SKP: 4 baris diterima, 0 baris ditolak.") ||
		!strings.Contains(text, "Tersimpan: 4 target SKP baru, 0 diperbarui.") {
		t.Errorf("report:\n%s", text)
	}
}

func TestImportSKPRefusedRows(t *testing.T) {
	const good = "19950203 201903 1 005,2026,utama,Terlaksananya asuhan keperawatan,Jumlah pasien,1200,pasien"
	long := strings.Repeat("a", MaxRHKLen+1)
	tests := []struct {
		name  string
		lines []string
		want  map[int][]Code
	}{
		{"bad NIP", skpLines("1995 0203,2026,utama,R,I,1,dokumen"), want(3, CodeNIP)},
		{"NIP birth date", skpLines("199513032019031005,2026,utama,R,I,1,dokumen"), want(3, CodeNIP)},
		{"NIP not on the roster", skpLines("198001012005011099,2026,utama,R,I,1,dokumen"), want(3, CodeEmployeeUnknown)},
		{"empty NIP", skpLines(",2026,utama,R,I,1,dokumen"), want(3, CodeNIP)},
		{"period month without zero", skpLines(nipBidan + ",2026-1,utama,R,I,1,dokumen"), want(3, CodePeriod)},
		{"period quarter 5", skpLines(nipBidan + ",2026-Q5,utama,R,I,1,dokumen"), want(3, CodePeriod)},
		{"period month 13", skpLines(nipBidan + ",2026-13,utama,R,I,1,dokumen"), want(3, CodePeriod)},
		{"period a date", skpLines(nipBidan + ",2026-11-23,utama,R,I,1,dokumen"), want(3, CodePeriod)},
		{"period empty", skpLines(nipBidan + ",,utama,R,I,1,dokumen"), want(3, CodePeriod)},
		{"kind unknown", skpLines(nipBidan + ",2026,pokok,R,I,1,dokumen"), want(3, CodeSKPKind)},
		{"kind empty", skpLines(nipBidan + ",2026,,R,I,1,dokumen"), want(3, CodeSKPKind)},
		{"rhk empty", skpLines(nipBidan + ",2026,utama, ,I,1,dokumen"), want(3, CodeFieldEmpty)},
		{"indikator empty", skpLines(nipBidan + ",2026,utama,R,,1,dokumen"), want(3, CodeFieldEmpty)},
		{"target empty", skpLines(nipBidan + ",2026,utama,R,I,,dokumen"), want(3, CodeFieldEmpty)},
		{"satuan empty", skpLines(nipBidan + ",2026,utama,R,I,1,"), want(3, CodeFieldEmpty)},
		{"rhk too long", skpLines(nipBidan + ",2026,utama," + long + ",I,1,dokumen"), want(3, CodeFieldTooLong)},
		{"indikator too long", skpLines(nipBidan + ",2026,utama,R," + long + ",1,dokumen"), want(3, CodeFieldTooLong)},
		{"target too long", skpLines(nipBidan + ",2026,utama,R,I," + strings.Repeat("1", MaxTargetLen+1) + ",dokumen"), want(3, CodeFieldTooLong)},
		{"duplicate target", skpLines(good), map[int][]Code{2: {CodeTargetDuplicate}, 3: {CodeTargetDuplicate}}},
		{"duplicate up to case and spaces", skpLines("199502032019031005,2026,tambahan,terlaksananya  ASUHAN keperawatan,jumlah pasien,10,orang"),
			map[int][]Code{2: {CodeTargetDuplicate}, 3: {CodeTargetDuplicate}}},
		{"too few columns", skpLines(nipBidan + ",2026,utama,R,I,1"), want(3, CodeColumns)},
		{"too many columns", skpLines(nipBidan + ",2026,utama,R,I,1,dokumen,x"), want(3, CodeColumns)},
		{"every reason of a row", skpLines("x,2026-Q9,lain,,,,"),
			want(3, CodeNIP, CodePeriod, CodeSKPKind, CodeFieldEmpty, CodeFieldEmpty, CodeFieldEmpty, CodeFieldEmpty)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := withExampleRoster(t)
			rep := mustImportSKP(t, st, skpCSV(append([]string{good}, tt.lines...)...), Options{})
			if got := refusedCodes(rep); !equalCodes(got, tt.want) {
				t.Errorf("refused = %v, want %v\n%s", got, tt.want, reportText(rep, "en"))
			}
			if rep.Written || rep.Created+rep.Updated != 0 {
				t.Errorf("all-or-nothing import wrote: %+v", rep)
			}
			if n := countTargets(t, st); n != 0 {
				t.Errorf("store has %d targets; nothing may be written", n)
			}
		})
	}
}

func skpLines(lines ...string) []string { return lines }

func TestImportSKPInactiveEmployee(t *testing.T) {
	st := withExampleRoster(t)
	e, err := st.GetEmployee(t.Context(), nipBidan)
	if err != nil {
		t.Fatal(err)
	}
	e.Active = false
	if err := st.UpsertEmployee(t.Context(), e); err != nil {
		t.Fatal(err)
	}
	rep := mustImportSKP(t, st, skpCSV(nipBidan+",2026,utama,R,I,1,dokumen"), Options{})
	if got := refusedCodes(rep); !equalCodes(got, want(2, CodeEmployeeActive)) {
		t.Errorf("refused = %v\n%s", got, reportText(rep, "en"))
	}
}

func TestImportSKPReasonText(t *testing.T) {
	st := withExampleRoster(t)
	file := skpCSV(
		"19960918 202012 2 007,2026-Q5,utama,R,I,1,dokumen",
		"198001012005011099,2026,Pokok,R,,1,dokumen",
	)
	rep := mustImportSKP(t, st, file, Options{})
	id := reportText(rep, "id")
	for _, want := range []string{
		"Impor target SKP: 0 baris diterima, 2 baris ditolak.",
		`Baris 2 (NIP 19960918 202012 2 007): periode "2026-Q5" tidak valid; tulis tahun (2026), triwulan (2026-Q4) atau bulan (2026-11)`,
		`Baris 3 (NIP 19800101 200501 1 099): NIP 19800101 200501 1 099 tidak ada di data pegawai; impor roster lebih dulu; jenis "Pokok" tidak dikenal; isi utama atau tambahan; kolom indikator kosong`,
		"Tidak ada data yang disimpan",
	} {
		if !strings.Contains(id, want) {
			t.Errorf("report (id):\n%s\nwant it to contain %q", id, want)
		}
	}
	en := reportText(rep, "en")
	for _, want := range []string{
		"Import of SKP targets: 0 rows accepted, 2 rows refused.",
		`Line 2 (NIP 19960918 202012 2 007): invalid period "2026-Q5"; write a year (2026), a quarter (2026-Q4) or a month (2026-11)`,
		`Line 3 (NIP 19800101 200501 1 099): NIP 19800101 200501 1 099 is not on the roster; import the roster first; unknown kind "Pokok"; write utama or tambahan; column indikator is empty`,
		"Nothing was saved",
	} {
		if !strings.Contains(en, want) {
			t.Errorf("report (en):\n%s\nwant it to contain %q", en, want)
		}
	}
	long := Reason{Code: CodeFieldTooLong, Value: "rhk", Want: "500"}
	if got := long.Message(""); got != "kolom rhk terlalu panjang (paling banyak 500 karakter)" {
		t.Errorf("too long message = %q", got)
	}
	dup := Reason{Code: CodeTargetDuplicate, Lines: []int{4, 7}}
	if got := dup.Message("en"); got != "the same target (NIP, period, RHK and indicator) is also on line 4, 7" {
		t.Errorf("duplicate message = %q", got)
	}
}

func TestImportSKPAllOrNothingVersusPartial(t *testing.T) {
	file := skpCSV(
		nipPerawat+",2026,utama,Terlaksananya asuhan keperawatan,Jumlah pasien,1200,pasien",
		nipPerawat+",2026,utama,R,I,1,", // no satuan
		nipBidan+",2026-Q4,tambahan,Terlaksananya kelas ibu hamil,Jumlah kelas,3,kelas",
		"198001012005011099,2026,utama,R,I,1,dokumen", // not on the roster
	)
	wantRefused := map[int][]Code{3: {CodeFieldEmpty}, 5: {CodeEmployeeUnknown}}
	tests := []struct {
		name        string
		partial     bool
		wantWritten bool
		wantCount   int
	}{
		{"all or nothing", false, false, 0},
		{"partial", true, true, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st := withExampleRoster(t)
			rep := mustImportSKP(t, st, file, Options{Partial: tt.partial})
			if got := refusedCodes(rep); !equalCodes(got, wantRefused) {
				t.Errorf("refused = %v, want %v", got, wantRefused)
			}
			if rep.Written != tt.wantWritten || rep.Created != tt.wantCount || rep.Updated != 0 || len(rep.Accepted) != 2 || rep.OK() {
				t.Errorf("report = %+v", rep)
			}
			for _, a := range rep.Accepted {
				if a.Written != tt.partial || !a.Created {
					t.Errorf("accepted row = %+v", a)
				}
			}
			if n := countTargets(t, st); n != tt.wantCount {
				t.Errorf("store has %d targets, want %d", n, tt.wantCount)
			}
			text := reportText(rep, "")
			if tt.partial && (!strings.Contains(text, "Hanya baris yang diterima yang disimpan") ||
				!strings.Contains(text, "Tersimpan: 2 target SKP baru, 0 diperbarui.")) {
				t.Errorf("partial report:\n%s", text)
			}
		})
	}
}

func TestImportSKPReimportUpdatesInPlace(t *testing.T) {
	st := withExampleRoster(t)
	t1 := time.Date(2026, 1, 5, 2, 0, 0, 0, time.UTC)
	t2 := t1.Add(72 * time.Hour)
	first := skpCSV(
		nipBidan+",2026,utama,Terlaksananya pelayanan antenatal,Persentase ibu hamil K6,100,persen",
		nipBidan+",2026-Q4,tambahan,Terlaksananya kelas ibu hamil,Jumlah kelas,3,kelas",
	)
	rep := mustImportSKP(t, st, first, Options{Now: func() time.Time { return t1 }})
	if !rep.OK() || rep.Created != 2 {
		t.Fatalf("first import:\n%s", reportText(rep, "en"))
	}
	id := SKPTargetID(nipBidan, "2026", "Terlaksananya pelayanan antenatal", "Persentase ibu hamil K6")
	// Same targets, capitals and spacing fixed, target, kind and satuan
	// changed; one new target.
	second := skpCSV(
		nipBidan+",2026,tambahan,Terlaksananya  Pelayanan Antenatal,Persentase Ibu Hamil K6,95,%",
		nipBidan+",2026-Q4,TAMBAHAN,Terlaksananya kelas ibu hamil,Jumlah kelas,4,kelas",
		nipBidan+",2026-Q4,utama,Terlaksananya pelayanan nifas,Jumlah kunjungan nifas,60,kunjungan",
	)
	rep = mustImportSKP(t, st, second, Options{Now: func() time.Time { return t2 }})
	if !rep.OK() || rep.Created != 1 || rep.Updated != 2 {
		t.Fatalf("re-import report = %+v\n%s", rep, reportText(rep, "en"))
	}
	if !strings.Contains(reportText(rep, "en"), "Saved: 1 new SKP targets, 2 updated.") {
		t.Errorf("report:\n%s", reportText(rep, "en"))
	}
	year := targets(t, st, nipBidan, "2026")
	if len(year) != 1 {
		t.Fatalf("2026 targets = %+v, want one updated in place", year)
	}
	want := storage.SKPTarget{ID: id, NIP: nipBidan, Period: "2026", Kind: "tambahan",
		RHK: "Terlaksananya Pelayanan Antenatal", Indikator: "Persentase Ibu Hamil K6",
		Target: "95", Satuan: "%", UpdatedAt: t2}
	if !sameTarget(year[0], want) {
		t.Errorf("updated target =\n%+v, want\n%+v", year[0], want)
	}
	if q4 := targets(t, st, nipBidan, "2026-Q4"); len(q4) != 2 || q4[1].Target != "4" || !q4[1].UpdatedAt.Equal(t2) {
		t.Errorf("2026-Q4 targets = %+v", q4)
	}
	if n := countTargets(t, st); n != 3 {
		t.Errorf("store has %d targets, want 3", n)
	}
}

func TestImportSKPHeader(t *testing.T) {
	st := withExampleRoster(t)
	tests := []string{
		"",
		"nip;period;kind;rhk;indikator;target;catatan\n",
		"nip,period,kind,rhk,indikator,target\n",
		strings.Join(RosterHeader, ",") + "\n",
	}
	for _, file := range tests {
		_, err := ImportSKP(t.Context(), st, strings.NewReader(file), Options{})
		var he *HeaderError
		if !errors.As(err, &he) {
			t.Errorf("ImportSKP(%q) error = %v, want *HeaderError", file, err)
		}
	}
	// Case, spaces, a BOM and CRLF are tolerated.
	file := "\ufeffNIP , Period,KIND,RHK,Indikator,Target,Satuan\r\n" + nipBidan + ",2026,utama,R,I,1,dokumen\r\n"
	if rep, err := ImportSKP(t.Context(), st, strings.NewReader(file), Options{}); err != nil || !rep.OK() {
		t.Errorf("ImportSKP = %+v, %v", rep, err)
	}
}

// sameTarget compares targets, times by instant.
func sameTarget(a, b storage.SKPTarget) bool {
	at, bt := a.UpdatedAt, b.UpdatedAt
	a.UpdatedAt, b.UpdatedAt = time.Time{}, time.Time{}
	return a == b && at.Equal(bt)
}

// failingSKPStore is the real store whose target writes fail from the
// given call on.
type failingSKPStore struct {
	storage.Store
	calls  *int
	failAt int
}

func (s failingSKPStore) UpsertSKPTarget(ctx context.Context, t storage.SKPTarget) error {
	*s.calls++
	if *s.calls >= s.failAt {
		return storage.ErrUnavailable
	}
	return s.Store.UpsertSKPTarget(ctx, t)
}

func TestImportSKPStoreFailure(t *testing.T) {
	st := withExampleRoster(t)
	file := skpCSV(
		nipBidan+",2026,utama,R1,I1,1,dokumen",
		nipBidan+",2026,utama,R2,I2,1,dokumen",
		nipBidan+",2026,utama,R3,I3,1,dokumen",
	)
	calls := 0
	rep, err := ImportSKP(t.Context(), failingSKPStore{st, &calls, 2}, strings.NewReader(file), Options{})
	if !errors.Is(err, storage.ErrUnavailable) {
		t.Fatalf("error = %v, want ErrUnavailable", err)
	}
	if rep.Written || rep.Failed == nil || rep.Failed.Line != 3 || rep.Created != 1 ||
		!rep.Accepted[0].Written || rep.Accepted[1].Written {
		t.Errorf("report = %+v", rep)
	}
	if text := reportText(rep, ""); !strings.Contains(text, "Baris yang sudah tersimpan: 2.") {
		t.Errorf("report:\n%s", text)
	}
	if n := countTargets(t, st); n != 1 {
		t.Errorf("store has %d targets, want 1", n)
	}
}

func TestImportSKPExampleFile(t *testing.T) {
	st := withExampleRoster(t)
	data, err := os.ReadFile("../examples/skp.csv")
	if err != nil {
		t.Fatal(err)
	}
	rep := mustImportSKP(t, st, string(data), Options{})
	if !rep.OK() || len(rep.Refused) != 0 || rep.Created != len(rep.Accepted) || rep.Created < 10 {
		t.Fatalf("example import:\n%s", reportText(rep, "en"))
	}
	kinds := map[string]int{}
	periods := map[string]int{}
	for nip := range employees(t, st) {
		for _, p := range []string{"2026", "2026-Q4"} {
			for _, tg := range targets(t, st, nip, p) {
				kinds[tg.Kind]++
				periods[tg.Period]++
			}
		}
	}
	if kinds["utama"] == 0 || kinds["tambahan"] == 0 || periods["2026"] == 0 || periods["2026-Q4"] == 0 ||
		kinds["utama"]+kinds["tambahan"] != rep.Created {
		t.Errorf("kinds %v, periods %v, created %d", kinds, periods, rep.Created)
	}
	// The report flow on 23 Nov 2026 offers the nurse the targets of the
	// year and of the fourth quarter.
	var offered int
	for _, p := range storage.CurrentPeriods(time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)) {
		offered += len(targets(t, st, nipPerawat, p))
	}
	if offered != 3 {
		t.Errorf("nurse is offered %d targets, want 3", offered)
	}
	// A second import of the same file updates every target in place.
	rep = mustImportSKP(t, st, string(data), Options{})
	if !rep.OK() || rep.Created != 0 || rep.Updated != len(rep.Accepted) {
		t.Errorf("re-import:\n%s", reportText(rep, "en"))
	}
}

func TestSKPTargetID(t *testing.T) {
	const nipPNS = "198609262015051001"
	id := SKPTargetID(nipPNS, "2026-Q4", "Terlaksananya pelayanan", "Jumlah pasien")
	if len(id) != 32 || strings.Trim(id, "0123456789abcdef") != "" {
		t.Fatalf("id = %q, want 32 lower-case hex digits", id)
	}
	same := []struct{ nip, period, rhk, ind string }{
		{"19860926 201505 1 001", "2026-q4", "  terlaksananya   PELAYANAN ", "jumlah\npasien"},
		{nipPNS, " 2026-Q4", "Terlaksananya pelayanan", "Jumlah pasien"},
	}
	for _, s := range same {
		if got := SKPTargetID(s.nip, s.period, s.rhk, s.ind); got != id {
			t.Errorf("SKPTargetID(%q, %q, %q, %q) = %s, want %s", s.nip, s.period, s.rhk, s.ind, got, id)
		}
	}
	other := []struct{ nip, period, rhk, ind string }{
		{"198609262015051002", "2026-Q4", "Terlaksananya pelayanan", "Jumlah pasien"},
		{nipPNS, "2026", "Terlaksananya pelayanan", "Jumlah pasien"},
		{nipPNS, "2026-Q4", "Terlaksananya pelayanan lain", "Jumlah pasien"},
		{nipPNS, "2026-Q4", "Terlaksananya pelayanan", "Jumlah pasien baru"},
		// Texts cannot run into each other.
		{nipPNS, "2026-Q4", "Terlaksananya pelayanan Jumlah", "pasien"},
	}
	for _, o := range other {
		if got := SKPTargetID(o.nip, o.period, o.rhk, o.ind); got == id {
			t.Errorf("SKPTargetID(%q, %q, %q, %q) = the same id", o.nip, o.period, o.rhk, o.ind)
		}
	}
}
