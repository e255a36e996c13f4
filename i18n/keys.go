package i18n

// Key names one text of the catalogue. Declare a key here, in the section
// of its area, and give it a text in every language file.
type Key string

// Commands: the description of each command of the command table
// (handlers/commands.go), shown in /bantuan and in Telegram's menu, and the
// words around them.
const (
	CmdStart        Key = "cmd.start"
	CmdReport       Key = "cmd.report"
	CmdMine         Key = "cmd.mine"
	CmdRecap        Key = "cmd.recap"
	CmdApprovals    Key = "cmd.approvals"
	CmdAppreciate   Key = "cmd.appreciate"
	CmdIKM          Key = "cmd.ikm"
	CmdPoster       Key = "cmd.poster"
	CmdReminders    Key = "cmd.reminders"
	CmdProfile      Key = "cmd.profile"
	CmdHelp         Key = "cmd.help"
	CmdLanguage     Key = "cmd.language"
	CmdCancel       Key = "cmd.cancel"
	CmdCode         Key = "cmd.code"
	HelpHeader      Key = "help.header"
	HelpLine        Key = "help.line"
	HelpLanguage    Key = "help.language"
	NotForYouAdmin  Key = "cmd.refused.admin"
	NotForYouSuperv Key = "cmd.refused.supervisor"
	MenuPrompt      Key = "menu.prompt"
	MenuReport      Key = "menu.report"
	MenuMine        Key = "menu.mine"
	MenuRecap       Key = "menu.recap"
	MenuApprovals   Key = "menu.approvals"
	MenuAppreciate  Key = "menu.appreciate"
	MenuProfile     Key = "menu.profile"
	MenuHelp        Key = "menu.help"
)

// General: registration, menu, help, errors every flow may show.
const (
	Outage       Key = "outage"
	OutageQueued Key = "outage.queued"
)
