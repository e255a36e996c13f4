package handlers

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/conversation"
	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/roster"
	"github.com/kinerjabot/kinerjabot/storage"
)

// LinkAccount links a chat account to an employee. Idempotent: linking the
// same account again changes nothing.
type LinkAccount struct {
	NIP      string
	Platform string
	Account  storage.Account
}

// PutEvidence stores a photo and its record. Idempotent by id.
type PutEvidence struct {
	Evidence storage.Evidence
	Data     []byte
}

// CreateReport stores a new pending report. Idempotent by id.
type CreateReport struct{ Activity storage.Activity }

// ResubmitReport replaces a report sent back for revision with its
// corrected version and, when the owner's approver changed since it was
// first sent, moves it to SupervisorNIP's list (the prompts go there).
// Replaying it after it took effect changes nothing.
type ResubmitReport struct {
	ID       string
	Version  int // the version that was sent back
	Content  storage.Content
	ByNIP    string
	Platform string
	At       time.Time
	// SupervisorNIP is the approver now (roster.Approver); "" leaves the
	// report on the list it was on.
	SupervisorNIP string
}

// Decide records a decision on a pending report at a version; its replies
// (the prompts edited, the owner told) come from the report as updated.
// In a batch, a report decided meanwhile by someone else is skipped.
type Decide struct {
	ID      string
	Version int
	D       storage.Decide
	Batch   bool
}

// AddSurvey stores a completed citizen survey. Idempotent by id.
type AddSurvey struct{ Survey storage.Survey }

// AddFeedback stores a peer appreciation. Idempotent by id.
type AddFeedback struct{ Feedback storage.Feedback }

// EffectName implements conversation.Effect.
func (LinkAccount) EffectName() string    { return "link_account" }
func (PutEvidence) EffectName() string    { return "put_evidence" }
func (CreateReport) EffectName() string   { return "create_report" }
func (ResubmitReport) EffectName() string { return "resubmit_report" }
func (Decide) EffectName() string         { return "decide" }
func (AddSurvey) EffectName() string      { return "add_survey" }
func (AddFeedback) EffectName() string    { return "add_feedback" }

// Applier writes the flows' effects to the store; it also records where
// approval prompts were delivered and loads photos for other platforms.
type Applier struct {
	Store storage.Store
	r     *Router
}

var (
	_ conversation.Applier     = Applier{}
	_ conversation.Tracker     = Applier{}
	_ conversation.MediaLoader = Applier{}
)

// Applier returns the applier for this router's flows over the store.
func (r *Router) Applier(st storage.Store) Applier { return Applier{Store: st, r: r} }

// Apply implements conversation.Applier.
func (a Applier) Apply(ctx context.Context, in conversation.Input, e conversation.Effect) ([]bot.Reply, error) {
	if ok, err := a.applyReminderEffect(ctx, e); ok {
		return nil, err
	}
	if out, ok, err := a.applyCycleEffect(ctx, in, e); ok {
		return out, err
	}
	switch e := e.(type) {
	case LinkAccount:
		return nil, a.Store.LinkAccount(ctx, e.NIP, e.Platform, e.Account)
	case UnlinkAccount:
		return nil, a.Store.UnlinkAccount(ctx, e.NIP, e.Platform)
	case PutEvidence:
		return nil, a.Store.PutEvidence(ctx, e.Evidence, e.Data)
	case CreateReport:
		return nil, a.Store.CreateActivity(ctx, e.Activity)
	case ResubmitReport:
		return nil, a.resubmit(ctx, e)
	case Decide:
		return a.decide(ctx, e)
	case AddSurvey:
		return nil, a.Store.AddSurvey(ctx, e.Survey)
	case AddFeedback:
		return nil, a.Store.AddFeedback(ctx, e.Feedback)
	case RegisterByPhone:
		return a.registerByPhone(ctx, in, e)
	case RedeemLinkCode:
		return a.redeemLinkCode(ctx, in, e)
	case RecordPractice:
		return nil, a.Store.RecordPractice(ctx, e.Practice)
	case SwapActing:
		return nil, a.swapActing(ctx, e)
	case StepEvaluation:
		return a.stepEvaluation(ctx, e)
	default:
		return nil, fmt.Errorf("unknown effect %T", e)
	}
}

