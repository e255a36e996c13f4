package i18n

// Key names one text of the catalogue. Declare a key here, in the section
// of its area, and give it a text in every language file.
type Key string

// General: registration, menu, help, errors every flow may show.
const (
	Outage       Key = "outage"
	OutageQueued Key = "outage.queued"
)

// Reminders (scheduler): the reminders, digests, escalations, month-end
// warnings and approval timeouts the scheduler sends.
const (
	RemindReportNowButton     Key = "remind.button.report_now"
	RemindOpenApprovalsButton Key = "remind.button.open_approvals"
	RemindStaff               Key = "remind.staff"  // date
	RemindDigest              Key = "remind.digest" // count, age (RemindAge*), date
	RemindAgeToday            Key = "remind.age.today"
	RemindAgeOneDay           Key = "remind.age.one_day"
	RemindAgeDays             Key = "remind.age.days"             // work days
	RemindEscalation          Key = "remind.escalation"           // SLA work days
	RemindEscalationLine      Key = "remind.escalation.line"      // supervisor, count, oldest work days
	RemindEscalationTimedOut  Key = "remind.escalation.timed_out" // count
	RemindEscalationAsk       Key = "remind.escalation.ask"
	RemindMonthEnd            Key = "remind.month_end"          // month, lock date, minutes, target, minutes short, the same formatted
	RemindTimedOutApproved    Key = "remind.timed_out.approved" // date, description, work days
	RemindTimedOutRejected    Key = "remind.timed_out.rejected" // date, description, work days
)

// WhatsApp adapter: its stand-ins for the buttons WhatsApp lacks.
const (
	WAReplyInline    Key = "wa.reply.inline" // the choices, each WAReplyChoice, joined with ", "
	WAReplyChoice    Key = "wa.reply.choice" // number, label
	WAReplyList      Key = "wa.reply.list"   // the highest number, under a numbered list
	WALocationHint   Key = "wa.location_hint"
	WAContactUnknown Key = "wa.contact_unknown"
)

// Admin alerts (cmd/kinerjabot): told to the admins in chat.
const (
	AlertWhatsAppStopped Key = "alert.whatsapp.stopped"  // the reason
	AlertWhatsAppBanEnds Key = "alert.whatsapp.ban_ends" // when, after AlertWhatsAppStopped
)

// Command line (cmd/kinerjabot): what the admin commands print.
const (
	CLICodeTitle            Key = "cli.code.title"   // name, NIP, unit
	CLICodeValid            Key = "cli.code.valid"   // until, tries
	CLICodeGive             Key = "cli.code.give"    // name
	CLICodeSend             Key = "cli.code.send"    // the message to send
	CLIPlanHeading          Key = "cli.plan.heading" // moment
	CLIPlanNothing          Key = "cli.plan.nothing"
	CLIPlanColumns          Key = "cli.plan.columns" // tab-separated
	CLIPlanSend             Key = "cli.plan.send"
	CLIPlanAlready          Key = "cli.plan.already" // the reminder's status
	CLIPlanSkipNoAccount    Key = "cli.plan.skip.no_account"
	CLIPlanSkipRemindersOff Key = "cli.plan.skip.reminders_off"
	CLIPlanTotal            Key = "cli.plan.total" // due, to send
)

// Telegram's command menu (cmd/kinerjabot): each command's description.
const (
	CommandStart      Key = "command.start"
	CommandMenu       Key = "command.menu"
	CommandReport     Key = "command.report"
	CommandMyReports  Key = "command.my_reports"
	CommandRecap      Key = "command.recap"
	CommandApprovals  Key = "command.approvals"
	CommandAppreciate Key = "command.appreciate"
	CommandProfile    Key = "command.profile"
	CommandHelp       Key = "command.help"
	CommandCancel     Key = "command.cancel"
)

// Identifiers (ident): why a NIP or phone number is refused, one key per
// reason code.
const (
	IdentNIPEmpty       Key = "ident.nip.empty"
	IdentNIPNotDigits   Key = "ident.nip.not_digits"
	IdentNIPLength      Key = "ident.nip.length"
	IdentNIPBirthDate   Key = "ident.nip.birth_date"
	IdentNIPGender      Key = "ident.nip.gender"
	IdentNIPSequence    Key = "ident.nip.sequence"
	IdentPhoneEmpty     Key = "ident.phone.empty"
	IdentPhoneChars     Key = "ident.phone.chars"
	IdentPhoneCountry   Key = "ident.phone.country"
	IdentPhoneNotMobile Key = "ident.phone.not_mobile"
	IdentPhoneLength    Key = "ident.phone.length"
)
