package handlers

import (
	"context"
	"strings"
	"time"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/button"
	"github.com/kinerjabot/kinerjabot/conversation"
	"github.com/kinerjabot/kinerjabot/evidence"
	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/storage"
)

// The practice mode (/latihan) runs the report flow's own steps on a
// draft marked Practice: each question carries a hint, a photo is checked
// as a real one is but never stored, and the summary's Send ends the run
// with nothing stored but the completion (RecordPractice): no report, no
// evidence, no prompt to the supervisor, nothing counted. Someone who
// decides on reports then gets a practice approval of a sample report,
// whose buttons are a kind of their own (button.PracticeDecide) that names
// no report and so can never decide a real one.

// RecordPractice records a completed practice run. Idempotent.
type RecordPractice struct{ Practice storage.Practice }

// EffectName implements conversation.Effect.
func (RecordPractice) EffectName() string { return "record_practice" }

// practiceHints is the hint shown with each step's question.
var practiceHints = map[reportState]i18n.Key{
	stDesc: i18n.PracticeHintDesc, stTime: i18n.PracticeHintTime, stOutput: i18n.PracticeHintOutput,
	stSKP: i18n.PracticeHintSKP, stPhoto: i18n.PracticeHintPhoto, stLocation: i18n.PracticeHintLocation,
	stSummary: i18n.PracticeHintSummary,
}

// practiceSamplePhoto stands for the sample photo in a practice draft.
const practiceSamplePhoto = "sample"

// startPractice answers /latihan: a practice report for today;
// "/latihan atasan" goes straight to the practice approval.
func (r *Router) startPractice(ctx context.Context, c *call) (conversation.Outcome, error) {
	if isApprovalArg(c.u.Args) {
		return practiceApproval(c, ""), nil
	}
	loc, err := r.zone(ctx, c.emp.UnitCode)
	if err != nil {
		return conversation.Outcome{}, err
	}
	today := c.in.Now.In(loc)
	d := reportDraft{ID: newReportID(c.in.Now), Date: today.Format(time.DateOnly), Practice: true}
	targets, err := r.targetsOf(ctx, c.emp.NIP, today)
	if err != nil {
		return conversation.Outcome{}, err
	}
	for _, t := range targets {
		d.Targets = append(d.Targets, t.ID)
	}
	text := c.t(i18n.PracticeStart) + "\n\n" + c.t(i18n.ReportStart, fmtDate(c.lang, d.Date), 1, d.steps()) +
		"\n\n" + c.t(i18n.PracticeHintDesc)
	return conversation.Outcome{Next: d.at(c, stDesc), Replies: []bot.Reply{{Text: text, RemoveKeyboard: true}}}, nil
}

func isApprovalArg(args string) bool {
	switch strings.ToLower(strings.TrimSpace(args)) {
	case "atasan", "setuju", "supervisor", "approve":
		return true
	}
	return false
}

// practiceQuestion marks a practice step's question and adds its hint and,
// at the photo step, the sample photo's button.
func practiceQuestion(c *call, d reportDraft, state reportState, rep bot.Reply) bot.Reply {
	if !d.Practice {
		return rep
	}
	rep.Text = c.t(i18n.PracticeTag) + "\n" + rep.Text
	if k, ok := practiceHints[state]; ok {
		rep.Text += "\n\n" + c.t(k)
	}
	if state == stPhoto && !d.hasSample() {
		rep.Buttons = append(rep.Buttons, []bot.Button{c.button(c.t(i18n.PracticeSampleButton), button.PracticeSample{Draft: d.ID})})
	}
	return rep
}

func (d reportDraft) hasSample() bool {
	for _, p := range d.Photos {
		if p.ID == practiceSamplePhoto {
			return true
		}
	}
	return false
}

// practicePhoto takes a checked photo into a practice draft: no evidence
// record, nothing stored.
func (r *Router) practicePhoto(ctx context.Context, c *call, d reportDraft, info evidence.Info) (conversation.Outcome, error) {
	d.Photos = append(d.Photos, draftPhoto{ID: "latihan-" + info.SHA256[:12], SHA: info.SHA256})
	return r.afterPhoto(ctx, c, d, info, false)
}