func (a Applier) resubmit(ctx context.Context, e ResubmitReport) error {
	cur, err := a.Store.ResubmitActivity(ctx, e.ID, e.Version, e.Content, e.ByNIP, e.Platform, e.At)
	if errors.Is(err, storage.ErrConflict) {
		// Already resubmitted by an earlier delivery of this very update?
		var gerr error
		if cur, gerr = a.Store.GetActivity(ctx, e.ID); gerr != nil || !resubmittedBy(cur, e) {
			return err
		}
	} else if err != nil {
		return err
	}
	return a.followApprover(ctx, cur, e.SupervisorNIP, e.At)
}

// resubmittedBy reports whether a's trail has e's resubmission.
func resubmittedBy(a storage.Activity, e ResubmitReport) bool {
	for _, au := range a.Audit {
		if au.Action == storage.ActionResubmitted && au.Version == e.Version+1 && au.ByNIP == e.ByNIP && au.At.Equal(e.At) {
			return true
		}
	}
	return false
}

// followApprover moves a resubmitted report to the list of the approver
// its prompts went to, when the roster changed while it was in revision.
// The move is recorded under rule RuleResubmitted: the corrected report's
// own prompts and confirmation say where it went, so no notice follows.
func (a Applier) followApprover(ctx context.Context, cur storage.Activity, to string, at time.Time) error {
	if to == "" || cur.SupervisorNIP == to || cur.Status != storage.StatusPending {
		return nil
	}
	_, err := a.Store.RerouteActivity(ctx, cur.ID, cur.Version, storage.AuditEntry{
		At: at, Action: storage.ActionRerouted, ByNIP: storage.SystemActor, Rule: roster.RuleResubmitted,
		From: cur.SupervisorNIP, To: to,
	})
	if errors.Is(err, storage.ErrConflict) {
		return nil // moved (or decided) meanwhile: a replay, or the scheduler
	}
	return err
}

func (a Applier) decide(ctx context.Context, e Decide) ([]bot.Reply, error) {
	cur, err := a.Store.GetActivity(ctx, e.ID)
	if err != nil {
		return nil, fmt.Errorf("get report: %w", err)
	}
	if e.D.Update != "" && cur.Version == e.Version && cur.Decision != nil && cur.Decision.Update == e.D.Update {
		// Written already by this very update (handled again after a crash
		// or an outage): its notices are still owed.
		a.auditDecision(ctx, cur, e)
		return a.r.afterDecision(ctx, cur)
	}
	// The notices are built before the decision is written, from the report
	// as the decision will leave it: every read they need happens first, so
	// a store failure after the write (an outage starting right then) cannot
	// leave a decision whose owner is never told. The prompt edits are made
	// for the prompts as the write found them (one recorded meanwhile too).
	planned := withDecision(cur, e)
	edits, err := a.r.decisionEdits(ctx, planned)
	if err != nil {
		return nil, err
	}
	notes, err := a.r.ownerNotes(ctx, planned)
	if err != nil {
		return nil, err
	}
	updated, err := a.Store.DecideActivity(ctx, e.ID, e.Version, e.D)
	switch {
	case err == nil:
		a.auditDecision(ctx, updated, e)
		return append(edits(updated), notes...), nil
	case errors.Is(err, storage.ErrConflict) && e.Batch:
		return nil, nil
	}
	return nil, err
}

