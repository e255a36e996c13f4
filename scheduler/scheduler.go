// Package scheduler sends the bot's reminders: staff who have not reported
// by REMIND_STAFF_AT on a work day, each supervisor's digest of pending
// approvals at REMIND_SUPERVISOR_AT, escalation of approvals pending past
// the SLA to the supervisor's own supervisor, the approval timeout rule,
// the month-end warning to staff below target, and the Monday digest for
// unit heads and admins (weekly.go). Each unit's rules run in its own time
// zone. After each pass, the replica holding the lease does its chores
// (chores.go: the daily retention job).
//
// Who gets what is computed from the record store at each pass, never from
// Redis, so a Redis flush loses no reminder. Exactly-once rests on the
// store too: each reminder has an idempotency key (kind, person, local
// date) that a pass claims before queueing the message, marks "sending"
// just before the platform gets it (outbound.Queue.BulkIf) and "sent"
// after. A Redis lease picks the one replica that runs passes; its token
// is the run id the claims carry, so a replica that takes over sends what
// the previous one claimed but never started, and never what it started.
// The one message a crash can leave unknown (started, not confirmed) is
// not sent again: it is logged as unconfirmed.
package scheduler

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"time"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/ident"
	"github.com/kinerjabot/kinerjabot/storage"
	"github.com/redis/go-redis/v9"
)

// Outbox sends bot-initiated messages on one platform; outbound.Queue is
// one. start, when not nil, is called just before the platform gets the
// message; if it fails the message is not sent and BulkIf returns its error.
type Outbox interface {
	BulkIf(ctx context.Context, r bot.Reply, start func(context.Context) error) error
}

// RefOutbox is an Outbox that also says where a message was delivered
// (outbound.Queue is one), so that the approval prompts the scheduler
// sends can be recorded (Options.Track) and edited after a decision.
type RefOutbox interface {
	BulkRef(ctx context.Context, r bot.Reply, start func(context.Context) error) (bot.MessageRef, error)
}

// Direct is an Outbox that sends at once through a Sender (for platforms
// without an outbound queue, such as the playground).
type Direct struct{ Sender bot.Sender }

var _ RefOutbox = Direct{}

// BulkIf implements Outbox.
func (d Direct) BulkIf(ctx context.Context, r bot.Reply, start func(context.Context) error) error {
	_, err := d.BulkRef(ctx, r, start)
	return err
}

// BulkRef implements RefOutbox.
func (d Direct) BulkRef(ctx context.Context, r bot.Reply, start func(context.Context) error) (bot.MessageRef, error) {
	if start != nil {
		if err := start(ctx); err != nil {
			return bot.MessageRef{}, err
		}
	}
	return d.Sender.Send(ctx, r)
}

