package handlers

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/button"
	"github.com/kinerjabot/kinerjabot/conversation"
	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/ident"
	"github.com/kinerjabot/kinerjabot/roster"
	"github.com/kinerjabot/kinerjabot/storage"
)

// The decision flow: a supervisor who pressed Tolak or Revisi is asked for
// the reason, and the decision is made with it.
const flowDecide flowName = "putus"

// pageSize is how many reports a page of an approval list shows.
const pageSize = 8

// decideState is a step of a decision that needs a reason: there is one.
type decideState string

const (
	stateReason      decideState = "reason"
	stateNoteConfirm decideState = "confirm" // a note by reply, to confirm
)

type decideDraft struct {
	ID      string         `json:"id"`
	Version int            `json:"version"`
	To      storage.Status `json:"to"`
	// Note: an approval with a note to the person (approve_note.go); Text
	// the note given by replying to the prompt, to confirm.
	Note bool   `json:"note,omitempty"`
	Text string `json:"text,omitempty"`
	capacity
}

// capacity is in what capacity someone decides: as the supervisor (zero),
// as an admin for the unit, or acting (Plt/Plh) for a supervisor's post.
type capacity struct {
	AsAdmin   bool   `json:"as_admin,omitempty"`
	ActingFor string `json:"acting_for,omitempty"`
}

// capacityOf is the capacity a recorded decision was made in.
func capacityOf(d *storage.Decision) capacity {
	return capacity{AsAdmin: d.AsAdmin, ActingFor: d.ActingFor}
}

var verbStatus = map[button.Verb]storage.Status{
	button.Approve: storage.StatusApproved, button.Reject: storage.StatusRejected, button.Revise: storage.StatusRevision,
	button.ApproveNote: storage.StatusApproved,
}

// onDecisionButton handles a decision button of an approval prompt or the
// approval list. The data carries no authority: who pressed is checked
// against the report's owner on the roster.
func (r *Router) onDecisionButton(ctx context.Context, c *call, b button.Decide) (conversation.Outcome, error) {
	if d, ok := r.noteToConfirm(c, b); ok {
		return r.decideWith(ctx, c, d, d.Text)
	}
	stay := conversation.Outcome{Next: c.in.Session}
	au, err := r.authorize(ctx, c, b.Report)
	if au.refusal != "" || err != nil {
		stay.Notice = au.refusal
		return stay, err
	}
	a, as := au.report, au.as
	if b.Verb == button.Photos {
		return r.showPhotos(ctx, c, a)
	}
	to := verbStatus[b.Verb]
	switch {
	case ownDecision(c, a):
		// This press decided already; finish what it started.
		stay.Effects = []conversation.Effect{r.decision(c, a, a.Status, a.Decision.Reason, capacityOf(a.Decision), false)}
		stay.Notice = c.t(verbKeys[a.Status])
		return stay, nil
	case a.Status != storage.StatusPending:
		stay.Notice, err = r.alreadyDecided(ctx, c.lang, a)
		return stay, err
	case a.Version != b.Version:
		stay.Notice = c.t(i18n.ApprovalOldVersion)
		return stay, nil
	case to == storage.StatusApproved && b.Verb != button.ApproveNote:
		stay.Effects = []conversation.Effect{r.decision(c, a, to, "", as, false)}
		stay.Notice = c.t(verbKeys[to])
		return stay, nil
	case c.flow() != "" && c.flow() != flowDecide:
		stay.Notice = c.t(i18n.ReportFinishFirst)
		return stay, nil
	}
	d := decideDraft{ID: a.ID, Version: a.Version, To: to, Note: b.Verb == button.ApproveNote, capacity: as}
	raw, _ := json.Marshal(d)
	return conversation.Outcome{
		Next:    conversation.Session{Flow: string(flowDecide), State: string(stateReason), Data: raw, Lang: c.in.Session.Lang},
		Replies: []bot.Reply{{Text: askReasonText(ctx, r, c, d, a)}},
		Notice:  c.t(verbKeys[to]),
	}, nil
}

// authority is what authorize found: the report, whether the presser
// decides as an admin, or why they may not decide (refusal, for the popup).
type authority struct {
	report  storage.Activity
	as      capacity
	refusal string
}

