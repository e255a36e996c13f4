package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/bot/telegram/telegramtest"
	"github.com/kinerjabot/kinerjabot/conversation/redistest"
	"github.com/kinerjabot/kinerjabot/storage/sqlite"
)

func env(m map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

func runCmd(t *testing.T, e map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, &out, &errb, env(e))
	return code, out.String(), errb.String()
}

func TestInvalidConfigurationExits2WithEveryProblem(t *testing.T) {
	code, _, stderr := runCmd(t, map[string]string{"BOT_LANGUAGE": "jv", "TELEGRAM_MODE": "push"}, "serve")
	if code != 2 || !strings.Contains(stderr, "BOT_LANGUAGE") || !strings.Contains(stderr, "TELEGRAM_MODE") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
}

func TestUnknownCommand(t *testing.T) {
	code, _, stderr := runCmd(t, nil, "frobnicate")
	if code != 2 || !strings.Contains(stderr, "Usage") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
}

func TestImportCommands(t *testing.T) {
	dir := t.TempDir()
	e := map[string]string{"DATA_DIR": dir, "DEFAULT_TIMEZONE": "Asia/Makassar"}
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("nip,name,unit_code,unit_name,position,supervisor_nip,phone,role\n"+
		"12345,X,PKM-SEMPAJA,,Perawat,,08123,\n"+
		"19910101 201501 1 001,Dewi,PKM-SEMPAJA,,Perawat,,081299990001,\n"), 0o600)
	cases := []struct {
		name string
		args []string
		code int
		out  string
	}{
		{"units", []string{"import-units", "../../examples/units.csv"}, 0, "4 baris diterima, 0 baris ditolak"},
		{"roster", []string{"import-roster", "../../examples/roster.csv"}, 0, "9 pegawai baru"},
		{"re-import updates in place", []string{"import-roster", "../../examples/roster.csv"}, 0, "0 pegawai baru, 9 diperbarui"},
		{"skp targets", []string{"import-skp", "../../examples/skp.csv"}, 0, "0 baris ditolak"},
		{"a bad row writes nothing", []string{"import-roster", bad}, 1, "Tidak ada data yang disimpan"},
		{"--partial writes the good row", []string{"import-roster", bad, "--partial"}, 1, "1 pegawai baru"},
		{"missing file", []string{"import-roster", filepath.Join(dir, "nope.csv")}, 2, ""},
		{"no file", []string{"import-roster"}, 2, ""},
		{"--deactivate-missing asks first", []string{"import-roster", "../../examples/roster.csv", "--deactivate-missing"}, 1,
			"1 pegawai aktif di data tidak ada di berkas ini dan akan dinonaktifkan: Dewi"},
		{"--yes deactivates", []string{"import-roster", "../../examples/roster.csv", "--deactivate-missing", "--yes"}, 0,
			"1 pegawai yang tidak ada di berkas dinonaktifkan: Dewi"},
	}
	for _, tc := range cases {
		code, out, stderr := runCmd(t, e, tc.args...)
		if code != tc.code || !strings.Contains(out, tc.out) {
			t.Fatalf("%s: exit %d (want %d)\nstdout: %s\nstderr: %s", tc.name, code, tc.code, out, stderr)
		}
	}
	st, err := sqlite.Open(context.Background(), filepath.Join(dir, "kinerjabot.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close(context.Background())
	es, _ := st.ListEmployees(context.Background())
	if len(es) != 10 {
		t.Fatalf("%d employees stored, want 9 from the example and 1 from --partial", len(es))
	}
}

func freeAddr(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return l.Addr().String()
}

// The binary's serve, as deployed behind a Telegram webhook: health and
// metrics answer, the webhook refuses a wrong secret, a roster imported
// while serving is used at once, and a person registers.
func TestServeWithTelegramWebhook(t *testing.T) {
	api := telegramtest.NewServer(t)
	rdb := redistest.New(t)
	addr, dir := freeAddr(t), t.TempDir()
	e := map[string]string{
		"HTTP_ADDR": addr, "DATA_DIR": dir, "REDIS_PREFIX": rdb.Prefix,
		"TELEGRAM_TOKEN": api.Token(), "TELEGRAM_API_URL": api.URL(), "TELEGRAM_MODE": "webhook",
		"TELEGRAM_WEBHOOK_URL": "https://kinerja.example.go.id/tg", "TELEGRAM_WEBHOOK_SECRET": "rahasia",
		"LOG_LEVEL": "error",
	}
	if rdb.Real {
		e["REDIS_URL"] = redistest.URL()
	}
	ctx, cancel := context.WithCancel(context.Background())
	exited := make(chan int)
	go func() { exited <- run(ctx, []string{"serve"}, io.Discard, io.Discard, env(e)) }()
	hook := api.WaitWebhook(t, 10*time.Second)
	if hook.URL != "https://kinerja.example.go.id/tg" || hook.Secret != "rahasia" {
		t.Fatalf("setWebhook = %+v", hook)
	}
	base := "http://" + addr
	if code, body := get(t, base+"/healthz"); code != 200 || !strings.Contains(body, `"redis":"ok"`) || !strings.Contains(body, `"store":"ok"`) {
		t.Fatalf("/healthz = %d %s", code, body)
	}
	if code, _, _ := runCmd(t, e, "import-roster", "../../examples/roster.csv"); code != 0 {
		t.Fatalf("import while serving: exit %d", code)
	}
	wrong := telegramtest.WebhookRequest(api.Text(7001, "/start"), "salah")
	if code := post(t, base+"/tg", wrong); code != http.StatusUnauthorized {
		t.Fatalf("wrong secret: %d", code)
	}
	if code := post(t, base+"/tg", telegramtest.WebhookRequest(api.Contact(7001, 7001, "6281254012233"), "rahasia")); code != 200 {
		t.Fatalf("webhook: %d", code)
	}
	msg := api.WaitSent(t, 1, 10*time.Second)[0]
	if !strings.Contains(msg.Text, "dr. Ratna Wulansari") || !strings.Contains(msg.Text, "UPTD Puskesmas Sempaja") {
		t.Fatalf("welcome = %q", msg.Text)
	}
	if _, body := get(t, base+"/metrics"); !strings.Contains(body, `kinerjabot_updates_total{kind="contact",outcome="ok"} 1`) {
		t.Fatalf("/metrics lacks the handled update:\n%s", grep(body, "kinerjabot_"))
	}
	cancel()
	select {
	case code := <-exited:
		if code != 0 {
			t.Fatalf("serve exited %d", code)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not stop")
	}
}

func get(t *testing.T, url string) (int, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func post(t *testing.T, url string, req *http.Request) int {
	t.Helper()
	r, err := http.NewRequest(http.MethodPost, url, req.Body)
	if err != nil {
		t.Fatal(err)
	}
	r.Header = req.Header
	resp, err := http.DefaultClient.Do(r)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

func grep(s, sub string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

func TestPosterAndIKMCommands(t *testing.T) {
	dir := t.TempDir()
	e := map[string]string{"DATA_DIR": dir}
	if code, _, stderr := runCmd(t, e, "import-units", "../../examples/units.csv"); code != 0 {
		t.Fatalf("import-units: %d %s", code, stderr)
	}
	code, out, stderr := runCmd(t, e, "qr", "--unit", "PKM-SEMPAJA", "--counter", "2", "--bot", "KinerjaSamarinda_bot", "--out", dir)
	if code != 0 || !strings.Contains(out, "https://t.me/KinerjaSamarinda_bot?start=skm_PKM-SEMPAJA_2") {
		t.Fatalf("qr: exit %d\n%s\n%s", code, out, stderr)
	}
	for _, ext := range []string{".png", ".pdf"} {
		if fi, err := os.Stat(filepath.Join(dir, "poster-skm-PKM-SEMPAJA-loket2"+ext)); err != nil || fi.Size() < 1000 {
			t.Fatalf("poster %s: %v", ext, err)
		}
	}
	if code, _, stderr := runCmd(t, e, "qr", "--unit", "PKM-SEMPAJA", "--out", dir); code != 2 || !strings.Contains(stderr, "TELEGRAM_BOT_USERNAME") {
		t.Fatalf("qr without a bot name: exit %d %s", code, stderr)
	}
	if code, _, stderr := runCmd(t, e, "qr", "--unit", "NOPE", "--bot", "KinerjaSamarinda_bot", "--out", dir); code != 2 || !strings.Contains(stderr, "not known") {
		t.Fatalf("qr for an unknown unit: exit %d %s", code, stderr)
	}
	code, out, _ = runCmd(t, e, "ikm", "--unit", "PKM-SEMPAJA", "--from", "2026-01-01", "--to", "2026-12-31")
	if code != 0 || !strings.Contains(out, "Responden: 0") || !strings.Contains(out, "N = 12000): 372") {
		t.Fatalf("ikm: exit %d\n%s", code, out)
	}
	if code, _, _ := runCmd(t, e, "ikm", "--unit", "PKM-SEMPAJA", "--from", "kemarin"); code != 2 {
		t.Fatalf("ikm with a bad date: exit %d", code)
	}
}

// Without REDIS_URL the conversation state lives in DATA_DIR, which one
// process at a time may serve: a second serve on it stops at once, saying
// why and what to do instead.
func TestSecondServeOnOneDataDirIsRefused(t *testing.T) {
	dir := t.TempDir()
	first := map[string]string{"HTTP_ADDR": freeAddr(t), "DATA_DIR": dir, "PLAYGROUND": "off", "LOG_LEVEL": "error"}
	ctx, cancel := context.WithCancel(context.Background())
	exited := make(chan int, 1)
	go func() { exited <- run(ctx, []string{"serve"}, io.Discard, io.Discard, env(first)) }()
	defer func() {
		cancel()
		if code := <-exited; code != 0 {
			t.Errorf("the first serve exited %d", code)
		}
	}()
	for deadline := time.Now().Add(15 * time.Second); ; {
		resp, err := http.Get("http://" + first["HTTP_ADDR"] + "/healthz")
		if err == nil {
			resp.Body.Close()
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the first serve did not answer /healthz")
		}
		select {
		case code := <-exited:
			t.Fatalf("the first serve exited %d", code)
		case <-time.After(20 * time.Millisecond):
		}
	}
	second := map[string]string{"HTTP_ADDR": freeAddr(t), "DATA_DIR": dir, "PLAYGROUND": "off"}
	code, _, stderr := runCmd(t, second, "serve")
	if code != 1 || !strings.Contains(stderr, "in use by another process") || !strings.Contains(stderr, "REDIS_URL") {
		t.Fatalf("second serve: exit %d, stderr %q", code, stderr)
	}
}
