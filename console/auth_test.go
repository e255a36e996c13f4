package console

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/storage"
)

// A link's GET shows a button and uses nothing up (a link preview); its
// POST opens a session whose cookie serves the pages; the login is audited.
func TestLoginByLink(t *testing.T) {
	f := newAuthFixture(t)
	token := f.link(nipAdminA)
	for range 2 { // a preview fetcher's GET, then the person's
		w := f.request(http.MethodGet, Prefix+loginPath+"?t="+url.QueryEscape(token), "", nil)
		if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), `method="post"`) ||
			!strings.Contains(w.Body.String(), `value="`+token+`"`) || strings.Contains(w.Body.String(), "<script") {
			t.Fatalf("login page: %d %s", w.Code, w.Body)
		}
	}
	w := f.redeem(token)
	if w.Code != http.StatusSeeOther || w.Header().Get("Location") != "/console/" {
		t.Fatalf("login: %d %s, want 303 to /console/", w.Code, w.Header().Get("Location"))
	}
	var ck *http.Cookie
	for _, c := range w.Result().Cookies() {
		if c.Name == cookieName {
			ck = c
		}
	}
	if ck == nil || !ck.HttpOnly || !ck.Secure || ck.SameSite != http.SameSiteStrictMode || ck.Path != "/console/" || len(ck.Value) < 22 {
		t.Fatalf("session cookie = %+v", ck)
	}
	if page := f.request(http.MethodGet, Prefix+"audit", ck.Value, nil); page.Code != http.StatusOK ||
		!strings.Contains(page.Body.String(), string(ActionLogin)) {
		t.Fatalf("audit page with the session: %d %s", page.Code, page.Body)
	}
	if rows := f.auditRows(); len(rows) != 1 || rows[0].Action != string(ActionLogin) || rows[0].Actor != nipAdminA ||
		!rows[0].At.Equal(f.clock.Now()) || rows[0].Unit != "A" || rows[0].Detail != "telegram" {
		t.Errorf("audit rows %+v, want the login at the console's time, in the admin's unit", rows)
	}
	// Redis keeps the hashes only, never the token or the session id.
	keys, err := f.rdb.Keys(t.Context(), f.rdb.Prefix+"*").Result()
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range keys {
		if strings.Contains(k, token) || strings.Contains(k, ck.Value) {
			t.Errorf("Redis key %q holds a secret", k)
		}
	}
}

func TestLoginRefusals(t *testing.T) {
	cases := []struct {
		name   string
		before func(f *authFixture, token string)
		nip    string
		reason string
	}{
		{"reuse: a second use is refused", func(f *authFixture, token string) {
			if w := f.redeem(token); w.Code != http.StatusSeeOther {
				f.t.Fatalf("first use: %d", w.Code)
			}
		}, nipAdminA, "link_unknown"},
		{"expiry: a link past its TTL", func(f *authFixture, _ string) { f.clock.Add(5 * time.Minute) }, nipAdminA, "link_expired"},
		{"staff may not enter", nil, nipStaff, "no_access"},
		{"an admin deactivated since the link", func(f *authFixture, _ string) {
			f.put(storage.Employee{NIP: nipAdminB, Name: "x", UnitCode: "B", Position: "Staf", Role: storage.RoleAdmin})
		}, nipAdminB, "no_access"},
		{"an admin demoted since the link", func(f *authFixture, _ string) {
			f.put(storage.Employee{NIP: nipAdminB, Name: "x", UnitCode: "B", Position: "Staf", Active: true})
		}, nipAdminB, "no_access"},
		{"the chat unlinked since the link", func(f *authFixture, _ string) {
			if err := f.st.UnlinkAccount(f.t.Context(), nipAdminB, "telegram"); err != nil {
				f.t.Fatal(err)
			}
		}, nipAdminB, "no_access"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := newAuthFixture(t)
			var token string
			if tc.nip == nipStaff { // /konsol refuses staff; a link made anyway still opens nothing
				var err error
				if token, err = f.c.storeLink(t.Context(), claim{NIP: nipStaff, Platform: "telegram", Chat: chatOf(nipStaff)}); err != nil {
					t.Fatal(err)
				}
			} else {
				token = f.link(tc.nip)
			}
			if tc.before != nil {
				tc.before(f, token)
			}
			w := f.redeem(token)
			if w.Code != http.StatusForbidden || len(w.Result().Cookies()) != 0 {
				t.Fatalf("login: %d, cookies %v; want 403 and none", w.Code, w.Result().Cookies())
			}
			rows := f.auditRows()
			if len(rows) == 0 || rows[0].Action != string(ActionLoginFailed) || rows[0].Detail != tc.reason {
				t.Fatalf("newest audit row = %+v, want a failed login (%s)", rows, tc.reason)
			}
		})
	}
}

