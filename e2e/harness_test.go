// Package e2e runs the whole bot in-process against a fake Telegram Bot API
// server: the real go-telegram/bot client inside our adapter, the engine on
// real Redis (or the in-process fallback), the flows and the embedded store.
package e2e

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/bot/telegram"
	"github.com/kinerjabot/kinerjabot/bot/telegram/telegramtest"
	"github.com/kinerjabot/kinerjabot/conversation"
	"github.com/kinerjabot/kinerjabot/conversation/redistest"
	"github.com/kinerjabot/kinerjabot/handlers"
	"github.com/kinerjabot/kinerjabot/roster"
	"github.com/kinerjabot/kinerjabot/storage"
	"github.com/kinerjabot/kinerjabot/storage/sqlite"
)

const waitFor = 10 * time.Second

const rosterCSV = `nip,name,unit_code,unit_name,position,supervisor_nip,phone,role
197805122005012003,dr. Rina Wulandari,PKM-SMP,Puskesmas Sempaja,Kepala Puskesmas,,0812-3450-0001,admin
199001152019031004,Budi Santoso,PKM-SMP,Puskesmas Sempaja,Perawat,197805122005012003,081234500002,
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
	rdb   *redistest.Client
	tg    *telegram.Adapter
	eng   *conversation.Engine
}

type harnessOpt struct {
	webhook bool
	engines int // engines sharing the Redis (replicas); default 1
}

func quiet() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func start(t *testing.T, o harnessOpt) *harness {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	h := &harness{api: telegramtest.NewServer(t), rdb: redistest.New(t)}
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "kb.db"))
	if err != nil {
		t.Fatal(err)
	}
	h.store = st
	rep, err := roster.ImportRoster(ctx, st, strings.NewReader(rosterCSV), roster.Options{DefaultTimezone: "Asia/Makassar"})
	if err != nil || !rep.OK() {
		t.Fatalf("import roster: %v %+v", err, rep.Refused)
	}
	mode := telegram.ModePolling
	if o.webhook {
		mode = telegram.ModeWebhook
	}
	h.tg, err = telegram.New(ctx, telegram.Options{
		Token: h.api.Token(), APIURL: h.api.URL(), Mode: mode, PollTimeout: time.Second,
		WebhookURL: "https://bot.example.go.id/telegram/webhook", WebhookSecret: "s3cret",
	}, quiet())
	if err != nil {
		t.Fatal(err)
	}
	router := handlers.New(st, quiet(), handlers.Options{Language: "id"})
	if o.engines == 0 {
		o.engines = 1
	}
	done := make(chan struct{}, o.engines+1)
	for i := range o.engines {
		e := conversation.New(h.rdb, router, handlers.Applier{Store: st}, quiet(), conversation.Options{
			Prefix: h.rdb.Prefix, Workers: 4, SweepEvery: 200 * time.Millisecond,
		})
		e.AddSender(bot.Telegram, h.tg)
		go func() { e.Run(ctx); done <- struct{}{} }()
		if i == 0 {
			h.eng = e
		}
	}
	go func() { h.tg.Run(ctx, h.eng); done <- struct{}{} }()
	t.Cleanup(func() {
		cancel()
		for range o.engines + 1 {
			<-done
		}
		st.Close(context.Background())
	})
	return h
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