// authorize loads the report and checks that the person who pressed may
// decide on it (mayDecide).
func (r *Router) authorize(ctx context.Context, c *call, id string) (authority, error) {
	if c.emp == nil {
		return authority{refusal: c.t(i18n.NotRegistered)}, nil
	}
	a, err := r.store.GetActivity(ctx, id)
	if errors.Is(err, storage.ErrNotFound) {
		r.log.Warn("decision on an unknown report", "chat", c.u.Chat().String(), "report_id", truncate(id, 40))
		return authority{refusal: c.t(i18n.ApprovalNotFound)}, nil
	}
	if err != nil {
		return authority{}, fmt.Errorf("get activity: %w", err)
	}
	owner, err := r.store.GetEmployee(ctx, a.NIP)
	if err != nil {
		return authority{}, fmt.Errorf("get report owner: %w", err)
	}
	ok, as, err := r.mayDecide(ctx, *c.emp, owner, c.in.Now)
	if err != nil || ok {
		return authority{report: a, as: as}, err
	}
	r.log.Warn("decision refused: not the owner's supervisor", "chat", c.u.Chat().String(),
		"report_id", a.ID, "by_nip", ident.MaskNIP(c.emp.NIP))
	return authority{report: a, refusal: c.t(i18n.ApprovalNotYours)}, nil
}

// mayDecide is the one authority rule for a report's decision, read from
// the roster as it is now (never from who was supervisor at submit time):
// the owner's supervisor (the nearest active one up the chain, should the
// direct one have left: roster.Supervisor), or an admin of the owner's
// unit or a unit above it (asAdmin); never the owner, nor anyone inactive.
// Every path that decides (a prompt's button, the list's buttons, the
// batch) goes through it.
func (r *Router) mayDecide(ctx context.Context, by, owner storage.Employee, now time.Time) (ok bool, as capacity, err error) {
	if by.NIP == owner.NIP || !by.Active {
		return false, capacity{}, nil
	}
	if owner.SupervisorNIP != "" && by.NIP == owner.SupervisorNIP {
		return true, capacity{}, nil
	}
	sup, err := roster.Supervisor(ctx, r.store, owner)
	if err != nil || (sup != "" && by.NIP == sup) {
		return err == nil, capacity{}, err
	}
	loc, err := r.zone(ctx, owner.UnitCode)
	if err != nil {
		return false, capacity{}, err
	}
	ans, err := roster.Decider(ctx, r.store, owner, now.In(loc).Format(time.DateOnly))
	if err != nil || (ans.ActingFor != "" && by.NIP == ans.NIP) {
		return err == nil, capacity{ActingFor: ans.ActingFor}, err
	}
	if !by.IsAdmin() {
		return false, capacity{}, nil
	}
	within, err := r.unitWithin(ctx, owner.UnitCode, by.UnitCode)
	return within, capacity{AsAdmin: within}, err
}

// unitWithin reports whether unit is ancestor or lies under it
// (roster.Within).
func (r *Router) unitWithin(ctx context.Context, unit, ancestor string) (bool, error) {
	return roster.Within(ctx, r.store, unit, ancestor)
}

func (r *Router) alreadyDecided(ctx context.Context, lang i18n.Lang, a storage.Activity) (string, error) {
	if a.Decision == nil {
		return lang.T(i18n.ButtonStale), nil
	}
	by := r.nameOf(ctx, a.Decision.ByNIP)
	return lang.T(i18n.ApprovalAlreadyDecided, lang.T(verbKeys[a.Status]), by), nil
}

func (r *Router) nameOf(ctx context.Context, nip string) string {
	if e, err := r.store.GetEmployee(ctx, nip); err == nil {
		return e.Name
	}
	return ident.FormatNIP(nip)
}

func (r *Router) decision(c *call, a storage.Activity, to storage.Status, reason string, as capacity, batch bool) Decide {
	return Decide{ID: a.ID, Version: a.Version, Batch: batch, D: storage.Decide{
		To: to, ByNIP: c.emp.NIP, Reason: reason, Platform: string(c.u.Platform), AsAdmin: as.AsAdmin,
		ActingFor: as.ActingFor, At: c.in.Now.UTC(),
		Update: updateRef(c.u),
	}}
}

