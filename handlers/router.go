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
	"github.com/kinerjabot/kinerjabot/conversation"
	"github.com/kinerjabot/kinerjabot/scheduler"
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
	lang    string
	m       *catalog
}

// New builds the router over read-only access to the store. A nil log
// discards logs.
func New(store storage.Reader, log *slog.Logger, o Options) *Router {
	o.defaults()
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	r := &Router{store: store, log: log, opt: o}
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
	if isCommand(c.u, "batal", "cancel") {
		return r.cancel(ctx, c)
	}
	if isCommand(c.u, "bahasa", "language") {
		return r.language(c), nil
	}
	if err := r.identify(ctx, c); err != nil {
		return conversation.Outcome{}, err
	}
	out, err := r.dispatch(ctx, c)
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
	rm := rmsgs(c.lang)
	switch {
	case errors.Is(err, storage.ErrConflict) && strings.HasPrefix(callbackData(in.Update), "a:"):
		return nil, rm.RaceLost
	case errors.Is(err, storage.ErrConflict) && in.Session.Flow == flowDecide:
		return []bot.Reply{{Text: rm.RaceLost}}, ""
	case errors.Is(err, conversation.ErrNotAccepted):
		return []bot.Reply{{Text: c.m.OutageQueued}}, ""
	case in.Session.Flow == flowReport && in.Session.State == stSummary:
		return []bot.Reply{{Text: rm.KeptOnOutage}}, rm.KeptOnOutage
	}
	return []bot.Reply{{Text: c.m.Outage}}, ""
}

func callbackData(u bot.Update) string {
	if u.Callback == nil {
		return ""
	}
	return u.Callback.Data
}

// globalButton handles the buttons that work from any state: decisions,
// the approval list's pages, corrections, and stale report buttons.
func (r *Router) globalButton(ctx context.Context, c *call) (conversation.Outcome, bool, error) {
	data := c.u.Callback.Data
	var out conversation.Outcome
	var err error
	switch {
	case strings.HasPrefix(data, "a:"):
		out, err = r.onDecisionButton(ctx, c)
	case strings.HasPrefix(data, "p:"), strings.HasPrefix(data, "pu:"):
		out, err = r.onPageButton(ctx, c)
	case strings.HasPrefix(data, "m:fix:"):
		out, err = r.onFixButton(ctx, c)
	case data == scheduler.DataReportNow, data == scheduler.DataOpenApprovals:
		out, err = r.reminderButton(ctx, c)
	case strings.HasPrefix(data, "r:") && c.in.Session.Flow != flowReport:
		out, err = r.staleReportButton(ctx, c)
	default:
		return out, false, nil
	}
	return out, true, err
}

// staleReportButton answers a report button pressed after its draft ended.
func (r *Router) staleReportButton(ctx context.Context, c *call) (conversation.Outcome, error) {
	rm := rmsgs(c.lang)
	out := conversation.Outcome{Next: c.in.Session, Notice: rm.Stale}
	id, action, _ := parseDraftCB(c.u.Callback.Data)
	if action != "send" {
		return out, nil
	}
	if a, err := r.store.GetActivity(ctx, id); err == nil && c.emp != nil && a.NIP == c.emp.NIP {
		out.Notice = rm.AlreadySent(reportNo(a.ID))
	} else if err != nil && !isNotFound(err) {
		return out, fmt.Errorf("get activity: %w", err)
	}
	return out, nil
}

func (r *Router) newCall(in conversation.Input) *call {
	lang := in.Session.Lang
	if lang == "" {
		lang = r.opt.Language
	}
	return &call{in: in, u: in.Update, lang: lang, m: msgs(lang)}
}