// withDecision is the report as decision e leaves it (what DecideActivity
// writes): for the notices, built before the write.
func withDecision(a storage.Activity, e Decide) storage.Activity {
	a.Status = e.D.To
	a.Decision = &storage.Decision{ByNIP: e.D.ByNIP, At: e.D.At, Reason: e.D.Reason, Platform: e.D.Platform,
		AsAdmin: e.D.AsAdmin, ActingFor: e.D.ActingFor, Rule: e.D.Rule, Update: e.D.Update}
	return a
}

// PromptEdits are the edits that show a decided report's decision on each
// of its approval prompts (buttons removed), each with a short new message
// as its fallback when the prompt can no longer be edited. The scheduler
// sends them for the decisions of the approval-timeout rule.
func (r *Router) PromptEdits(ctx context.Context, a storage.Activity) ([]bot.Reply, error) {
	if a.Decision == nil {
		return nil, nil
	}
	edits, err := r.decisionEdits(ctx, a)
	if err != nil {
		return nil, err
	}
	return edits(a), nil
}

// decisionEdits reads what the edits showing a's decision say, and returns
// what makes them for the prompts of the report as stored (which may have
// gained a prompt since a was read).
func (r *Router) decisionEdits(ctx context.Context, a storage.Activity) (func(storage.Activity) []bot.Reply, error) {
	lang := r.lang
	verb, by := lang.T(verbKeys[a.Status]), r.decidedBy(ctx, a)
	loc, err := r.zone(ctx, a.UnitCode)
	if err != nil {
		return nil, err
	}
	text, err := r.promptText(ctx, a, lang)
	if err != nil {
		return nil, err
	}
	text += "\n\n" + lang.T(i18n.ApprovalDecided, verb, by, fmtDateTime(lang, a.Decision.At.In(loc)))
	short := lang.T(i18n.ApprovalDecidedShort, reportNo(a.ID), r.nameOf(ctx, a.NIP), verb, by)
	return func(s storage.Activity) []bot.Reply {
		moved := rerouted(s)
		return promptEdits(s, func(p storage.MessageRef) bool {
			// The current approver's; those of an earlier one say where it went.
			return p.To == s.SupervisorNIP || (p.To == "" && !moved)
		}, text, short)
	}, nil
}

// RerouteEdits are the edits that tell the approver a report left (from)
// that it moved to its current approver: each of from's prompts shows
// where it went, its buttons removed, with a short new message as its
// fallback. The scheduler sends them when it moves reports.
func (r *Router) RerouteEdits(ctx context.Context, a storage.Activity, from string) ([]bot.Reply, error) {
	lang := r.lang
	text, err := r.promptText(ctx, a, lang)
	if err != nil {
		return nil, err
	}
	to := r.nameOf(ctx, a.SupervisorNIP)
	text += "\n\n" + lang.T(i18n.ApprovalRerouted, to)
	short := lang.T(i18n.ApprovalReroutedShort, reportNo(a.ID), r.nameOf(ctx, a.NIP), to)
	return promptEdits(a, func(p storage.MessageRef) bool {
		return p.To == from || p.To == "" // "": recorded before prompts named their approver
	}, text, short), nil
}

// promptEdits edits the report's prompts that keep says to text, each with
// short as its fallback.
func promptEdits(a storage.Activity, keep func(storage.MessageRef) bool, text, short string) []bot.Reply {
	var out []bot.Reply
	for _, p := range a.Prompts {
		if !keep(p) {
			continue
		}
		ref := bot.MessageRef{Chat: bot.ChatKey{Platform: bot.Platform(p.Platform), ChatID: p.ChatID}, MessageID: p.MessageID, Photo: p.Photo}
		out = append(out, bot.Reply{Chat: ref.Chat, Text: text, Edit: &ref, Fallback: short})
	}
	return out
}

// rerouted reports whether the report moved to another approver since its
// current version was submitted.
func rerouted(a storage.Activity) bool {
	for _, e := range a.Audit {
		if e.Action == storage.ActionRerouted && e.Version == a.Version {
			return true
		}
	}
	return false
}

