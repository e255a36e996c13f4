package handlers

import (
	"context"

	"github.com/kinerjabot/kinerjabot/bot"
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
	if a.Status != storage.StatusApproved || a.Decision == nil || a.Decision.Reason == "" {
		return nil, nil
	}
	return coachReplyButtons(lang, a.ID)
}
