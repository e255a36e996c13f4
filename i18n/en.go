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
	RegAskContact: "Welcome to kinerjabot 👋\n\nTo register, press «📱 Send my phone number» below. " +
		"The number is matched against the staff roster from your admin.\n\n" +
		"Citizens: the service satisfaction survey opens by scanning the QR code at the service unit, no registration needed.",
	RegShareContact:  "📱 Send my phone number",
	RegContactNotOwn: "That is someone else's contact. To register, send your own number with «📱 Send my phone number».",
	RegContactExpected: "Press «📱 Send my phone number» below. Typing a NIP or a phone number does not prove " +
		"that this account is yours. Type /cancel to stop.",
	RegPhoneInvalid: "The number in that contact is not an Indonesian mobile number. Please contact your admin.",
	RegPhoneUnknown: "The number %s is not on the kinerjabot staff roster.\n\n" +
		"Ask your unit's admin (pengelola kinerja) to add your phone number to the roster, then type /start again.",
	RegInactive: "Your staff record is inactive. Please contact your admin.",
	RegWelcome:  "✅ Registered. Welcome, %[1]s!\n\n%[2]s\n\nUse the menu below or type /help.",
	RegAccountMoved: "ℹ️ Another %s account was just registered for your staff record, so this one is no longer linked. " +
		"If that was not you, contact your admin at once.",
	ProfileText:         "Name: %s\nNIP: %s\nUnit: %s\nPosition: %s\nSupervisor: %s\nRole: %s",
	ProfileNoSupervisor: "-",
	RoleStaff:           "Staff",
	RoleSupervisor:      "Supervisor (performance assessor)",
	RoleAdmin:           "Admin",
	UnknownInput:        "Sorry, I did not understand. Choose from the menu below or type /help.",
	Cancelled:           "Cancelled.",
	NothingToCancel:     "Nothing is in progress.",
	FlowRestarted:       "Sorry, what you were doing cannot continue because kinerjabot was just updated. Please start again from the menu.",
	FinishFirst:         "Finish or cancel (/cancel) what is in progress first.",
	ButtonStale:         "This button is no longer valid.",
	NotRegistered:       "You are not registered yet.",
	LanguageSet:         "Language set to English.",
	LanguageUsage:       "Choose a language: /bahasa id (Bahasa Indonesia) or /bahasa en (English).",
	RemindersStatusOn: "Daily report reminders: ON. You are reminded on work days when you have not reported. " +
		"Turn off with /reminders off.",
	RemindersStatusOff: "Daily report reminders: OFF. Turn them on again with /reminders on.",
	RemindersSetOn:     "✅ Daily report reminders are on.",
	RemindersSetOff: "🔕 Daily report reminders are off. Approval reminders for supervisors still come. " +
		"Turn on again with /reminders on.",
	RemindersUsage: "Send /reminders on to turn daily report reminders on, or /reminders off to turn them off.",
	Outage: "⚠️ Sorry, the service is having trouble. Your message was not processed and nothing was lost; " +
		"please try again in a moment.",
	OutageQueued: "⚠️ Sorry, the service is having trouble. Your message was received and will be handled as soon as " +
		"the service is back; no need to send it again.",
}
