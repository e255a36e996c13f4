package main

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/kinerjabot/kinerjabot/bot/whatsapp"
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
// not stop the bot: /healthz says how to pair, /metrics shows the state,
// and the admin page wants its password. A deployment with a platform has
// no playground unless asked for: nobody moves its clock or files surveys
// from it.
func TestServeWithWhatsAppUnpaired(t *testing.T) {
	const token = "admin-token-0123456789"
	s := servePlayground(t, map[string]string{"WHATSAPP_ENABLED": "true", "WHATSAPP_ADMIN_TOKEN": token}, "serve")
	if code, _ := get(t, s.base+"/playground"); code != http.StatusNotFound {
		t.Errorf("/playground with WhatsApp on = %d, want 404", code)
	}
	if code := s.clockJump(t); code != http.StatusNotFound {
		t.Errorf("clock jump with WhatsApp on = %d, want 404", code)
	}
	if strings.Contains(s.out.String(), "Playground:") {
		t.Errorf("playground address printed with WhatsApp on: %s", s.out.String())
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

// PLAYGROUND=on beside WhatsApp runs the playground, says so in the log,
// and offers no clock control: the clock of a deployment with a platform
// never moves.
func TestServeWithWhatsAppAndPlaygroundAskedFor(t *testing.T) {
	s := servePlayground(t, map[string]string{"WHATSAPP_ENABLED": "true", "PLAYGROUND": "on", "LOG_LEVEL": "warn"}, "serve")
	if code, _ := get(t, s.base+"/playground"); code != 200 {
		t.Errorf("/playground = %d", code)
	}
	if code := s.clockJump(t); code != http.StatusNotFound {
		t.Errorf("clock jump beside WhatsApp = %d, want 404", code)
	}
	if !strings.Contains(s.log.String(), "playground is on beside a real platform") {
		t.Errorf("no warning in the log:\n%s", s.log.String())
	}
}

// clockJump asks the playground to move the clock to tomorrow 08:00 and
// returns the status.
func (s *served) clockJump(t *testing.T) int {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, s.base+"/playground/api/clock", strings.NewReader(`{"jump":"tomorrow"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Playground", "1")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}
