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
}