// Options are the rules and how passes run. Zero fields take defaults.
type Options struct {
	// StaffAt and SupervisorAt are minutes after local midnight
	// (REMIND_STAFF_AT 15:30, REMIND_SUPERVISOR_AT 08:00).
	StaffAt      int
	SupervisorAt int
	// Window is how long after its time a rule still sends, for a
	// scheduler that was down at the time (default 3h).
	Window time.Duration
	// SLADays: a report pending more work days than this is escalated
	// (default 3). TimeoutDays (0: none) and TimeoutAction (escalate,
	// approve, reject) say what happens after that many work days.
	SLADays       int
	TimeoutDays   int
	TimeoutAction string
	// MonthEndWarningDays: so many work days before the month's last work
	// day, staff below MonthlyTarget minutes get their gap (0: never).
	MonthEndWarningDays int
	MonthlyTarget       int
	Language            string
	// DefaultTimezone is used for units without a valid zone.
	DefaultTimezone string
	// Every is how often a pass runs (default 1m); LeaseTTL the lease's
	// expiry (default 30s), renewed every third of it.
	Every    time.Duration
	LeaseTTL time.Duration
	// LeaseKey is the Redis key of the lease.
	LeaseKey string
	// PreferLease: this replica reaches a platform the others cannot (the
	// WhatsApp pod), so the lease goes to it whenever it runs (see Lease).
	PreferLease bool
	// Workers bounds the reminders in flight in one pass (default 8).
	Workers int
	// Now is the clock (time.Now when nil).
	Now func() time.Time
	Log *slog.Logger
	// OnSent, OnFailed and OnUnconfirmed count outcomes by kind.
	OnSent, OnFailed, OnUnconfirmed func(kind string)
	// OnPass, when set, learns each pass Run ran to its end: its counts, or
	// why it failed (not called for a pass stopped with Run).
	OnPass func(st Stats, err error)
	// PromptEdits gives the edits that show a decision on a report's
	// approval prompts (the flows' handlers.Router.PromptEdits): a report
	// the timeout rule decides has its prompts edited as any decided report
	// has. Nil: the prompts stay as they were.
	PromptEdits func(ctx context.Context, a storage.Activity) ([]bot.Reply, error)
	// CoachingNudgeDays: a supervisor who gave a team member no feedback
	// for so many days is nudged once a month (coaching.go; 0: never).
	CoachingNudgeDays int
	// RemindersOff: passes only move pending reports to the approver the
	// roster names now and send what a move owes (REMINDERS=off turns the
	// reminders off, never that).
	RemindersOff bool
	// When the roster changes, each pass moves pending reports to the
	// approver it names now (roster.Approver) and tells the people:
	// ReroutedPrompts gives the new approver's approval prompts (the flows'
	// handlers.Router.ReroutedPrompts), RerouteEdits the edits of the prompts
	// of the approver the report left (Router.RerouteEdits), Track records
	// where a prompt was delivered, so that a decision edits it (the flows'
	// Applier.Sent), and LoadMedia a photo for a prompt on another platform
	// than the photo's (Applier.LoadMedia; nil: such a prompt goes as text).
	// Nil ReroutedPrompts or RerouteEdits: no prompts, or no edits; the
	// moves and the other notices still happen.
	ReroutedPrompts func(ctx context.Context, a storage.Activity) ([]bot.Reply, error)
	RerouteEdits    func(ctx context.Context, a storage.Activity, from string) ([]bot.Reply, error)
	Track           func(ctx context.Context, track string, ref bot.MessageRef) error
	LoadMedia       func(ctx context.Context, evidenceID string) ([]byte, error)
	// Periodic evaluation (evaluation.go): EvaluationMonths is the global
	// cadence (1 monthly, 3 quarterly; default 3), a unit's own setting
	// overriding it; EvaluationSLADays (default 5): due evaluations waiting
	// longer are escalated. EvaluationPrompt (the flows'
	// handlers.Router.EvaluationPrompt) makes the summary and rating
	// buttons the rater gets; nil: no evaluations are prepared.
	EvaluationMonths  int
	EvaluationSLADays int
	EvaluationPrompt  func(ctx context.Context, lang i18n.Lang, ev storage.Evaluation) (string, [][]bot.Button, error)
	// Chores run after each pass's messages (chores.go).
	Chores []Chore
	// The weekly digest (weekly.go), sent when WeeklyDigest is set
	// (WEEKLY_DIGEST=on): WeeklyDigestAt is minutes after local midnight
	// on Monday (WEEKLY_DIGEST_AT, default 07:30); ConsoleURL, when set, is
	// linked from it (CONSOLE_URL).
	WeeklyDigest   bool
	WeeklyDigestAt int
	ConsoleURL     string
}

// Scheduler runs the reminder rules.
type Scheduler struct {
	store       Store
	rdb         redis.UniversalClient
	outboxes    map[bot.Platform]Outbox
	opt         Options
	log         *slog.Logger
	defaultZone *time.Location
	// heads remembers each unit's heads for the Monday of the weekly
	// digest (weekly.go), so that the passes of its window read them once.
	heads headCache
}

