package handlers

import (
	"context"
	"slices"
	"strings"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/conversation"
	"github.com/kinerjabot/kinerjabot/i18n"
)

// audience is who may use a command: any of its roles.
type audience uint8

// Roles a command may be for. Everyone registered is staff.
const (
	newcomer   audience = 1 << iota // a chat not linked to the roster
	staff                           // anyone on the roster
	supervisor                      // someone's supervisor on the roster
	admin                           // an admin OPD
	auditor                         // a read-only auditor (the web console)
	anyone     = newcomer | staff | supervisor | admin
)

// command is one row of the command table: everything about a command is
// declared here once, and the router's dispatch, /bantuan, the reply
// keyboard's labels and the platforms' command menus are derived from it.
type command struct {
	// name is the Indonesian name; alias the English one ("" when the
	// same). Both are accepted in either language; help and menus show the
	// one of the person's language.
	name, alias string
	// desc describes it in /bantuan and in the platforms' command menus.
	desc i18n.Key
	// who may use it. Others are refused (or, newcomers, asked to
	// register).
	who audience
	// offer is who sees it in help and menus, when narrower than who.
	offer audience
	// anyStep: it runs from any step of any flow (cancel, language);
	// otherwise it runs only from a chat at rest.
	anyStep bool
	// hidden: not offered in help or menus.
	hidden bool
	// menu is the label of its reply-keyboard button, if it has one; the
	// label typed in any language runs it too.
	menu i18n.Key
	// run handles the command. It is also run by a menu label that names
	// it (see menuLabels).
	run func(r *Router, ctx context.Context, c *call) (conversation.Outcome, error)
}

// commandTable is the command table, in the order help and menus show
// it. (A function the Router keeps the result of, not a package variable:
// the commands' handlers show menus derived from it, and a variable's
// initializer may not refer back to itself.)
func commandTable() []command {
	return []command{
		{name: "start", alias: "menu", desc: i18n.CmdStart, who: staff, run: (*Router).menu},
		{name: "lapor", alias: "report", desc: i18n.CmdReport, who: staff, menu: i18n.MenuReport, run: (*Router).startReport},
		{name: "laporanku", alias: "myreports", desc: i18n.CmdMine, who: staff, menu: i18n.MenuMine, run: (*Router).mine},
		{name: "rekap", alias: "recap", desc: i18n.CmdRecap, who: staff, menu: i18n.MenuRecap, run: (*Router).recapOf},
		// Anyone may ask for their approval list (it may be empty); it is
		// offered to those who decide.
		{name: "persetujuan", alias: "approvals", desc: i18n.CmdApprovals, who: staff, offer: supervisor | admin,
			menu: i18n.MenuApprovals, run: (*Router).approvalsCommand},
		{name: "apresiasi", alias: "appreciate", desc: i18n.CmdAppreciate, who: staff, menu: i18n.MenuAppreciate,
			run: (*Router).startFeedback},
		// Anyone may ask for their team (it may be empty, and someone acting
		// Plt/Plh has one without subordinates of their own); it is
		// offered to supervisors.
		{name: "tim", alias: "team", desc: i18n.CmdTeam, who: staff, offer: supervisor, run: (*Router).teamCommand},
		// Anyone may ask: a supervisor rates, the person answers, the
		// supervisor's supervisor decides a keberatan.
		{name: "evaluasi", alias: "evaluate", desc: i18n.CmdEvaluate, who: staff, offer: supervisor, run: (*Router).evaluate},
		// Feedback is for those with a team (it may be empty for someone
		// acting without subordinates of their own: refused then).
		{name: "umpanbalik", alias: "feedback", desc: i18n.CmdCoach, who: staff, offer: supervisor, run: (*Router).startCoaching},
		{name: "skp", desc: i18n.CmdSKP, who: staff, run: (*Router).skpCommand},
		{name: "plt", alias: "acting", desc: i18n.CmdActing, who: admin, run: (*Router).actingCommand},
		{name: "ikm", desc: i18n.CmdIKM, who: admin, run: (*Router).ikmReport},
		{name: "konsol", alias: "console", desc: i18n.CmdConsole, who: admin | auditor, run: (*Router).consoleLink},
		{name: "poster", desc: i18n.CmdPoster, who: admin, run: (*Router).posterReply},
		{name: "pengingat", alias: "reminders", desc: i18n.CmdRemindersDigest, who: staff, run: (*Router).reminders},
		{name: "profil", alias: "profile", desc: i18n.CmdProfile, who: staff, menu: i18n.MenuProfile, run: (*Router).profile},
		// Anyone may ask (someone acting Plt/Plh has a team without
		// subordinates of their own); it is offered to supervisors and
		// admins, and refused to whoever has no team.
		{name: "ekspor", alias: "export", desc: i18n.CmdExport, who: staff, offer: supervisor | admin, run: (*Router).exportCommand},
		{name: "dataku", alias: "mydata", desc: i18n.CmdMyData, who: staff, run: (*Router).myData},
		{name: "latihan", alias: "practice", desc: i18n.CmdPractice, who: staff, run: (*Router).startPractice},
		{name: "bantuan", alias: "help", desc: i18n.CmdHelp, who: staff, menu: i18n.MenuHelp, run: (*Router).help},
		{name: "kode", alias: "code", desc: i18n.CmdCode, who: newcomer, run: (*Router).register},
		{name: "bahasa", alias: "language", desc: i18n.CmdLanguage, who: anyone, anyStep: true, run: (*Router).language},
		{name: "batal", alias: "cancel", desc: i18n.CmdCancel, who: anyone, anyStep: true, run: (*Router).cancel},
	}
}

