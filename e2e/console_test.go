package e2e

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/kinerjabot/kinerjabot/storage"
)

// /konsol through the real Telegram client: Lina, an admin, receives a
// one-time link that opens the console (the login audited); the link
// works once; Budi, staff, is refused and gets no link.
func TestConsoleLinkFromChat(t *testing.T) {
	h, _, budi, _ := setupWith(t, harnessOpt{consoleURL: "https://konsol.example.go.id/console/"})
	lina := h.chat(t, chatLina)
	lina.register(phoneLina)

	r := lina.say("/konsol")
	link := regexp.MustCompile(`https://konsol\.example\.go\.id/console/masuk\?t=\S+`).FindString(r.Text)
	if link == "" {
		t.Fatalf("/konsol answered %q, want a login link", r.Text)
	}
	contains(t, r.Text, "5 menit")
	u, err := url.Parse(link)
	if err != nil {
		t.Fatal(err)
	}
	handler := h.app.Handler()
	serve := func(method, target, body, cookie string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(method, target, strings.NewReader(body))
		req.RemoteAddr = "198.51.100.4:4000"
		if body != "" {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		if cookie != "" {
			req.Header.Set("Cookie", cookie)
		}
		w := httptest.NewRecorder()
		handler.ServeHTTP(w, req)
		return w
	}
	if w := serve(http.MethodGet, u.RequestURI(), "", ""); w.Code != http.StatusOK || !strings.Contains(w.Body.String(), "Masuk") {
		t.Fatalf("link page: %d", w.Code)
	}
	form := url.Values{"t": {u.Query().Get("t")}}.Encode()
	w := serve(http.MethodPost, "/console/masuk", form, "")
	cookie := w.Header().Get("Set-Cookie")
	if w.Code != http.StatusSeeOther || !strings.Contains(cookie, "HttpOnly") || !strings.Contains(cookie, "Secure") {
		t.Fatalf("login: %d, cookie %q", w.Code, cookie)
	}
	page := serve(http.MethodGet, "/console/audit", "", strings.SplitN(cookie, ";", 2)[0])
	if page.Code != http.StatusOK || !strings.Contains(page.Body.String(), "console.login") {
		t.Fatalf("console page with the session: %d", page.Code)
	}
	if again := serve(http.MethodPost, "/console/masuk", form, ""); again.Code != http.StatusForbidden {
		t.Errorf("second use of the link: %d, want 403", again.Code)
	}
	rows, err := h.store.ListAuditLog(context.Background(), storage.AuditFilter{Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, row := range rows.Rows {
		actions = append(actions, row.Action)
	}
	if got := strings.Join(actions, ","); got != "console.login_failed,console.login" {
		t.Errorf("audit rows %s, want the login then the failed reuse", got)
	}

	refused := budi.say("/konsol")
	contains(t, refused.Text, "hanya untuk admin OPD dan auditor")
	if strings.Contains(refused.Text, "/console/masuk") {
		t.Errorf("staff received a link: %q", refused.Text)
	}
}

// Without CONSOLE_URL, /konsol says the console is not set up.
func TestConsoleNotConfigured(t *testing.T) {
	h, _, _, _ := setup(t)
	lina := h.chat(t, chatLina)
	lina.register(phoneLina)
	contains(t, lina.say("/konsol").Text, "belum dipasang")
}

// A decision in chat shows in the console's audit log: one row, by the
// decider, about the report's owner, in the owner's unit.
func TestDecisionAudited(t *testing.T) {
	h, rina, budi, _ := setup(t)
	rina.press(budi.submit("Penyuluhan gizi balita di posyandu"), "✅ Setujui", 1)
	h.api.WaitEdits(t, 1, waitFor)
	rows, err := h.store.ListAuditLog(context.Background(), storage.AuditFilter{Action: storage.AuditReportApprove, Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	rinaNIP, budiNIP := h.linked(t, strconv.FormatInt(chatRina, 10)), h.linked(t, strconv.FormatInt(chatBudi, 10))
	if len(rows.Rows) != 1 || rows.Rows[0].Actor != rinaNIP || rows.Rows[0].Target != budiNIP || rows.Rows[0].Unit == "" {
		t.Fatalf("decision audit rows %+v, want one by %s about %s", rows.Rows, rinaNIP, budiNIP)
	}
}
