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

// Imports (roster): why a row of an imported file is refused, one key per
// reason code (roster.Code). Placeholders: %[1]s the value, %[2]s the
// expected value, %[3]s the other lines, %[4]s the cause (an ident text).
const (
	RosterReasonColumns            Key = "roster.reason.columns"
	RosterReasonNameEmpty          Key = "roster.reason.name_empty"
	RosterReasonNIP                Key = "roster.reason.nip_invalid"
	RosterReasonNIPDuplicate       Key = "roster.reason.nip_duplicate"
	RosterReasonUnitCodeEmpty      Key = "roster.reason.unit_code_empty"
	RosterReasonUnitUnknown        Key = "roster.reason.unit_unknown"
	RosterReasonUnitNameConflict   Key = "roster.reason.unit_name_conflict"
	RosterReasonPhone              Key = "roster.reason.phone_invalid"
	RosterReasonPhoneDuplicate     Key = "roster.reason.phone_duplicate"
	RosterReasonPhoneTaken         Key = "roster.reason.phone_taken"
	RosterReasonPhoneHolderRefused Key = "roster.reason.phone_holder_refused"
	RosterReasonPhoneOrder         Key = "roster.reason.phone_order"
	RosterReasonSupervisorNIP      Key = "roster.reason.supervisor_invalid"
	RosterReasonSupervisorSelf     Key = "roster.reason.supervisor_self"
	RosterReasonSupervisorUnknown  Key = "roster.reason.supervisor_unknown"
	RosterReasonSupervisorCycle    Key = "roster.reason.supervisor_cycle"
	RosterReasonSupervisorRefused  Key = "roster.reason.supervisor_refused"
	RosterReasonRole               Key = "roster.reason.role_unknown"
	RosterReasonUnitDuplicate      Key = "roster.reason.code_duplicate"
	RosterReasonTimezoneEmpty      Key = "roster.reason.timezone_empty"
	RosterReasonTimezone           Key = "roster.reason.timezone_invalid"
	RosterReasonCoordinatesPair    Key = "roster.reason.coordinates_pair"
	RosterReasonLatitude           Key = "roster.reason.latitude_invalid"
	RosterReasonLongitude          Key = "roster.reason.longitude_invalid"
	RosterReasonParentSelf         Key = "roster.reason.parent_self"
	RosterReasonParentUnknown      Key = "roster.reason.parent_unknown"
	RosterReasonParentCycle        Key = "roster.reason.parent_cycle"
	RosterReasonParentRefused      Key = "roster.reason.parent_refused"
	RosterReasonServiceUsers       Key = "roster.reason.service_users_invalid"
	RosterReasonCounters           Key = "roster.reason.counters_invalid"
	RosterReasonQuickSurvey        Key = "roster.reason.quick_survey_invalid"
	RosterReasonEmployeeUnknown    Key = "roster.reason.nip_unknown"
	RosterReasonEmployeeActive     Key = "roster.reason.nip_inactive"
	RosterReasonPeriod             Key = "roster.reason.period_invalid"
	RosterReasonSKPKind            Key = "roster.reason.kind_invalid"
	RosterReasonFieldEmpty         Key = "roster.reason.field_empty"
	RosterReasonFieldTooLong       Key = "roster.reason.field_too_long"
	RosterReasonTargetDuplicate    Key = "roster.reason.target_duplicate"
	RosterReasonHolidayDate        Key = "roster.reason.date_invalid"
	RosterReasonHolidayDuplicate   Key = "roster.reason.date_duplicate"
	RosterReasonHolidayYear        Key = "roster.reason.date_other_year"
)

