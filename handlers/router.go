// Package handlers holds the conversation flows: registration now, and
// reports, approvals, feedback and surveys as they come. Handlers are pure:
// given a session and an update, and read-only access to the record store,
// they return the next session, the replies and the records to write
// (effects), which the conversation engine applies.
package handlers

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/button"
	"github.com/kinerjabot/kinerjabot/conversation"
	"github.com/kinerjabot/kinerjabot/evidence"
	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/storage"
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
}

// Router dispatches each update to the step of the chat's current flow.
type Router struct {
	store storage.Reader
	log   *slog.Logger
	opt   Options
	steps map[flowState]step
	// lang is the default language (Options.Language).
	lang i18n.Lang
	// commands is the command table (commands.go).
	commands []command
}

var _ conversation.Handler = (*Router)(nil)

type flowState struct{ flow, state string }

// step handles one update in one state of a flow.
type step func(ctx context.Context, c *call) (conversation.Outcome, error)

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
func New(store storage.Reader, log *slog.Logger, o Options) *Router {
	o.defaults()
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	r := &Router{store: store, log: log, opt: o, lang: i18n.Lang(o.Language).Or(i18n.ID), commands: commandTable()}
	r.steps = map[flowState]step{
		{flowRegister, stateAwaitContact}: r.awaitContact,
		{flowDecide, stateReason}:         r.onReason,
	}
	for _, st := range []string{stDesc, stTime, stOutput, stSKP, stPhoto, stLocation, stSummary, stChooseField} {
		r.steps[flowState{flowReport, st}] = r.reportStep
	}
	for _, st := range []string{stateQuestion, stateComment} {
		r.steps[flowState{flowSurvey, st}] = r.surveyStep
	}
	for _, st := range []string{statePick, stateValue, stateConfirm} {
		r.steps[flowState{flowFeedback, st}] = r.feedbackStep
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
	emp, err := r.store.EmployeeByAccount(ctx, string(c.u.Platform), c.u.UserID)
	if errors.Is(err, storage.ErrNotFound) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("who is chat %s: %w", c.u.Chat(), err)
	}
	c.emp = &emp
	subs, err := r.store.ListSubordinates(ctx, emp.NIP)
	if err != nil {
		return fmt.Errorf("list subordinates: %w", err)
	}
	c.decides = len(subs) > 0
	return nil
}

func (r *Router) dispatch(ctx context.Context, c *call) (conversation.Outcome, error) {
	s := c.in.Session
	if isSurveyLink(c.u) {
		return r.startSurvey(ctx, c)
	}
	if c.u.Kind == bot.KindCallback && c.u.Callback != nil {
		if out, ok, err := r.globalButton(ctx, c); ok {
			return out, err
		}
	}
	if s.Flow == "" {
		return r.idle(ctx, c)
	}
	if c.emp == nil && (s.Flow == flowReport || s.Flow == flowFeedback || s.Flow == flowDecide) {
		// The chat's account was unlinked mid-flow (linked to another
		// account, or the person left the roster): the flow ends here.
		r.log.Info("chat no longer linked; its flow ends", "chat", c.u.Chat().String(), "flow", s.Flow)
		return r.askContact(c), nil
	}
	st, ok := r.steps[flowState{s.Flow, s.State}]
	if !ok {
		r.log.Warn("session in a state the code no longer has; restarting", "chat", c.u.Chat().String(), "flow", s.Flow, "state", s.State)
		return r.restart(ctx, c)
	}
	return st(ctx, c)
}

