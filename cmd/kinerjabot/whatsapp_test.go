package main

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/bot/whatsapp"
	"github.com/kinerjabot/kinerjabot/metrics"
	"github.com/kinerjabot/kinerjabot/outbound"
	"github.com/kinerjabot/kinerjabot/storage"
)

func TestWhatsAppCommand(t *testing.T) {
	e := map[string]string{"DATA_DIR": t.TempDir()}
	code, out, _ := runCmd(t, e, "whatsapp", "status")
	if code != 1 || !strings.Contains(out, "not paired") || !strings.Contains(out, "whatsapp.db") {
		t.Fatalf("status: exit %d, %q", code, out)
	}
	for _, args := range [][]string{{"whatsapp"}, {"whatsapp", "logout"}, {"whatsapp", "login", "extra"}} {
		if code, _, stderr := runCmd(t, e, args...); code != 2 || !strings.Contains(stderr, "whatsapp login") {
			t.Errorf("%v: exit %d, %q", args, code, stderr)
		}
	}
	if code, _, stderr := runCmd(t, map[string]string{"WHATSAPP_DB_URL": "mysql://x"}, "whatsapp", "status"); code != 2 || !strings.Contains(stderr, "WHATSAPP_DB_URL") {
		t.Errorf("bad db url: exit %d, %q", code, stderr)
	}
}

// TestServeWithWhatsAppUnpaired: WhatsApp on without a paired phone does
// not stop the bot: the playground serves, /healthz says how to pair,
// /metrics shows the state, and the admin page wants its password.
func TestServeWithWhatsAppUnpaired(t *testing.T) {
	const token = "admin-token-0123456789"
	s := servePlayground(t, map[string]string{"WHATSAPP_ENABLED": "true", "WHATSAPP_ADMIN_TOKEN": token}, "serve")
	if code, _ := get(t, s.base+"/playground"); code != 200 {
		t.Errorf("/playground = %d", code)
	}
	code, body := get(t, s.base+"/healthz")
	if code != http.StatusServiceUnavailable || !strings.Contains(body, `"whatsapp":"unpaired"`) || !strings.Contains(body, `"redis":"ok"`) {
		t.Errorf("/healthz = %d %s", code, body)
	}
	req, _ := http.NewRequest("GET", s.base+"/metrics", nil)
	req.Header.Set("Accept", "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited;q=0.7,text/plain;version=0.0.4;q=0.3")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	m := string(raw)
	for _, want := range []string{`kinerjabot_whatsapp_state{state="unpaired"} 1`, `kinerjabot_whatsapp_state{state="connected"} 0`,
		`kinerjabot_outbound_sent_total{platform="whatsapp"} 0`} {
		if !strings.Contains(m, want) {
			t.Errorf("/metrics lacks %s:\n%s", want, grep(m, "whatsapp"))
		}
	}
	if code, _ := get(t, s.base+whatsapp.AdminPath); code != http.StatusUnauthorized {
		t.Errorf("admin page without password = %d", code)
	}
	req, _ = http.NewRequest("GET", s.base+whatsapp.AdminPath, nil)
	req.SetBasicAuth("admin", token)
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("admin page = %d", resp.StatusCode)
	}
}

func TestServeWithWhatsAppOffHasNoAdminPage(t *testing.T) {
	s := servePlayground(t, nil, "serve")
	if code, _ := get(t, s.base+whatsapp.AdminPath); code != http.StatusNotFound {
		t.Errorf("admin page with WhatsApp off = %d, want 404", code)
	}
	if _, body := get(t, s.base+"/healthz"); strings.Contains(body, "whatsapp") {
		t.Errorf("/healthz has a whatsapp check with WhatsApp off: %s", body)
	}
}

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

// adminRoster is a store holding only its employees.
type adminRoster struct {
	storage.Store
	emps []storage.Employee
}

func (r adminRoster) ListEmployees(context.Context) ([]storage.Employee, error) { return r.emps, nil }

// nowhere is a sender never called: its queue does not run.
type nowhere struct{}

func (nowhere) Send(context.Context, bot.Reply) (bot.MessageRef, error) { return bot.MessageRef{}, nil }
func (nowhere) AnswerCallback(context.Context, string, string) error    { return nil }

// The alerts the adapter's status hook starts end before the WhatsApp part
// is closed: once wait returns, the one alert for a stop is queued.
func TestAdminAlertsAreWaitedFor(t *testing.T) {
	q := outbound.New(nowhere{}, outbound.Options{Platform: bot.Telegram})
	defer q.Close()
	st := adminRoster{emps: []storage.Employee{
		{NIP: "1", Role: storage.RoleAdmin, Active: true, Accounts: map[string]storage.Account{"telegram": {ChatID: "10"}}},
		{NIP: "2", Active: true, Accounts: map[string]storage.Account{"telegram": {ChatID: "20"}}},
	}}
	a := whatsappAlerter(t.Context(), st, q, "en", slog.New(slog.DiscardHandler))
	hook := a.hook()
	hook(whatsapp.Status{State: whatsapp.StateConnected})
	hook(whatsapp.Status{State: whatsapp.StateStopped, Reason: "logged out"})
	a.wait()
	if n := q.Pending(); n != 1 {
		t.Fatalf("%d alerts queued once wait returned, want 1 (the admin's)", n)
	}
	if (*adminAlerts)(nil).hook() != nil {
		t.Error("no Telegram, yet a status hook")
	}
}