// names returns the names the command answers to.
func (cmd command) names() []string {
	if cmd.alias == "" {
		return []string{cmd.name}
	}
	return []string{cmd.name, cmd.alias}
}

// nameIn is the name help and menus show in a language.
func (cmd command) nameIn(l i18n.Lang) string {
	if l == i18n.EN && cmd.alias != "" {
		return cmd.alias
	}
	return cmd.name
}

// findCommand finds the command an update names, as a command or as a
// menu label typed (or tapped) in any language.
func findCommand(cmds []command, u bot.Update) (command, bool) {
	for _, cmd := range cmds {
		if u.Kind == bot.KindCommand && slices.Contains(cmd.names(), u.Command) {
			return cmd, true
		}
		if u.Kind == bot.KindText && cmd.menu != "" && isText(u, i18n.All(cmd.menu)...) {
			return cmd, true
		}
	}
	return command{}, false
}

// menuLayout places the menu labels on the reply keyboard; a person sees
// the labels of the commands they may use.
var menuLayout = [][]i18n.Key{
	{i18n.MenuReport, i18n.MenuAppreciate},
	{i18n.MenuMine, i18n.MenuRecap},
	{i18n.MenuApprovals, i18n.MenuProfile, i18n.MenuHelp},
}

// menuKeyboard is the main menu of the call's person.
func menuKeyboard(c *call) [][]bot.KeyButton {
	allowed := map[i18n.Key]bool{}
	for _, cmd := range visible(c.cmds, c.roles()) {
		allowed[cmd.menu] = true
	}
	var rows [][]bot.KeyButton
	for _, keys := range menuLayout {
		var row []bot.KeyButton
		for _, k := range keys {
			if allowed[k] {
				row = append(row, bot.KeyButton{Label: c.t(k)})
			}
		}
		if len(row) > 0 {
			rows = append(rows, row)
		}
	}
	return rows
}

