package console

import (
	"encoding/csv"
	"net/http"
	"strings"
	"testing"

	"github.com/kinerjabot/kinerjabot/storage"
)

// seedAudit writes rows of units A, A1, B and none.
func (f *authFixture) seedAudit() {
	f.t.Helper()
	for i, r := range []storage.AuditRecord{
		{Actor: nipAdminA, Action: "console.export", Target: "A", Unit: "A"},
		{Actor: nipAdminA, Action: "console.codes", Target: "A1", Unit: "A1"},
		{Actor: nipAdminB, Action: "console.export", Target: "B-SECRET", Unit: "B"},
		{Actor: nipSuper, Action: "report.approve", Target: "=HYPERLINK(\"x\")", Unit: ""},
	} {
		r.At = f.clock.Now().Add(-minutes(i))
		if err := f.st.AppendAuditLog(f.t.Context(), r); err != nil {
			f.t.Fatal(err)
		}
	}
}

// A unit admin reads their branch's rows only; editing the URL to another
// branch's unit answers 404; a super-admin reads everything.
func TestAuditScope(t *testing.T) {
	f := newAuthFixture(t)
	f.seedAudit()
	admin, _ := f.login(nipAdminA)
	super, _ := f.login(nipSuper)
	cases := []struct {
		name, session, query string
		code                 int
		has, hasNot          []string
	}{
		{"admin: own branch", admin, "", 200, []string{">A<", ">A1<"}, []string{"B-SECRET", "HYPERLINK"}},
		{"admin: a unit below", admin, "?unit=A1", 200, []string{">A1<"}, []string{">A<", "B-SECRET"}},
		{"admin: another branch's unit", admin, "?unit=B", 404, nil, []string{"B-SECRET"}},
		{"admin: the root", admin, "?unit=ROOT", 404, nil, []string{"B-SECRET"}},
		{"admin: an unknown unit", admin, "?unit=NOPE", 404, nil, nil},
		{"super: everything", super, "", 200, []string{"B-SECRET", ">A1<", "HYPERLINK"}, nil},
		{"super: one branch", super, "?unit=B", 200, []string{"B-SECRET"}, []string{">A1<"}},
		{"filter by action and actor", super, "?action=console.export&actor=" + nipAdminB, 200, []string{"B-SECRET"}, []string{">A<"}},
		{"a bad date", super, "?from=2026-13-01", 400, nil, []string{"B-SECRET"}},
		{"a bad actor", super, "?actor=12", 400, nil, []string{"B-SECRET"}},
	}
	for _, tc := range cases {
		w := f.request(http.MethodGet, Prefix+"audit"+tc.query, tc.session, nil)
		body := w.Body.String()
		if w.Code != tc.code {
			t.Errorf("%s: %d, want %d", tc.name, w.Code, tc.code)
		}
		for _, s := range tc.has {
			if !strings.Contains(body, s) {
				t.Errorf("%s: page lacks %q", tc.name, s)
			}
		}
		for _, s := range tc.hasNot {
			if strings.Contains(body, s) {
				t.Errorf("%s: page shows %q", tc.name, s)
			}
		}
	}
}

// The CSV holds the filtered rows of the viewer's scope, formula-safe, and
// the export is audited.
func TestAuditCSV(t *testing.T) {
	f := newAuthFixture(t)
	f.seedAudit()
	super, _ := f.login(nipSuper)
	w := f.request(http.MethodGet, Prefix+"audit.csv?action=report.approve", super, nil)
	if w.Code != http.StatusOK || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/csv") {
		t.Fatalf("csv: %d %s", w.Code, w.Header())
	}
	r := csv.NewReader(strings.NewReader(strings.TrimPrefix(w.Body.String(), "\ufeff")))
	r.Comma = ';'
	recs, err := r.ReadAll()
	if err != nil || len(recs) != 2 {
		t.Fatalf("csv rows %q, %v; want a header and one row", recs, err)
	}
	if got := recs[1][3]; got != "'=HYPERLINK(\"x\")" {
		t.Errorf("target cell %q, want it neutralised", got)
	}
	if !f.hasAudit(ActionAuditExport, nipSuper) {
		t.Errorf("the export is not audited")
	}
	admin, _ := f.login(nipAdminA)
	if w := f.request(http.MethodGet, Prefix+"audit.csv?unit=B", admin, nil); w.Code != http.StatusNotFound {
		t.Errorf("csv of another branch: %d", w.Code)
	}
}

func TestAuditPages(t *testing.T) {
	f := newAuthFixture(t)
	for i := range auditPageSize + 5 {
		if err := f.st.AppendAuditLog(t.Context(), storage.AuditRecord{Actor: nipAdminA, Action: "console.export",
			Unit: "A", At: f.clock.Now().Add(-minutes(i + 10))}); err != nil {
			t.Fatal(err)
		}
	}
	id, _ := f.login(nipAdminA)
	w := f.request(http.MethodGet, Prefix+"audit", id, nil)
	rows := strings.Count(w.Body.String(), "<tr><td>")
	next := regexpFind(`href="(audit\?[^"]*cursor=[^"]+)"`, w.Body.String())
	if rows != auditPageSize || next == "" {
		t.Fatalf("first page: %d rows, next %q", rows, next)
	}
	w = f.request(http.MethodGet, Prefix+strings.ReplaceAll(next, "&amp;", "&"), id, nil)
	if got := strings.Count(w.Body.String(), "<tr><td>"); got != 6 { // 5 and the login
		t.Fatalf("second page: %d rows, want 6", got)
	}
}
