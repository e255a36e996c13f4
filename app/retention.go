package app

import (
	"time"

	"github.com/kinerjabot/kinerjabot/config"
	"github.com/kinerjabot/kinerjabot/retention"
)

// retentionJob is the daily retention job (RETENTION_*), a chore of the
// scheduler, counting what it removes in /metrics.
func (a *App) retentionJob() *retention.Job {
	cfg := a.cfg
	at, _ := config.ClockMinutes(cfg.RetentionAt) // validated
	zone, err := time.LoadLocation(cfg.DefaultTimezone)
	if err != nil {
		zone = time.UTC // validated; never here
	}
	kinds := make([]string, len(retention.Kinds))
	for i, k := range retention.Kinds {
		kinds[i] = string(k)
	}
	return retention.NewJob(a.store, a.rdb, retention.Options{
		Rules: retention.Rules{
			EvidenceDays: cfg.RetentionEvidenceDays, DraftPhotoDays: cfg.RetentionDraftPhotoDays,
			SurveyHashDays: cfg.RetentionSurveyHashDays, LinkCodeDays: cfg.RetentionLinkCodeDays,
		},
		At: at, Zone: zone, Prefix: cfg.RedisPrefix, Now: a.now,
		Log: a.log.With("part", "retention"), OnDeleted: a.metrics.NewRetention(kinds).Deleted,
	})
}
