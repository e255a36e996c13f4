package handlers

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/button"
	"github.com/kinerjabot/kinerjabot/conversation"
	"github.com/kinerjabot/kinerjabot/evidence"
	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/ident"
	"github.com/kinerjabot/kinerjabot/roster"
	"github.com/kinerjabot/kinerjabot/storage"
)

// submit sends the draft: a new pending report (or the corrected version of
// one sent back), the person's confirmation and the supervisor's prompt.
func (r *Router) submit(ctx context.Context, c *call, d reportDraft) (conversation.Outcome, error) {
	if d.Practice {
		return r.finishPractice(ctx, c, d)
	}
	if existing, err := r.store.GetActivity(ctx, d.ID); err == nil && d.Resubmit == 0 {
		// Stored already, yet the session still holds the draft: the step
		// that stored it never finished (a crash, or Redis or the store
		// failing between the write and the session's commit, which
		// queues the replies), so its confirmation and the supervisor's
		// prompt were never sent. They go now; nothing is stored twice.
		if existing.Status != storage.StatusPending {
			return r.done(c, c.t(i18n.ReportAlreadySent, reportNo(existing.ID))), nil
		}
		r.log.Info("report stored before, its messages sent now", "chat", c.u.Chat().String(), "report_id", existing.ID)
		return r.sentMessages(ctx, c, existing, d)
	} else if err != nil && !errors.Is(err, storage.ErrNotFound) {
		return conversation.Outcome{}, fmt.Errorf("get activity: %w", err)
	}
	today, err := r.today(ctx, c)
	if err != nil {
		return conversation.Outcome{}, err
	}
	approver, _, err := roster.Approver(ctx, r.store, *c.emp, today.Format(time.DateOnly))
	if err != nil {
		return conversation.Outcome{}, fmt.Errorf("who decides: %w", err)
	}
	a := r.activityOf(c, d, approver)
	out, err := r.sentMessages(ctx, c, a, d)
	if err != nil {
		return conversation.Outcome{}, err
	}
	if d.Resubmit > 0 {
		out.Effects = []conversation.Effect{ResubmitReport{ID: a.ID, Version: d.Resubmit, Content: a.Content,
			ByNIP: c.emp.NIP, Platform: string(c.u.Platform), At: a.SubmittedAt, SupervisorNIP: approver}}
	} else {
		out.Effects = []conversation.Effect{CreateReport{Activity: a}}
	}
	r.log.Info("report submitted", "chat", c.u.Chat().String(), "report_id", a.ID, "version", a.Version, "nip", ident.MaskNIP(a.NIP))
	return out, nil
}

// sentMessages ends the draft with the person's confirmation that report a
// went to the supervisor, and the supervisor's approval prompts.
func (r *Router) sentMessages(ctx context.Context, c *call, a storage.Activity, d reportDraft) (conversation.Outcome, error) {
	sup, err := r.store.GetEmployee(ctx, a.SupervisorNIP)
	if err != nil && !errors.Is(err, storage.ErrNotFound) {
		return conversation.Outcome{}, fmt.Errorf("get supervisor: %w", err)
	}
	out := r.done(c, c.t(i18n.ReportSentNoSuper, reportNo(a.ID)))
	if err == nil {
		text := c.t(i18n.ReportSent, reportNo(a.ID), sup.Name)
		switch {
		case d.Resubmit > 0:
			text = c.t(i18n.ReportResent, reportNo(a.ID), sup.Name)
		case sup.NIP != c.emp.SupervisorNIP && sup.IsAdmin():
			text = c.t(i18n.ReportSentToAdmin, reportNo(a.ID), sup.Name) // the supervisors up the chain left
		}
		out.Replies[0].Text = text
		prompts, err := r.prompts(ctx, a, sup, "")
		if err != nil {
			return conversation.Outcome{}, err
		}
		out.Replies = append(out.Replies, prompts...)
	}
	return out, nil
}

// activityOf is the report as it will be stored once the draft is sent, on
// approver's list.
func (r *Router) activityOf(c *call, d reportDraft, approver string) storage.Activity {
	now := c.in.Now.UTC().Truncate(time.Millisecond) // what the stores keep
	version := 1
	action := storage.ActionSubmitted
	if d.Resubmit > 0 {
		version, action = d.Resubmit+1, storage.ActionResubmitted
	}
	return storage.Activity{
		ID: d.ID, NIP: c.emp.NIP, UnitCode: c.emp.UnitCode, SupervisorNIP: approver,
		Date: d.Date, Content: d.content(), Status: storage.StatusPending, Version: version,
		Audit:       []storage.AuditEntry{{At: now, Action: action, ByNIP: c.emp.NIP, Platform: string(c.u.Platform), Version: version}},
		SubmittedAt: now,
	}
}

// done ends the flow with a message and the menu.
func (r *Router) done(c *call, text string) conversation.Outcome {
	return conversation.Outcome{
		Next:    conversation.Session{Lang: c.in.Session.Lang},
		Replies: []bot.Reply{{Text: text, Keyboard: menuKeyboard(c)}},
	}
}