// New returns a scheduler reading st, sending through outboxes (by
// platform). rdb holds the lease; it may be nil for Plan alone.
func New(st Store, rdb redis.UniversalClient, outboxes map[bot.Platform]Outbox, opt Options) (*Scheduler, error) {
	if opt.StaffAt == 0 {
		opt.StaffAt = 15*60 + 30
	}
	if opt.SupervisorAt == 0 {
		opt.SupervisorAt = 8 * 60
	}
	opt.Window = cmpOr(opt.Window, 3*time.Hour)
	opt.SLADays = cmpOr(opt.SLADays, 3)
	opt.TimeoutAction = cmpOr(opt.TimeoutAction, TimeoutEscalate)
	opt.Every = cmpOr(opt.Every, time.Minute)
	opt.LeaseTTL = cmpOr(opt.LeaseTTL, 30*time.Second)
	opt.LeaseKey = cmpOr(opt.LeaseKey, "kb:scheduler:lease")
	opt.Workers = cmpOr(opt.Workers, 8)
	opt.DefaultTimezone = cmpOr(opt.DefaultTimezone, "Asia/Jakarta")
	opt.EvaluationMonths = cmpOr(opt.EvaluationMonths, 3)
	opt.EvaluationSLADays = cmpOr(opt.EvaluationSLADays, 5)
	opt.WeeklyDigestAt = cmpOr(opt.WeeklyDigestAt, 7*60+30)
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.Log == nil {
		opt.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	switch opt.TimeoutAction {
	case TimeoutEscalate, TimeoutApprove, TimeoutReject:
	default:
		return nil, fmt.Errorf("approval timeout action %q: want escalate, approve or reject", opt.TimeoutAction)
	}
	loc, err := time.LoadLocation(opt.DefaultTimezone)
	if err != nil {
		return nil, fmt.Errorf("default time zone: %w", err)
	}
	return &Scheduler{store: st, rdb: rdb, outboxes: outboxes, opt: opt, log: opt.Log, defaultZone: loc}, nil
}

func cmpOr[T comparable](v, def T) T {
	var zero T
	if v == zero {
		return def
	}
	return v
}

// sendsOn reports whether reminders can go out on p (any platform when
// the scheduler has no outboxes: a dry run).
func (s *Scheduler) sendsOn(p bot.Platform) bool {
	if s.outboxes == nil {
		return true
	}
	_, ok := s.outboxes[p]
	return ok
}

// Stats counts one pass's outcomes.
type Stats struct {
	Due         int // planned and sendable
	Sent        int
	Already     int // sent (or being sent) before
	Failed      int
	Unconfirmed int // started by a run that died before it was confirmed
}

// Behind is how many due reminders the pass left for a later one: not
// claimed, not made, or withdrawn before the platform got them.
func (st Stats) Behind() int {
	return max(st.Due-st.Sent-st.Already-st.Failed-st.Unconfirmed, 0)
}

// Run runs passes every Options.Every while this replica holds the lease,
// until ctx ends. It returns nil then.
func (s *Scheduler) Run(ctx context.Context) error {
	lease := NewLease(s.rdb, s.opt.LeaseKey, s.opt.LeaseTTL, s.opt.PreferLease)
	renew := time.NewTicker(s.opt.LeaseTTL / 3)
	defer renew.Stop()
	p := &passes{}
	var token string
	defer func() {
		p.stop()
		if token != "" {
			rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Second)
			defer cancel()
			_ = lease.Release(rctx, token)
		}
	}()
	for {
		if token == "" {
			t, err := lease.Acquire(ctx)
			if err != nil && ctx.Err() == nil {
				s.log.Warn("scheduler: lease not taken", "err", err)
			}
			if t != "" {
				token = t
				s.log.Info("scheduler: this replica sends reminders")
			}
		} else if ok, err := lease.Renew(ctx, token); !ok || err != nil {
			if ctx.Err() != nil {
				return nil
			}
			s.log.Warn("scheduler: lease lost; this replica stops sending", "err", err)
			p.stop()
			token = ""
		}
		if token != "" {
			p.maybeStart(ctx, s, token)
		}
		select {
		case <-ctx.Done():
			return nil
		case <-renew.C:
		}
	}
}

