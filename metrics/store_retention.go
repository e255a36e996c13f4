package metrics

import (
	"context"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/kinerjabot/kinerjabot/storage"
)

// The retention job's store calls (storage.RetentionStore).

func (s Store) ScanEvidence(ctx context.Context, q storage.EvidenceScan) ([]storage.Evidence, error) {
	es, err := s.Store.ScanEvidence(ctx, q)
	return es, s.count("scan_evidence", err)
}

func (s Store) ActivitiesAmong(ctx context.Context, ids []string) ([]string, error) {
	found, err := s.Store.ActivitiesAmong(ctx, ids)
	return found, s.count("activities_among", err)
}

func (s Store) DeleteEvidence(ctx context.Context, id string) error {
	return s.count("delete_evidence", s.Store.DeleteEvidence(ctx, id))
}

func (s Store) ForgetSurveyChats(ctx context.Context, before time.Time, limit int) (int, error) {
	n, err := s.Store.ForgetSurveyChats(ctx, before, limit)
	return n, s.count("forget_survey_chats", err)
}

func (s Store) DeleteLinkCodes(ctx context.Context, before time.Time, limit int) (int, error) {
	n, err := s.Store.DeleteLinkCodes(ctx, before, limit)
	return n, s.count("delete_link_codes", err)
}

// Retention counts what the retention job removed, by kind.
type Retention struct{ deleted *prometheus.CounterVec }

// NewRetention registers kinerjabot_retention_deleted_total with every
// kind at 0. Call it once (the wiring does): a second registration panics.
func (m *Metrics) NewRetention(kinds []string) *Retention {
	r := &Retention{deleted: prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "kinerjabot_retention_deleted_total",
		Help: "Items the daily retention job removed, by kind (evidence, draft_photo, survey_chat, link_code).",
	}, []string{"kind"})}
	m.reg.MustRegister(r.deleted)
	for _, k := range kinds {
		r.deleted.WithLabelValues(k)
	}
	return r
}

// Deleted adds n items of kind.
func (r *Retention) Deleted(kind string, n int) { r.deleted.WithLabelValues(kind).Add(float64(n)) }
