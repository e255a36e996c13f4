package console

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/conversation/redistest"
	"github.com/kinerjabot/kinerjabot/export"
	"github.com/kinerjabot/kinerjabot/storage"
	"github.com/kinerjabot/kinerjabot/storage/sqlite"
)

// The staff pages' fixture: units ROOT > DINKES > PKM01, PKM02 and
// ROOT > DISDIK; the viewer is the admin of DINKES.
const (
	nipKadis = "197001011990031001" // DINKES, admin
	nipKapus = "198001012005011002" // PKM01, under Kadis, on Telegram
	nipSiti  = "199001012015012003" // PKM01, under Budi
	nipAndi  = "198502022010011004" // PKM02, under Kadis, inactive
	nipGuru  = "197505052000031005" // DISDIK: another branch
	nipDewi  = "199203032018012006" // PKM02, under Kadis
)

// staffEnv is a console over a real SQLite store and Redis, serving
// requests as the viewer.
type staffEnv struct {
	t      *testing.T
	c      *Console
	st     storage.Store
	audits storedAudit
	viewer *Viewer
	srv    http.Handler
}

func newStaffEnv(t *testing.T) *staffEnv {
	t.Helper()
	ctx := t.Context()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "kb.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close(context.Background()) })
	seedStaff(t, st)
	rdb := redistest.New(t)
	e := &staffEnv{t: t, st: st, audits: storedAudit{t: t, st: st},
		viewer: &Viewer{NIP: nipKadis, Name: "Kadis", Role: RoleAdmin, Unit: "DINKES", CSRF: "test-csrf"}}
	e.c = New(Deps{Store: st, Redis: rdb, Prefix: rdb.Prefix, Log: slog.New(slog.DiscardHandler), Export: export.Options{DefaultTimezone: "Asia/Makassar"},
		Now: func() time.Time { return time.Date(2026, 3, 10, 2, 0, 0, 0, time.UTC) }})
	h := e.c.Handler()
	e.srv = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.ServeHTTP(w, r.WithContext(WithViewer(r.Context(), e.viewer)))
	})
	return e
}

func seedStaff(t *testing.T, st storage.Store) {
	t.Helper()
	ctx := t.Context()
	for _, u := range []storage.Unit{
		{Code: "ROOT", Name: "Pemkot"}, {Code: "DINKES", Name: "Dinas Kesehatan", ParentCode: "ROOT"},
		{Code: "PKM01", Name: "Puskesmas Satu", ParentCode: "DINKES"}, {Code: "PKM02", Name: "Puskesmas Dua", ParentCode: "DINKES"},
		{Code: "DISDIK", Name: "Dinas Pendidikan", ParentCode: "ROOT"},
	} {
		u.Timezone = "Asia/Makassar"
		if err := st.UpsertUnit(ctx, u); err != nil {
			t.Fatal(err)
		}
	}
	for _, e := range []storage.Employee{
		{NIP: nipKadis, Name: "Kadis Sehat", UnitCode: "DINKES", Position: "Kepala Dinas", Role: storage.RoleAdmin, Active: true},
		{NIP: nipKapus, Name: "Budi Santoso", UnitCode: "PKM01", Position: "Kepala Puskesmas", SupervisorNIP: nipKadis, Active: true},
		{NIP: nipSiti, Name: "Siti Aminah", UnitCode: "PKM01", Position: "Perawat", SupervisorNIP: nipKapus, Active: true},
		{NIP: nipAndi, Name: "Andi Wijaya", UnitCode: "PKM02", Position: "Bidan", SupervisorNIP: nipKadis},
		{NIP: nipDewi, Name: "Dewi Sartika", UnitCode: "PKM02", Position: "Bidan", SupervisorNIP: nipKadis, Active: true},
		{NIP: nipGuru, Name: "Budi Guru", UnitCode: "DISDIK", Position: "Guru", Active: true},
	} {
		if err := st.UpsertEmployee(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	at := time.Date(2026, 3, 9, 1, 0, 0, 0, time.UTC)
	if err := st.LinkAccount(ctx, nipKapus, "telegram", storage.Account{UserID: "42", ChatID: "42", LinkedAt: at}); err != nil {
		t.Fatal(err)
	}
	a := storage.Activity{ID: "01JQAR00000000000000000001", NIP: nipSiti, UnitCode: "PKM01", SupervisorNIP: nipKapus,
		Date: "2026-03-09", Content: storage.Content{Minutes: 60, Description: "Posyandu"}, Status: storage.StatusPending, Version: 1, SubmittedAt: at, CreatedAt: at, UpdatedAt: at,
		Audit: []storage.AuditEntry{{At: at, Action: storage.ActionSubmitted, ByNIP: nipSiti, Platform: "telegram", Version: 1}}}
	if err := st.CreateActivity(ctx, a); err != nil {
		t.Fatal(err)
	}
}

// get serves a GET of path and returns the answer.
func (e *staffEnv) get(path string) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	e.srv.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, path, nil))
	return rec
}

// post serves a form POST of path with the session's CSRF token.
func (e *staffEnv) post(path string, form url.Values) *httptest.ResponseRecorder {
	if form == nil {
		form = url.Values{}
	}
	form.Set("csrf", "test-csrf")
	req := httptest.NewRequest(http.MethodPost, path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	rec := httptest.NewRecorder()
	e.srv.ServeHTTP(rec, req)
	return rec
}

// employee reads a person from the store.
func (e *staffEnv) employee(nip string) storage.Employee {
	e.t.Helper()
	emp, err := e.st.GetEmployee(e.t.Context(), nip)
	if err != nil {
		e.t.Fatal(err)
	}
	return emp
}

func body(rec *httptest.ResponseRecorder) string {
	b, _ := io.ReadAll(rec.Result().Body)
	return string(b)
}
