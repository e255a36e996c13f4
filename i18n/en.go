package i18n

// en is the English catalogue, in the order of keys.go.
var en = map[Key]string{
	CmdStart:        "Register or show the menu",
	CmdReport:       "Report today's activity (/report yesterday for yesterday)",
	CmdMine:         "Your reports of the last 7 days",
	CmdRecap:        "This month's minutes",
	CmdApprovals:    "Your staff's reports waiting for approval (admins: /approvals unit)",
	CmdAppreciate:   "Appreciate a colleague (BerAKHLAK)",
	CmdIKM:          "A unit's IKM report",
	CmdPoster:       "QR code poster of a unit's satisfaction survey",
	CmdReminders:    "Daily report reminders: /reminders on or off",
	CmdProfile:      "Your details",
	CmdHelp:         "Help",
	CmdLanguage:     "Change language: /language id for Bahasa Indonesia",
	CmdCancel:       "Cancel what is in progress",
	CmdCode:         "Register with a code from your admin: /code NIP CODE",
	HelpHeader:      "Commands:",
	HelpLine:        "/%[1]s — %[2]s",
	HelpLanguage:    "Send /language id for Bahasa Indonesia.",
	NotForYouAdmin:  "This command is for admins only.",
	NotForYouSuperv: "This command is for supervisors and admins; you are not on record as anyone's supervisor.",
	MenuPrompt:      "Main menu. Choose one:",
	MenuReport:      "📝 Report activity",
	MenuMine:        "📋 My reports",
	MenuRecap:       "📊 Recap",
	MenuApprovals:   "✅ Approvals",
	MenuAppreciate:  "🌟 Appreciate",
	MenuProfile:     "👤 My profile",
	MenuHelp:        "❓ Help",
	Outage: "⚠️ Sorry, the service is having trouble. Your message was not processed and nothing was lost; " +
		"please try again in a moment.",
	OutageQueued: "⚠️ Sorry, the service is having trouble. Your message was received and will be handled as soon as " +
		"the service is back; no need to send it again.",
}
