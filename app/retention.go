package app

import (
	"context"
	"errors"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/kinerjabot/kinerjabot/config"
	"github.com/kinerjabot/kinerjabot/console"
	"github.com/kinerjabot/kinerjabot/i18n"
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

// retentionRuns is the console's reader of the retention job's last run
// (Ringkasan's Retensi box), from the report any replica sees in Redis.
type retentionRuns struct {
	rdb    redis.UniversalClient
	prefix string
}

// retentionKindText names each kind the job deletes in the console's
// catalogue texts.
var retentionKindText = map[retention.Kind]i18n.Key{
	retention.Evidence: i18n.ConsoleRetentionEvidence, retention.DraftPhoto: i18n.ConsoleRetentionDraftPhoto,
	retention.SurveyChat: i18n.ConsoleRetentionSurveyChat, retention.LinkCode: i18n.ConsoleRetentionLinkCode,
}

func (r retentionRuns) LastRetention(ctx context.Context) (console.RetentionRun, bool, error) {
	rep, err := retention.Last(ctx, r.rdb, r.prefix)
	if errors.Is(err, retention.ErrNoRun) {
		return console.RetentionRun{}, false, nil
	}
	if err != nil {
		return console.RetentionRun{}, false, err
	}
	run := console.RetentionRun{At: rep.At}
	for _, c := range rep.Counts() {
		run.Deleted = append(run.Deleted, console.RetentionCount{Kind: string(retentionKindText[c.Kind]), Count: c.N})
	}
	return run, true, nil
}
