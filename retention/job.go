package retention

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/kinerjabot/kinerjabot/storage"
)

// Store is what the job deletes from; storage.Store is one. Every call is
// bounded (see storage.RetentionStore).
type Store interface {
	storage.RetentionStore
}

var _ Store = storage.Store(nil)

// Options configure a Job. Zero fields take defaults.
type Options struct {
	Rules Rules
	// At is the job's time, minutes after midnight in Zone (RETENTION_AT,
	// default 02:30); Zone is DEFAULT_TIMEZONE (default UTC).
	At   int
	Zone *time.Location
	// Prefix is the deployment's Redis prefix (REDIS_PREFIX).
	Prefix string
	// Batch is the records one store call handles (default and at most
	// storage.MaxRetentionBatch); Batches how many calls one kind makes in
	// a pass (default 20): a pass takes at most Batch × Batches of a kind,
	// the next pass the rest. Budget bounds a pass's time (default 10s,
	// real time): past it, each kind takes one batch only and the next
	// pass goes on (the scheduler's reminders wait for the pass).
	Batch, Batches int
	Budget         time.Duration
	// Now is the clock (time.Now when nil).
	Now func() time.Time
	Log *slog.Logger
	// OnDeleted counts what was removed (the metrics' Retention.Deleted).
	OnDeleted func(kind string, n int)
}

// Job is the daily retention job.
type Job struct {
	store Store
	rdb   redis.UniversalClient
	opt   Options
}

// NewJob returns the job over st, keeping its report in rdb.
func NewJob(st Store, rdb redis.UniversalClient, opt Options) *Job {
	if opt.At == 0 {
		opt.At = 2*60 + 30
	}
	if opt.Zone == nil {
		opt.Zone = time.UTC
	}
	if opt.Batch <= 0 || opt.Batch > storage.MaxRetentionBatch {
		opt.Batch = storage.MaxRetentionBatch
	}
	if opt.Batches <= 0 {
		opt.Batches = 20
	}
	if opt.Budget <= 0 {
		opt.Budget = 10 * time.Second
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.Log == nil {
		opt.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return &Job{store: st, rdb: rdb, opt: opt}
}

// Name implements scheduler.Chore.
func (j *Job) Name() string { return "retention" }

// RunDue runs the job when it is due: from At on a local day it has not
// completed yet (or completed with More). The scheduler calls it on every
// pass of the replica holding the lease.
func (j *Job) RunDue(ctx context.Context) error {
	now := j.opt.Now()
	local := now.In(j.opt.Zone)
	if local.Hour()*60+local.Minute() < j.opt.At {
		return nil
	}
	last, err := Last(ctx, j.rdb, j.opt.Prefix)
	if err != nil && !errors.Is(err, ErrNoRun) {
		return err
	}
	day := local.Format(time.DateOnly)
	if last.Day == day && !last.More && last.Error == "" {
		return nil
	}
	_, err = j.Run(ctx, last)
	return err
}

// Run deletes what has expired at the clock's now, going on from the
// previous report prev (the day's counts add up; the draft photos are
// checked from prev.DraftsScannedTo), logs the counts and records the
// report. It returns the report recorded.
func (j *Job) Run(ctx context.Context, prev Report) (Report, error) {
	now := j.opt.Now()
	day := now.In(j.opt.Zone).Format(time.DateOnly)
	r := Report{Day: day, Deleted: map[Kind]int{}, DraftsScannedTo: prev.DraftsScannedTo}
	if prev.Day == day {
		for k, n := range prev.Deleted {
			r.Deleted[k] = n
		}
	}
	err := j.sweep(ctx, now, &r)
	if err != nil {
		r.Error = err.Error()
	}
	r.At = j.opt.Now().UTC()
	j.opt.Log.Info("retention: run done", "day", r.Day, "evidence", r.Deleted[Evidence],
		"draft_photos", r.Deleted[DraftPhoto], "survey_chats", r.Deleted[SurveyChat],
		"link_codes", r.Deleted[LinkCode], "more", r.More, "err", err)
	if serr := save(context.WithoutCancel(ctx), j.rdb, j.opt.Prefix, r); serr != nil {
		return r, errors.Join(err, fmt.Errorf("retention: record the report: %w", serr))
	}
	return r, err
}

// budget says whether a pass may start another batch.
type budget struct{ end time.Time }

// spent reports whether the pass's time is up.
func (b budget) spent() bool { return time.Now().After(b.end) }

// sweep runs each kind in turn, counting into r; the first failure stops
// it. Each kind takes at least one batch a pass, so each makes progress
// however long the others' backlogs; further batches only within the
// budget.
func (j *Job) sweep(ctx context.Context, now time.Time, r *Report) error {
	b := budget{end: time.Now().Add(j.opt.Budget)}
	steps := []struct {
		kind Kind
		run  func(context.Context, time.Time, *Report, budget) (int, bool, error)
	}{
		{Evidence, j.expiredEvidence},
		{DraftPhoto, j.draftPhotos},
		{SurveyChat, j.surveyChats},
		{LinkCode, j.linkCodes},
	}
	for _, s := range steps {
		cut, ok := j.opt.Rules.Cutoff(s.kind, now)
		if !ok {
			continue
		}
		n, more, err := s.run(ctx, cut, r, b)
		r.Deleted[s.kind] += n
		r.More = r.More || more
		if n > 0 && j.opt.OnDeleted != nil {
			j.opt.OnDeleted(string(s.kind), n)
		}
		if err != nil {
			return fmt.Errorf("retention %s: %w", s.kind, err)
		}
	}
	return nil
}

// surveyChats clears the chat hashes of surveys taken before cut.
func (j *Job) surveyChats(ctx context.Context, cut time.Time, _ *Report, b budget) (int, bool, error) {
	return j.batches(b, func() (int, error) { return j.store.ForgetSurveyChats(ctx, cut, j.opt.Batch) })
}

// linkCodes deletes the codes expired before cut.
func (j *Job) linkCodes(ctx context.Context, cut time.Time, _ *Report, b budget) (int, bool, error) {
	return j.batches(b, func() (int, error) { return j.store.DeleteLinkCodes(ctx, cut, j.opt.Batch) })
}

// batches calls one up to Batches times, until a call does less than a
// whole batch or the budget is spent: the sum, and whether more may be
// left.
func (j *Job) batches(b budget, one func() (int, error)) (int, bool, error) {
	total := 0
	for i := range j.opt.Batches {
		if i > 0 && b.spent() {
			return total, true, nil
		}
		n, err := one()
		total += n
		if err != nil || n < j.opt.Batch {
			return total, false, err
		}
	}
	return total, true, nil
}
