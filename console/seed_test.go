package console

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/conversation/redistest"
	"github.com/kinerjabot/kinerjabot/export"
	"github.com/kinerjabot/kinerjabot/storage"
	"github.com/kinerjabot/kinerjabot/storage/sqlite"
)

// The seeded deployment: ROOT with two branches, DINKES (with its
// Puskesmas PKM1) and KEC (another branch). PKM1 has a head (supervisor of
// the three staff) and a monthly target of 1,000 minutes.
const (
	nipHead  = "198001012005011001"
	nipAni   = "199001012015012001"
	nipBudi  = "199102022016011002"
	nipCitra = "199203032017012003"
	nipOther = "198505052010011005"
	nipAdmin = "197901012003011009"
	testBot  = "kinerja_demo_bot"
)

// testNow is Wednesday 18 November 2026, 10:00 in Jakarta: 13 work days
// of November so far.
var (
	jakarta, _ = time.LoadLocation("Asia/Jakarta")
	testNow    = time.Date(2026, 11, 18, 10, 0, 0, 0, jakarta)
)

// seeded is a console over a seeded store, with its audit log.
type seeded struct {
	c     *Console
	st    storage.Store
	audit storedAudit
}

func seed(t *testing.T) seeded {
	t.Helper()
	ctx := t.Context()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "kinerja.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = st.Close(context.Background()) })
	seedRoster(t, st)
	seedReports(t, st)
	seedSurveys(t, st)
	_, _, err = st.PrepareEvaluation(ctx, storage.Evaluation{NIP: nipAni, UnitCode: "PKM1", Period: "2026-10", SupervisorNIP: nipHead})
	if err != nil {
		t.Fatal(err)
	}
	rd := redistest.New(t)
	c := New(Deps{Store: st, Redis: rd, Prefix: rd.Prefix, Log: slog.New(slog.DiscardHandler),
		Now: func() time.Time { return testNow }, Export: export.Options{DefaultTimezone: "Asia/Jakarta"}, BotUsername: func() string { return testBot }})
	return seeded{c: c, st: st, audit: storedAudit{t: t, st: st}}
}

func seedRoster(t *testing.T, st storage.Store) {
	t.Helper()
	for _, u := range []storage.Unit{
		{Code: "ROOT", Name: "Pemerintah Kota", Timezone: "Asia/Jakarta"},
		{Code: "DINKES", Name: "Dinas Kesehatan", ParentCode: "ROOT", Timezone: "Asia/Jakarta"},
		{Code: "PKM1", Name: "Puskesmas Satu", ParentCode: "DINKES", Timezone: "Asia/Jakarta", MonthlyTargetMinutes: 1000, Counters: 2, ServiceUsers: 100},
		{Code: "KEC", Name: "Kecamatan Lain", ParentCode: "ROOT", Timezone: "Asia/Jakarta"},
	} {
		if err := st.UpsertUnit(t.Context(), u); err != nil {
			t.Fatal(err)
		}
	}
	for _, e := range []storage.Employee{
		{NIP: nipHead, Name: "Kepala Puskesmas", UnitCode: "PKM1", Active: true},
		{NIP: nipAni, Name: "Ani Lestari", UnitCode: "PKM1", SupervisorNIP: nipHead, Active: true},
		{NIP: nipBudi, Name: "Budi Santoso", UnitCode: "PKM1", SupervisorNIP: nipHead, Active: true},
		{NIP: nipCitra, Name: "Citra Dewi", UnitCode: "PKM1", SupervisorNIP: nipHead, Active: true},
		{NIP: nipOther, Name: "Orang Kecamatan", UnitCode: "KEC", Active: true},
		{NIP: nipAdmin, Name: "Admin Dinkes", UnitCode: "DINKES", Role: storage.RoleAdmin, Active: true},
	} {
		if err := st.UpsertEmployee(t.Context(), e); err != nil {
			t.Fatal(err)
		}
	}
}

// seedReports: Ani pending today (0 work days) and on Monday the 16th (2),
// Budi pending since the 10th (6) and 1,000 minutes approved, Citra 600
// approved, the head nothing; the other branch's person 500 approved.
func seedReports(t *testing.T, st storage.Store) {
	t.Helper()
	for i, r := range []struct {
		nip, date string
		minutes   int
		approve   bool
	}{
		{nipAni, "2026-11-18", 60, false},
		{nipAni, "2026-11-16", 60, false},
		{nipBudi, "2026-11-10", 60, false},
		{nipBudi, "2026-11-12", 500, true},
		{nipBudi, "2026-11-17", 500, true},
		{nipCitra, "2026-11-12", 600, true},
		{nipOther, "2026-11-12", 500, true},
	} {
		day, _ := time.ParseInLocation(time.DateOnly, r.date, jakarta)
		a := storage.Activity{ID: fmt.Sprintf("01KREPORT%017d", i), NIP: r.nip, UnitCode: "PKM1", SupervisorNIP: nipHead, Date: r.date,
			Content: storage.Content{Minutes: r.minutes, Description: fmt.Sprintf("Kegiatan %d", i)}, SubmittedAt: day.Add(8 * time.Hour)}
		if err := st.CreateActivity(t.Context(), a); err != nil {
			t.Fatal(err)
		}
		if !r.approve {
			continue
		}
		if _, err := st.DecideActivity(t.Context(), a.ID, 1, storage.Decide{To: storage.StatusApproved, ByNIP: nipHead, At: a.SubmittedAt.Add(time.Hour)}); err != nil {
			t.Fatal(err)
		}
	}
}

// seedSurveys: in November two respondents (all 3s, all 4s: IKM 87.50),
// each with a comment; in October one (all 4s: 100).
func seedSurveys(t *testing.T, st storage.Store) {
	t.Helper()
	for i, s := range []struct {
		date, comment string
		answer        int
	}{
		{"2026-11-03", "Antrean tertib", 3},
		{"2026-11-12", "Ruang tunggu panas", 4},
		{"2026-10-20", "", 4},
	} {
		answers := make([]int, storage.SKMElements)
		for j := range answers {
			answers[j] = s.answer
		}
		day, _ := time.ParseInLocation(time.DateOnly, s.date, jakarta)
		err := st.AddSurvey(t.Context(), storage.Survey{ID: fmt.Sprintf("svy-%d", i), UnitCode: "PKM1", Date: s.date, Mode: storage.SurveySKM,
			Answers: answers, Comment: s.comment, ChatHash: fmt.Sprintf("%064x", 0xC4A7+i), At: day.Add(9 * time.Hour)})
		if err != nil {
			t.Fatal(err)
		}
	}
}

// admin is the unit admin of DINKES (scope: DINKES and PKM1).
func admin() *Viewer {
	return &Viewer{NIP: nipAdmin, Name: "Admin Dinkes", Role: RoleAdmin, Unit: "DINKES", Lang: "id", CSRF: "test-csrf", Session: "s1"}
}

// get serves a GET of target to the console as v.
func (s seeded) get(t testing.TB, v *Viewer, target string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest(http.MethodGet, target, nil)
	req = req.WithContext(WithViewer(req.Context(), v))
	rec := httptest.NewRecorder()
	s.c.Handler().ServeHTTP(rec, req)
	return rec
}
