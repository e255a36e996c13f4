package whatsapp_test

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/kinerjabot/kinerjabot/bot/whatsapp"
	wt "github.com/kinerjabot/kinerjabot/bot/whatsapp/whatsapptest"
)

func TestAdminPage(t *testing.T) {
	fc := wt.NewUnpairedClient()
	r := start(t, fc)
	const token = "s3cret-admin-token"
	do := func(h http.Handler, method, path, pass string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(method, path, nil)
		if pass != "" {
			req.SetBasicAuth("admin", pass)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		return w
	}
	if w := do(r.a.AdminHandler(""), "GET", whatsapp.AdminPath, ""); w.Code != http.StatusForbidden {
		t.Errorf("page without a token configured: %d, want 403", w.Code)
	}
	h := r.a.AdminHandler(token)
	for _, pass := range []string{"", "wrong"} {
		if w := do(h, "GET", whatsapp.AdminPath, pass); w.Code != http.StatusUnauthorized || w.Header().Get("WWW-Authenticate") == "" {
			t.Errorf("page with password %q: %d, want 401 asking for basic auth", pass, w.Code)
		}
	}
	if w := do(h, "GET", whatsapp.AdminPath, token); w.Code != 200 || !strings.Contains(w.Body.String(), "unpaired") {
		t.Fatalf("page: %d %s", w.Code, w.Body)
	}
	if w := do(h, "GET", whatsapp.AdminPath+"/qr.png", token); w.Code != http.StatusNotFound {
		t.Errorf("qr before pairing: %d, want 404", w.Code)
	}
	if w := do(h, "POST", whatsapp.AdminPath+"/pair", token); w.Code != http.StatusSeeOther {
		t.Fatalf("pair: %d %s", w.Code, w.Body)
	}
	waitQR(t, r.a)
	w := do(h, "GET", whatsapp.AdminPath+"/qr.png", token)
	if w.Code != 200 || w.Header().Get("Content-Type") != "image/png" || !bytes.HasPrefix(w.Body.Bytes(), []byte("\x89PNG")) {
		t.Fatalf("qr: %d %s", w.Code, w.Header())
	}
	if w := do(h, "GET", whatsapp.AdminPath+"/", token); !strings.Contains(w.Body.String(), "qr.png") {
		t.Errorf("page while pairing shows no QR:\n%s", w.Body)
	}
	fc.ScanQR(botPhone)
	wt.WaitState(t, r.a, whatsapp.StateConnected, wait)
	if w := do(h, "GET", whatsapp.AdminPath, token); !strings.Contains(w.Body.String(), "connected") {
		t.Errorf("page after pairing:\n%s", w.Body)
	}
}