// updateRef names an update in the decision it makes.
func updateRef(u bot.Update) string { return string(u.Platform) + ":" + u.ID }

// ownDecision reports whether the report's decision was made by this very
// update: it is being handled again (a crash or outage stopped it after the
// decision was written), and the decision's notices are still owed.
func ownDecision(c *call, a storage.Activity) bool {
	return a.Decision != nil && a.Decision.Update != "" && a.Decision.Update == updateRef(c.u)
}

// onReason takes the reason for a rejection or a revision (or the note
// of an approval; a note given by replying to the prompt waits for its
// confirmation: approve_note.go).
func (r *Router) onReason(ctx context.Context, c *call, state decideState) (conversation.Outcome, error) {
	var d decideDraft
	if err := json.Unmarshal(c.in.Session.Data, &d); err != nil {
		return r.restart(ctx, c)
	}
	if c.u.Kind == bot.KindCallback {
		return conversation.Outcome{Next: c.in.Session, Notice: c.t(i18n.ReportFinishFirst)}, nil
	}
	if state == stateNoteConfirm {
		return keep(c, c.t(i18n.ApprovalConfirmHint)), nil
	}
	reason := strings.TrimSpace(c.u.Text)
	if n := utf8.RuneCountInString(reason); c.u.Kind != bot.KindText || n < 3 || n > 500 {
		return keep(c, c.t(i18n.ApprovalReasonLength)), nil
	}
	return r.decideWith(ctx, c, d, reason)
}

// decideWith makes the drafted decision with its reason (or note), if the
// report is still pending at the draft's version and the person may
// decide it.
func (r *Router) decideWith(ctx context.Context, c *call, d decideDraft, reason string) (conversation.Outcome, error) {
	au, err := r.authorize(ctx, c, d.ID)
	if au.refusal != "" || err != nil {
		return r.done(c, au.refusal), err
	}
	a := au.report
	if ownDecision(c, a) {
		out := r.done(c, decisionDoneText(c, d, a))
		out.Effects = append(noteEffects(c, d, a, reason), r.decision(c, a, a.Status, a.Decision.Reason, capacityOf(a.Decision), false))
		return out, nil
	}
	if a.Status != storage.StatusPending || a.Version != d.Version {
		text, err := r.alreadyDecided(ctx, c.lang, a)
		if a.Status == storage.StatusPending {
			text = c.t(i18n.ApprovalOldVersion)
		}
		return r.done(c, text), err
	}
	out := r.done(c, decisionDoneText(c, d, a))
	out.Effects = append(noteEffects(c, d, a, reason), r.decision(c, a, d.To, reason, d.capacity, false))
	return out, nil
}

// showPhotos sends a report's photos after the first.
func (r *Router) showPhotos(ctx context.Context, c *call, a storage.Activity) (conversation.Outcome, error) {
	out := conversation.Outcome{Next: c.in.Session}
	if len(a.EvidenceIDs) < 2 {
		out.Notice = c.t(i18n.ApprovalNoPhotos)
		return out, nil
	}
	for i, id := range a.EvidenceIDs[1:] {
		ev, err := r.store.GetEvidence(ctx, id)
		if err != nil {
			return out, fmt.Errorf("get evidence: %w", err)
		}
		out.Replies = append(out.Replies, bot.Reply{
			Text:  c.t(i18n.ApprovalPhotoCaption, reportNo(a.ID), i+2, len(a.EvidenceIDs)),
			Photo: &bot.Photo{FileID: ev.FileID, Platform: bot.Platform(ev.Platform), EvidenceID: ev.ID, MIME: ev.MIME},
		})
	}
	return out, nil
}

// approvals shows the supervisor's pending reports, a page at a time.
func (r *Router) approvals(ctx context.Context, c *call, offset int) (conversation.Outcome, error) {
	items, total, err := r.store.ListPending(ctx, c.emp.NIP, offset, pageSize)
	if err != nil {
		return conversation.Outcome{}, fmt.Errorf("list pending: %w", err)
	}
	if len(items) == 0 && offset > 0 {
		return r.approvals(ctx, c, 0) // the list shrank under the page
	}
	return r.pendingPage(ctx, c, items, total, offset, false), nil
}