// decidedBy names who decided a report, as the prompt and the owner's
// notice say it: a person, an admin, or the timeout rule.
func (r *Router) decidedBy(ctx context.Context, a storage.Activity) string {
	if a.Decision.ByNIP == storage.SystemActor {
		return r.lang.T(i18n.ApprovalByRule)
	}
	by := r.nameOf(ctx, a.Decision.ByNIP)
	if a.Decision.AsAdmin {
		by = r.lang.T(i18n.ApprovalByAdmin, by)
	}
	if a.Decision.ActingFor != "" {
		by = r.lang.T(i18n.ApprovalByActing, by, r.nameOf(ctx, a.Decision.ActingFor))
	}
	return by
}

// Sent implements conversation.Tracker: an approval prompt was delivered
// (by the engine, or by the scheduler for a report it moved).
func (a Applier) Sent(ctx context.Context, track string, ref bot.MessageRef) error {
	id, approver, ok := parsePromptTrack(track)
	if !ok {
		return fmt.Errorf("unknown track %q", track)
	}
	return a.Store.AddPrompt(ctx, id, storage.MessageRef{
		Platform: string(ref.Chat.Platform), ChatID: ref.Chat.ChatID, MessageID: ref.MessageID, Photo: ref.Photo, To: approver,
	})
}

// Refresh implements conversation.Refresher: a prompt recorded after its
// report was decided (the press came between the prompt's delivery and its
// recording) is edited at once, as the decision's own edits would have.
func (a Applier) Refresh(ctx context.Context, track string, ref bot.MessageRef) ([]bot.Reply, error) {
	id, _, ok := parsePromptTrack(track)
	if !ok {
		return nil, nil
	}
	cur, err := a.Store.GetActivity(ctx, id)
	if err != nil || cur.Status == storage.StatusPending || cur.Decision == nil {
		return nil, err
	}
	edits, err := a.r.PromptEdits(ctx, cur)
	var out []bot.Reply
	for _, e := range edits {
		if e.Edit.Chat == ref.Chat && e.Edit.MessageID == ref.MessageID {
			out = append(out, e)
		}
	}
	return out, err
}

// LoadMedia implements conversation.MediaLoader: stored evidence, or a
// survey poster made on demand.
func (a Applier) LoadMedia(ctx context.Context, evidenceID string) ([]byte, error) {
	if strings.HasPrefix(evidenceID, posterMedia) {
		return a.r.posterPNG(ctx, evidenceID)
	}
	return a.Store.EvidenceData(ctx, evidenceID)
}

// afterDecision edits the report's prompts to show the decision (buttons
// removed) and tells the owner, on every account they linked.
func (r *Router) afterDecision(ctx context.Context, a storage.Activity) ([]bot.Reply, error) {
	out, err := r.PromptEdits(ctx, a)
	if err != nil {
		return nil, err
	}
	notes, err := r.ownerNotes(ctx, a)
	return append(out, notes...), err
}

// ownerNotes tell a decided report's owner the decision, on every account
// they linked.
func (r *Router) ownerNotes(ctx context.Context, a storage.Activity) ([]bot.Reply, error) {
	var out []bot.Reply
	owner, err := r.store.GetEmployee(ctx, a.NIP)
	if err != nil {
		return nil, fmt.Errorf("get report owner: %w", err)
	}
	lang := r.lang
	note := ownerNote(lang, a, lang.T(verbKeys[a.Status]), r.decidedBy(ctx, a))
	buttons, err := approvalNoteButtons(lang, a)
	if err != nil {
		return nil, err
	}
	for platform, acc := range owner.Accounts {
		out = append(out, bot.Reply{Chat: bot.ChatKey{Platform: bot.Platform(platform), ChatID: acc.ChatID}, Text: note, Buttons: buttons})
	}
	return out, nil
}