// Imports (roster): the report an admin reads after importing a file.
const (
	RosterKindRoster           Key = "roster.kind.roster"
	RosterKindUnits            Key = "roster.kind.units"
	RosterKindSKP              Key = "roster.kind.skp"
	RosterKindHolidays         Key = "roster.kind.holidays"
	RosterLabelNIP             Key = "roster.label.nip" // what a row's key is, per kind
	RosterLabelUnit            Key = "roster.label.unit"
	RosterLabelDate            Key = "roster.label.date"
	RosterSummary              Key = "roster.summary" // kind, accepted, refused
	RosterRefusedHeading       Key = "roster.refused_heading"
	RosterLine                 Key = "roster.line"    // line number, heading a row
	RosterAtLine               Key = "roster.at_line" // line number, inside a sentence
	RosterAtUnit               Key = "roster.at_unit" // unit code, inside a sentence
	RosterNothingWritten       Key = "roster.nothing_written"
	RosterPartialWritten       Key = "roster.partial_written"
	RosterCounts               Key = "roster.counts"        // created, kind, updated
	RosterUnitsCreated         Key = "roster.units_created" // codes
	RosterFailed               Key = "roster.failed"        // where, error
	RosterWrittenRows          Key = "roster.written_rows"  // lines
	RosterRetry                Key = "roster.retry"
	RosterHeaderWant           Key = "roster.header.want"  // want, got
	RosterHeaderEmpty          Key = "roster.header.empty" // want
	RosterHeaderSemicolons     Key = "roster.header.semicolons"
	RosterHeaderOptional       Key = "roster.header.optional"        // optional columns, after the required ones
	RosterHolidaysDeleted      Key = "roster.holidays.deleted"       // year, count, holidays
	RosterHolidaysNoneDeleted  Key = "roster.holidays.none_deleted"  // year
	RosterHolidaysNotReplaced  Key = "roster.holidays.not_replaced"  // year
	RosterHolidaysDeleteFailed Key = "roster.holidays.delete_failed" // year, error
	RosterHolidaysDeleteRetry  Key = "roster.holidays.delete_retry"  // year
)

// IKM report (ikm): a unit's Indeks Kepuasan Masyarakat, as an admin hands
// it to the inspectorate.
const (
	IKMTitle         Key = "ikm.title"       // unit name, unit code
	IKMPeriod        Key = "ikm.period"      // from, to
	IKMRespondents   Key = "ikm.respondents" // count
	IKMElementColumn Key = "ikm.element_column"
	IKMElement1      Key = "ikm.element.1"
	IKMElement2      Key = "ikm.element.2"
	IKMElement3      Key = "ikm.element.3"
	IKMElement4      Key = "ikm.element.4"
	IKMElement5      Key = "ikm.element.5"
	IKMElement6      Key = "ikm.element.6"
	IKMElement7      Key = "ikm.element.7"
	IKMElement8      Key = "ikm.element.8"
	IKMElement9      Key = "ikm.element.9"
	IKMGradeA        Key = "ikm.grade.a"
	IKMGradeB        Key = "ikm.grade.b"
	IKMGradeC        Key = "ikm.grade.c"
	IKMGradeD        Key = "ikm.grade.d"
	IKMWeightNote    Key = "ikm.weight_note"
	IKMNoSurvey      Key = "ikm.no_survey"
	IKMSampleUnknown Key = "ikm.sample.unknown"
	IKMSample        Key = "ikm.sample"       // population, sample
	IKMSampleShort   Key = "ikm.sample.short" // respondents missing
	IKMSampleMet     Key = "ikm.sample.met"
	IKMQuick         Key = "ikm.quick" // respondents, mean
	IKMComments      Key = "ikm.comments"
	IKMQuickComments Key = "ikm.quick_comments"
)

// Poster (poster): the words printed on the survey poster with its QR code.
const (
	PosterTitle           Key = "poster.title"
	PosterCounter         Key = "poster.counter" // counter number
	PosterInvitation      Key = "poster.invitation"
	PosterInvitationQuick Key = "poster.invitation.quick"
	PosterFooter          Key = "poster.footer" // under the full survey's invitation
)

// Input errors (measure): why a duration or an output amount is refused,
// one key per reason code (measure.Reason). Placeholders: %[1]d and %[2]d
// the fewest and most minutes, %[3]s the most hours, %[4]s the largest
// amount, %[5]d the longest unit.
const (
	MeasureDurationFormat    Key = "measure.duration_format"
	MeasureDurationRange     Key = "measure.duration_range"
	MeasureDurationAmbiguous Key = "measure.duration_ambiguous"
	MeasureClock             Key = "measure.clock"
	MeasureRangeOrder        Key = "measure.range_order"
	MeasureVolumeFormat      Key = "measure.volume_format"
	MeasureVolumeNoUnit      Key = "measure.volume_no_unit"
	MeasureVolumeNumber      Key = "measure.volume_number"
	MeasureVolumeRange       Key = "measure.volume_range"
	MeasureUnitTooLong       Key = "measure.unit_too_long"
	MeasureUnitChars         Key = "measure.unit_chars"
)