// prompts are the approval prompts for a report, one per chat account the
// supervisor has linked, each tracked (with the supervisor's NIP: whose
// prompt it is) so it can be edited after a decision; head, when set, is
// a line above the prompt.
func (r *Router) prompts(ctx context.Context, a storage.Activity, sup storage.Employee, head string) ([]bot.Reply, error) {
	lang := r.lang
	text, err := r.promptText(ctx, a, lang)
	if err != nil {
		return nil, err
	}
	if head != "" {
		text = head + "\n\n" + text
	}
	photo, err := r.firstPhoto(ctx, a)
	if err != nil {
		return nil, err
	}
	buttons, err := decisionButtons(lang, a)
	if err != nil {
		return nil, err
	}
	var out []bot.Reply
	for platform, acc := range sup.Accounts {
		out = append(out, bot.Reply{
			Chat: bot.ChatKey{Platform: bot.Platform(platform), ChatID: acc.ChatID},
			Text: text, Buttons: buttons, Photo: photo, Track: promptTrack(a.ID, sup.NIP),
		})
	}
	return out, nil
}

// ReroutedPrompts are the approval prompts of a report that moved to
// another approver (a.SupervisorNIP), headed by a line saying so: one per
// chat account the approver linked, tracked as a submission's are. The
// scheduler sends them when it moves reports (none when the approver is
// not on the roster).
func (r *Router) ReroutedPrompts(ctx context.Context, a storage.Activity) ([]bot.Reply, error) {
	sup, err := r.store.GetEmployee(ctx, a.SupervisorNIP)
	if errors.Is(err, storage.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("get approver: %w", err)
	}
	return r.prompts(ctx, a, sup, r.lang.T(i18n.ApprovalReroutedToYou))
}

// promptTrack names a prompt for the Tracker: the report and the approver
// it went to.
func promptTrack(id, approver string) string { return "prompt:" + id + ":" + approver }

// parsePromptTrack reads promptTrack's name, and the older "prompt:<id>"
// (no approver) of replies queued before prompts named theirs.
func parsePromptTrack(track string) (id, approver string, ok bool) {
	rest, ok := strings.CutPrefix(track, "prompt:")
	if !ok || rest == "" {
		return "", "", false
	}
	id, approver, _ = strings.Cut(rest, ":")
	return id, approver, true
}

func (r *Router) firstPhoto(ctx context.Context, a storage.Activity) (*bot.Photo, error) {
	if len(a.EvidenceIDs) == 0 {
		return nil, nil
	}
	ev, err := r.store.GetEvidence(ctx, a.EvidenceIDs[0])
	if errors.Is(err, storage.ErrNotFound) {
		return &bot.Photo{EvidenceID: a.EvidenceIDs[0]}, nil // being written by this very update
	}
	if err != nil {
		return nil, fmt.Errorf("get evidence: %w", err)
	}
	return &bot.Photo{FileID: ev.FileID, Platform: bot.Platform(ev.Platform), EvidenceID: ev.ID, MIME: ev.MIME}, nil
}

func decisionButtons(lang i18n.Lang, a storage.Activity) ([][]bot.Button, error) {
	labels := map[button.Verb]string{
		button.Approve: lang.T(i18n.ApprovalApprove), button.Reject: lang.T(i18n.ApprovalReject), button.Revise: lang.T(i18n.ApprovalRevise),
	}
	labels[button.ApproveNote] = lang.T(i18n.ApprovalApproveNote)
	layout := [][]button.Verb{{button.Approve, button.Reject, button.Revise}, {button.ApproveNote}}
	if n := len(a.EvidenceIDs); n > 1 {
		labels[button.Photos] = lang.T(i18n.ApprovalMorePhotos, n-1)
		layout = append(layout, []button.Verb{button.Photos})
	}
	rows := make([][]bot.Button, len(layout))
	for i, verbs := range layout {
		for _, v := range verbs {
			b, err := newButton(labels[v], button.Decide{Verb: v, Report: a.ID, Version: a.Version})
			if err != nil {
				return nil, err
			}
			rows[i] = append(rows[i], b)
		}
	}
	return rows, nil
}

// promptText renders the approval prompt of a report from the store.
func (r *Router) promptText(ctx context.Context, a storage.Activity, lang i18n.Lang) (string, error) {
	owner, err := r.store.GetEmployee(ctx, a.NIP)
	if err != nil {
		return "", fmt.Errorf("get report owner: %w", err)
	}
	p := prompt{
		No: reportNo(a.ID), Name: owner.Name, NIP: ident.FormatNIP(owner.NIP), Date: fmtDate(lang, a.Date),
		Duration: durationText(lang, a.Minutes, a.StartMinute), Description: truncate(a.Description, 600),
		Output: volumeText(a.OutputVolume, a.OutputUnit), Photos: len(a.EvidenceIDs), Reused: a.ReuseFlag, Version: a.Version,
	}
	if p.FarPhoto, err = r.farPhoto(ctx, a, lang); err != nil {
		return "", err
	}
	p.FarDays = r.opt.PhotoDateDays
	if a.SKPTargetID != "" {
		if t, err := r.store.GetSKPTarget(ctx, a.SKPTargetID); err == nil {
			p.SKP = truncate(t.Indikator, 120)
		}
	}
	if a.Location != nil {
		p.Distance = fmt.Sprintf("%.5f, %.5f", a.Location.Lat, a.Location.Lon)
		u, err := r.store.GetUnit(ctx, a.UnitCode)
		if err == nil && u.Latitude != nil && u.Longitude != nil {
			m := evidence.DistanceMeters(evidence.Point{Lat: a.Location.Lat, Lon: a.Location.Lon}, evidence.Point{Lat: *u.Latitude, Lon: *u.Longitude})
			p.Distance = distanceText(lang, m, u.Name)
		}
	}
	return promptBody(lang, p) + competencyPromptLine(lang, a.Content), nil
}