// unitApprovals shows an admin the pending reports of their unit and the
// units below it, whoever's list they are on: the admin may decide for the
// unit, and the decision is recorded as an admin's.
func (r *Router) unitApprovals(ctx context.Context, c *call, offset int) (conversation.Outcome, error) {
	if !c.emp.IsAdmin() {
		return reply(c, c.t(i18n.NotForYouAdmin), menuKeyboard(c)), nil
	}
	all, err := r.unitPending(ctx, c)
	if err != nil {
		return conversation.Outcome{}, err
	}
	offset = max(0, min(offset, len(all)-1))
	return r.pendingPage(ctx, c, all[offset:min(len(all), offset+pageSize)], len(all), offset, true), nil
}

// unitPending gathers the pending reports of everyone in the admin's unit
// subtree but the admin, oldest first, whoever's list they are on: from
// the oldest pending reports (unitScan of them, read in one bounded
// query), those whose owner is now in the subtree (the report's own unit
// for an owner no longer on the roster). No roster is read whole: the
// owners come by NIP, a batch at a time.
func (r *Router) unitPending(ctx context.Context, c *call) ([]storage.Activity, error) {
	pending, err := r.store.ListPendingSubmittedBefore(ctx, c.in.Now.AddDate(0, 0, 1), unitScan)
	if err != nil {
		return nil, fmt.Errorf("list pending: %w", err)
	}
	units, err := r.ownerUnits(ctx, pending)
	if err != nil {
		return nil, err
	}
	within := map[string]bool{}
	out := []storage.Activity{}
	for _, a := range pending {
		unit := cmp.Or(units[a.NIP], a.UnitCode)
		w, seen := within[unit]
		if !seen {
			if w, err = r.unitWithin(ctx, unit, c.emp.UnitCode); err != nil {
				return nil, err
			}
			within[unit] = w
		}
		if w && a.NIP != c.emp.NIP {
			out = append(out, a)
		}
	}
	return out, nil
}

// unitScan bounds the pending reports an admin's unit list looks at, the
// oldest first: a list longer than this shows its oldest part.
const unitScan = 5000

// ownerUnits is the current unit of each owner of the reports on the
// roster, by NIP.
func (r *Router) ownerUnits(ctx context.Context, reports []storage.Activity) (map[string]string, error) {
	var nips []string
	seen := map[string]bool{}
	for _, a := range reports {
		if !seen[a.NIP] {
			seen[a.NIP] = true
			nips = append(nips, a.NIP)
		}
	}
	units := make(map[string]string, len(nips))
	for start := 0; start < len(nips); start += storage.MaxEmployeePage {
		emps, err := r.store.EmployeesByNIP(ctx, nips[start:min(start+storage.MaxEmployeePage, len(nips))])
		if err != nil {
			return nil, fmt.Errorf("employees by nip: %w", err)
		}
		for _, e := range emps {
			units[e.NIP] = e.UnitCode
		}
	}
	return units, nil
}

// pendingPage renders one page of pending reports with per-report buttons,
// paging within the own list or an admin's unit list, and, on the own
// list, "approve all on this page".
func (r *Router) pendingPage(ctx context.Context, c *call, items []storage.Activity, total, offset int, unit bool) conversation.Outcome {
	if total == 0 || len(items) == 0 {
		return r.listOutcome(c, c.t(i18n.ApprovalPendingNone), nil)
	}
	var b strings.Builder
	pages := (total + pageSize - 1) / pageSize
	b.WriteString(c.t(i18n.ApprovalPendingHeader, total, offset/pageSize+1, pages))
	var rows [][]bot.Button
	for i, a := range items {
		b.WriteString("\n\n" + c.t(i18n.ApprovalPendingItem, i+1, r.nameOf(ctx, a.NIP), reportNo(a.ID),
			fmtDate(c.lang, a.Date), durationText(c.lang, a.Minutes, a.StartMinute), truncate(a.Description, 120)))
		rows = append(rows, decideRow(c, i+1, a))
	}
	page := func(off int) button.Data {
		if unit {
			return button.UnitApprovals{Offset: off}
		}
		return button.Approvals{Offset: off}
	}
	rows = appendNav(rows, pageNav(c, offset, len(items), total, page))
	if !unit {
		all := button.ApproveAll{Offset: offset, Page: pageHash(items)}
		rows = append(rows, []bot.Button{c.button(c.t(i18n.ApprovalApproveAll, len(items)), all)})
	}
	return r.listOutcome(c, b.String(), rows)
}

