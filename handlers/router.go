// Package handlers holds the conversation flows and what routes to them:
// the command table (commands.go), the flows with their typed states
// (flow.go: registration, report, decision, survey, appreciation, a
// supervisor's feedback and the reply to it), the
// buttons that work from any step (decisions, the approval lists, the team
// view, the acting list), and the effects the engine applies.
// Handlers are pure: given a session and an update, and read-only access to
// the record store, they return the next session, the replies and the
// records to write (effects). Every text comes from package i18n, every
// button's data from package button.
package handlers

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/button"
	"github.com/kinerjabot/kinerjabot/conversation"
	"github.com/kinerjabot/kinerjabot/evidence"
	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/storage"
	"time"
)

// Options configure the flows.
type Options struct {
	// Language is the default language of replies ("id" or "en").
	Language string
	// DefaultTimezone is the zone of a unit whose zone is unknown.
	DefaultTimezone string
	// MaxPhotos is the most evidence photos a report takes; EvidenceRequired
	// says whether at least one is needed; MaxEvidenceBytes bounds a photo.
	MaxPhotos        int
	EvidenceRequired bool
	MaxEvidenceBytes int64
	// PhotoDateDays flags a photo whose EXIF date lies more than this many
	// days from the report's date (to the person and in the approval
	// prompt); 0 turns the check off.
	PhotoDateDays int
	// Photos inspects the photos people send within a process-wide bound
	// of pixels decoded at once (evidence's defaults when nil).
	Photos *evidence.Inspector
	// BackdateDays is how many days back /lapor may report.
	BackdateDays int
	// MonthlyTarget is the monthly target in minutes (/rekap).
	MonthlyTarget int
	// Media fetches photos people send.
	Media Fetcher
	// SurveyKey keys the hash kept of a citizen's chat (never the chat id).
	SurveyKey []byte
	// FeedbackPerDay is how many appreciations a person may give a day.
	FeedbackPerDay int
	// BotUsername is the bot's username, for survey links (posters).
	BotUsername func() string
	// Limits keeps /dataku to once an hour a person (none: no limit).
	Limits Limiter
	// SupervisorFeedback counts the feedback toNIP received from their
	// supervisors (umpan balik berkelanjutan) dated from..to (YYYY-MM-DD,
	// inclusive), for the periodic evaluation's summary. Nil: New wires
	// it to the store's (feedbackCount, coach_count.go).
	SupervisorFeedback func(ctx context.Context, toNIP, from, to string) (int, error)
	// CompetencyTargetJP is the yearly competency target in JP (/rekap).
	CompetencyTargetJP int
	// Console makes the web console's login links (/konsol); nil: the
	// console is not configured, and /konsol says so.
	Console ConsoleLinks
}

func (o *Options) defaults() {
	if o.Language == "" {
		o.Language = "id"
	}
	if o.MaxPhotos <= 0 {
		o.MaxPhotos = 3
	}
	if o.MaxEvidenceBytes <= 0 {
		o.MaxEvidenceBytes = 10 << 20
	}
	if o.Photos == nil {
		o.Photos = evidence.NewInspector(0, 0)
	}
	if o.MonthlyTarget <= 0 {
		o.MonthlyTarget = 6750
	}
	if o.FeedbackPerDay <= 0 {
		o.FeedbackPerDay = 5
	}
	if o.CompetencyTargetJP <= 0 {
		o.CompetencyTargetJP = 20
	}
}

// Store is what the flows read: the record store's reads, and the holidays
// (which day "kemarin" is). Methods do I/O and are safe for concurrent use.
type Store interface {
	storage.Reader
	ListHolidays(ctx context.Context, from, to string) ([]storage.Holiday, error)
	// The bounded reads of the roster and of the pending reports: no
	// per-update path reads a whole roster (an admin's unit list, the
	// colleagues of /apresiasi).
	FindEmployees(ctx context.Context, q storage.EmployeeQuery) ([]storage.Employee, error)
	EmployeesByNIP(ctx context.Context, nips []string) ([]storage.Employee, error)
	ListPendingSubmittedBefore(ctx context.Context, t time.Time, limit int) ([]storage.Activity, error)
	cycleReader
}

// Router dispatches each update to the step of the chat's current flow.
type Router struct {
	store Store
	log   *slog.Logger
	opt   Options
	flows map[flowName]flow
	// lang is the default language (Options.Language).
	lang i18n.Lang
	// commands is the command table (commands.go).
	commands []command
}

