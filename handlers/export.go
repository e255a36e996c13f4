package handlers

import (
	"context"
	"strings"
	"time"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/conversation"
	"github.com/kinerjabot/kinerjabot/export"
	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/ident"
)

// exportEvery is how often the same export (asker, scope, month) may be
// asked for.
const exportEvery = 10 * time.Minute

// exportArgs is what /ekspor asks for.
type exportArgs struct {
	month  string // YYYY-MM
	unit   string // a unit code ("": none named)
	team   bool   // "tim" named
	format export.Format
}

// parseExportArgs reads /ekspor [YYYY-MM] [unit CODE | tim] [csv]; the
// month is this month by default and may not lie after it; the file an
// XLSX unless csv is said.
func parseExportArgs(args string, today time.Time) (exportArgs, bool) {
	a := exportArgs{month: today.Format("2006-01"), format: export.XLSX}
	words := strings.Fields(args)
	for i := 0; i < len(words); i++ {
		w := strings.ToLower(words[i])
		switch {
		case (w == "unit") && i+1 < len(words) && a.unit == "" && !a.team:
			a.unit, i = words[i+1], i+1
		case (w == "tim" || w == "team") && a.unit == "":
			a.team = true
		case w == string(export.CSV):
			a.format = export.CSV
		default:
			m, err := time.Parse("2006-01", w)
			if err != nil || m.Format("2006-01") > today.Format("2006-01") {
				return a, false
			}
			a.month = m.Format("2006-01")
		}
	}
	return a, true
}

// exportCommand answers /ekspor: the month's workbook (package export) as
// a document made when the reply is sent, which checks the scope again:
// an XLSX, or with csv the zip of CSV files.
// An admin gets a unit of their branch with the units below it (their own
// unit unless one is named); a supervisor, or an admin who says "tim",
// the team they decide for. A unit named by anyone but an admin, or
// outside the admin's branch, is refused, and so is a team that is empty.
func (r *Router) exportCommand(ctx context.Context, c *call) (conversation.Outcome, error) {
	today, err := r.today(ctx, c)
	if err != nil {
		return conversation.Outcome{}, err
	}
	a, ok := parseExportArgs(c.u.Args, today)
	if !ok {
		return reply(c, c.t(i18n.ExportUsage), menuKeyboard(c)), nil
	}
	q, whose, refusal, err := r.exportScope(ctx, c, a, today.Format(time.DateOnly))
	if refusal != "" || err != nil {
		return reply(c, refusal, menuKeyboard(c)), err
	}
	q.Month, q.Lang = a.month, c.lang
	if refusal, err := r.exportLimited(ctx, c, q, a.format); refusal != "" || err != nil {
		return reply(c, refusal, menuKeyboard(c)), err
	}
	month, _ := time.Parse("2006-01", a.month)
	name := export.FileName(q, a.format)
	out := reply(c, c.t(i18n.ExportReady, monthName(c.lang, month), whose, name), menuKeyboard(c))
	out.Replies[0].Document = &bot.Document{Name: name, MIME: a.format.MIME(), Ref: export.Ref(q, c.emp.NIP, a.format)}
	return out, nil
}

// exportScope is whom an /ekspor covers, and words naming them; or why
// not (a refusal for the person).
func (r *Router) exportScope(ctx context.Context, c *call, a exportArgs, today string) (export.Request, string, string, error) {
	switch {
	case a.unit != "" && !c.emp.IsAdmin():
		r.log.Info("export refused: a unit asked for by someone not an admin", "chat", c.u.Chat().String(),
			"by_nip", ident.MaskNIP(c.emp.NIP))
		return export.Request{}, "", c.t(i18n.ExportUnitAdminOnly), nil
	case c.emp.IsAdmin() && !a.team:
		code := a.unit
		if code == "" {
			code = c.emp.UnitCode
		}
		u, refusal, err := r.branchUnit(ctx, c, code)
		return export.Request{Unit: u.Code, SubUnits: true}, c.t(i18n.ExportUnitWithSub, u.Name), refusal, err
	}
	team, err := r.teamOf(ctx, c, today)
	if err != nil || len(team) > 0 {
		return export.Request{Team: c.emp.NIP}, c.t(i18n.ExportTeamOf, c.emp.Name), "", err
	}
	r.log.Info("export refused: no team", "chat", c.u.Chat().String())
	return export.Request{}, "", c.t(i18n.ExportNoTeam), nil
}

// exportLimited refuses the same export asked for again within
// exportEvery, telling when it may be asked again.
func (r *Router) exportLimited(ctx context.Context, c *call, q export.Request, f export.Format) (string, error) {
	scope := "team"
	if q.Unit != "" {
		scope = "unit=" + q.Unit
	}
	ok, until, err := r.once(ctx, c, "export:"+c.emp.NIP+":"+scope+":"+q.Month+":"+string(f), exportEvery)
	if err != nil || ok {
		return "", err
	}
	return r.laterText(ctx, c, i18n.ExportLimit, until)
}