// Failure implements conversation.Handler: the update could not be handled
// (a store or Redis outage, or a decision that lost a race); the session
// stays where it was.
func (r *Router) Failure(in conversation.Input, err error) ([]bot.Reply, string) {
	c := r.newCall(in)
	switch {
	case errors.Is(err, storage.ErrConflict) && isDecision(in.Update):
		return nil, c.t(i18n.ApprovalRaceLost)
	case errors.Is(err, storage.ErrConflict) && in.Session.Flow == flowDecide:
		return []bot.Reply{{Text: c.t(i18n.ApprovalRaceLost)}}, ""
	case errors.Is(err, conversation.ErrNotAccepted):
		return []bot.Reply{{Text: c.t(i18n.OutageQueued)}}, ""
	case in.Session.Flow == flowReport && in.Session.State == stSummary:
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
	case button.ReportNow, button.OpenApprovals:
		out, err = r.reminderButton(ctx, c)
	case button.Draft:
		if c.in.Session.Flow == flowReport {
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

// staleReportButton answers a report button pressed after its draft ended.
func (r *Router) staleReportButton(ctx context.Context, c *call, b button.Draft) (conversation.Outcome, error) {
	out := conversation.Outcome{Next: c.in.Session, Notice: c.t(i18n.ButtonStale)}
	if b.Action != button.DraftSend {
		return out, nil
	}
	if a, err := r.store.GetActivity(ctx, b.Draft); err == nil && c.emp != nil && a.NIP == c.emp.NIP {
		out.Notice = c.t(i18n.ReportAlreadySent, reportNo(a.ID))
	} else if err != nil && !isNotFound(err) {
		return out, fmt.Errorf("get activity: %w", err)
	}
	return out, nil
}

// t is the text k in the call's language.
func (c *call) t(k i18n.Key, args ...any) string { return c.lang.T(k, args...) }

func (r *Router) newCall(in conversation.Input) *call {
	c := &call{in: in, u: in.Update, lang: i18n.Lang(in.Session.Lang).Or(r.lang), cmds: r.commands}
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
	if cmd, ok := findCommand(c.cmds, c.u); ok {
		return r.runCommand(ctx, c, cmd)
	}
	return reply(c, c.t(i18n.UnknownInput), menuKeyboard(c)), nil
}

func (r *Router) cancel(ctx context.Context, c *call) (conversation.Outcome, error) {
	text := c.t(i18n.Cancelled)
	switch c.in.Session.Flow {
	case "":
		text = c.t(i18n.NothingToCancel)
	case flowSurvey:
		text = c.t(i18n.SurveyCancelled)
	}
	out := conversation.Outcome{Next: conversation.Session{Lang: c.in.Session.Lang}}
	r2 := bot.Reply{Text: text, RemoveKeyboard: true}
	if err := r.identify(ctx, c); err == nil && c.emp != nil {
		r2.RemoveKeyboard, r2.Keyboard = false, menuKeyboard(c)
	}
	out.Replies = []bot.Reply{r2}
	return out, nil
}

func (r *Router) restart(ctx context.Context, c *call) (conversation.Outcome, error) {
	out := conversation.Outcome{Next: conversation.Session{Lang: c.in.Session.Lang}}
	rep := bot.Reply{Text: c.t(i18n.FlowRestarted), RemoveKeyboard: true}
	if c.emp != nil {
		rep.RemoveKeyboard, rep.Keyboard = false, menuKeyboard(c)
	}
	out.Replies = []bot.Reply{rep}
	if c.emp == nil {
		more := r.askContact(c)
		out.Next, out.Replies = more.Next, append(out.Replies, more.Replies...)
	}
	return out, nil
}

func (r *Router) language(_ context.Context, c *call) (conversation.Outcome, error) {
	next := c.in.Session
	l, ok := i18n.Parse(c.u.Args)
	if !ok {
		return conversation.Outcome{Next: next, Replies: []bot.Reply{{Text: c.t(i18n.LanguageUsage)}}}, nil
	}
	next.Lang = string(l)
	return conversation.Outcome{Next: next, Replies: []bot.Reply{{Text: l.T(i18n.LanguageSet)}}}, nil
}

func reply(c *call, text string, kb [][]bot.KeyButton) conversation.Outcome {
	return conversation.Outcome{
		Next:    conversation.Session{Lang: c.in.Session.Lang},
		Replies: []bot.Reply{{Text: text, Keyboard: kb}},
	}
}

func isCommand(u bot.Update, names ...string) bool {
	if u.Kind != bot.KindCommand {
		return false
	}
	for _, n := range names {
		if u.Command == n {
			return true
		}
	}
	return false
}

func isText(u bot.Update, labels ...string) bool {
	if u.Kind != bot.KindText {
		return false
	}
	t := strings.TrimSpace(u.Text)
	for _, l := range labels {
		if strings.EqualFold(t, l) {
			return true
		}
	}
	return false
}