// decideRow is the decision buttons of the n-th report of a list.
func decideRow(c *call, n int, a storage.Activity) []bot.Button {
	no := strconv.Itoa(n)
	decide := func(v button.Verb) button.Decide { return button.Decide{Verb: v, Report: a.ID, Version: a.Version} }
	return []bot.Button{c.button("✅ "+no, decide(button.Approve)), c.button("❌ "+no, decide(button.Reject)),
		c.button("✏️ "+no, decide(button.Revise))}
}

// pageHash names the exact reports (and versions) of a page, so "approve
// all" approves what the supervisor saw and nothing that slid in since.
func pageHash(items []storage.Activity) string {
	h := sha256.New()
	for _, a := range items {
		fmt.Fprintf(h, "%s:%d;", a.ID, a.Version)
	}
	return hex.EncodeToString(h.Sum(nil))[:12]
}

// onListButton handles the approval lists' buttons: pages of the own list
// or an admin's unit list, and "approve all on this page".
func (r *Router) onListButton(ctx context.Context, c *call, b button.Data) (conversation.Outcome, error) {
	if c.emp == nil {
		return conversation.Outcome{Next: c.in.Session, Notice: c.t(i18n.NotRegistered)}, nil
	}
	switch b := b.(type) {
	case button.Approvals:
		return r.approvals(ctx, c, b.Offset)
	case button.UnitApprovals:
		return r.unitApprovals(ctx, c, b.Offset)
	case button.ApproveAll:
		return r.onApproveAll(ctx, c, b)
	}
	return conversation.Outcome{Next: c.in.Session, Notice: c.t(i18n.ButtonStale)}, nil
}

// onApproveAll approves the page of the presser's own list that the
// button was under, if it still holds exactly the reports it showed.
func (r *Router) onApproveAll(ctx context.Context, c *call, b button.ApproveAll) (conversation.Outcome, error) {
	items, _, err := r.store.ListPending(ctx, c.emp.NIP, b.Offset, pageSize)
	if err != nil {
		return conversation.Outcome{}, fmt.Errorf("list pending: %w", err)
	}
	if len(items) == 0 || pageHash(items) != b.Page {
		out, err := r.approvals(ctx, c, b.Offset)
		out.Notice = c.t(i18n.ApprovalPageChanged)
		return out, err
	}
	return r.approveBatch(ctx, c, items)
}

// approveBatch approves the reports of a page the presser may still decide
// (mayDecide, report by report: the list is by who was supervisor at
// submit time, the authority is the roster now) and says how many it left.
func (r *Router) approveBatch(ctx context.Context, c *call, items []storage.Activity) (conversation.Outcome, error) {
	out := conversation.Outcome{Next: c.in.Session}
	refused := 0
	for _, a := range items {
		owner, err := r.store.GetEmployee(ctx, a.NIP)
		if err != nil && !errors.Is(err, storage.ErrNotFound) {
			return conversation.Outcome{}, fmt.Errorf("get report owner: %w", err)
		}
		ok, as, err := r.mayDecide(ctx, *c.emp, owner, c.in.Now)
		if err != nil {
			return conversation.Outcome{}, err
		}
		if !ok {
			refused++
			r.log.Warn("batch decision refused: not the owner's supervisor", "chat", c.u.Chat().String(),
				"report_id", a.ID, "by_nip", ident.MaskNIP(c.emp.NIP))
			continue
		}
		out.Effects = append(out.Effects, r.decision(c, a, storage.StatusApproved, "", as, true))
	}
	text := c.t(i18n.ApprovalBatchDone, len(out.Effects))
	if refused > 0 {
		text += "\n" + c.t(i18n.ApprovalBatchRefused, refused)
	}
	out.Notice, out.Replies = text, []bot.Reply{{Text: text}}
	return out, nil
}
