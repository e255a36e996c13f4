package handlers

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/button"
	"github.com/kinerjabot/kinerjabot/conversation"
	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/ident"
	"github.com/kinerjabot/kinerjabot/storage"
)

// memberShown bounds the reports a member's view lists.
const memberShown = 12

// onTeamButton handles the team view's buttons: its pages, a member's
// reports, and approving what a member has waiting. The data carries no
// authority: a member is shown, and their reports approved, only to
// someone who may decide their reports now (mayDecide).
func (r *Router) onTeamButton(ctx context.Context, c *call, b button.Data) (conversation.Outcome, error) {
	if c.emp == nil {
		return conversation.Outcome{Next: c.in.Session, Notice: c.t(i18n.NotRegistered)}, nil
	}
	switch b := b.(type) {
	case button.Team:
		return r.teamPage(ctx, c, b.Offset)
	case button.Member:
		return r.memberView(ctx, c, b.NIP)
	case button.MemberApprove:
		return r.onMemberApprove(ctx, c, b)
	}
	return conversation.Outcome{Next: c.in.Session, Notice: c.t(i18n.ButtonStale)}, nil
}

// member loads a team member the presser may decide for now; refusal is
// the popup's text when they may not.
func (r *Router) member(ctx context.Context, c *call, nip string) (e storage.Employee, refusal string, err error) {
	e, err = r.store.GetEmployee(ctx, nip)
	if errors.Is(err, storage.ErrNotFound) {
		return e, c.t(i18n.TeamNotYours), nil
	}
	if err != nil {
		return e, "", fmt.Errorf("get team member: %w", err)
	}
	ok, _, err := r.mayDecide(ctx, *c.emp, e, c.in.Now)
	if err != nil || ok {
		return e, "", err
	}
	r.log.Warn("team member refused: presser may not decide their reports", "chat", c.u.Chat().String(),
		"by_nip", ident.MaskNIP(c.emp.NIP), "member_nip", ident.MaskNIP(nip))
	return e, c.t(i18n.TeamNotYours), nil
}

// memberView lists a member's reports of the last mineDays, and older ones
// still waiting, with decision buttons on those waiting.
func (r *Router) memberView(ctx context.Context, c *call, nip string) (conversation.Outcome, error) {
	e, refusal, err := r.member(ctx, c, nip)
	if refusal != "" || err != nil {
		return conversation.Outcome{Next: c.in.Session, Notice: refusal}, err
	}
	today, err := r.today(ctx, c)
	if err != nil {
		return conversation.Outcome{}, err
	}
	list, err := r.memberReports(ctx, nip, today.Format(time.DateOnly))
	if err != nil {
		return conversation.Outcome{}, err
	}
	recent := today.AddDate(0, 0, -(mineDays - 1)).Format(time.DateOnly)
	waiting := figuresOf(list, week{}).Pending
	var shown []storage.Activity
	for _, a := range list {
		if slices.ContainsFunc(waiting, func(w storage.Activity) bool { return w.ID == a.ID }) ||
			a.Status != storage.StatusPending && a.Date >= recent && len(shown) < memberShown {
			shown = append(shown, a)
		}
	}
	if len(shown) == 0 {
		return r.listOutcome(c, c.t(i18n.TeamMemberNone, e.Name, mineDays), [][]bot.Button{memberSKPButton(c, nip), {teamBack(c)}}), nil
	}
	var b strings.Builder
	b.WriteString(c.t(i18n.TeamMemberHeader, e.Name, mineDays))
	var rows [][]bot.Button
	for i, a := range shown {
		b.WriteString("\n\n" + c.t(i18n.TeamMemberItem, i+1, fmtDate(c.lang, a.Date), reportNo(a.ID),
			c.t(statusKeys[a.Status]), durationText(c.lang, a.Minutes, a.StartMinute), truncate(a.Description, 80)))
		if a.Status == storage.StatusPending {
			rows = append(rows, decideRow(c, i+1, a))
		}
	}
	if len(waiting) > 0 {
		rows = append(rows, []bot.Button{c.button(c.t(i18n.TeamMemberApproveAll, len(waiting)),
			button.MemberApprove{NIP: nip, Page: pageHash(waiting)})})
	}
	rows = append(rows, memberSKPButton(c, nip), []bot.Button{teamBack(c)})
	return r.listOutcome(c, b.String(), rows), nil
}

func teamBack(c *call) bot.Button { return c.button(c.t(i18n.TeamBack), button.Team{}) }

// onMemberApprove approves what a member has waiting, if it is still
// exactly what the button was under, through the batch path (approveBatch:
// mayDecide report by report).
func (r *Router) onMemberApprove(ctx context.Context, c *call, b button.MemberApprove) (conversation.Outcome, error) {
	_, refusal, err := r.member(ctx, c, b.NIP)
	if refusal != "" || err != nil {
		return conversation.Outcome{Next: c.in.Session, Notice: refusal}, err
	}
	today, err := r.today(ctx, c)
	if err != nil {
		return conversation.Outcome{}, err
	}
	list, err := r.memberReports(ctx, b.NIP, today.Format(time.DateOnly))
	if err != nil {
		return conversation.Outcome{}, err
	}
	waiting := figuresOf(list, week{}).Pending
	if len(waiting) == 0 || pageHash(waiting) != b.Page {
		out, err := r.memberView(ctx, c, b.NIP)
		out.Notice = c.t(i18n.ApprovalPageChanged)
		return out, err
	}
	return r.approveBatch(ctx, c, waiting)
}