// idle handles an update from a chat at rest.
func (r *Router) idle(ctx context.Context, c *call) (conversation.Outcome, error) {
	switch {
	case c.u.Kind == bot.KindContact:
		return r.contact(ctx, c)
	case c.u.Kind == bot.KindCallback:
		return conversation.Outcome{Next: c.in.Session, Notice: rmsgs(c.lang).Stale}, nil
	case c.emp == nil:
		return r.askContact(c), nil
	}
	switch {
	case isCommand(c.u, "lapor", "report") || isText(c.u, reportID.MenuReport, reportEN.MenuReport):
		return r.startReport(ctx, c)
	case isCommand(c.u, "laporanku", "myreports") || isText(c.u, reportID.MenuMine, reportEN.MenuMine):
		return r.mine(ctx, c)
	case isCommand(c.u, "rekap", "recap") || isText(c.u, reportID.MenuRecap, reportEN.MenuRecap):
		return r.recapOf(ctx, c)
	case isCommand(c.u, "persetujuan", "approvals") && strings.EqualFold(strings.TrimSpace(c.u.Args), "unit"):
		return r.unitApprovals(ctx, c, 0)
	case isCommand(c.u, "persetujuan", "approvals") || isText(c.u, reportID.MenuApprovals, reportEN.MenuApprovals):
		return r.approvals(ctx, c, 0)
	case isCommand(c.u, "apresiasi", "appreciate") || isText(c.u, surveyID.MenuFeedback, surveyEN.MenuFeedback):
		return r.startFeedback(ctx, c)
	case isCommand(c.u, "ikm"):
		return r.ikmReport(ctx, c)
	case isCommand(c.u, "poster"):
		return r.posterReply(ctx, c)
	case isCommand(c.u, "pengingat", "reminders"):
		return r.reminders(c)
	case isCommand(c.u, "profil", "profile") || isText(c.u, msgs("id").MenuProfile, msgs("en").MenuProfile):
		return r.profile(ctx, c)
	case isCommand(c.u, "bantuan", "help") || isText(c.u, msgs("id").MenuHelp, msgs("en").MenuHelp):
		return reply(c, c.m.Help, menuKeyboard(c)), nil
	case isCommand(c.u, "start", "menu"):
		return reply(c, c.m.Menu, menuKeyboard(c)), nil
	}
	return reply(c, c.m.UnknownInput, menuKeyboard(c)), nil
}

func (r *Router) cancel(ctx context.Context, c *call) (conversation.Outcome, error) {
	text := c.m.Cancelled
	switch c.in.Session.Flow {
	case "":
		text = c.m.NothingToCancel
	case flowSurvey:
		text = smsgs(c.lang).Cancelled
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
	rep := bot.Reply{Text: c.m.FlowRestarted, RemoveKeyboard: true}
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

func (r *Router) language(c *call) conversation.Outcome {
	arg := strings.ToLower(strings.TrimSpace(c.u.Args))
	next := c.in.Session
	if _, ok := catalogs[arg]; !ok {
		return conversation.Outcome{Next: next, Replies: []bot.Reply{{Text: c.m.LanguageUsage}}}
	}
	next.Lang = arg
	return conversation.Outcome{Next: next, Replies: []bot.Reply{{Text: msgs(arg).LanguageSet}}}
}

func reply(c *call, text string, kb [][]bot.KeyButton) conversation.Outcome {
	return conversation.Outcome{
		Next:    conversation.Session{Lang: c.in.Session.Lang},
		Replies: []bot.Reply{{Text: text, Keyboard: kb}},
	}
}

// menuKeyboard is the main menu; Persetujuan only for supervisors.
func menuKeyboard(c *call) [][]bot.KeyButton {
	rm := rmsgs(c.lang)
	last := []bot.KeyButton{{Label: c.m.MenuProfile}, {Label: c.m.MenuHelp}}
	if c.decides {
		last = append([]bot.KeyButton{{Label: rm.MenuApprovals}}, last...)
	}
	return [][]bot.KeyButton{{{Label: rm.MenuReport}, {Label: smsgs(c.lang).MenuFeedback}}, {{Label: rm.MenuMine}, {Label: rm.MenuRecap}}, last}
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
