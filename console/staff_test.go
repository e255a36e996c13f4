package console

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/kinerjabot/kinerjabot/ident"
	"github.com/kinerjabot/kinerjabot/storage"
)

// The staff search finds people of the viewer's scope only, by name or NIP.
func TestStaffSearch(t *testing.T) {
	e := newStaffEnv(t)
	for _, c := range []struct {
		name, query  string
		want, absent []string // NIPs listed, and not
	}{
		{"everyone in scope", "", []string{nipKadis, nipKapus, nipSiti, nipAndi, nipDewi}, []string{nipGuru}},
		{"by name, any case", "q=bUDi", []string{nipKapus}, []string{nipGuru, nipSiti}},
		{"by NIP with spaces", "q=" + url.QueryEscape(ident.FormatNIP(nipSiti)), []string{nipSiti}, []string{nipKapus}},
		{"another branch's NIP", "q=" + nipGuru, nil, []string{nipGuru}},
		{"one unit", "unit=PKM02", []string{nipAndi, nipDewi}, []string{nipSiti}},
		{"unregistered only", "unit=PKM01&unreg=1", []string{nipSiti}, []string{nipKapus}},
		{"a wildcard is text", "q=%25", nil, []string{nipSiti}},
		{"the start of a NIP", "q=" + url.QueryEscape("1980 0101"), []string{nipKapus}, []string{nipKadis, nipSiti, nipAndi}},
		{"the start of another branch's NIP", "q=19750505", nil, []string{nipGuru}},
	} {
		t.Run(c.name, func(t *testing.T) {
			rec := e.get("/console/pegawai?" + c.query)
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d", rec.Code)
			}
			page := body(rec)
			for _, w := range c.want {
				if !strings.Contains(page, `href="/console/pegawai/`+w+`"`) {
					t.Errorf("page does not list %s", w)
				}
			}
			for _, a := range c.absent {
				if strings.Contains(page, `href="/console/pegawai/`+a+`"`) {
					t.Errorf("page lists %s", a)
				}
			}
		})
	}
}

// A row shows registration, supervisor, last report and status.
func TestStaffRowDetails(t *testing.T) {
	e := newStaffEnv(t)
	page := body(e.get("/console/pegawai?q=siti"))
	for _, w := range []string{ident.FormatNIP(nipSiti), "Puskesmas Satu", "Perawat", "Budi Santoso", "2026-03-09", "Belum terdaftar", "Aktif"} {
		if !strings.Contains(page, w) {
			t.Errorf("Siti's row lacks %q", w)
		}
	}
	if page := body(e.get("/console/pegawai?q=budi+santoso")); !strings.Contains(page, "Telegram") || !strings.Contains(page, "Belum pernah") {
		t.Errorf("Budi's row should say Telegram and never reported:\n%s", page)
	}
}

// A unit outside the scope, and a person of another branch, are 404: an
// edited URL learns nothing.
func TestStaffOutOfScopeIsNotFound(t *testing.T) {
	e := newStaffEnv(t)
	for _, path := range []string{"/console/pegawai?unit=DISDIK", "/console/pegawai/" + nipGuru, "/console/pegawai/123", "/console/pegawai/199999999999999999"} {
		if rec := e.get(path); rec.Code != http.StatusNotFound {
			t.Errorf("GET %s = %d, want 404", path, rec.Code)
		}
	}
	for _, path := range []string{"/console/pegawai/" + nipGuru + "/status", "/console/pegawai/" + nipGuru + "/atasan"} {
		if rec := e.post(path, url.Values{"active": {"0"}, "supervisor": {nipKadis}}); rec.Code != http.StatusNotFound {
			t.Errorf("POST %s = %d, want 404", path, rec.Code)
		}
	}
	if !e.employee(nipGuru).Active {
		t.Error("a person of another branch was deactivated")
	}
	if got := e.audits.of(ActionReadPerson); len(got) != 0 {
		t.Errorf("out-of-scope reads audited as reads: %v", got)
	}
}

// The person page is audited as a read of their data.
func TestPersonPageAudited(t *testing.T) {
	e := newStaffEnv(t)
	rec := e.get("/console/pegawai/" + nipSiti)
	if rec.Code != http.StatusOK || !strings.Contains(body(rec), "Siti Aminah") {
		t.Fatalf("person page: %d", rec.Code)
	}
	got := e.audits.of(ActionReadPerson)
	if len(got) != 1 || got[0].Target != nipSiti || got[0].Actor != nipKadis {
		t.Errorf("audit = %v, want one read of Siti by Kadis", got)
	}
}

