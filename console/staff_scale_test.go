package console

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/conversation/redistest"
	"github.com/kinerjabot/kinerjabot/export"
	"github.com/kinerjabot/kinerjabot/storage/sqlite"
)

// The Pegawai search on a province's roster (KINERJA_SCALE_DB: a store
// made by bench/roster -n 1000000 and the import commands; see
// docs/benchmarks.md): every search is one bounded query, within the
// store's statement bound, for the whole deployment and for one Dinas.
func TestStaffSearchAtScale(t *testing.T) {
	path := os.Getenv("KINERJA_SCALE_DB")
	if path == "" {
		t.Skip("KINERJA_SCALE_DB not set")
	}
	st, err := sqlite.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close(context.Background()) })
	rdb := redistest.New(t)
	c := New(Deps{Store: st, Redis: rdb, Prefix: rdb.Prefix, Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Export: export.Options{DefaultTimezone: "Asia/Jakarta"}})
	h := c.Handler()
	for _, v := range []*Viewer{{NIP: "x", Role: RoleSuper}, {NIP: "x", Role: RoleAdmin, Unit: "OPD024"}} {
		for _, q := range []string{"", "q=Pegawai+99999", "q=tidak+ada", "q=19650102", "q=196501022001092001"} {
			req := httptest.NewRequest(http.MethodGet, "/console/pegawai?"+q, nil).WithContext(WithViewer(t.Context(), v))
			rec := httptest.NewRecorder()
			start := time.Now()
			h.ServeHTTP(rec, req)
			took := time.Since(start)
			t.Logf("scope %q, %q: %d in %v (too broad: %v, rows: %d)", v.Unit, q, rec.Code, took.Round(time.Millisecond),
				strings.Contains(rec.Body.String(), "terlalu lama"), strings.Count(rec.Body.String(), `name="nip"`))
			if rec.Code != http.StatusOK {
				t.Errorf("scope %q, %q: %d", v.Unit, q, rec.Code)
			}
		}
	}
}

// A console import's dry run on a province's roster: the importer reads
// the people on file, as the CLI's does (KINERJA_SCALE_DB as above).
func TestImportDryRunAtScale(t *testing.T) {
	path := os.Getenv("KINERJA_SCALE_DB")
	if path == "" {
		t.Skip("KINERJA_SCALE_DB not set")
	}
	st, err := sqlite.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close(context.Background()) })
	rdb := redistest.New(t)
	e := &staffEnv{t: t, st: st, viewer: &Viewer{NIP: "x", Role: RoleSuper, CSRF: "test-csrf"}}
	e.c = New(Deps{Store: st, Redis: rdb, Prefix: rdb.Prefix, Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Export: export.Options{DefaultTimezone: "Asia/Jakarta"}})
	h := e.c.Handler()
	e.srv = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.ServeHTTP(w, r.WithContext(WithViewer(r.Context(), e.viewer)))
	})
	start := time.Now()
	rec := e.upload("roster", "roster.csv", []byte(rosterHead+"199505052020121007,Rina Marlina,U00001,,Perawat,,,\n"), false)
	t.Logf("dry run of one row on file: %d in %v", rec.Code, time.Since(start).Round(time.Millisecond))
	if rec.Code != http.StatusOK || !confirmID.MatchString(body(rec)) {
		t.Errorf("dry run: %d", rec.Code)
	}
}
