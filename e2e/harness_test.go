// Package e2e runs the whole bot in-process against a fake Telegram Bot API
// server, built by package app as `kinerjabot serve` builds it: the real
// go-telegram/bot client inside our adapter behind its outbound queue, the
// engine on real Redis (or the in-process fallback), the flows and the
// embedded store.
package e2e

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/app"
	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/bot/telegram"
	"github.com/kinerjabot/kinerjabot/bot/telegram/telegramtest"
	"github.com/kinerjabot/kinerjabot/bot/whatsapp"
	"github.com/kinerjabot/kinerjabot/bot/whatsappcloud"
	"github.com/kinerjabot/kinerjabot/config"
	"github.com/kinerjabot/kinerjabot/conversation"
	"github.com/kinerjabot/kinerjabot/conversation/redistest"
	"github.com/kinerjabot/kinerjabot/importer"
	"github.com/kinerjabot/kinerjabot/storage"
	"github.com/kinerjabot/kinerjabot/storage/sqlite"
)

const waitFor = 10 * time.Second

const unitsCSV = `code,name,type,parent_code,timezone,latitude,longitude
DINKES,Dinas Kesehatan,Dinas,,Asia/Makassar,,
PKM-SMP,Puskesmas Sempaja,Puskesmas,DINKES,Asia/Makassar,-0.4472,117.1598
`

const rosterCSV = `nip,name,unit_code,unit_name,position,supervisor_nip,phone,role
197805122005012003,dr. Rina Wulandari,PKM-SMP,Puskesmas Sempaja,Kepala Puskesmas,,0812-3450-0001,admin
199001152019031004,Budi Santoso,PKM-SMP,Puskesmas Sempaja,Perawat,197805122005012003,081234500002,
198703102012012005,Sari Dewi,PKM-SMP,Puskesmas Sempaja,Bidan,197805122005012003,081234500003,
198402292009032001,Lina Marliani,DINKES,Dinas Kesehatan,Analis Kinerja,,081234500009,admin
`

const (
	nipKapus   = "197805122005012003"
	nipBudi    = "199001152019031004"
	phoneKapus = "6281234500001" // as Telegram sends it: no plus
	phoneBudi  = "+6281234500002"
)

type harness struct {
	api   *telegramtest.Server
	store storage.Store
	st    *flakyStore
	rdb   *redistest.Client
	app   *app.App // the first replica
	tg    *telegram.Adapter
	eng   *conversation.Engine
	apps  []*app.App             // every replica, app first
	engs  []*conversation.Engine // their engines, eng first
	// wa is the WhatsApp adapter once a test runs one (platform_whatsapp_test.go):
	// the handlers fetch WhatsApp photos through it.
	wa atomic.Pointer[whatsapp.Adapter]
	// waCloud is the Cloud API adapter once a test runs one
	// (platform_whatsappcloud_test.go), fetching its photos instead.
	waCloud atomic.Pointer[whatsappcloud.Adapter]
}

type harnessOpt struct {
	webhook bool
	engines int // replicas sharing the store and the Redis; default 1
	now     func() time.Time
	// feedbackPerDay is the daily appreciation limit (default 5).
	feedbackPerDay int
	// engine, when set, runs the bot on that Redis engine (Cluster or
	// Sentinel, engines_test.go), built from the bot's own settings.
	engine redistest.EngineMode
	// storePath, when set, is the SQLite file to use (and keep) instead
	// of a fresh one: a large roster on file (scale_province_test.go).
	storePath string
	// consoleURL, when set, turns the web console on (CONSOLE_URL).
	consoleURL string
}

// waFiles downloads WhatsApp files through the adapter a test runs over a
// fake client (platform_whatsapp_test.go), once it runs one.
type waFiles struct {
	a     *atomic.Pointer[whatsapp.Adapter]
	cloud *atomic.Pointer[whatsappcloud.Adapter]
}

func (f waFiles) Download(ctx context.Context, fileID string, max int64) ([]byte, error) {
	if c := f.cloud.Load(); c != nil {
		return c.Download(ctx, fileID, max)
	}
	a := f.a.Load()
	if a == nil {
		return nil, errors.New("e2e: no WhatsApp adapter runs in this test")
	}
	return a.Download(ctx, fileID, max)
}

// flakyStore is the real store with a switch that makes its writes fail as
// in an outage, for the tests of what a person sees then. It also tells
// when an approval prompt is recorded (promptAdded).
type flakyStore struct {
	storage.Store
	down atomic.Bool

	mu       sync.Mutex
	prompted chan struct{} // closed and replaced at each AddPrompt
	// hold, when set, makes AddPrompt wait until it is closed (a prompt
	// recorded late, after its report was decided).
	hold atomic.Pointer[chan struct{}]
}

