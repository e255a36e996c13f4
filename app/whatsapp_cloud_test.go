package app

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/bot/whatsappcloud"
	"github.com/kinerjabot/kinerjabot/bot/whatsappcloud/cloudtest"
	"github.com/kinerjabot/kinerjabot/config"
	"github.com/kinerjabot/kinerjabot/conversation/redistest"
	"github.com/kinerjabot/kinerjabot/storage/sqlite"
)

// The Cloud API transport, selected by configuration: its webhook is
// mounted at WHATSAPP_CLOUD_PATH, replies go out through it, and once the
// API refuses the token /healthz fails its whatsapp_cloud check.
func TestWhatsAppCloudWired(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s := cloudtest.NewServer(t)
	rdb := redistest.New(t)
	cfg, err := config.Load(env(map[string]string{
		"WHATSAPP_CLOUD_TOKEN": cloudtest.Token, "WHATSAPP_CLOUD_PHONE_NUMBER_ID": cloudtest.PhoneNumberID,
		"WHATSAPP_CLOUD_APP_SECRET": cloudtest.AppSecret, "WHATSAPP_CLOUD_VERIFY_TOKEN": cloudtest.VerifyToken,
		"WHATSAPP_CLOUD_API_URL": s.URL(), "WHATSAPP_CLOUD_API_VERSION": cloudtest.Version,
		"WHATSAPP_CLOUD_PATH": "/wa/hook", "REDIS_PREFIX": rdb.Prefix, "REMINDERS": "off",
	}))
	if err != nil {
		t.Fatal(err)
	}
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "kb.db"))
	if err != nil {
		t.Fatal(err)
	}
	expired := make(chan struct{}, 1)
	log := slog.New(&watchLog{want: "REFUSED THE ACCESS TOKEN", seen: expired})
	a, err := New(ctx, cfg, log, WithStore(st), WithRedis(rdb))
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	done := make(chan struct{})
	go func() { a.Run(ctx); close(done) }()
	defer func() { cancel(); <-done }()
	s.Hook(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.URL.Path = "/wa/hook"
		a.Handler().ServeHTTP(w, r)
	}))

	s.Deliver(t, cloudtest.Text("6285200009999", "Tamu", "halo"))
	s.WaitSent(t, 1, 10*time.Second)
	if got := s.SentTo("6285200009999"); len(got) == 0 || got[0].Body() == "" {
		t.Fatalf("no reply: %+v", got)
	}
	if code := health(a); code != http.StatusOK {
		t.Fatalf("/healthz %d before the token expired", code)
	}

	s.Fail("", whatsappcloud.CodeTokenExpired, http.StatusUnauthorized)
	n := len(s.Sent())
	s.Deliver(t, cloudtest.Text("6285200009999", "Tamu", "halo lagi"))
	select {
	case <-expired:
	case <-time.After(10 * time.Second):
		t.Fatal("the refused token was not reported")
	}
	if code := health(a); code != -http.StatusServiceUnavailable {
		t.Fatalf("/healthz %d after the API refused the token, want 503 naming whatsapp_cloud", code)
	}
	if len(s.Sent()) != n {
		t.Fatal("a message went out after the token expired")
	}
}

// watchLog discards logs and signals seen at the first whose message
// contains want.
type watchLog struct {
	want string
	seen chan struct{}
}

func (w *watchLog) Enabled(context.Context, slog.Level) bool { return true }
func (w *watchLog) WithAttrs([]slog.Attr) slog.Handler       { return w }
func (w *watchLog) WithGroup(string) slog.Handler            { return w }
func (w *watchLog) Handle(_ context.Context, r slog.Record) error {
	if strings.Contains(r.Message, w.want) {
		select {
		case w.seen <- struct{}{}:
		default:
		}
	}
	return nil
}

// health is /healthz's status, negative when it fails naming whatsapp_cloud.
func health(a *App) int {
	rec := httptest.NewRecorder()
	a.Handler().ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/healthz", nil))
	if rec.Code != http.StatusOK && strings.Contains(rec.Body.String(), "whatsapp_cloud") {
		return -rec.Code
	}
	return rec.Code
}