// Deactivating and reactivating write the roster's active flag (what the
// roster lifecycle acts on) and keep the linked accounts.
func TestDeactivateReactivate(t *testing.T) {
	e := newStaffEnv(t)
	rec := e.post("/console/pegawai/"+nipKapus+"/status", url.Values{"active": {"0"}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("deactivate: %d %s", rec.Code, body(rec))
	}
	if b := e.employee(nipKapus); b.Active || b.Accounts["telegram"].UserID != "42" || b.SupervisorNIP != nipKadis {
		t.Errorf("after deactivate: %+v", b)
	}
	if rec := e.post("/console/pegawai/"+nipKapus+"/status", url.Values{"active": {"1"}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("reactivate: %d", rec.Code)
	}
	if !e.employee(nipKapus).Active {
		t.Error("not reactivated")
	}
	if rec := e.post("/console/pegawai/"+nipKadis+"/status", url.Values{"active": {"0"}}); rec.Code != http.StatusUnprocessableEntity || !e.employee(nipKadis).Active {
		t.Errorf("the viewer deactivated themselves: %d", rec.Code)
	}
	if d, r := e.audits.of(ActionDeactivate), e.audits.of(ActionReactivate); len(d) != 1 || d[0].Target != nipKapus || len(r) != 1 || r[0].Target != nipKapus {
		t.Errorf("audits: deactivate %v, reactivate %v", d, r)
	}
	if page := body(e.get(rec.Header().Get("Location"))); !strings.Contains(page, "Status pegawai disimpan") {
		t.Errorf("the page after the change does not say it was saved")
	}
}

// Changing the supervisor is validated (in scope, active, not self, no
// cycle), written and audited.
func TestChangeSupervisor(t *testing.T) {
	e := newStaffEnv(t)
	for _, c := range []struct {
		name, nip, sup, want string
	}{
		{"not a NIP", nipSiti, "12ab", "bukan NIP"},
		{"self", nipSiti, nipSiti, "dirinya sendiri"},
		{"another branch", nipSiti, nipGuru, "tidak ada di daftar"},
		{"inactive", nipSiti, nipAndi, "nonaktif"},
		{"a cycle", nipKapus, nipSiti, "berputar"},
	} {
		t.Run(c.name, func(t *testing.T) {
			rec := e.post("/console/pegawai/"+c.nip+"/atasan", url.Values{"supervisor": {c.sup}})
			if rec.Code != http.StatusUnprocessableEntity || !strings.Contains(body(rec), c.want) {
				t.Errorf("status %d, want 422 saying %q", rec.Code, c.want)
			}
		})
	}
	if got := e.employee(nipSiti).SupervisorNIP; got != nipKapus {
		t.Fatalf("a refused change was written: supervisor %s", got)
	}
	rec := e.post("/console/pegawai/"+nipSiti+"/atasan", url.Values{"supervisor": {ident.FormatNIP(nipDewi)}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("change: %d %s", rec.Code, body(rec))
	}
	if got := e.employee(nipSiti).SupervisorNIP; got != nipDewi {
		t.Errorf("supervisor = %s, want Dewi", got)
	}
	got := e.audits.of(ActionSupervisor)
	if len(got) != 1 || got[0].Target != nipSiti || got[0].Detail != nipDewi {
		t.Errorf("audit = %v, want one change of Siti to Dewi", got)
	}
}

// An auditor reads but cannot change anything.
func TestAuditorCannotPost(t *testing.T) {
	e := newStaffEnv(t)
	e.viewer.Role = RoleAuditor
	if rec := e.get("/console/pegawai/" + nipSiti); rec.Code != http.StatusOK || strings.Contains(body(rec), "Nonaktifkan") {
		t.Errorf("auditor's person page: %d, or shows the write forms", rec.Code)
	}
	for _, path := range []string{"/console/pegawai/" + nipSiti + "/status", "/console/pegawai/" + nipSiti + "/atasan", "/console/pegawai/kode"} {
		if rec := e.post(path, url.Values{"active": {"0"}, "supervisor": {nipDewi}, "nip": {nipSiti}}); rec.Code != http.StatusForbidden {
			t.Errorf("auditor POST %s = %d, want 403", path, rec.Code)
		}
	}
	if s := e.employee(nipSiti); !s.Active || s.SupervisorNIP != nipKapus {
		t.Errorf("an auditor changed Siti: %+v", s)
	}
}

// slowNames is a store whose name searches never finish in time.
type slowNames struct{ storage.Store }

func (s slowNames) FindEmployees(ctx context.Context, q storage.EmployeeQuery) ([]storage.Employee, error) {
	if q.NameContains != "" {
		<-ctx.Done()
		return nil, ctx.Err()
	}
	return s.Store.FindEmployees(ctx, q)
}

// A name search past its budget is given up and the viewer asked to
// narrow it: an answer, not a failure.
func TestStaffSearchTooBroad(t *testing.T) {
	e := newStaffEnv(t)
	e.c.d.Store = slowNames{e.st}
	rec := e.get("/console/pegawai?q=budi")
	if rec.Code != http.StatusOK || !strings.Contains(body(rec), "terlalu lama") {
		t.Errorf("%d, want 200 asking to narrow the search", rec.Code)
	}
}