// onPracticeSample answers the sample photo's button at the photo step.
func (r *Router) onPracticeSample(ctx context.Context, c *call, b button.PracticeSample) (conversation.Outcome, error) {
	d, err := loadDraft(c.in.Session)
	if err != nil || c.flow() != flowReport || !d.Practice || d.ID != b.Draft || reportState(c.in.Session.State) != stPhoto || d.hasSample() {
		return conversation.Outcome{Next: c.in.Session, Notice: c.t(i18n.ButtonStale)}, nil
	}
	d.Photos = append(d.Photos, draftPhoto{ID: practiceSamplePhoto})
	return r.advance(ctx, c, d, stPhoto, c.t(i18n.PracticeSampleTaken))
}

// finishPractice ends a practice report at its Send: the completion is
// recorded, nothing else; someone who decides on reports goes on to the
// practice approval.
func (r *Router) finishPractice(ctx context.Context, c *call, d reportDraft) (conversation.Outcome, error) {
	out := r.done(c, c.t(i18n.PracticeDone))
	out.Effects = []conversation.Effect{RecordPractice{Practice: storage.Practice{
		NIP: c.emp.NIP, Role: storage.PracticeStaff, Date: d.Date, At: c.in.Now.UTC(),
	}}}
	r.log.Info("practice report done", "chat", c.u.Chat().String())
	if c.decides {
		out.Replies = append(out.Replies, practiceApproval(c, c.t(i18n.PracticeApprovalOffer)).Replies...)
	}
	return out, nil
}

// practiceApproval shows the sample report as an approval prompt, with the
// real prompt's labels on practice buttons; lead, if any, comes first.
func practiceApproval(c *call, lead string) conversation.Outcome {
	p := prompt{
		No: "LATIHAN", Name: c.t(i18n.PracticeSampleName), NIP: "-", Date: fmtDate(c.lang, c.in.Now.Format(time.DateOnly)),
		Duration: durationText(c.lang, 120, nil), Description: c.t(i18n.PracticeSampleDesc),
		Output: c.t(i18n.PracticeSampleOutput), Photos: 1, Version: 1,
	}
	text := c.t(i18n.PracticeApprovalHead) + "\n\n" + promptBody(c.lang, p)
	if lead != "" {
		text = lead + "\n\n" + text
	}
	row := []bot.Button{
		c.button(c.t(i18n.ApprovalApprove), button.PracticeDecide{Verb: button.Approve}),
		c.button(c.t(i18n.ApprovalReject), button.PracticeDecide{Verb: button.Reject}),
		c.button(c.t(i18n.ApprovalRevise), button.PracticeDecide{Verb: button.Revise}),
	}
	return conversation.Outcome{Next: c.in.Session, Replies: []bot.Reply{{Text: text, Buttons: [][]bot.Button{row}}}}
}

// onPracticeDecide answers a press on the practice approval: it tells
// what the decision would do, and records the supervisor's practice.
func (r *Router) onPracticeDecide(ctx context.Context, c *call, b button.PracticeDecide) (conversation.Outcome, error) {
	if c.emp == nil {
		return r.askContact(c), nil
	}
	labels := map[button.Verb]i18n.Key{button.Approve: i18n.ApprovalApprove, button.Reject: i18n.ApprovalReject, button.Revise: i18n.ApprovalRevise}
	text := c.t(i18n.PracticeDecided, c.t(labels[b.Verb]))
	if b.Verb != button.Approve {
		text += "\n" + c.t(i18n.PracticeDecidedReason)
	}
	out := conversation.Outcome{Next: c.in.Session, Replies: []bot.Reply{{Text: text}}}
	if !c.decides && !c.emp.IsAdmin() {
		return out, nil // a practice of someone who decides on no one's reports
	}
	loc, err := r.zone(ctx, c.emp.UnitCode)
	if err != nil {
		return conversation.Outcome{}, err
	}
	out.Effects = []conversation.Effect{RecordPractice{Practice: storage.Practice{
		NIP: c.emp.NIP, Role: storage.PracticeSupervisor, Date: c.in.Now.In(loc).Format(time.DateOnly), At: c.in.Now.UTC(),
	}}}
	r.log.Info("practice approval done", "chat", c.u.Chat().String())
	return out, nil
}

// onPracticeStart answers the introduction's "Coba latihan".
func (r *Router) onPracticeStart(ctx context.Context, c *call) (conversation.Outcome, error) {
	if c.emp == nil {
		return r.askContact(c), nil
	}
	if c.in.Session.Flow != "" {
		return conversation.Outcome{Next: c.in.Session, Notice: c.t(i18n.FinishFirst)}, nil
	}
	return r.startPractice(ctx, c)
}
