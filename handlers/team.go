package handlers

import (
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

// The team view (/tim): a supervisor's team today and this week, one line
// per member, a page of pageSize at a time, with buttons to open a
// member's recent reports (team_member.go) and to approve what waits.
// The team is who the person decides for now: their active direct
// subordinates, and those of each post they act for (Plt/Plh) today.
// Admins have no unit-wide team view: /persetujuan unit is theirs, and a
// view of a whole unit would read the whole roster.

// teamCommand answers /tim.
func (r *Router) teamCommand(ctx context.Context, c *call) (conversation.Outcome, error) {
	if strings.TrimSpace(c.u.Args) != "" {
		return reply(c, c.t(i18n.TeamNoArgs), menuKeyboard(c)), nil
	}
	return r.teamPage(ctx, c, 0)
}

// teamPage shows the page at offset of the person's team.
func (r *Router) teamPage(ctx context.Context, c *call, offset int) (conversation.Outcome, error) {
	today, team, err := r.teamNow(ctx, c)
	if err != nil {
		return conversation.Outcome{}, err
	}
	if len(team) == 0 {
		r.log.Info("team view refused: no team", "chat", c.u.Chat().String())
		out := r.listOutcome(c, c.t(i18n.TeamNone), nil)
		out.Replies[0].Keyboard = menuKeyboard(c)
		return out, nil
	}
	offset = max(0, min(offset, (len(team)-1)/pageSize*pageSize))
	cal, err := r.recentCalendar(ctx, today, c.emp.UnitCode)
	if err != nil {
		return conversation.Outcome{}, err
	}
	w := weekOf(cal, today)
	page := team[offset:min(len(team), offset+pageSize)]
	head := c.t(i18n.TeamHeader, fmtDate(c.lang, w.Today), len(w.WorkDays), len(team),
		offset/pageSize+1, (len(team)+pageSize-1)/pageSize)
	text, rows, err := r.teamLines(ctx, c, page, offset, w, cal.WorkDay(w.Today))
	if err != nil {
		return conversation.Outcome{}, err
	}
	rows = appendNav(rows, pageNav(c, offset, len(page), len(team), func(off int) button.Data { return button.Team{Offset: off} }))
	return r.listOutcome(c, head+text, rows), nil
}

// teamLines are the lines and buttons of the members of a page, numbered
// from offset+1.
func (r *Router) teamLines(ctx context.Context, c *call, page []storage.Employee, offset int, w week, workDay bool) (string, [][]bot.Button, error) {
	var b strings.Builder
	var rows [][]bot.Button
	for i, e := range page {
		f, err := r.memberFigures(ctx, e.NIP, w)
		if err != nil {
			return "", nil, err
		}
		n := offset + i + 1
		b.WriteString("\n\n" + teamLine(c, n, e, f, workDay))
		rows = append(rows, r.memberButtons(c, n, e, f))
	}
	return b.String(), rows, nil
}

// teamNow is the person's local date today and their team on it.
func (r *Router) teamNow(ctx context.Context, c *call) (time.Time, []storage.Employee, error) {
	today, err := r.today(ctx, c)
	if err != nil {
		return today, nil, err
	}
	team, err := r.teamOf(ctx, c, today.Format(time.DateOnly))
	return today, team, err
}

// teamOf is the team the person decides for on day (roster.Team).
func (r *Router) teamOf(ctx context.Context, c *call, day string) ([]storage.Employee, error) {
	return roster.Team(ctx, r.store, c.emp.NIP, day)
}

// memberFigures reads a member's reports of the last teamDays and sums
// them for the week w.
func (r *Router) memberFigures(ctx context.Context, nip string, w week) (figures, error) {
	list, err := r.memberReports(ctx, nip, w.Today)
	return figuresOf(list, w), err
}

// memberReports are a member's reports of the teamDays up to today,
// newest date first.
func (r *Router) memberReports(ctx context.Context, nip, today string) ([]storage.Activity, error) {
	t, err := time.Parse(time.DateOnly, today)
	if err != nil {
		return nil, fmt.Errorf("today %q: %w", today, err)
	}
	from := t.AddDate(0, 0, -(teamDays - 1)).Format(time.DateOnly)
	list, err := r.store.ListActivities(ctx, nip, from, today)
	if err != nil {
		return nil, fmt.Errorf("list activities: %w", err)
	}
	return list, nil
}

// teamLine is a member's line: today, the week, what waits, the last
// report.
func teamLine(c *call, n int, e storage.Employee, f figures, workDay bool) string {
	today := c.t(i18n.TeamTodayNone)
	switch {
	case f.Today:
		today = c.t(i18n.TeamTodayDone, durationText(c.lang, f.TodayMinutes, nil))
	case !workDay:
		today = c.t(i18n.TeamTodayOff)
	}
	last := c.t(i18n.TeamLastNone, teamDays)
	if f.Last != "" {
		last = fmtDate(c.lang, f.Last)
	}
	return c.t(i18n.TeamLine, n, e.Name, today, f.WeekReported, f.WeekDays,
		durationText(c.lang, f.WeekMinutes, nil), f.Waiting, last)
}

// memberButtons open a member's reports and, when some wait, approve them.
func (r *Router) memberButtons(c *call, n int, e storage.Employee, f figures) []bot.Button {
	row := []bot.Button{c.button(c.t(i18n.TeamOpen, n, truncate(e.Name, 24)), button.Member{NIP: e.NIP})}
	if len(f.Pending) > 0 {
		row = append(row, c.button(c.t(i18n.TeamApprove, n, len(f.Pending)),
			button.MemberApprove{NIP: e.NIP, Page: pageHash(f.Pending)}))
	}
	return row
}

// pageNav is the previous and next page buttons of a list of total items
// showing shown of them from offset.
func pageNav(c *call, offset, shown, total int, page func(int) button.Data) []bot.Button {
	var nav []bot.Button
	if offset > 0 {
		nav = append(nav, c.button(c.t(i18n.PagePrev), page(max(0, offset-pageSize))))
	}
	if offset+shown < total {
		nav = append(nav, c.button(c.t(i18n.PageNext), page(offset+pageSize)))
	}
	return nav
}

func appendNav(rows [][]bot.Button, nav []bot.Button) [][]bot.Button {
	if len(nav) > 0 {
		rows = append(rows, nav)
	}
	return rows
}

// listOutcome is a list's message: the session kept when the chat is in a
// flow (a page button pressed mid-flow), else at rest.
func (r *Router) listOutcome(c *call, text string, rows [][]bot.Button) conversation.Outcome {
	next := conversation.Session{Lang: c.in.Session.Lang}
	if c.in.Session.Flow != "" {
		next = c.in.Session
	}
	return conversation.Outcome{Next: next, Replies: []bot.Reply{{Text: text, Buttons: rows}}}
}
