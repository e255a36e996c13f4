package handlers

import (
	"cmp"
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/button"
	"github.com/kinerjabot/kinerjabot/conversation"
	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/roster"
	"github.com/kinerjabot/kinerjabot/storage"
)

const mineDays = 7

// mine lists the person's reports of the last 7 days; one sent back for
// revision has a button to correct it.
func (r *Router) mine(ctx context.Context, c *call) (conversation.Outcome, error) {
	today, err := r.today(ctx, c)
	if err != nil {
		return conversation.Outcome{}, err
	}
	from := today.AddDate(0, 0, -(mineDays - 1)).Format(time.DateOnly)
	list, err := r.store.ListActivities(ctx, c.emp.NIP, from, today.Format(time.DateOnly))
	if err != nil {
		return conversation.Outcome{}, fmt.Errorf("list activities: %w", err)
	}
	if len(list) == 0 {
		return reply(c, c.t(i18n.MineNone), menuKeyboard(c)), nil
	}
	var b strings.Builder
	b.WriteString(c.t(i18n.MineHeader, mineDays))
	var rows [][]bot.Button
	for _, a := range list {
		b.WriteString("\n\n" + c.t(i18n.MineItem, fmtDate(c.lang, a.Date), reportNo(a.ID),
			c.t(statusKeys[a.Status]), durationText(c.lang, a.Minutes, a.StartMinute), truncate(a.Description, 80)))
		if a.Decision != nil && a.Decision.Reason != "" {
			b.WriteString("\n  " + c.t(i18n.MineReason, truncate(a.Decision.Reason, 200)))
		}
		if a.Status == storage.StatusRevision {
			rows = append(rows, []bot.Button{c.button(c.t(i18n.MineFix, reportNo(a.ID)), button.Fix{Report: a.ID})})
		}
	}
	out := reply(c, b.String(), nil)
	out.Replies[0].Buttons = rows
	return out, nil
}

// onFixButton opens a report sent back for revision as a draft, at its
// summary, for its owner only.
func (r *Router) onFixButton(ctx context.Context, c *call, b button.Fix) (conversation.Outcome, error) {
	stay := conversation.Outcome{Next: c.in.Session}
	if c.emp == nil {
		stay.Notice = c.t(i18n.NotRegistered)
		return stay, nil
	}
	if c.in.Session.Flow != "" {
		stay.Notice = c.t(i18n.ReportFinishFirst)
		return stay, nil
	}
	a, err := r.store.GetActivity(ctx, b.Report)
	if err != nil || a.NIP != c.emp.NIP || a.Status != storage.StatusRevision {
		if err != nil && !isNotFound(err) {
			return stay, fmt.Errorf("get activity: %w", err)
		}
		stay.Notice = c.t(i18n.MineFixNotYou)
		return stay, nil
	}
	d := draftFrom(a)
	today, err := r.today(ctx, c)
	if err != nil {
		return stay, err
	}
	targets, err := r.targetsOf(ctx, c.emp.NIP, today)
	if err != nil {
		return stay, err
	}
	for _, t := range targets {
		d.Targets = append(d.Targets, t.ID)
	}
	return r.showSummary(ctx, c, d, "")
}

// recapOf is the person's month to date: minutes approved, waiting and
// refused against the monthly target, reports, and work days (Monday to
// Friday, holidays on file excepted) without a report; with the month's
// chart (recap_chart.go).
func (r *Router) recapOf(ctx context.Context, c *call) (conversation.Outcome, error) {
	today, err := r.today(ctx, c)
	if err != nil {
		return conversation.Outcome{}, err
	}
	first := time.Date(today.Year(), today.Month(), 1, 0, 0, 0, 0, today.Location())
	list, err := r.store.ListActivities(ctx, c.emp.NIP, first.Format(time.DateOnly), today.Format(time.DateOnly))
	if err != nil {
		return conversation.Outcome{}, fmt.Errorf("list activities: %w", err)
	}
	target, err := roster.UnitSetting(ctx, r.store, c.emp.UnitCode, roster.MonthlyTarget)
	if err != nil {
		return conversation.Outcome{}, err
	}
	cal, err := r.monthCalendar(ctx, first, c.emp.UnitCode)
	if err != nil {
		return conversation.Outcome{}, err
	}
	rc := recap{Month: monthName(c.lang, today), Target: cmp.Or(target, r.opt.MonthlyTarget), Reports: len(list)}
	chart := recapMonth(&rc, list, cal, first, today)
	chart.Lang = c.lang
	text := recapText(c, rc)
	more, err := r.feedbackRecap(ctx, c, first.Format(time.DateOnly), today.Format(time.DateOnly))
	if err != nil {
		return conversation.Outcome{}, err
	}
	cycle, err := r.cycleRecap(ctx, c, today)
	if err != nil {
		return conversation.Outcome{}, err
	}
	more += cycle
	out := reply(c, text+more, menuKeyboard(c))
	out.Replies[0].Photo = &bot.Photo{Ref: chart.Ref(), MIME: "image/png"}
	return out, nil
}

// feedbackRecap is the month's appreciation received, and the team's for a
// supervisor.
func (r *Router) feedbackRecap(ctx context.Context, c *call, from, to string) (string, error) {
	mine, err := r.store.FeedbackCounts(ctx, []string{c.emp.NIP}, from, to)
	if err != nil {
		return "", fmt.Errorf("feedback counts: %w", err)
	}
	text := "\n\n" + c.t(i18n.FeedbackRecapMine, feedbackLine(c.lang, mine))
	subs, err := r.store.ListSubordinates(ctx, c.emp.NIP)
	if err != nil || len(subs) == 0 {
		return text, err
	}
	nips := make([]string, len(subs))
	for i, e := range subs {
		nips[i] = e.NIP
	}
	team, err := r.store.FeedbackCounts(ctx, nips, from, to)
	if err != nil {
		return "", fmt.Errorf("team feedback counts: %w", err)
	}
	return text + "\n" + c.t(i18n.FeedbackRecapTeam, feedbackLine(c.lang, team)), nil
}

// today is the local date in the person's unit.
func (r *Router) today(ctx context.Context, c *call) (time.Time, error) {
	loc, err := r.zone(ctx, c.emp.UnitCode)
	if err != nil {
		return time.Time{}, err
	}
	t := c.in.Now.In(loc)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, loc), nil
}
