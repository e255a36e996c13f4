package app

import (
	"fmt"
	"log/slog"
	"time"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/config"
	"github.com/kinerjabot/kinerjabot/scheduler"
)

// SchedulerOptions turns the settings into the scheduler's rules (`kinerjabot
// remind --dry-run` plans with them too). now is the clock, nil for real
// time.
func SchedulerOptions(cfg config.Config, log *slog.Logger, now func() time.Time) scheduler.Options {
	staff, _ := config.ClockMinutes(cfg.RemindStaffAt) // validated
	sup, _ := config.ClockMinutes(cfg.RemindSupervisorAt)
	weekly, _ := config.ClockMinutes(cfg.WeeklyDigestAt)
	warn := cfg.MonthEndWarningDays
	if warn == 0 {
		warn = -1 // off
	}
	return scheduler.Options{
		StaffAt: staff, SupervisorAt: sup, Window: cfg.RemindWindow,
		SLADays: cfg.ApprovalSLADays, TimeoutDays: cfg.ApprovalTimeoutDays, TimeoutAction: cfg.ApprovalTimeoutAction,
		MonthEndWarningDays: warn, MonthlyTarget: cfg.MonthlyTargetMinutes,
		CoachingNudgeDays: cfg.CoachingNudgeDays,
		Language:          cfg.BotLanguage, DefaultTimezone: cfg.DefaultTimezone,
		LeaseKey: cfg.RedisPrefix + "scheduler:lease", Now: now, Log: log.With("part", "scheduler"),
		EvaluationMonths: cfg.EvaluationMonths(), EvaluationSLADays: cfg.EvaluationSLADays,
		WeeklyDigest: cfg.WeeklyDigestOn(), WeeklyDigestAt: weekly, ConsoleURL: cfg.ConsoleBase(),
	}
}

// startScheduler builds the scheduler over the platforms' outbound queues
// (and the playground, sent to directly): the reminders, unless
// REMINDERS=off, and, always, the moves of pending reports to the approver
// the roster names now, with the flows' prompts.
func (a *App) startScheduler() error {
	cfg, log := a.cfg, a.log
	outboxes := map[bot.Platform]scheduler.Outbox{}
	for _, q := range a.queues {
		outboxes[q.Platform()] = q
	}
	if a.playground != nil {
		outboxes[bot.Playground] = scheduler.Direct{Sender: a.playground}
	}
	opt := SchedulerOptions(cfg, log, a.now)
	if a.clock != nil {
		// The playground's clock can jump to 15:30: look every 10 s, so
		// that the reminders follow at once.
		opt.Every = 10 * time.Second
	}
	opt.PromptEdits = a.router.PromptEdits
	applier := a.router.Applier(a.store)
	opt.ReroutedPrompts, opt.RerouteEdits = a.router.ReroutedPrompts, a.router.RerouteEdits
	opt.Track, opt.LoadMedia = applier.Sent, applier.LoadMedia
	opt.EvaluationPrompt = a.router.EvaluationPrompt
	opt.RemindersOff = !cfg.RemindersOn()
	// whatsmeow runs in one process only: the reminders of people reachable
	// only on WhatsApp can go out from there alone.
	opt.PreferLease = a.whatsapp != nil
	opt.Chores = append(opt.Chores, a.retentionJob())
	rm := a.metrics.Reminders()
	opt.OnSent, opt.OnFailed, opt.OnUnconfirmed = rm.Sent, rm.Failed, rm.Unconfirmed
	opt.OnPass = func(st scheduler.Stats, err error) { a.metrics.SchedulerPass(err, st.Behind(), time.Now()) }
	s, err := scheduler.New(a.store, a.rdb, outboxes, opt)
	if err != nil {
		return fmt.Errorf("reminders: %w", err)
	}
	a.scheduler = s
	if opt.RemindersOff {
		log.Info("reminders are off (REMINDERS=off); the scheduler still moves pending reports when the roster changes")
		return nil
	}
	log.Info("reminders are on", "staff_at", cfg.RemindStaffAt, "supervisor_at", cfg.RemindSupervisorAt,
		"sla_days", cfg.ApprovalSLADays, "timeout_days", cfg.ApprovalTimeoutDays, "timeout_action", cfg.ApprovalTimeoutAction)
	return nil
}