func TestLinkBoundToChat(t *testing.T) {
	f := newAuthFixture(t)
	link, _, err := f.c.IssueLink(t.Context(), nipAdminA, "telegram", "another-chat")
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(link)
	if w := f.redeem(u.Query().Get("t")); w.Code != http.StatusForbidden {
		t.Fatalf("link sent to another chat: %d, want 403", w.Code)
	}
}

func TestNoSession(t *testing.T) {
	f := newAuthFixture(t)
	for _, s := range []string{"", "not-a-session"} {
		w := f.request(http.MethodGet, Prefix+"audit", s, nil)
		if w.Code != http.StatusUnauthorized || !strings.Contains(w.Body.String(), "/konsol") {
			t.Errorf("session %q: %d %s", s, w.Code, w.Body)
		}
	}
}

// otherToken is token with its first character changed.
func otherToken(token string) string {
	if token[0] == 'x' {
		return "y" + token[1:]
	}
	return "x" + token[1:]
}

// Every POST needs the session's CSRF token, as a form field or a header,
// urlencoded or multipart.
func TestCSRF(t *testing.T) {
	f := newAuthFixture(t)
	f.c.page("POST "+Prefix+"test-write", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) }, true)
	id, csrf := f.login(nipAdminA)
	for name, form := range map[string]url.Values{"none": {}, "wrong": {"csrf": {otherToken(csrf)}}, "empty": {"csrf": {""}}} {
		if w := f.request(http.MethodPost, Prefix+"test-write", id, form); w.Code != http.StatusForbidden {
			t.Errorf("%s token: %d, want 403", name, w.Code)
		}
	}
	multipart := func(token string) int {
		body := "--b\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n" + token + "\r\n--b--\r\n"
		r := httptestRequest(http.MethodPost, Prefix+"test-write", body, id)
		r.Header.Set("Content-Type", "multipart/form-data; boundary=b")
		return serveAuth(f, r).Code
	}
	if code := multipart("nope"); code != http.StatusForbidden {
		t.Errorf("multipart, wrong token: %d", code)
	}
	if code := multipart(csrf); code != http.StatusNoContent {
		t.Errorf("multipart, right token: %d", code)
	}
	if w := f.request(http.MethodPost, Prefix+"test-write", id, url.Values{"csrf": {csrf}}); w.Code != http.StatusNoContent {
		t.Errorf("right token: %d %s", w.Code, w.Body)
	}
	r := httptestRequest(http.MethodPost, Prefix+"test-write", "", id)
	r.Header.Set(csrfHeader, csrf)
	if w := serveAuth(f, r); w.Code != http.StatusNoContent {
		t.Errorf("right token in the header: %d", w.Code)
	}
	big := httptestRequest(http.MethodPost, Prefix+"test-write", "csrf="+csrf+"&x="+strings.Repeat("a", maxPostBytes), id)
	big.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if w := serveAuth(f, big); w.Code != http.StatusRequestEntityTooLarge {
		t.Errorf("a body over the bound: %d", w.Code)
	}
}

// An auditor reads but never writes; a write page refuses them whatever
// their token.
func TestRoles(t *testing.T) {
	f := newAuthFixture(t)
	f.c.page("POST "+Prefix+"test-write", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) }, true)
	cases := []struct {
		nip   string
		role  Role
		unit  string
		write int
	}{
		{nipSuper, RoleSuper, "", http.StatusNoContent},
		{nipAdminA, RoleAdmin, "A", http.StatusNoContent},
		{nipAuditor, RoleAuditor, "A", http.StatusForbidden},
		{nipRootAuditor, RoleAuditor, "", http.StatusForbidden},
	}
	for _, tc := range cases {
		v, _, err := f.c.access(t.Context(), tc.nip)
		if err != nil || v.Role != tc.role || v.Unit != tc.unit {
			t.Errorf("%s: viewer %+v %v, want role %d unit %q", tc.nip, v, err, tc.role, tc.unit)
		}
		id, csrf := f.login(tc.nip)
		if w := f.request(http.MethodPost, Prefix+"test-write", id, url.Values{"csrf": {csrf}}); w.Code != tc.write {
			t.Errorf("%s writes: %d, want %d", tc.nip, w.Code, tc.write)
		}
	}
}