var _ conversation.Handler = (*Router)(nil)

// call is one update being handled: its input, who sent it, and the
// language to answer in.
type call struct {
	in  conversation.Input
	u   bot.Update
	emp *storage.Employee
	// decides: the person is someone's supervisor.
	decides bool
	lang    i18n.Lang
	// btn is the pressed button's data (nil: no press, or data no release
	// sent); buildErr the first button this update could not build.
	btn      button.Data
	buildErr error
	// cmds is the router's command table.
	cmds []command
}

// New builds the router over read-only access to the store. A nil log
// discards logs.
func New(store Store, log *slog.Logger, o Options) *Router {
	o.defaults()
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	r := &Router{store: store, log: log, opt: o, lang: i18n.Lang(o.Language).Or(i18n.ID), commands: commandTable()}
	r.flows = flowTable()
	if r.opt.SupervisorFeedback == nil {
		r.opt.SupervisorFeedback = r.feedbackCount // the cycle's feedback (coach_count.go)
	}
	return r
}

// Handle implements conversation.Handler.
func (r *Router) Handle(ctx context.Context, in conversation.Input) (conversation.Outcome, error) {
	c := r.newCall(in)
	if cmd, ok := findCommand(c.cmds, c.u); ok && cmd.anyStep {
		return cmd.run(r, ctx, c)
	}
	if err := r.identify(ctx, c); err != nil {
		return conversation.Outcome{}, err
	}
	out, err := r.dispatch(ctx, c)
	if err == nil && c.buildErr != nil {
		return conversation.Outcome{}, c.buildErr
	}
	if out.Next.Lang == "" {
		out.Next.Lang = in.Session.Lang
	}
	if err == nil {
		out.Effects = append(out.Effects, touch(c)...)
	}
	return out, err
}

// identify finds the employee behind the chat account, and whether they
// decide on anyone's reports (for the menu).
func (r *Router) identify(ctx context.Context, c *call) error {
	sender, err := r.store.SenderByAccount(ctx, string(c.u.Platform), c.u.UserID)
	if errors.Is(err, storage.ErrNotFound) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("who is chat %s: %w", c.u.Chat(), err)
	}
	c.emp, c.decides = &sender.Employee, sender.Supervises
	return nil
}

func (r *Router) dispatch(ctx context.Context, c *call) (conversation.Outcome, error) {
	s := c.in.Session
	if isSurveyLink(c.u) {
		return r.startSurvey(ctx, c)
	}
	if c.emp != nil && !c.emp.Active {
		return r.leaver(c), nil
	}
	if c.u.Kind == bot.KindCallback && c.u.Callback != nil {
		if out, ok, err := r.globalButton(ctx, c); ok {
			return out, err
		}
	}
	if s.Flow == "" {
		return r.idle(ctx, c)
	}
	f, ok := r.flows[c.flow()]
	if !ok || !f.known(s.State) {
		r.log.Warn("session in a state the code no longer has; restarting", "chat", c.u.Chat().String(), "flow", s.Flow, "state", s.State)
		return r.restart(ctx, c)
	}
	if f.linked && c.emp == nil {
		// The chat's account was unlinked mid-flow (linked to another
		// account, or the person left the roster): the flow ends here.
		r.log.Info("chat no longer linked; its flow ends", "chat", c.u.Chat().String(), "flow", s.Flow)
		return r.askContact(c), nil
	}
	return f.step(r, ctx, c)
}

// flow is the flow the chat is in ("" at rest).
func (c *call) flow() flowName { return flowName(c.in.Session.Flow) }

