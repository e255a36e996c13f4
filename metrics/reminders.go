package metrics

import "github.com/prometheus/client_golang/prometheus"

// reminderKinds are the scheduler's kinds (its Kind constants), listed so
// that their series read 0 from the start.
var reminderKinds = []string{"staff", "month_end", "digest", "escalation", "timeout"}

// Reminders counts the scheduler's outcomes by kind: sent, failed (the
// platform refused it after retries, or the person blocked the bot) and
// unconfirmed (started by a replica that died before it knew).
type Reminders struct {
	outcomes *prometheus.CounterVec
}

// Reminders registers and returns the reminder counters.
func (m *Metrics) Reminders() *Reminders {
	m.remindersOnce.Do(func() {
		m.reminders = &Reminders{outcomes: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "kinerjabot_reminders_total", Help: "Reminders, digests and escalations by kind and outcome (sent, failed, unconfirmed).",
		}, []string{"kind", "outcome"})}
		m.reg.MustRegister(m.reminders.outcomes)
		for _, k := range reminderKinds {
			for _, o := range []string{"sent", "failed", "unconfirmed"} {
				m.reminders.outcomes.WithLabelValues(k, o)
			}
		}
	})
	return m.reminders
}

// Sent, Failed and Unconfirmed count one reminder of kind.
func (r *Reminders) Sent(kind string)        { r.outcomes.WithLabelValues(kind, "sent").Inc() }
func (r *Reminders) Failed(kind string)      { r.outcomes.WithLabelValues(kind, "failed").Inc() }
func (r *Reminders) Unconfirmed(kind string) { r.outcomes.WithLabelValues(kind, "unconfirmed").Inc() }