// passes runs one pass at a time, at most every Options.Every, and stops
// the one running when the lease is lost.
type passes struct {
	cancel    context.CancelFunc
	done      chan struct{}
	lastStart time.Time
}

func (p *passes) running() bool {
	if p.done == nil {
		return false
	}
	select {
	case <-p.done:
		p.done = nil
		return false
	default:
		return true
	}
}

func (p *passes) maybeStart(ctx context.Context, s *Scheduler, runID string) {
	if p.running() || time.Since(p.lastStart) < s.opt.Every {
		return
	}
	p.lastStart = time.Now()
	pctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	p.cancel, p.done = cancel, done
	go func() {
		defer close(done)
		defer cancel()
		st, err := s.RunOnce(pctx, runID)
		if pctx.Err() != nil {
			return
		}
		if err != nil {
			s.log.Error("scheduler: pass failed; the next one retries", "err", err)
		}
		if s.opt.OnPass != nil {
			s.opt.OnPass(st, err)
		}
	}()
}

func (p *passes) stop() {
	if p.cancel != nil {
		p.cancel()
	}
	if p.done != nil {
		<-p.done
		p.done = nil
	}
}

// RunOnce moves the pending reports whose approver changed on the roster,
// plans the reminders and notices due now and sends those not yet sent, as
// run runID.
func (s *Scheduler) RunOnce(ctx context.Context, runID string) (Stats, error) {
	snap, err := s.snapshot(ctx, s.opt.Now())
	if err != nil {
		return Stats{}, err
	}
	snap.sending = true
	if err := s.reroute(ctx, snap); err != nil {
		return Stats{}, err
	}
	if err := s.prepareEvaluations(ctx, snap); err != nil && ctx.Err() == nil {
		s.log.Warn("scheduler: evaluations not all prepared; the next pass goes on", "err", err)
	}
	items, err := s.plan(ctx, snap, "")
	if err != nil {
		return Stats{}, err
	}
	st := s.Execute(ctx, runID, items)
	s.runChores(ctx)
	return st, nil
}

// Execute sends items as run runID, each at most once across runs.
func (s *Scheduler) Execute(ctx context.Context, runID string, items []Item) Stats {
	var (
		mu    sync.Mutex
		st    Stats
		wg    sync.WaitGroup
		slots = make(chan struct{}, s.opt.Workers)
	)
	count := func(f func(*Stats)) { mu.Lock(); f(&st); mu.Unlock() }
	for _, it := range items {
		if it.Skip != "" {
			if it.Decide != nil {
				// The decision stands without its notice (an owner with no
				// account the scheduler sends on): the rule still decides.
				s.decide(ctx, it, s.log.With("kind", it.Kind, "nip", ident.MaskNIP(it.NIP)))
			}
			continue
		}
		st.Due++
		select {
		case slots <- struct{}{}:
		case <-ctx.Done():
			wg.Wait()
			return st
		}
		wg.Add(1)
		go func() {
			defer func() { <-slots; wg.Done() }()
			s.one(ctx, runID, it, count)
		}()
	}
	wg.Wait()
	if st.Sent+st.Failed+st.Unconfirmed > 0 {
		s.log.Info("scheduler: pass done", "due", st.Due, "sent", st.Sent, "already", st.Already,
			"failed", st.Failed, "unconfirmed", st.Unconfirmed)
	}
	return st
}