// A deactivated or demoted admin loses access at the next request.
func TestAccessReadEachRequest(t *testing.T) {
	f := newAuthFixture(t)
	id, _ := f.login(nipAdminB)
	f.put(storage.Employee{NIP: nipAdminB, Name: "x", UnitCode: "B", Position: "Staf", Active: true})
	if w := f.request(http.MethodGet, Prefix+"audit", id, nil); w.Code != http.StatusUnauthorized {
		t.Fatalf("demoted admin: %d, want 401", w.Code)
	}
}

func TestSessionEnds(t *testing.T) {
	t.Run("idle", func(t *testing.T) {
		f := newAuthFixture(t)
		id, _ := f.login(nipAdminA)
		f.clock.Add(8*time.Hour - time.Minute)
		if w := f.request(http.MethodGet, Prefix+"audit", id, nil); w.Code != http.StatusOK {
			t.Fatalf("within the idle time: %d", w.Code)
		}
		f.clock.Add(8 * time.Hour)
		if w := f.request(http.MethodGet, Prefix+"audit", id, nil); w.Code != http.StatusUnauthorized {
			t.Fatalf("idle 8 hours: %d, want 401", w.Code)
		}
	})
	t.Run("absolute", func(t *testing.T) {
		f := newAuthFixture(t)
		id, _ := f.login(nipAdminA)
		for range 3 { // used every 7 hours: never idle
			f.clock.Add(7 * time.Hour)
			if w := f.request(http.MethodGet, Prefix+"audit", id, nil); w.Code != http.StatusOK {
				t.Fatalf("in use: %d", w.Code)
			}
		}
		f.clock.Add(3 * time.Hour) // 24 hours after login
		if w := f.request(http.MethodGet, Prefix+"audit", id, nil); w.Code != http.StatusUnauthorized {
			t.Fatalf("24 hours after login: %d, want 401", w.Code)
		}
	})
}

func TestLogout(t *testing.T) {
	f := newAuthFixture(t)
	id, csrf := f.login(nipAdminA)
	if w := f.request(http.MethodPost, Prefix+"keluar", id, url.Values{}); w.Code != http.StatusForbidden {
		t.Fatalf("logout without CSRF: %d", w.Code)
	}
	w := f.request(http.MethodPost, Prefix+"keluar", id, url.Values{"csrf": {csrf}})
	if w.Code != http.StatusOK || !strings.Contains(w.Body.String(), "sudah keluar") {
		t.Fatalf("logout: %d %s", w.Code, w.Body)
	}
	if n, err := f.rdb.Exists(t.Context(), f.c.key("session", hashToken(id))).Result(); err != nil || n != 0 {
		t.Fatalf("session still in Redis after logout (%d, %v)", n, err)
	}
	if w := f.request(http.MethodGet, Prefix+"audit", id, nil); w.Code != http.StatusUnauthorized {
		t.Fatalf("the old cookie after logout: %d", w.Code)
	}
	if !f.hasAudit(ActionLogout, nipAdminA) {
		t.Errorf("no logout audit row")
	}
}

func TestRateLimits(t *testing.T) {
	t.Run("links per person", func(t *testing.T) {
		f := newAuthFixture(t)
		for range linksPerPerson {
			f.link(nipAdminA)
		}
		link, until, err := f.c.IssueLink(t.Context(), nipAdminA, "telegram", chatOf(nipAdminA))
		if err != nil || link != "" || !until.After(f.clock.Now()) {
			t.Fatalf("link past the limit: %q until %v, %v", link, until, err)
		}
		f.link(nipAdminB) // others are not limited
	})
	t.Run("failed attempts per address", func(t *testing.T) {
		f := newAuthFixture(t)
		for i := range failuresPerIP {
			if w := f.redeem("wrong-token"); w.Code != http.StatusForbidden {
				t.Fatalf("failure %d: %d", i, w.Code)
			}
		}
		token := f.link(nipAdminA)
		if w := f.redeem(token); w.Code != http.StatusTooManyRequests {
			t.Fatalf("after %d failures: %d, want 429", failuresPerIP, w.Code)
		}
	})
}

func TestLanguageSwitch(t *testing.T) {
	f := newAuthFixture(t)
	id, _ := f.login(nipAdminA)
	if w := f.request(http.MethodGet, Prefix+"audit?lang=en", id, nil); !strings.Contains(w.Body.String(), "Download CSV") {
		t.Fatalf("?lang=en: %s", w.Body)
	}
	if w := f.request(http.MethodGet, Prefix+"audit", id, nil); !strings.Contains(w.Body.String(), "Download CSV") {
		t.Fatalf("the choice is not kept in the session")
	}
}
