// Package metrics holds kinerjabot's Prometheus collectors on a registry of
// its own (no global state) and implements the conversation engine's
// Observer.
package metrics

import (
	"net/http"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/conversation"
)

// Metrics is the set of collectors.
type Metrics struct {
	reg        *prometheus.Registry
	updates    *prometheus.CounterVec
	latency    *prometheus.HistogramVec
	duplicates *prometheus.CounterVec
	redisErrs  *prometheus.CounterVec
	storeErrs  *prometheus.CounterVec
	sendErrs   *prometheus.CounterVec

	// The outbound queue (package outbound).
	outSent    *prometheus.CounterVec
	outDropped *prometheus.CounterVec
	outBlocked *prometheus.CounterVec
	outLimited *prometheus.CounterVec

	remindersOnce sync.Once
	reminders     *Reminders

	practicesOnce sync.Once
	practices     *prometheus.CounterVec

	ops operations
}

var _ conversation.Observer = (*Metrics)(nil)

// New registers the collectors, with Go runtime and process collectors.
func New() *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		updates: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "kinerjabot_updates_total", Help: "Updates handled, by kind and outcome.",
		}, []string{"kind", "outcome"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "kinerjabot_handler_seconds", Help: "Time to handle an update (handler and record writes).",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
		}, []string{"kind"}),
		duplicates: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "kinerjabot_duplicate_updates_total", Help: "Redelivered updates dropped, by platform.",
		}, []string{"platform"}),
		redisErrs: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "kinerjabot_redis_errors_total", Help: "Failed Redis operations, by operation.",
		}, []string{"op"}),
		storeErrs: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "kinerjabot_store_errors_total", Help: "Failed record store operations, by operation.",
		}, []string{"op"}),
		sendErrs: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "kinerjabot_send_errors_total", Help: "Replies that could not be delivered, by platform.",
		}, []string{"platform"}),
		outSent: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "kinerjabot_outbound_sent_total", Help: "Messages delivered through the outbound queue (replies and bulk), by platform.",
		}, []string{"platform"}),
		outDropped: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "kinerjabot_outbound_dropped_total", Help: "Bulk messages (reminders, digests) not delivered, by platform and reason.",
		}, []string{"platform", "reason"}),
		outBlocked: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "kinerjabot_outbound_blocked_total", Help: "Chats found to have blocked the bot, by platform.",
		}, []string{"platform"}),
		outLimited: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "kinerjabot_outbound_rate_limited_total", Help: "Sends refused by the platform's rate limit (429), by platform.",
		}, []string{"platform"}),
		ops: newOperations(),
	}
	m.ops.register(m.reg)
	m.reg.MustRegister(m.updates, m.latency, m.duplicates, m.redisErrs, m.storeErrs, m.sendErrs,
		m.outSent, m.outDropped, m.outBlocked, m.outLimited,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	// Series that should read 0 rather than be absent before anything happens.
	for _, p := range []bot.Platform{bot.Telegram, bot.WhatsApp, bot.Playground} {
		m.duplicates.WithLabelValues(string(p))
		m.sendErrs.WithLabelValues(string(p))
		m.outSent.WithLabelValues(string(p))
		m.outBlocked.WithLabelValues(string(p))
		m.outLimited.WithLabelValues(string(p))
		for _, r := range outboundReasons {
			m.outDropped.WithLabelValues(string(p), r)
		}
	}
	for _, op := range []string{"accept", "step", "sweep"} {
		m.redisErrs.WithLabelValues(op)
	}
	return m
}

// Handler serves the metrics in the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

// UpdateHandled implements conversation.Observer.
func (m *Metrics) UpdateHandled(kind bot.Kind, outcome string, took time.Duration) {
	m.updates.WithLabelValues(string(kind), outcome).Inc()
	m.latency.WithLabelValues(string(kind)).Observe(took.Seconds())
}

// Duplicate implements conversation.Observer.
func (m *Metrics) Duplicate(p bot.Platform) { m.duplicates.WithLabelValues(string(p)).Inc() }

// RedisError implements conversation.Observer.
func (m *Metrics) RedisError(op string) { m.redisErrs.WithLabelValues(op).Inc() }

// SendError implements conversation.Observer.
func (m *Metrics) SendError(p bot.Platform) { m.sendErrs.WithLabelValues(string(p)).Inc() }

// StoreError counts a failed record store operation.
func (m *Metrics) StoreError(op string) { m.storeErrs.WithLabelValues(op).Inc() }

// outboundReasons are the drop reasons of package outbound (its Reason
// constants), listed here so that their series read 0 from the start
// without this package importing outbound.
var outboundReasons = []string{"blocked", "failed", "rate_limited", "cancelled", "shutdown"}

// OutboundSent counts a message delivered through the outbound queue
// (outbound.Options.OnSent).
func (m *Metrics) OutboundSent(p bot.Platform) { m.outSent.WithLabelValues(string(p)).Inc() }

// OutboundDropped counts a bulk message not delivered, with its reason
// (outbound.Options.OnDropped).
func (m *Metrics) OutboundDropped(p bot.Platform, reason string) {
	m.outDropped.WithLabelValues(string(p), reason).Inc()
}

// OutboundBlocked counts a chat found to have blocked the bot (call it from
// outbound.Options.OnBlocked).
func (m *Metrics) OutboundBlocked(p bot.Platform) { m.outBlocked.WithLabelValues(string(p)).Inc() }

// OutboundRateLimited counts a 429 (outbound.Options.OnRateLimited).
func (m *Metrics) OutboundRateLimited(p bot.Platform) { m.outLimited.WithLabelValues(string(p)).Inc() }