func (f *flakyStore) AddPrompt(ctx context.Context, id string, ref storage.MessageRef) error {
	if h := f.hold.Load(); h != nil {
		select {
		case <-*h:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	err := f.Store.AddPrompt(ctx, id, ref)
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.prompted != nil {
		close(f.prompted)
	}
	f.prompted = make(chan struct{})
	return err
}

// promptAdded returns a channel closed at the next AddPrompt.
func (f *flakyStore) promptAdded() <-chan struct{} {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.prompted == nil {
		f.prompted = make(chan struct{})
	}
	return f.prompted
}

var errOutage = fmt.Errorf("%w: connection refused (test outage)", storage.ErrUnavailable)

func (f *flakyStore) CreateActivity(ctx context.Context, a storage.Activity) error {
	if f.down.Load() {
		return errOutage
	}
	return f.Store.CreateActivity(ctx, a)
}

func (f *flakyStore) GetActivity(ctx context.Context, id string) (storage.Activity, error) {
	if f.down.Load() {
		return storage.Activity{}, errOutage
	}
	return f.Store.GetActivity(ctx, id)
}

func quiet() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func start(t *testing.T, o harnessOpt) *harness {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	h := &harness{api: telegramtest.NewServer(t)}
	if o.engine != "" {
		h.rdb = redistest.Engine(t, o.engine)
	} else {
		h.rdb = redistest.New(t)
	}
	st, err := sqlite.Open(ctx, cmp.Or(o.storePath, filepath.Join(t.TempDir(), "kb.db")))
	if err != nil {
		t.Fatal(err)
	}
	h.store = st
	if rep, err := importer.ImportUnits(ctx, st, strings.NewReader(unitsCSV), importer.Options{}); err != nil || !rep.OK() {
		t.Fatalf("import units: %v %+v", err, rep.Refused)
	}
	rep, err := importer.ImportRoster(ctx, st, strings.NewReader(rosterCSV), importer.Options{DefaultTimezone: "Asia/Makassar"})
	if err != nil || !rep.OK() {
		t.Fatalf("import roster: %v %+v", err, rep.Refused)
	}
	h.st = &flakyStore{Store: st}
	cfg := h.config(t, o)
	opts := []app.Option{app.WithStore(h.st), app.WithClock(o.now),
		app.WithSweepEvery(200 * time.Millisecond), app.WithDownloader(bot.WhatsApp, waFiles{&h.wa, &h.waCloud})}
	if o.engine == "" {
		opts = append(opts, app.WithRedis(h.rdb))
	}
	done := make(chan struct{}, max(o.engines, 1))
	for i := range max(o.engines, 1) {
		if i == 1 { // further replicas send; the first receives
			opts = append(opts, app.WithTelegramSendOnly())
		}
		a, err := app.New(ctx, cfg, quiet(), opts...)
		if err != nil {
			t.Fatal(err)
		}
		go func() { a.Run(ctx); done <- struct{}{} }()
		h.apps, h.engs = append(h.apps, a), append(h.engs, a.Engine())
	}
	h.app, h.eng, h.tg = h.apps[0], h.engs[0], h.apps[0].Telegram()
	t.Cleanup(func() {
		cancel()
		for range h.apps {
			<-done
		}
		for _, a := range h.apps {
			a.Close()
		}
		st.Close(context.Background())
	})
	return h
}

// config is the bot's configuration for the harness: Telegram against the
// fake Bot API (by webhook or polling), the test's Redis prefix, a Samarinda
// (WITA) default zone, and no reminders (reminder_test.go runs its own
// passes).
func (h *harness) config(t *testing.T, o harnessOpt) config.Config {
	t.Helper()
	env := map[string]string{
		"HTTP_ADDR": "127.0.0.1:0", "DATA_DIR": t.TempDir(), "REDIS_PREFIX": h.rdb.Prefix, "WORKERS": "4",
		"TELEGRAM_TOKEN": h.api.Token(), "TELEGRAM_API_URL": h.api.URL(), "TELEGRAM_MODE": telegram.ModePolling,
		"BOT_LANGUAGE": "id", "DEFAULT_TIMEZONE": "Asia/Makassar", "SURVEY_SECRET": "e2e-survey-key-0123456789",
		"REMINDERS": "off",
	}
	if o.webhook {
		env["TELEGRAM_MODE"] = telegram.ModeWebhook
		env["TELEGRAM_WEBHOOK_URL"] = "https://bot.example.go.id/telegram/webhook"
		env["TELEGRAM_WEBHOOK_SECRET"] = "s3cret"
	}
	if o.consoleURL != "" {
		env["CONSOLE_URL"] = o.consoleURL
	}
	if o.feedbackPerDay > 0 {
		env["FEEDBACK_PER_DAY"] = strconv.Itoa(o.feedbackPerDay)
	}
	maps.Copy(env, engineSettings(o.engine))
	cfg, err := config.Load(func(k string) (string, bool) { v, ok := env[k]; return v, ok })
	if err != nil {
		t.Fatal(err)
	}
	return cfg
}

func (h *harness) post(handler http.Handler, req *http.Request) int {
	rec := httptest.NewRecorder()
	handler.ServeHTTP(rec, req)
	return rec.Code
}

// texts waits for n sent messages and returns the texts of all of them.
func (h *harness) texts(t *testing.T, n int) []string {
	t.Helper()
	var out []string
	for _, m := range h.api.WaitSent(t, n, waitFor) {
		out = append(out, m.Text)
	}
	return out
}

func (h *harness) linked(t *testing.T, userID string) string {
	t.Helper()
	e, err := h.store.EmployeeByAccount(context.Background(), "telegram", userID)
	if err != nil {
		return ""
	}
	return e.NIP
}

func contains(t *testing.T, got, want string) {
	t.Helper()
	if !strings.Contains(got, want) {
		t.Fatalf("message %q does not contain %q", got, want)
	}
}
