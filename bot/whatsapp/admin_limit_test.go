package whatsapp_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	wt "github.com/kinerjabot/kinerjabot/bot/whatsapp/whatsapptest"
)

// Wrong passwords on the admin page are limited per client, and the page
// carries the security headers.
func TestAdminPageLimitsFailedPasswords(t *testing.T) {
	r := start(t, wt.NewUnpairedClient())
	h := r.a.AdminHandler("admin-token-0123456789")
	try := func(pass, remote string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodGet, "/admin/whatsapp", nil)
		req.RemoteAddr = remote
		req.SetBasicAuth("admin", pass)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		return w
	}
	for i := range 5 {
		if w := try("guess", "203.0.113.9:5000"); w.Code != http.StatusUnauthorized {
			t.Fatalf("wrong password %d: %d", i+1, w.Code)
		}
	}
	w := try("admin-token-0123456789", "203.0.113.9:5001")
	if w.Code != http.StatusTooManyRequests || w.Header().Get("Retry-After") == "" {
		t.Fatalf("after 5 failures, the right password got %d (Retry-After %q), want 429", w.Code, w.Header().Get("Retry-After"))
	}
	w = try("admin-token-0123456789", "198.51.100.7:6000")
	if w.Code != http.StatusOK {
		t.Fatalf("another client with the right password: %d", w.Code)
	}
	for _, hdr := range []string{"Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options"} {
		if w.Header().Get(hdr) == "" {
			t.Errorf("no %s header", hdr)
		}
	}
}