func (s *Scheduler) one(ctx context.Context, runID string, it Item, count func(func(*Stats))) {
	log := s.log.With("kind", it.Kind, "nip", ident.MaskNIP(it.NIP), "date", it.Date)
	if it.Decide != nil {
		if ok := s.decide(ctx, it, log); !ok {
			return
		}
	}
	claimed, prev, err := s.store.ClaimReminder(ctx, storage.Reminder{
		Key: it.Key, Kind: it.Kind, NIP: it.NIP, Date: it.Date, RunID: runID,
	})
	if err != nil {
		if ctx.Err() == nil {
			log.Warn("scheduler: reminder not claimed; the next pass retries", "err", err)
		}
		return
	}
	if !claimed {
		if prev.Status == storage.ReminderSending && prev.RunID != runID {
			// Started by a run that is gone: it may have been delivered.
			log.Warn("scheduler: reminder started by a stopped run is unconfirmed; not sent again", "key", it.Key)
			if err := s.store.FinishReminder(ctx, it.Key, prev.RunID, storage.ReminderFailed, "unconfirmed"); err == nil {
				count(func(st *Stats) { st.Unconfirmed++ })
				s.counted(s.opt.OnUnconfirmed, it.Kind)
			}
		} else {
			count(func(st *Stats) { st.Already++ })
		}
		s.after(ctx, it, log) // what follows the message, should it not have been done
		return
	}
	s.send(ctx, runID, it, count, log)
}

// send sends the messages of an item whose key runID holds and records the
// outcome.
func (s *Scheduler) send(ctx context.Context, runID string, it Item, count func(func(*Stats)), log *slog.Logger) {
	replies, err := s.replies(ctx, it)
	if err != nil || len(replies) == 0 {
		if err != nil && ctx.Err() == nil {
			log.Warn("scheduler: messages not made; the next pass retries", "key", it.Key, "err", err)
		}
		_ = s.store.ReleaseReminder(context.WithoutCancel(ctx), it.Key, runID)
		return
	}
	started, err := s.deliver(ctx, replies[0], func(ctx context.Context) error {
		return s.store.StartReminder(ctx, it.Key, runID)
	})
	fctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if started {
		for _, r := range replies[1:] { // the rest of a moved report's messages
			if _, err := s.deliver(fctx, r, nil); err != nil {
				log.Warn("scheduler: message not delivered", "key", it.Key, "chat", r.Chat.String(), "err", err)
			}
		}
	}
	switch {
	case err == nil:
		if err := s.store.FinishReminder(fctx, it.Key, runID, storage.ReminderSent, ""); err != nil {
			log.Warn("scheduler: reminder sent but not recorded as sent", "key", it.Key, "err", err)
		}
		count(func(st *Stats) { st.Sent++ })
		s.counted(s.opt.OnSent, it.Kind)
		s.escalated(fctx, it, log)
		s.after(fctx, it, log)
	case !started || errors.Is(err, storage.ErrConflict):
		// Never handed to the platform (stopping, or another run took
		// the key over): a later pass sends it.
		_ = s.store.ReleaseReminder(fctx, it.Key, runID)
	default:
		reason := "failed"
		if errors.Is(err, bot.ErrBlocked) {
			reason = "blocked"
		}
		log.Warn("scheduler: reminder not delivered", "key", it.Key, "reason", reason, "err", err)
		if err := s.store.FinishReminder(fctx, it.Key, runID, storage.ReminderFailed, reason); err != nil {
			log.Warn("scheduler: failed reminder not recorded", "key", it.Key, "err", err)
		}
		count(func(st *Stats) { st.Failed++ })
		s.counted(s.opt.OnFailed, it.Kind)
		s.after(fctx, it, log)
	}
}

// after does what follows an item's message once it went out, or could
// not (Item.After); a failure is logged and the next pass does it again.
func (s *Scheduler) after(ctx context.Context, it Item, log *slog.Logger) {
	if it.After == nil {
		return
	}
	if err := it.After(ctx); err != nil && ctx.Err() == nil {
		log.Warn("scheduler: what follows a message not done; the next pass retries", "key", it.Key, "err", err)
	}
}

