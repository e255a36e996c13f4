package console

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/conversation/redistest"
	"github.com/kinerjabot/kinerjabot/storage"
	"github.com/kinerjabot/kinerjabot/storage/sqlite"
)

// The fixture's roster: a root unit with two branches (A with A1 below
// it, and B), and people in them.
const (
	nipSuper       = "198001012005011001" // admin of ROOT: super-admin
	nipAdminA      = "198001012005011002" // admin of A
	nipAdminB      = "198001012005011003" // admin of B
	nipAuditor     = "198001012005011004" // auditor of A
	nipStaff       = "198001012005011005" // staff of A
	nipRootAuditor = "198001012005011006" // auditor of ROOT
)

// authClock is a settable time.
type authClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *authClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *authClock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

type authFixture struct {
	t     *testing.T
	c     *Console
	st    *sqlite.Store
	rdb   *redistest.Client
	clock *authClock
	h     http.Handler
}

func newAuthFixture(t *testing.T) *authFixture {
	t.Helper()
	st, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "kb.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close(t.Context()) })
	rdb := redistest.New(t)
	clk := &authClock{t: time.Date(2026, 3, 2, 1, 0, 0, 0, time.UTC)}
	f := &authFixture{t: t, st: st, rdb: rdb, clock: clk}
	f.seed()
	f.c = New(Deps{Store: st, Redis: rdb, Prefix: rdb.Prefix, Log: slog.New(slog.DiscardHandler), Now: clk.Now,
		BaseURL: "https://konsol.example.go.id/console/"})
	f.h = f.c.Handler()
	return f
}

func (f *authFixture) seed() {
	ctx := f.t.Context()
	for _, u := range []storage.Unit{{Code: "ROOT"}, {Code: "A", ParentCode: "ROOT"}, {Code: "A1", ParentCode: "A"},
		{Code: "B", ParentCode: "ROOT"}} {
		u.Name, u.Timezone = "Unit "+u.Code, "Asia/Jakarta"
		if err := f.st.UpsertUnit(ctx, u); err != nil {
			f.t.Fatal(err)
		}
	}
	people := []struct {
		nip, unit string
		role      storage.Role
	}{
		{nipSuper, "ROOT", storage.RoleAdmin}, {nipAdminA, "A", storage.RoleAdmin}, {nipAdminB, "B", storage.RoleAdmin},
		{nipAuditor, "A", storage.RoleAuditor}, {nipStaff, "A", storage.RoleStaff}, {nipRootAuditor, "ROOT", storage.RoleAuditor},
	}
	for _, p := range people {
		f.put(storage.Employee{NIP: p.nip, Name: "Orang " + p.nip[14:], UnitCode: p.unit, Position: "Staf", Role: p.role, Active: true})
		acc := storage.Account{UserID: "u" + p.nip, ChatID: chatOf(p.nip)}
		if err := f.st.LinkAccount(ctx, p.nip, "telegram", acc); err != nil {
			f.t.Fatal(err)
		}
	}
}

func (f *authFixture) put(e storage.Employee) {
	if err := f.st.UpsertEmployee(f.t.Context(), e); err != nil {
		f.t.Fatal(err)
	}
}

func chatOf(nip string) string { return "c" + nip }

// link issues nip's login link in their Telegram chat and returns its
// token.
func (f *authFixture) link(nip string) string {
	f.t.Helper()
	link, until, err := f.c.IssueLink(f.t.Context(), nip, "telegram", chatOf(nip))
	if err != nil || link == "" {
		f.t.Fatalf("IssueLink: %q %v %v", link, until, err)
	}
	u, err := url.Parse(link)
	if err != nil || !strings.HasPrefix(link, "https://konsol.example.go.id/console/masuk?t=") {
		f.t.Fatalf("link %q", link)
	}
	return u.Query().Get("t")
}

// request serves one request with the session cookie (when not empty) and
// a form (a POST when not nil).
func (f *authFixture) request(method, path, session string, form url.Values) *httptest.ResponseRecorder {
	f.t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	r := httptest.NewRequest(method, path, body)
	r.RemoteAddr = "192.0.2.7:5555"
	if form != nil {
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	if session != "" {
		r.AddCookie(&http.Cookie{Name: cookieName, Value: session})
	}
	w := httptest.NewRecorder()
	f.h.ServeHTTP(w, r)
	return w
}

// redeem posts the login form with token; it returns the answer.
func (f *authFixture) redeem(token string) *httptest.ResponseRecorder {
	return f.request(http.MethodPost, Prefix+loginPath, "", url.Values{"t": {token}})
}

// login logs nip in through a real link and returns the session cookie's
// value and the session's CSRF token (read from a page).
func (f *authFixture) login(nip string) (string, string) {
	f.t.Helper()
	w := f.redeem(f.link(nip))
	if w.Code != http.StatusSeeOther {
		f.t.Fatalf("login of %s: %d %s", nip, w.Code, w.Body)
	}
	var id string
	for _, ck := range w.Result().Cookies() {
		if ck.Name == cookieName {
			id = ck.Value
		}
	}
	page := f.request(http.MethodGet, Prefix+"audit", id, nil)
	m := regexp.MustCompile(`name="csrf" value="([^"]+)"`).FindStringSubmatch(page.Body.String())
	if id == "" || m == nil {
		f.t.Fatalf("no session cookie or CSRF token after login: %d %s", page.Code, page.Body)
	}
	return id, m[1]
}

// auditRows are the audit log's rows, newest first.
func (f *authFixture) auditRows() []storage.AuditRecord {
	f.t.Helper()
	return storedAudit{t: f.t, st: f.st}.newest()
}

// hasAudit reports whether a row of action by actor exists.
func (f *authFixture) hasAudit(action Action, actor string) bool {
	for _, r := range f.auditRows() {
		if r.Action == string(action) && r.Actor == actor {
			return true
		}
	}
	return false
}

func httptestRequest(method, path, body, session string) *http.Request {
	r := httptest.NewRequest(method, path, strings.NewReader(body))
	r.RemoteAddr = "192.0.2.7:5555"
	r.AddCookie(&http.Cookie{Name: cookieName, Value: session})
	return r
}

func serveAuth(f *authFixture, r *http.Request) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	f.h.ServeHTTP(w, r)
	return w
}

// time1 is i minutes.
func minutes(i int) time.Duration { return time.Duration(i) * time.Minute }

// regexpFind is the first group of pattern's first match in s, "" when none.
func regexpFind(pattern, s string) string {
	m := regexp.MustCompile(pattern).FindStringSubmatch(s)
	if m == nil {
		return ""
	}
	return m[1]
}