// runCommand runs a command for the call's person, or refuses it.
func (r *Router) runCommand(ctx context.Context, c *call, cmd command) (conversation.Outcome, error) {
	if cmd.who&c.roles() != 0 {
		return cmd.run(r, ctx, c)
	}
	r.log.Info("command refused: not for this person's roles", "chat", c.u.Chat().String(), "command", cmd.name)
	switch {
	case cmd.who&supervisor != 0:
		return reply(c, c.t(i18n.NotForYouSuperv), menuKeyboard(c)), nil
	case cmd.who&auditor != 0:
		return reply(c, c.t(i18n.ConsoleNotForYou), menuKeyboard(c)), nil
	case cmd.who&admin != 0:
		return reply(c, c.t(i18n.NotForYouAdmin), menuKeyboard(c)), nil
	}
	return reply(c, c.t(i18n.UnknownInput), menuKeyboard(c)), nil // a newcomer's command, once registered
}

// menu answers /start and /menu of a registered person.
func (r *Router) menu(_ context.Context, c *call) (conversation.Outcome, error) {
	out := reply(c, c.t(i18n.MenuPrompt), menuKeyboard(c))
	out.Replies[0].Menu = chatMenu(c)
	return out, nil
}

// help answers /bantuan: the commands the person may use.
func (r *Router) help(_ context.Context, c *call) (conversation.Outcome, error) {
	out := reply(c, helpText(c.lang, c.cmds, c.roles()), menuKeyboard(c))
	out.Replies[0].Menu = chatMenu(c)
	return out, nil
}

// approvalsCommand answers /persetujuan, and /persetujuan unit for admins.
func (r *Router) approvalsCommand(ctx context.Context, c *call) (conversation.Outcome, error) {
	if strings.EqualFold(strings.TrimSpace(c.u.Args), "unit") {
		return r.unitApprovals(ctx, c, 0)
	}
	return r.approvals(ctx, c, 0)
}

// register answers a newcomer's /kode: the registration flow reads it.
func (r *Router) register(_ context.Context, c *call) (conversation.Outcome, error) {
	return r.askContact(c), nil
}

// roles is the audience a call's person belongs to.
func (c *call) roles() audience {
	if c.emp == nil {
		return newcomer
	}
	a := staff
	if c.decides {
		a |= supervisor
	}
	if c.emp.IsAdmin() {
		a |= admin
	}
	if c.emp.IsAuditor() {
		a |= auditor
	}
	return a
}

// visible lists the commands offered to an audience in help and menus.
func visible(cmds []command, who audience) []command {
	var out []command
	for _, cmd := range cmds {
		offer := cmd.offer
		if offer == 0 {
			offer = cmd.who
		}
		if !cmd.hidden && offer&who != 0 {
			out = append(out, cmd)
		}
	}
	return out
}

// helpText is /bantuan for the call's person: the commands they may use.
func helpText(l i18n.Lang, cmds []command, who audience) string {
	var b strings.Builder
	b.WriteString(l.T(i18n.HelpHeader))
	for _, cmd := range visible(cmds, who) {
		b.WriteString("\n" + l.T(i18n.HelpLine, cmd.nameIn(l), l.T(cmd.desc)))
	}
	return b.String()
}

// Menu is the command menu of a language for a person who is staff,
// supervisor and admin as told, derived from the command table: what
// platforms with a command menu (Telegram) offer. The wiring sets staff's
// as the default menu; a supervisor's or admin's chat gets its own with
// the replies that show the menu (chatMenu).
func Menu(l i18n.Lang, isSupervisor, isAdmin bool) []bot.MenuCommand {
	who := staff
	if isSupervisor {
		who |= supervisor
	}
	if isAdmin {
		who |= admin
	}
	return menuOf(l, commandTable(), who)
}

func menuOf(l i18n.Lang, cmds []command, who audience) []bot.MenuCommand {
	var out []bot.MenuCommand
	for _, cmd := range visible(cmds, who) {
		out = append(out, bot.MenuCommand{Name: cmd.nameIn(l), Description: l.T(cmd.desc)})
	}
	return out
}

// chatMenu is the chat's own command menu for a person offered more than
// staff's default menu (a supervisor, an admin); nil for others.
func chatMenu(c *call) []bot.MenuCommand {
	if c.roles()&(supervisor|admin|auditor) == 0 {
		return nil
	}
	return menuOf(c.lang, c.cmds, c.roles())
}