// Failure implements conversation.Handler: the update could not be handled
// (a store or Redis outage, or a decision that lost a race); the session
// stays where it was.
func (r *Router) Failure(in conversation.Input, err error) ([]bot.Reply, string) {
	c := r.newCall(in)
	switch {
	case errors.Is(err, storage.ErrConflict) && isDecision(in.Update):
		return nil, c.t(i18n.ApprovalRaceLost)
	case errors.Is(err, storage.ErrConflict) && c.flow() == flowDecide:
		return []bot.Reply{{Text: c.t(i18n.ApprovalRaceLost)}}, ""
	case errors.Is(err, storage.ErrConflict) && isEvalPress(in.Update):
		return nil, c.t(i18n.EvalRaceLost)
	case errors.Is(err, storage.ErrConflict) && c.flow() == flowEval:
		return []bot.Reply{{Text: c.t(i18n.EvalRaceLost)}}, ""
	case errors.Is(err, storage.ErrConflict) && isActingChange(in.Update):
		return []bot.Reply{{Text: c.t(i18n.ActingChanged)}}, ""
	case errors.Is(err, conversation.ErrNotAccepted):
		return []bot.Reply{{Text: c.t(i18n.OutageQueued)}}, ""
	case c.flow() == flowReport && reportState(in.Session.State) == stSummary:
		kept := c.t(i18n.ReportKeptOnOutage)
		return []bot.Reply{{Text: kept}}, kept
	}
	return []bot.Reply{{Text: c.t(i18n.Outage)}}, ""
}

func isDecision(u bot.Update) bool {
	d, _ := pressed(u)
	_, ok := d.(button.Decide)
	return ok
}

// globalButton handles the buttons that work from any state: decisions,
// the approval list's pages, corrections, and stale report buttons.
func (r *Router) globalButton(ctx context.Context, c *call) (conversation.Outcome, bool, error) {
	var out conversation.Outcome
	var err error
	switch b := c.btn.(type) {
	case button.Decide:
		out, err = r.onDecisionButton(ctx, c, b)
	case button.Approvals, button.UnitApprovals, button.ApproveAll:
		out, err = r.onListButton(ctx, c, b)
	case button.Fix:
		out, err = r.onFixButton(ctx, c, b)
	case button.Team, button.Member, button.MemberApprove:
		out, err = r.onTeamButton(ctx, c, b)
	case button.ActingRemove:
		out, err = r.onActingRemove(ctx, c, b)
	case button.EvalRate, button.EvalAct:
		out, err = r.onEvalButton(ctx, c, b)
	case button.PracticeStart:
		out, err = r.onPracticeStart(ctx, c)
	case button.PracticeSample:
		out, err = r.onPracticeSample(ctx, c, b)
	case button.PracticeDecide:
		out, err = r.onPracticeDecide(ctx, c, b)
	case button.Coach:
		if b.Action != button.CoachAck && b.Action != button.CoachAnswer {
			return out, false, nil // the feedback flow's own
		}
		out, err = r.onCoachReply(ctx, c, b)
	case button.MemberSKP:
		out, err = r.onMemberSKP(ctx, c, b)
	case button.ReportNow, button.OpenApprovals:
		out, err = r.reminderButton(ctx, c)
	case button.Draft:
		if c.flow() == flowReport {
			return out, false, nil
		}
		out, err = r.staleReportButton(ctx, c, b)
	case nil:
		r.log.Warn("button data not understood", "chat", c.u.Chat().String())
		out = conversation.Outcome{Next: c.in.Session, Notice: c.t(i18n.ButtonStale)}
	default:
		return out, false, nil
	}
	return out, true, err
}

// t is the text k in the call's language.
func (c *call) t(k i18n.Key, args ...any) string { return c.lang.T(k, args...) }

// newCall starts handling an update. What people typed or named enters the
// flows here, once, without control characters (bot.Update.Clean): nothing
// past this point stores or echoes an escape sequence.
func (r *Router) newCall(in conversation.Input) *call {
	c := &call{in: in, u: in.Update.Clean(), lang: i18n.Lang(in.Session.Lang).Or(r.lang), cmds: r.commands}
	c.btn, _ = pressed(in.Update)
	return c
}

// idle handles an update from a chat at rest.
func (r *Router) idle(ctx context.Context, c *call) (conversation.Outcome, error) {
	switch {
	case c.u.Kind == bot.KindContact:
		return r.contact(ctx, c)
	case c.u.Kind == bot.KindCallback:
		return conversation.Outcome{Next: c.in.Session, Notice: c.t(i18n.ButtonStale)}, nil
	case c.emp == nil:
		return r.askContact(c), nil
	}
	if out, ok, err := r.noteByReply(ctx, c); ok {
		return out, err
	}
	if cmd, ok := findCommand(c.cmds, c.u); ok {
		return r.runCommand(ctx, c, cmd)
	}
	return reply(c, c.t(i18n.UnknownInput), menuKeyboard(c)), nil
}
