package metrics_test

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/metrics"
)

func scrape(t *testing.T, m *metrics.Metrics) string {
	t.Helper()
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	body, _ := io.ReadAll(rec.Body)
	return string(body)
}

func TestOperationsSeries(t *testing.T) {
	m := metrics.New()
	queued := 7
	m.WatchInbox(func() int { return queued })
	hook := m.Webhook(bot.Telegram, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("X-Secret") != "ok" {
			w.WriteHeader(http.StatusUnauthorized)
		}
	}))
	for _, secret := range []string{"ok", "ok", "bad"} {
		req := httptest.NewRequest("POST", "/telegram/webhook", nil)
		req.Header.Set("X-Secret", secret)
		hook.ServeHTTP(httptest.NewRecorder(), req)
	}
	m.InboxWait(bot.WhatsApp, 2*time.Minute)
	m.InboxWait(bot.WhatsApp, -time.Second) // clock skew counts as 0
	at := time.Unix(1_800_000_000, 0)
	m.SchedulerPass(nil, 3, at)
	m.SchedulerPass(errors.New("store down"), 0, at.Add(time.Minute))

	body := scrape(t, m)
	for _, want := range []string{
		`kinerjabot_webhook_requests_total{code="200",platform="telegram"} 2`,
		`kinerjabot_webhook_requests_total{code="401",platform="telegram"} 1`,
		`kinerjabot_webhook_requests_total{code="500",platform="telegram"} 0`,
		`kinerjabot_inbox_wait_seconds_bucket{platform="whatsapp",le="60"} 1`,
		`kinerjabot_inbox_wait_seconds_bucket{platform="whatsapp",le="300"} 2`,
		`kinerjabot_inbox_wait_seconds_count{platform="telegram"} 0`,
		`kinerjabot_inbox_queued_chats 7`,
		`kinerjabot_scheduler_passes_total{outcome="ok"} 1`,
		`kinerjabot_scheduler_passes_total{outcome="failed"} 1`,
		`kinerjabot_scheduler_last_success_timestamp_seconds 1.8e+09`,
		`kinerjabot_reminders_behind 3`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("missing %s", want)
		}
	}
	queued = 0
	if !strings.Contains(scrape(t, m), "kinerjabot_inbox_queued_chats 0") {
		t.Error("queued chats not read at scrape time")
	}
}
