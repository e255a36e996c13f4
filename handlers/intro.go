package handlers

import (
	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/button"
	"github.com/kinerjabot/kinerjabot/i18n"
)

// introReply is the first contact after registration: what the bot does
// for the person's role (an admin's, else a supervisor's, else staff's
// three lines), what it never does, and two ways on: a practice run or a
// real report.
func introReply(c *call) bot.Reply {
	role := i18n.IntroStaff
	switch r := c.roles(); {
	case r&admin != 0:
		role = i18n.IntroAdmin
	case r&supervisor != 0:
		role = i18n.IntroSupervisor
	}
	text := c.t(i18n.IntroHead) + "\n" + c.t(role) + "\n\n" + c.t(i18n.IntroNever) + "\n\n" + c.t(i18n.IntroTry)
	return bot.Reply{Text: text, Buttons: [][]bot.Button{{
		c.button(c.t(i18n.IntroPracticeButton), button.PracticeStart{}),
		c.button(c.t(i18n.IntroReportButton), button.ReportNow{}),
	}}}
}
