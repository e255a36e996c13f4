package app

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kinerjabot/kinerjabot/config"
	"github.com/kinerjabot/kinerjabot/console"
	"github.com/kinerjabot/kinerjabot/conversation/redistest"
	"github.com/kinerjabot/kinerjabot/storage/sqlite"
)

// newConsoleApp builds the app over a fresh store and the test's Redis
// with the settings given.
func newConsoleApp(t *testing.T, settings map[string]string) http.Handler {
	t.Helper()
	st, err := sqlite.Open(t.Context(), filepath.Join(t.TempDir(), "kb.db"))
	if err != nil {
		t.Fatal(err)
	}
	rdb := redistest.New(t)
	settings["DATA_DIR"], settings["REDIS_PREFIX"], settings["HTTP_ADDR"] = t.TempDir(), rdb.Prefix, "127.0.0.1:0"
	cfg, err := config.Load(env(settings))
	if err != nil {
		t.Fatal(err)
	}
	a, err := New(t.Context(), cfg, slog.New(slog.DiscardHandler), WithStore(st), WithRedis(rdb))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close(); st.Close(t.Context()) })
	return a.Handler()
}

// The playground's home page links to a console session as the demo
// admin, who lands on the console as a super-admin.
func TestPlaygroundConsoleDemo(t *testing.T) {
	h := newConsoleApp(t, map[string]string{"PLAYGROUND": "on"})
	home := get(h, "/", nil)
	if !strings.Contains(home.Body.String(), `href="`+console.DemoPath+`"`) || !strings.Contains(home.Body.String(), "Buka konsol (admin demo)") {
		t.Fatalf("home page: %s", home.Body)
	}
	demoAnswer := get(h, console.DemoPath, nil)
	loc, err := url.Parse(demoAnswer.Header().Get("Location"))
	if demoAnswer.Code != http.StatusSeeOther || err != nil || loc.Path != "/console/masuk" {
		t.Fatalf("demo link: %d %q", demoAnswer.Code, demoAnswer.Header().Get("Location"))
	}
	r := httptest.NewRequest(http.MethodPost, "/console/masuk", strings.NewReader(url.Values{"t": {loc.Query().Get("t")}}.Encode()))
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	cookies := w.Result().Cookies()
	if w.Code != http.StatusSeeOther || len(cookies) != 1 || cookies[0].Secure {
		t.Fatalf("demo login: %d %v (the playground is http: no Secure cookie)", w.Code, cookies)
	}
	page := get(h, "/console/audit", cookies[0])
	if page.Code != http.StatusOK || !strings.Contains(page.Body.String(), "Yuliana") {
		t.Fatalf("the console as the demo admin: %d", page.Code)
	}
}

// Outside the playground there is no demo link, and the console is served
// only with CONSOLE_URL.
func TestConsoleDemoNeverInProduction(t *testing.T) {
	h := newConsoleApp(t, map[string]string{"PLAYGROUND": "off", "CONSOLE_URL": "https://konsol.example.go.id"})
	if w := get(h, console.DemoPath, nil); w.Code != http.StatusNotFound {
		t.Errorf("demo link outside the playground: %d, want 404", w.Code)
	}
	if w := get(h, "/console/audit", nil); w.Code != http.StatusUnauthorized {
		t.Errorf("console with CONSOLE_URL: %d, want 401 (mounted, no session)", w.Code)
	}
	off := newConsoleApp(t, map[string]string{"PLAYGROUND": "off"})
	if w := get(off, "/console/audit", nil); w.Code != http.StatusNotFound {
		t.Errorf("console without CONSOLE_URL: %d, want 404", w.Code)
	}
}

func get(h http.Handler, path string, ck *http.Cookie) *httptest.ResponseRecorder {
	r := httptest.NewRequest(http.MethodGet, path, nil)
	if ck != nil {
		r.AddCookie(ck)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}
