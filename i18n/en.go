package i18n

// en is the English catalogue, in the order of keys.go.
var en = map[Key]string{
	Outage: "⚠️ Sorry, the service is having trouble. Your message was not processed and nothing was lost; " +
		"please try again in a moment.",
	OutageQueued: "⚠️ Sorry, the service is having trouble. Your message was received and will be handled as soon as " +
		"the service is back; no need to send it again.",

	// Reminders (scheduler).
	RemindReportNowButton:     "📝 Report now",
	RemindOpenApprovalsButton: "Open approvals",
	RemindStaff: "⏰ Reminder: you have not reported today's activity yet (%s).\n" +
		"Report now so that your working minutes count.\n\n" +
		"Rather not be reminded? Send /reminders off",
	RemindDigest:             "📋 %d reports are waiting for your approval.\nThe oldest was submitted %s (%s).",
	RemindAgeToday:           "today",
	RemindAgeOneDay:          "1 work day ago",
	RemindAgeDays:            "%d work days ago",
	RemindEscalation:         "⚠️ Overdue approvals (more than %d work days) by supervisors below you:",
	RemindEscalationLine:     "• %s: %d reports, oldest %d work days",
	RemindEscalationTimedOut: "(%d past the time limit)",
	RemindEscalationAsk:      "Please remind them to decide on their staff's reports.",
	RemindMonthEnd: "📅 Reporting for %s closes on %s.\nYour working minutes: %s of the %s target — %d minutes short (%s).\n" +
		"Report the activities not yet recorded before the month closes.",
	RemindTimedOutApproved: "ℹ️ Your report of %s (%s) was approved automatically: your supervisor did not decide on it within %d work days.",
	RemindTimedOutRejected: "ℹ️ Your report of %s (%s) was rejected automatically: your supervisor did not decide on it within %d work days.",

	// WhatsApp adapter.
	WAReplyInline:    "Reply %s.",
	WAReplyChoice:    "%d for %s",
	WAReplyList:      "Reply with the number of your choice (1–%d).",
	WALocationHint:   "To send a location: tap 📎 (attach) → Location → Send your current location.",
	WAContactUnknown: "WhatsApp did not tell us your number. Send your own contact card: tap 📎 → Contact → pick your number.",

	// Admin alerts.
	AlertWhatsAppStopped: "⚠️ WhatsApp has stopped: %s. The bot will not reconnect by itself.",
	AlertWhatsAppBanEnds: "The ban ends %s; restart the bot after that.",

	// Command line.
	CLICodeTitle:            "Registration code for %s (NIP %s, %s):",
	CLICodeValid:            "Valid until %s, once; %d wrong tries lock it. Any earlier code for this NIP no longer works.",
	CLICodeGive:             "Give it to %s alone (in person or by private message), with this instruction:",
	CLICodeSend:             "Send kinerjabot the message: %s",
	CLIPlanHeading:          "Reminders due at %s (dry run: nothing sent or recorded)",
	CLIPlanNothing:          "Nothing due: not a work day, or no rule's time (REMIND_STAFF_AT, REMIND_SUPERVISOR_AT) within REMIND_WINDOW.",
	CLIPlanColumns:          "KIND\tNIP\tNAME\tUNIT\tTO\tSTATUS\tMESSAGE",
	CLIPlanSend:             "will send",
	CLIPlanAlready:          "already %s",
	CLIPlanSkipNoAccount:    "skip: no linked chat account",
	CLIPlanSkipRemindersOff: "skip: reminders turned off (/pengingat off)",
	CLIPlanTotal:            "%d due, %d would be sent now.",

	// Telegram's command menu.
	CommandStart:      "Register or show the menu",
	CommandMenu:       "Main menu",
	CommandReport:     "Report today's activity",
	CommandMyReports:  "My reports of the last 7 days",
	CommandRecap:      "This month's recap",
	CommandApprovals:  "Reports waiting for my approval",
	CommandAppreciate: "Appreciate a colleague",
	CommandProfile:    "Your details",
	CommandHelp:       "Help",
	CommandCancel:     "Cancel what is in progress",

	// Identifiers.
	IdentNIPEmpty:       "NIP is empty",
	IdentNIPNotDigits:   "NIP must contain digits only (spaces and dots allowed)",
	IdentNIPLength:      "NIP must be 18 digits",
	IdentNIPBirthDate:   "the first 8 digits of a NIP must be a valid birth date (YYYYMMDD)",
	IdentNIPGender:      "digit 15 of a NIP (gender) must be 1 or 2",
	IdentNIPSequence:    "the last 3 digits of a NIP (sequence number) must not be 000",
	IdentPhoneEmpty:     "phone number is empty",
	IdentPhoneChars:     "a phone number may contain only digits, spaces, dashes, dots, parentheses and a leading +",
	IdentPhoneCountry:   "the phone number must be an Indonesian number starting with 08, 628 or +628",
	IdentPhoneNotMobile: "the phone number must be a mobile number (08… or +628…), not a landline",
	IdentPhoneLength:    "wrong phone number length: 9 to 13 digits are expected after the leading 0 or +62",
}
