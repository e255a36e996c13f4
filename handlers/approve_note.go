package handlers

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/button"
	"github.com/kinerjabot/kinerjabot/conversation"
	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/storage"
)

// Approval with a note ("✅ Setujui + catatan"): the supervisor is asked
// for the note as for a rejection's reason (the decision flow), the report
// is approved with it as the decision's reason, and the note is kept as
// the supervisor's feedback to the person (storage.Coaching, its id the
// report's: a report is approved once), which the person may acknowledge
// or answer like any other (coach_reply.go).
//
// A supervisor may also reply to the prompt (Telegram's reply, WhatsApp's
// swipe-reply) with the note: the prompt's report number is read from the
// quoted text, the report found on the supervisor's own pending list, and
// the approval with that note is asked to be confirmed by one press (a
// reply could be a question, not a verdict).

// promptNo finds the report number in an approval prompt's text.
var promptNo = regexp.MustCompile(`— No\. ([0-9A-Z]{8})\n`)

// replyScan bounds the pending list searched for a replied prompt's report.
const replyScan = 200

// noteByReply handles a text replying to an approval prompt; ok is false
// for any other text.
func (r *Router) noteByReply(ctx context.Context, c *call) (conversation.Outcome, bool, error) {
	m := promptNo.FindStringSubmatch(c.u.Quoted)
	if c.u.Kind != bot.KindText || m == nil {
		return conversation.Outcome{}, false, nil
	}
	note := strings.TrimSpace(c.u.Text)
	if n := utf8.RuneCountInString(note); n < 3 || n > 500 {
		return reply(c, c.t(i18n.ApprovalReasonLength), menuKeyboard(c)), true, nil
	}
	items, _, err := r.store.ListPending(ctx, c.emp.NIP, 0, replyScan)
	if err != nil {
		return conversation.Outcome{}, true, fmt.Errorf("list pending: %w", err)
	}
	for _, a := range items {
		if reportNo(a.ID) == m[1] {
			out, err := r.askNoteConfirm(ctx, c, a, note)
			return out, true, err
		}
	}
	r.log.Info("reply to a prompt not on the person's pending list", "chat", c.u.Chat().String())
	return reply(c, c.t(i18n.ApprovalReplyUnknown, m[1]), menuKeyboard(c)), true, nil
}

// askNoteConfirm asks to confirm approving a with the note.
func (r *Router) askNoteConfirm(ctx context.Context, c *call, a storage.Activity, note string) (conversation.Outcome, error) {
	au, err := r.authorize(ctx, c, a.ID)
	if au.refusal != "" || err != nil {
		return reply(c, au.refusal, menuKeyboard(c)), err
	}
	d := decideDraft{ID: a.ID, Version: a.Version, To: storage.StatusApproved, Note: true, Text: note, capacity: au.as}
	raw, _ := json.Marshal(d)
	confirm := c.button(c.t(i18n.ApprovalApproveNoteSend), button.Decide{Verb: button.ApproveNote, Report: a.ID, Version: a.Version})
	return conversation.Outcome{
		Next: conversation.Session{Flow: string(flowDecide), State: string(stateNoteConfirm), Data: raw, Lang: c.in.Session.Lang},
		Replies: []bot.Reply{{Text: c.t(i18n.ApprovalConfirmNote, reportNo(a.ID), r.nameOf(ctx, a.NIP), note),
			Buttons: [][]bot.Button{{confirm}}}},
	}, nil
}

// noteToConfirm is the draft a press confirms: the approval with a note
// given by reply, of the very report and version pressed.
func (r *Router) noteToConfirm(c *call, b button.Decide) (decideDraft, bool) {
	var d decideDraft
	if b.Verb != button.ApproveNote || c.flow() != flowDecide || decideState(c.in.Session.State) != stateNoteConfirm ||
		json.Unmarshal(c.in.Session.Data, &d) != nil {
		return d, false
	}
	return d, d.ID == b.Report && d.Version == b.Version && d.Text != ""
}

// askReasonText asks for a decision's reason, or an approval's note.
func askReasonText(ctx context.Context, r *Router, c *call, d decideDraft, a storage.Activity) string {
	if d.Note {
		return c.t(i18n.ApprovalAskNote, r.nameOf(ctx, a.NIP), reportNo(a.ID))
	}
	return c.t(i18n.ApprovalAskReason, c.t(verbKeys[d.To]), reportNo(a.ID))
}

// decisionDoneText confirms a decision made with its reason, or note.
func decisionDoneText(c *call, d decideDraft, a storage.Activity) string {
	if d.Note {
		return c.t(i18n.ApprovalNoteDone, reportNo(a.ID))
	}
	return c.t(i18n.ApprovalDecisionDone, c.t(verbKeys[d.To]), reportNo(a.ID))
}

// noteEffects keep an approval's note as feedback, before the decision
// whose notice carries the buttons to answer it.
func noteEffects(c *call, d decideDraft, a storage.Activity, note string) []conversation.Effect {
	if !d.Note || d.To != storage.StatusApproved {
		return nil
	}
	return []conversation.Effect{AddCoaching{Coaching: storage.Coaching{ID: a.ID, FromNIP: c.emp.NIP, ToNIP: a.NIP,
		SKPTargetID: a.SKPTargetID, ActivityID: a.ID, Note: note, At: c.in.Now.UTC()}}}
}

// approvalNoteButtons are the reply buttons under the notice of a report
// approved with a note (none for other decisions).
func approvalNoteButtons(lang i18n.Lang, a storage.Activity) ([][]bot.Button, error) {
	if !approvedWithNote(a) {
		return nil, nil
	}
	return coachReplyButtons(lang, a.ID)
}

// approvedWithNote: a person approved a with a note (a rule's approval
// records its own reason, which is no note).
func approvedWithNote(a storage.Activity) bool {
	return a.Status == storage.StatusApproved && a.Decision != nil && a.Decision.Reason != "" && a.Decision.Rule == ""
}
