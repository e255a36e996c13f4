package app

import (
	"context"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/kinerjabot/kinerjabot/bot/playground"
	"github.com/kinerjabot/kinerjabot/bot/whatsapp"
	"github.com/kinerjabot/kinerjabot/config"
	"github.com/kinerjabot/kinerjabot/demo"
	"github.com/kinerjabot/kinerjabot/metrics"
	"github.com/kinerjabot/kinerjabot/storage/sqlite"
)

func env(m map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

// The clock can be shifted only when the playground is the only platform.
func TestClockOnlyForPlaygroundAlone(t *testing.T) {
	cases := []struct {
		env  map[string]string
		want bool
	}{
		{nil, true},
		{map[string]string{"PLAYGROUND": "off"}, false},
		{map[string]string{"TELEGRAM_TOKEN": "1:a", "PLAYGROUND": "on"}, false},
		{map[string]string{"WHATSAPP_ENABLED": "true"}, false},
		{map[string]string{"WHATSAPP_ENABLED": "true", "PLAYGROUND": "on"}, false},
	}
	for _, tc := range cases {
		cfg, err := config.Load(env(tc.env))
		if err != nil {
			t.Fatal(err)
		}
		if got := newClock(cfg, nil) != nil; got != tc.want {
			t.Errorf("%v: clock %v, want %v", tc.env, got, tc.want)
		}
	}
}

func TestPlaygroundURL(t *testing.T) {
	cases := map[string]string{
		"0.0.0.0:8080":    "http://127.0.0.1:8080/playground",
		"[::]:8080":       "http://127.0.0.1:8080/playground",
		"127.0.0.1:18099": "http://127.0.0.1:18099/playground",
		"[::1]:8080":      "http://[::1]:8080/playground",
		"10.1.2.3:80":     "http://10.1.2.3:80/playground",
	}
	for addr, want := range cases {
		if got := playgroundURL(fakeAddr(addr)); got != want {
			t.Errorf("%s: %s, want %s", addr, got, want)
		}
	}
}

type fakeAddr string

func (a fakeAddr) Network() string { return "tcp" }
func (a fakeAddr) String() string  { return string(a) }

// TestWithGauges: extra gauges follow the metrics in the text format,
// whatever format the scraper asks for.
func TestWithGauges(t *testing.T) {
	reg := prometheus.NewRegistry()
	reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "extra_gauge", Help: "x"}, func() float64 { return 7 }))
	h := withGauges(metrics.New().Handler(), reg)
	req := httptest.NewRequest("GET", "/metrics", nil)
	req.Header.Set("Accept", "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited")
	req.Header.Set("Accept-Encoding", "gzip")
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	body := w.Body.String()
	if w.Code != 200 || !strings.HasPrefix(w.Header().Get("Content-Type"), "text/plain") ||
		!strings.Contains(body, "extra_gauge 7") || !strings.Contains(body, "kinerjabot_updates_total") && !strings.Contains(body, "go_goroutines") {
		t.Fatalf("%d %s\n%s", w.Code, w.Header(), body)
	}
}

func TestWhatsAppAlert(t *testing.T) {
	s := whatsapp.Status{State: whatsapp.StateStopped, Reason: "temporarily banned", Until: time.Date(2026, 11, 21, 3, 0, 0, 0, time.UTC)}
	if got := whatsappAlert("id", s); !strings.Contains(got, "temporarily banned") || !strings.Contains(got, "21-11-2026 10:00 WIB") {
		t.Errorf("id alert %q", got)
	}
	if got := whatsappAlert("en", whatsapp.Status{State: whatsapp.StateStopped, Reason: "logged out"}); !strings.Contains(got, "WhatsApp has stopped: logged out") {
		t.Errorf("en alert %q", got)
	}
}

// The playground's panes are the demo's people, the Warga last with the
// survey shortcuts.
func TestPlaygroundPeople(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "kb.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close(ctx)
	if seeded, err := demo.Seed(ctx, st); err != nil || !seeded {
		t.Fatalf("seed: %v %v", seeded, err)
	}
	panes, err := playgroundPeople(st)(ctx)
	if err != nil {
		t.Fatal(err)
	}
	people, _ := demo.People(ctx, st)
	if len(panes) != len(people) || len(panes) != 7 {
		t.Fatalf("%d panes for %d people", len(panes), len(people))
	}
	for i, p := range people {
		q := panes[i]
		if q.ID != p.ID || q.Name != p.Name || q.Phone != p.Phone || q.Role != p.Role || q.Hidden != p.Hidden ||
			q.Title != p.Title || q.Location == nil || *q.Location != *p.Location || len(q.Shortcuts) != len(p.Shortcuts) {
			t.Errorf("pane %d = %+v, person %+v", i, q, p)
		}
	}
	if w := panes[len(panes)-1]; w.ID != "warga" || w.Shortcuts[0] != (playground.Shortcut{Label: demo.Warga.Shortcuts[0].Label, Text: demo.Warga.Shortcuts[0].Text}) {
		t.Errorf("warga = %+v", w)
	}
}