func (s *Scheduler) counted(f func(string), kind string) {
	if f != nil {
		f(kind)
	}
}

// decide records the timeout rule's decision; false when the report is no
// longer the rule's to decide (someone decided it meanwhile).
func (s *Scheduler) decide(ctx context.Context, it Item, log *slog.Logger) bool {
	ref := it.Decide
	d := storage.Decide{
		To: it.DecideTo, ByNIP: storage.SystemActor, Rule: ref.Rule,
		Reason: fmt.Sprintf("%s: %d hari kerja tanpa keputusan", ref.Rule, s.opt.TimeoutDays),
	}
	a, err := s.store.DecideActivity(ctx, ref.ID, ref.Version, d)
	if err == nil {
		log.Info("scheduler: report decided by the timeout rule", "report", ref.ID, "to", it.DecideTo)
		s.auditDecision(ctx, a, ref.Version, d, log)
		s.editPrompts(ctx, ref.ID, log)
		return true
	}
	if !errors.Is(err, storage.ErrConflict) {
		log.Warn("scheduler: timeout decision not recorded; the next pass retries", "report", ref.ID, "err", err)
		return false
	}
	// Decided already: by this rule in an earlier pass (its notice may
	// still be due), or by a person (nothing to say).
	a, err = s.store.GetActivity(ctx, ref.ID)
	return err == nil && a.Version == ref.Version && a.Decision != nil &&
		a.Decision.ByNIP == storage.SystemActor && a.Decision.Rule == ref.Rule
}

// auditDecision writes the audit log's row of the rule's decision d on
// report a (as decided); a failure is logged: the decision stands.
func (s *Scheduler) auditDecision(ctx context.Context, a storage.Activity, version int, d storage.Decide, log *slog.Logger) {
	if a.Decision != nil {
		d.At = a.Decision.At
	}
	if err := s.store.AppendAuditLog(context.WithoutCancel(ctx), storage.DecisionAudit(a, version, d)); err != nil {
		log.Warn("scheduler: the timeout decision's audit row not written", "report", a.ID, "err", err)
	}
}

// editPrompts shows a decision the rule made on the report's approval
// prompts, through the bulk lane; a prompt that cannot be edited gets its
// fallback, a short new message. Failures are logged: the decision stands.
func (s *Scheduler) editPrompts(ctx context.Context, id string, log *slog.Logger) {
	if s.opt.PromptEdits == nil {
		return
	}
	a, err := s.store.GetActivity(ctx, id)
	if err != nil {
		log.Warn("scheduler: prompts of a decided report not edited", "report", id, "err", err)
		return
	}
	edits, err := s.opt.PromptEdits(ctx, a)
	if err != nil {
		log.Warn("scheduler: prompts of a decided report not edited", "report", id, "err", err)
		return
	}
	for _, r := range edits {
		if !s.sendsOn(r.Chat.Platform) {
			continue
		}
		if _, err := s.deliver(ctx, r, nil); err != nil {
			log.Info("scheduler: prompt not edited", "report", id, "err", err)
		}
	}
}

// escalated records in each report's audit trail that it was escalated.
func (s *Scheduler) escalated(ctx context.Context, it Item, log *slog.Logger) {
	for _, ref := range it.Escalate {
		_, err := s.store.AppendAudit(ctx, ref.ID, ref.Version, storage.AuditEntry{
			Action: storage.ActionEscalated, ByNIP: storage.SystemActor, Rule: ref.Rule,
			Reason: "escalated to " + it.NIP,
		})
		if err != nil && !errors.Is(err, storage.ErrConflict) {
			log.Warn("scheduler: escalation not recorded in the audit trail", "report", ref.ID, "err", err)
		}
	}
}
