package metrics

import (
	"context"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/kinerjabot/kinerjabot/storage"
)

// Practices and onboarding (storage.OnboardingStore): a practice run
// recorded counts in kinerjabot_practices_total by role.

func (s Store) RecordPractice(ctx context.Context, p storage.Practice) error {
	err := s.count("record_practice", s.Store.RecordPractice(ctx, p))
	if err == nil {
		s.m.practiceCounter().WithLabelValues(string(p.Role)).Inc()
	}
	return err
}

func (s Store) PracticesOf(ctx context.Context, nips []string) ([]storage.Practice, error) {
	ps, err := s.Store.PracticesOf(ctx, nips)
	return ps, s.count("practices_of", err)
}

func (s Store) ReportersAmong(ctx context.Context, nips []string) ([]string, error) {
	ns, err := s.Store.ReportersAmong(ctx, nips)
	return ns, s.count("reporters_among", err)
}

// practiceCounter registers the practice counter on first use, with both
// roles at 0.
func (m *Metrics) practiceCounter() *prometheus.CounterVec {
	m.practicesOnce.Do(func() {
		m.practices = prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "kinerjabot_practices_total", Help: "Practice runs (/latihan) completed, by role.",
		}, []string{"role"})
		m.reg.MustRegister(m.practices)
		for _, r := range []storage.PracticeRole{storage.PracticeStaff, storage.PracticeSupervisor} {
			m.practices.WithLabelValues(string(r))
		}
	})
	return m.practices
}
