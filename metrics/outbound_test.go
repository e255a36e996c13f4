package metrics_test

import (
	"io"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/metrics"
	"github.com/kinerjabot/kinerjabot/outbound"
)

func TestOutboundCounters(t *testing.T) {
	m := metrics.New()
	// The methods fit the queue's options as they are.
	_ = outbound.Options{OnSent: m.OutboundSent, OnDropped: m.OutboundDropped, OnRateLimited: m.OutboundRateLimited}
	m.OutboundSent(bot.Telegram)
	m.OutboundSent(bot.Telegram)
	m.OutboundDropped(bot.Telegram, outbound.ReasonFailed)
	m.OutboundBlocked(bot.Telegram)
	m.OutboundRateLimited(bot.Telegram)
	m.SendError(bot.Telegram) // the existing counters still work

	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	body, _ := io.ReadAll(rec.Body)
	for _, want := range []string{
		`kinerjabot_outbound_sent_total{platform="telegram"} 2`,
		`kinerjabot_outbound_dropped_total{platform="telegram",reason="failed"} 1`,
		`kinerjabot_outbound_dropped_total{platform="telegram",reason="shutdown"} 0`,
		`kinerjabot_outbound_dropped_total{platform="whatsapp",reason="blocked"} 0`,
		`kinerjabot_outbound_blocked_total{platform="telegram"} 1`,
		`kinerjabot_outbound_rate_limited_total{platform="telegram"} 1`,
		`kinerjabot_outbound_sent_total{platform="playground"} 0`,
		`kinerjabot_send_errors_total{platform="telegram"} 1`,
	} {
		if !strings.Contains(string(body), want) {
			t.Errorf("missing %s", want)
		}
	}
	// Every reason the queue gives has a series from the start.
	for _, r := range []string{outbound.ReasonBlocked, outbound.ReasonFailed, outbound.ReasonRateLimited,
		outbound.ReasonCancelled, outbound.ReasonShutdown} {
		if !strings.Contains(string(body), `reason="`+r+`"`) {
			t.Errorf("no series for reason %q", r)
		}
	}
}
