package metrics

import (
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/kinerjabot/kinerjabot/bot"
)

// operations are the series the alert rules in deploy/prometheus watch
// beyond the engine's counters: the webhook's answers, how long updates
// waited in their inbox and how many chats wait for a worker, and the
// scheduler's passes.
type operations struct {
	webhook   *prometheus.CounterVec
	inboxWait *prometheus.HistogramVec
	passes    *prometheus.CounterVec
	lastPass  prometheus.Gauge
	behind    prometheus.Gauge
}

func newOperations() operations {
	return operations{
		webhook: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "kinerjabot_webhook_requests_total", Help: "Webhook requests answered, by platform and HTTP status code.",
		}, []string{"platform", "code"}),
		inboxWait: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "kinerjabot_inbox_wait_seconds", Help: "Age of an update (since the platform's timestamp) when its handling starts, by platform.",
			Buckets: []float64{.05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600},
		}, []string{"platform"}),
		passes: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "kinerjabot_scheduler_passes_total", Help: "Scheduler passes on the replica holding the lease, by outcome (ok, failed).",
		}, []string{"outcome"}),
		lastPass: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "kinerjabot_scheduler_last_success_timestamp_seconds", Help: "When this replica's last scheduler pass succeeded (0: none yet).",
		}),
		behind: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "kinerjabot_reminders_behind", Help: "Reminders due in this replica's last scheduler pass but left for a later one (not claimed, not made, or withdrawn).",
		}),
	}
}

func (o operations) register(reg *prometheus.Registry) {
	reg.MustRegister(o.webhook, o.inboxWait, o.passes, o.lastPass, o.behind)
	for _, p := range []bot.Platform{bot.Telegram, bot.WhatsApp} {
		o.inboxWait.WithLabelValues(string(p))
	}
	// The Telegram webhook's answers: accepted, wrong secret, not written
	// to Redis (the ratio of the last to all is an alert).
	for _, code := range []string{"200", "401", "500"} {
		o.webhook.WithLabelValues(string(bot.Telegram), code)
	}
	for _, outcome := range []string{"ok", "failed"} {
		o.passes.WithLabelValues(outcome)
	}
}

// Webhook counts the answers h gives to p's webhook requests by status code.
func (m *Metrics) Webhook(p bot.Platform, h http.Handler) http.Handler {
	return promhttp.InstrumentHandlerCounter(m.ops.webhook.MustCurryWith(prometheus.Labels{"platform": string(p)}), h)
}

// InboxWait implements conversation.Observer.
func (m *Metrics) InboxWait(p bot.Platform, waited time.Duration) {
	m.ops.inboxWait.WithLabelValues(string(p)).Observe(max(waited, 0).Seconds())
}

// WatchInbox shows queued() (chats this process has accepted work for and
// no worker has taken yet; conversation.Engine.Queued) at each scrape as
// kinerjabot_inbox_queued_chats. Call it once.
func (m *Metrics) WatchInbox(queued func() int) {
	m.reg.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "kinerjabot_inbox_queued_chats", Help: "Chats with accepted updates waiting for a worker in this process.",
	}, func() float64 { return float64(queued()) }))
}

// SchedulerPass records one scheduler pass: failed when err is not nil,
// else the time of success and the reminders it left for a later pass.
func (m *Metrics) SchedulerPass(err error, behind int, at time.Time) {
	if err != nil {
		m.ops.passes.WithLabelValues("failed").Inc()
		return
	}
	m.ops.passes.WithLabelValues("ok").Inc()
	m.ops.lastPass.Set(float64(at.Unix()))
	m.ops.behind.Set(float64(behind))
}
