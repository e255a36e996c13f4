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

// Registration: the proof of who one is (handlers/register.go), the
// welcome, and /profil.
const (
	RegAskContact       Key = "register.ask_contact"
	RegShareContact     Key = "register.share_contact"
	RegContactNotOwn    Key = "register.contact_not_own"
	RegContactExpected  Key = "register.contact_expected"
	RegPhoneInvalid     Key = "register.phone_invalid"
	RegPhoneUnknown     Key = "register.phone_unknown"
	RegInactive         Key = "register.inactive"
	RegWelcome          Key = "register.welcome"
	RegAccountMoved     Key = "register.account_moved"
	ProfileText         Key = "profile"
	ProfileNoSupervisor Key = "profile.no_supervisor"
	RoleStaff           Key = "profile.role.staff"
	RoleSupervisor      Key = "profile.role.supervisor"
	RoleAdmin           Key = "profile.role.admin"
)

// Link codes: registering by the platform's number where no contact can be
// shared, and by a one-time code from an admin (handlers/register.go,
// linkcode.go).
const (
	LinkAskCode         Key = "link.ask_code"
	LinkCodeExample     Key = "link.code.example"
	LinkCodeHint        Key = "link.code.hint"
	LinkOwnPhoneInvalid Key = "link.own_phone_invalid"
	LinkCodeUsage       Key = "link.code.usage"
	LinkCodeBadNIP      Key = "link.code.bad_nip"
	LinkCodeBadDigits   Key = "link.code.bad_digits"
	LinkCodeNone        Key = "link.code.none"
	LinkCodeExpired     Key = "link.code.expired"
	LinkCodeUsed        Key = "link.code.used"
	LinkCodeLocked      Key = "link.code.locked"
	LinkCodeWrongOne    Key = "link.code.wrong.one"
	LinkCodeWrong       Key = "link.code.wrong"
	LinkCodeWrongLast   Key = "link.code.wrong.last"
)

// Conversation: what any flow may answer (handlers/router.go): input not
// understood, /batal, a flow that cannot go on, a stale button, /bahasa and
// /pengingat.
const (
	UnknownInput       Key = "conv.unknown_input"
	Cancelled          Key = "conv.cancelled"
	NothingToCancel    Key = "conv.nothing_to_cancel"
	FlowRestarted      Key = "conv.flow_restarted"
	FinishFirst        Key = "conv.finish_first"
	ButtonStale        Key = "conv.button_stale"
	NotRegistered      Key = "conv.not_registered"
	LanguageSet        Key = "language.set"
	LanguageUsage      Key = "language.usage"
	RemindersStatusOn  Key = "reminders.status.on"
	RemindersStatusOff Key = "reminders.status.off"
	RemindersSetOn     Key = "reminders.set.on"
	RemindersSetOff    Key = "reminders.set.off"
	RemindersUsage     Key = "reminders.usage"
)

// Report: the /lapor flow (handlers/report*.go, submit.go): each step's
// question (with its step number), the photos, the summary, and sending.
const (
	ReportStart            Key = "report.start"
	ReportAskDescription   Key = "report.ask.description"
	ReportDescLength       Key = "report.description.length"
	ReportAskDuration      Key = "report.ask.duration"
	ReportAskOutput        Key = "report.ask.output"
	ReportSkip             Key = "report.skip"
	ReportAskSKP           Key = "report.ask.skp"
	ReportSKPMain          Key = "report.skp.main"
	ReportSKPExtra         Key = "report.skp.extra"
	ReportNoSKP            Key = "report.skp.none"
	ReportAskPhotos        Key = "report.ask.photos"
	ReportPhotosRequired   Key = "report.photos.required"
	ReportPhotosOptional   Key = "report.photos.optional"
	ReportPhotoAccepted    Key = "report.photo.accepted"
	ReportPhotoReused      Key = "report.photo.reused"
	ReportPhotoDateFar     Key = "report.photo.date_far"
	ReportPhotoDuplicate   Key = "report.photo.duplicate"
	ReportPhotoNotImage    Key = "report.photo.not_image"
	ReportPhotoTooLarge    Key = "report.photo.too_large"
	ReportPhotoFormat      Key = "report.photo.format"
	ReportPhotoMax         Key = "report.photo.max"
	ReportPhotoNeeded      Key = "report.photo.needed"
	ReportDone             Key = "report.done"
	ReportAskLocation      Key = "report.ask.location"
	ReportShareLocation    Key = "report.location.share"
	ReportSkipLocation     Key = "report.location.skip"
	ReportExpectText       Key = "report.expect.text"
	ReportExpectPhoto      Key = "report.expect.photo"
	ReportExpectLocation   Key = "report.expect.location"
	ReportFinishFirst      Key = "report.finish_first"
	ReportSummaryHeader    Key = "report.summary.header"
	ReportSummaryResubmit  Key = "report.summary.header.resubmit"
	ReportSummary          Key = "report.summary"
	ReportSummaryReused    Key = "report.summary.reused"
	ReportSend             Key = "report.send"
	ReportEdit             Key = "report.edit"
	ReportCancel           Key = "report.cancel"
	ReportChooseField      Key = "report.field.choose"
	ReportFieldDescription Key = "report.field.description"
	ReportFieldTime        Key = "report.field.time"
	ReportFieldOutput      Key = "report.field.output"
	ReportFieldSKP         Key = "report.field.skp"
	ReportFieldPhotos      Key = "report.field.photos"
	ReportFieldLocation    Key = "report.field.location"
	ReportSent             Key = "report.sent"
	ReportSentNoSuper      Key = "report.sent.no_supervisor"
	ReportResent           Key = "report.resent"
	ReportKeptOnOutage     Key = "report.kept_on_outage"
	ReportAlreadySent      Key = "report.already_sent"
	ReportBackdateRange    Key = "report.backdate.range"
	ReportYesterdayIs      Key = "report.yesterday_is"
	ReportBackdateFormat   Key = "report.backdate.format"
	ReportSentToAdmin      Key = "report.sent.admin" // report no, admin's name
)

// Approval: the supervisor's prompt and its buttons, decisions and their
// reasons, the list of reports waiting (handlers/approve.go, submit.go,
// effects.go).
const (
	ApprovalPromptHead        Key = "approval.prompt.head"
	ApprovalPromptHeadVersion Key = "approval.prompt.head.version"
	ApprovalPrompt            Key = "approval.prompt"
	ApprovalPromptReused      Key = "approval.prompt.reused"
	ApprovalPromptPhotoDate   Key = "approval.prompt.photo_date"
	ApprovalDistance          Key = "approval.distance"
	ApprovalApprove           Key = "approval.approve"
	ApprovalReject            Key = "approval.reject"
	ApprovalRevise            Key = "approval.revise"
	ApprovalMorePhotos        Key = "approval.photos.more"
	ApprovalPhotoCaption      Key = "approval.photos.caption"
	ApprovalNoPhotos          Key = "approval.photos.none"
	ApprovalDecided           Key = "approval.decided"
	ApprovalDecidedShort      Key = "approval.decided_short"
	ApprovalByRule            Key = "approval.by_rule"
	ApprovalByAdmin           Key = "approval.by_admin"
	ApprovalByActing          Key = "approval.by_acting"
	VerbApproved              Key = "approval.verb.approved"
	VerbRejected              Key = "approval.verb.rejected"
	VerbRevision              Key = "approval.verb.revision"
	ApprovalAskReason         Key = "approval.reason.ask"
	ApprovalReasonLength      Key = "approval.reason.length"
	ApprovalDecisionDone      Key = "approval.decision.done"
	ApprovalNotYours          Key = "approval.not_yours"
	ApprovalNotFound          Key = "approval.not_found"
	ApprovalAlreadyDecided    Key = "approval.already_decided"
	ApprovalOldVersion        Key = "approval.old_version"
	ApprovalRaceLost          Key = "approval.race_lost"
	ApprovalOwner             Key = "approval.owner"
	ApprovalOwnerReason       Key = "approval.owner.reason"
	ApprovalReviseHint        Key = "approval.owner.revise"
	ApprovalPendingNone       Key = "approval.pending.none"
	ApprovalPendingHeader     Key = "approval.pending.header"
	ApprovalPendingItem       Key = "approval.pending.item"
	ApprovalApproveAll        Key = "approval.pending.approve_all"
	ApprovalPageChanged       Key = "approval.pending.changed"
	ApprovalBatchDone         Key = "approval.batch.done"
	ApprovalBatchRefused      Key = "approval.batch.refused"
	ApprovalRerouted          Key = "approval.rerouted"       // new approver's name
	ApprovalReroutedShort     Key = "approval.rerouted_short" // report no, owner, new approver
	ApprovalReroutedToYou     Key = "approval.rerouted_to_you"
	PagePrev                  Key = "page.prev"
	PageNext                  Key = "page.next"
)

// Recap: /laporanku and /rekap (handlers/mine.go).
const (
	MineHeader     Key = "mine.header"
	MineNone       Key = "mine.none"
	MineItem       Key = "mine.item"
	MineReason     Key = "mine.reason"
	MineFix        Key = "mine.fix"
	MineFixNotYou  Key = "mine.fix.not_you"
	StatusPending  Key = "status.pending"
	StatusApproved Key = "status.approved"
	StatusRejected Key = "status.rejected"
	StatusRevision Key = "status.revision"
	Recap          Key = "recap"
)

// Survey: the citizen survey (handlers/survey.go): the nine SKM questions
// and the quick one, each with its four answers (1 to 4), and the words
// around them; /ikm and /poster (ikm.go).
const (
	SurveyQ1             Key = "survey.q1"
	SurveyQ1A1           Key = "survey.q1.a1"
	SurveyQ1A2           Key = "survey.q1.a2"
	SurveyQ1A3           Key = "survey.q1.a3"
	SurveyQ1A4           Key = "survey.q1.a4"
	SurveyQ2             Key = "survey.q2"
	SurveyQ2A1           Key = "survey.q2.a1"
	SurveyQ2A2           Key = "survey.q2.a2"
	SurveyQ2A3           Key = "survey.q2.a3"
	SurveyQ2A4           Key = "survey.q2.a4"
	SurveyQ3             Key = "survey.q3"
	SurveyQ3A1           Key = "survey.q3.a1"
	SurveyQ3A2           Key = "survey.q3.a2"
	SurveyQ3A3           Key = "survey.q3.a3"
	SurveyQ3A4           Key = "survey.q3.a4"
	SurveyQ4             Key = "survey.q4"
	SurveyQ4A1           Key = "survey.q4.a1"
	SurveyQ4A2           Key = "survey.q4.a2"
	SurveyQ4A3           Key = "survey.q4.a3"
	SurveyQ4A4           Key = "survey.q4.a4"
	SurveyQ5             Key = "survey.q5"
	SurveyQ5A1           Key = "survey.q5.a1"
	SurveyQ5A2           Key = "survey.q5.a2"
	SurveyQ5A3           Key = "survey.q5.a3"
	SurveyQ5A4           Key = "survey.q5.a4"
	SurveyQ6             Key = "survey.q6"
	SurveyQ6A1           Key = "survey.q6.a1"
	SurveyQ6A2           Key = "survey.q6.a2"
	SurveyQ6A3           Key = "survey.q6.a3"
	SurveyQ6A4           Key = "survey.q6.a4"
	SurveyQ7             Key = "survey.q7"
	SurveyQ7A1           Key = "survey.q7.a1"
	SurveyQ7A2           Key = "survey.q7.a2"
	SurveyQ7A3           Key = "survey.q7.a3"
	SurveyQ7A4           Key = "survey.q7.a4"
	SurveyQ8             Key = "survey.q8"
	SurveyQ8A1           Key = "survey.q8.a1"
	SurveyQ8A2           Key = "survey.q8.a2"
	SurveyQ8A3           Key = "survey.q8.a3"
	SurveyQ8A4           Key = "survey.q8.a4"
	SurveyQ9             Key = "survey.q9"
	SurveyQ9A1           Key = "survey.q9.a1"
	SurveyQ9A2           Key = "survey.q9.a2"
	SurveyQ9A3           Key = "survey.q9.a3"
	SurveyQ9A4           Key = "survey.q9.a4"
	SurveyQuick          Key = "survey.quick"
	SurveyQuickA1        Key = "survey.quick.a1"
	SurveyQuickA2        Key = "survey.quick.a2"
	SurveyQuickA3        Key = "survey.quick.a3"
	SurveyQuickA4        Key = "survey.quick.a4"
	SurveyWelcome        Key = "survey.welcome"
	SurveyCounter        Key = "survey.counter"
	SurveyProgress       Key = "survey.progress"
	SurveyUnknownCode    Key = "survey.unknown_code"
	SurveyQuickOff       Key = "survey.quick_off"
	SurveyOwnUnit        Key = "survey.own_unit"
	SurveyAlreadyToday   Key = "survey.already_today"
	SurveyAskComment     Key = "survey.comment.ask"
	SurveyCommentTooLong Key = "survey.comment.too_long"
	SurveySkipComment    Key = "survey.comment.skip"
	SurveyThanks         Key = "survey.thanks"
	SurveyCancelled      Key = "survey.cancelled"
	IKMUsage             Key = "ikm.usage"
	IKMUnknownUnit       Key = "ikm.unknown_unit"
	IKMOutsideBranch     Key = "ikm.outside_branch"
	PosterNoBot          Key = "poster.no_bot"
)

// Feedback: /apresiasi (handlers/feedback.go): the seven BerAKHLAK values,
// the steps, the colleague's notice and the lines of /rekap.
const (
	ValueServiceOriented  Key = "feedback.value.service"
	ValueAccountable      Key = "feedback.value.accountable"
	ValueCompetent        Key = "feedback.value.competent"
	ValueHarmonious       Key = "feedback.value.harmonious"
	ValueLoyal            Key = "feedback.value.loyal"
	ValueAdaptive         Key = "feedback.value.adaptive"
	ValueCollaborative    Key = "feedback.value.collaborative"
	FeedbackNoColleagues  Key = "feedback.no_colleagues"
	FeedbackNoMatch       Key = "feedback.no_match"
	FeedbackPickValue     Key = "feedback.pick_value"
	FeedbackConfirm       Key = "feedback.confirm"
	FeedbackConfirmNote   Key = "feedback.confirm.note"
	FeedbackConfirmHint   Key = "feedback.confirm.hint"
	FeedbackSendAnon      Key = "feedback.send.anonymous"
	FeedbackSendNamed     Key = "feedback.send.named"
	FeedbackAddNote       Key = "feedback.note.add"
	FeedbackAskNote       Key = "feedback.note.ask"
	FeedbackNoteTooLong   Key = "feedback.note.too_long"
	FeedbackNoteLink      Key = "feedback.note.link"
	FeedbackLimitDay      Key = "feedback.limit_day"
	FeedbackAlreadyGiven  Key = "feedback.already_given"
	FeedbackSent          Key = "feedback.sent"
	FeedbackReceived      Key = "feedback.received"
	FeedbackReceivedNote  Key = "feedback.received.note"
	FeedbackSomeColleague Key = "feedback.some_colleague"
	FeedbackRecapMine     Key = "feedback.recap.mine"
	FeedbackRecapTeam     Key = "feedback.recap.team"
	FeedbackNoneYet       Key = "feedback.none_yet"
)

// General: registration, menu, help, errors every flow may show.
const (
	Outage         Key = "outage"
	OutageQueued   Key = "outage.queued"
	LeaverUnlinked Key = "leaver.unlinked" // an inactive person wrote (or the scheduler tells them)
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
	RemindRerouteOwner        Key = "remind.reroute.owner"      // count, new approver's name
	RemindRerouteList         Key = "remind.reroute.list"       // count
)

// WhatsApp adapter: its stand-ins for the buttons WhatsApp lacks.
const (
	WAReplyInline    Key = "wa.reply.inline" // the choices, each WAReplyChoice, joined with ", "
	WAReplyChoice    Key = "wa.reply.choice" // number, label
	WAReplyList      Key = "wa.reply.list"   // the highest number, under a numbered list
	WALocationHint   Key = "wa.location_hint"
	WAContactUnknown Key = "wa.contact_unknown"
	WATooLate        Key = "wa.too_late" // a message that waited too long while the bot was offline
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
	CLIPlanSkipInactive     Key = "cli.plan.skip.inactive"
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
	RosterReasonStatus             Key = "roster.reason.status_unknown"
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
	RosterReasonActingSelf         Key = "roster.reason.acting_self"
	RosterReasonMonthlyTarget      Key = "roster.reason.monthly_target_invalid"
	RosterReasonSLADays            Key = "roster.reason.sla_days_invalid"
	RosterReasonRemindAt           Key = "roster.reason.remind_at_invalid"
	RosterReasonActingRange        Key = "roster.reason.acting_range"
	RosterReasonActingOverlap      Key = "roster.reason.acting_overlap"
	RosterReasonHolidayYear        Key = "roster.reason.date_other_year"
)

// Imports (roster): the report an admin reads after importing a file.
const (
	RosterKindRoster           Key = "roster.kind.roster"
	RosterKindUnits            Key = "roster.kind.units"
	RosterKindSKP              Key = "roster.kind.skp"
	RosterKindHolidays         Key = "roster.kind.holidays"
	RosterKindActing           Key = "roster.kind.acting"
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
	RosterDeactivateAsk        Key = "roster.deactivate.ask"         // count, names
	RosterDeactivated          Key = "roster.deactivate.done"        // count, names
	RosterDeactivateNone       Key = "roster.deactivate.none"        //
	RosterDeactivateSkipped    Key = "roster.deactivate.skipped"     //
	RosterDeactivateFailed     Key = "roster.deactivate.failed"      // done, of, error
	RosterHeaderWant           Key = "roster.header.want"            // want, got
	RosterHeaderEmpty          Key = "roster.header.empty"           // want
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

// Team view and acting assignments by chat (branch tim): a supervisor's
// /tim (handlers/team*.go) and an admin's /plt (handlers/acting*.go).
const (
	CmdTeam              Key = "cmd.team"
	TeamHeader           Key = "team.header" // today's date, work days this week, members, page, pages
	TeamLine             Key = "team.line"   // no, name, today, days reported, work days, week minutes, waiting, last report
	TeamTodayDone        Key = "team.today.done"
	TeamTodayNone        Key = "team.today.none"
	TeamTodayOff         Key = "team.today.off"
	TeamLastNone         Key = "team.last.none" // days looked back
	TeamOpen             Key = "team.open"      // no, name
	TeamApprove          Key = "team.approve"   // no, reports
	TeamNone             Key = "team.none"
	TeamNoArgs           Key = "team.no_args"
	TeamNotYours         Key = "team.not_yours"
	TeamMemberHeader     Key = "team.member.header" // name, days
	TeamMemberItem       Key = "team.member.item"   // no, date, report no, status, duration, description
	TeamMemberNone       Key = "team.member.none"   // name, days
	TeamMemberApproveAll Key = "team.member.approve_all"
	TeamBack             Key = "team.back"

	CmdActing       Key = "cmd.acting"
	ActingHeader    Key = "acting.header"
	ActingNone      Key = "acting.none"
	ActingItem      Key = "acting.item" // no, line
	ActingLine      Key = "acting.line" // acting person, kind, post holder, from, to
	ActingKindPlt   Key = "acting.kind.plt"
	ActingKindPlh   Key = "acting.kind.plh"
	ActingKindAny   Key = "acting.kind.any"
	ActingUsage     Key = "acting.usage"
	ActingRemove    Key = "acting.remove" // no
	ActingAdded     Key = "acting.added"  // line
	ActingRemoved   Key = "acting.removed"
	ActingGone      Key = "acting.gone"
	ActingChanged   Key = "acting.changed"
	ActingFormat    Key = "acting.refused.format"
	ActingBadNIP    Key = "acting.refused.nip"
	ActingBadDate   Key = "acting.refused.date"
	ActingBadKind   Key = "acting.refused.kind"
	ActingRange     Key = "acting.refused.range" // from, to
	ActingEnded     Key = "acting.refused.ended" // to
	ActingUnknown   Key = "acting.refused.unknown"
	ActingInactive  Key = "acting.refused.inactive"
	ActingSelf      Key = "acting.refused.self"
	ActingOverlap   Key = "acting.refused.overlap" // post holder, from, to
	ActingNotBranch Key = "acting.refused.branch"  // post holder
)

// Data out (#18, parts 1, 3, 6): the words of /rekap's chart
// (recapchart) and /dataku, a person's own data (handlers/mydata.go).
// Placeholders: ChartTitle %[1]s the month; ChartTarget %[1]s the daily
// target; MyDataReady %[1]d the reports, %[2]s the file name; MyDataLimit
// %[1]s the time it may be asked again.
const (
	ChartTitle    Key = "chart.title"
	ChartHours    Key = "chart.hours"
	ChartDay      Key = "chart.day"
	ChartApproved Key = "chart.approved"
	ChartPending  Key = "chart.pending"
	ChartTarget   Key = "chart.target"
	ChartWeekend  Key = "chart.weekend"
	ChartHoliday  Key = "chart.holiday"
	CmdMyData     Key = "cmd.mydata"
	MyDataReady   Key = "mydata.ready"
	MyDataLimit   Key = "mydata.limit"
	MyDataAbout   Key = "mydata.about"
)

// Exports (#18, part 4): /ekspor (handlers/export.go) and the column
// headers of the month's workbook (package export; its sheet names are
// fixed: Rekap, Kegiatan, Apresiasi, IKM). Placeholders: ExportReady
// %[1]s the month, %[2]s whose (a unit or a team), %[3]s the file name; ExportLimit %[1]s the time it may be asked again;
// ExportTeamOf %[1]s the supervisor; ExportUnitWithSub %[1]s the unit;
// ExportBySystem %[1]s the rule; ExportAsAdmin %[1]s the admin's name.
const (
	CmdExport                 Key = "cmd.export"
	ExportReady               Key = "export.ready"
	ExportUsage               Key = "export.usage"
	ExportNoTeam              Key = "export.no_team"
	ExportUnitAdminOnly       Key = "export.unit_admin_only"
	ExportLimit               Key = "export.limit"
	ExportTeamOf              Key = "export.team_of"
	ExportUnitWithSub         Key = "export.unit_with_sub"
	ExportYes                 Key = "export.yes"
	ExportBySystem            Key = "export.by_system"
	ExportAsAdmin             Key = "export.as_admin"
	ExportColNIP              Key = "export.col.nip"
	ExportColName             Key = "export.col.name"
	ExportColPosition         Key = "export.col.position"
	ExportColUnit             Key = "export.col.unit"
	ExportColApproved         Key = "export.col.approved"
	ExportColTarget           Key = "export.col.target"
	ExportColCapaian          Key = "export.col.capaian"
	ExportColWorkDays         Key = "export.col.work_days"
	ExportColDaysReported     Key = "export.col.days_reported"
	ExportColPending          Key = "export.col.pending"
	ExportColRefused          Key = "export.col.refused"
	ExportColAppreciation     Key = "export.col.appreciation"
	ExportColDate             Key = "export.col.date"
	ExportColDescription      Key = "export.col.description"
	ExportColMinutes          Key = "export.col.minutes"
	ExportColOutputVolume     Key = "export.col.output_volume"
	ExportColOutputUnit       Key = "export.col.output_unit"
	ExportColSKP              Key = "export.col.skp"
	ExportColStatus           Key = "export.col.status"
	ExportColDecidedAt        Key = "export.col.decided_at"
	ExportColReason           Key = "export.col.reason"
	ExportColDecidedBy        Key = "export.col.decided_by"
	ExportColEvidence         Key = "export.col.evidence"
	ExportColReused           Key = "export.col.reused"
	ExportColDateFar          Key = "export.col.date_far"
	ExportColDistance         Key = "export.col.distance"
	ExportColTotal            Key = "export.col.total"
	ExportColUnitName         Key = "export.col.unit_name"
	ExportColRespondents      Key = "export.col.respondents"
	ExportColIKM              Key = "export.col.ikm"
	ExportColGrade            Key = "export.col.grade"
	ExportColPerformance      Key = "export.col.performance"
	ExportColSample           Key = "export.col.sample"
	ExportColQuickRespondents Key = "export.col.quick_respondents"
	ExportColQuickMean        Key = "export.col.quick_mean"
)

// A province fits (#17, item 6): /apresiasi lists the colleagues of the
// unit a page at a time, without counting them all first. Placeholders:
// FeedbackPickPaged %[1]d the page. A regional holiday's units
// (importer): RosterReasonHolidayUnit %[1]s the unit code.
const (
	FeedbackPickPaged       Key = "feedback.pick.paged"
	RosterReasonHolidayUnit Key = "roster.reason.holiday_unit_unknown"
)

// Imports from the files people have (#18, part 5): the file formats an
// import refuses, the header's mapping, numbers a spreadsheet made of
// NIPs. Placeholders: ImportFormatImage %[1]s the kind of image;
// ImportFormatTooLarge %[1]d megabytes; ImportSheetMissing %[1]s the
// sheet asked for, %[2]s the workbook's; ImportHeaderMissing %[1]s the
// columns; ImportHeaderTwice %[1]s "column: spelling, spelling";
// ImportUnusedColumns %[1]s the columns; ImportNIPNumber %[1]s the cell.
const (
	ImportFormatXLS        Key = "import.format.xls"
	ImportFormatPDF        Key = "import.format.pdf"
	ImportFormatImage      Key = "import.format.image"
	ImportFormatODS        Key = "import.format.ods"
	ImportFormatZip        Key = "import.format.zip"
	ImportFormatHTML       Key = "import.format.html"
	ImportFormatBinary     Key = "import.format.binary"
	ImportFormatXLSXBroken Key = "import.format.xlsx_broken"
	ImportFormatTooLarge   Key = "import.format.too_large"
	ImportFormatSheetCSV   Key = "import.format.sheet_csv"
	ImportSheetMissing     Key = "import.sheet.missing"
	ImportHeaderMissing    Key = "import.header.missing"
	ImportHeaderTwice      Key = "import.header.twice"
	ImportUnusedColumns    Key = "import.unused_columns"
	ImportNIPNumber        Key = "import.nip_number"
)

// Adoption (#24): the introduction after registration, the citizen's line
// on anonymity, and the practice mode (/latihan). Placeholders:
// PracticeDecided %[1]s the decision's label.
const (
	CmdPractice           Key = "cmd.practice"
	IntroHead             Key = "intro.head"
	IntroStaff            Key = "intro.staff"
	IntroSupervisor       Key = "intro.supervisor"
	IntroAdmin            Key = "intro.admin"
	IntroNever            Key = "intro.never"
	IntroTry              Key = "intro.try"
	IntroPracticeButton   Key = "intro.practice_button"
	IntroReportButton     Key = "intro.report_button"
	SurveyAnonymous       Key = "survey.anonymous"
	PracticeStart         Key = "practice.start"
	PracticeTag           Key = "practice.tag"
	PracticeHintDesc      Key = "practice.hint.desc"
	PracticeHintTime      Key = "practice.hint.time"
	PracticeHintOutput    Key = "practice.hint.output"
	PracticeHintSKP       Key = "practice.hint.skp"
	PracticeHintPhoto     Key = "practice.hint.photo"
	PracticeHintLocation  Key = "practice.hint.location"
	PracticeHintSummary   Key = "practice.hint.summary"
	PracticeSampleButton  Key = "practice.sample_button"
	PracticeSampleTaken   Key = "practice.sample_taken"
	PracticeSummaryHead   Key = "practice.summary_head"
	PracticeDone          Key = "practice.done"
	PracticeApprovalHead  Key = "practice.approval_head"
	PracticeSampleName    Key = "practice.sample_name"
	PracticeSampleDesc    Key = "practice.sample_desc"
	PracticeSampleOutput  Key = "practice.sample_output"
	PracticeDecided       Key = "practice.decided"
	PracticeDecidedReason Key = "practice.decided_reason"
	PracticeApprovalOffer Key = "practice.approval_offer"
	// ReportDoneNoLocation: the photo step's shortcut past the location step.
	ReportDoneNoLocation Key = "report.done_no_location"
	// kinerjabot status: StatusUnit %[1]s code, %[2]s name; StatusCounts
	// %[1]d roster, %[2]d registered, %[3]d Telegram, %[4]d WhatsApp,
	// %[5]d practised, %[6]d reported; StatusNotRegistered %[1]d count;
	// StatusColumns tab-separated; StatusTotal %[1]d units.
	StatusUnit          Key = "status.unit"
	StatusCounts        Key = "status.counts"
	StatusNotRegistered Key = "status.not_registered"
	StatusColumns       Key = "status.columns"
	StatusAllRegistered Key = "status.all_registered"
	StatusTotal         Key = "status.total"
)

// Printable guides (kinerjabot panduan): per role a title, a subtitle and
// five things to know; the line under the QR code; the footer.
const (
	GuidePegawaiTitle    Key = "guide.pegawai.title"
	GuidePegawaiSubtitle Key = "guide.pegawai.subtitle"
	GuidePegawai1        Key = "guide.pegawai.1"
	GuidePegawai2        Key = "guide.pegawai.2"
	GuidePegawai3        Key = "guide.pegawai.3"
	GuidePegawai4        Key = "guide.pegawai.4"
	GuidePegawai5        Key = "guide.pegawai.5"
	GuideAtasanTitle     Key = "guide.atasan.title"
	GuideAtasanSubtitle  Key = "guide.atasan.subtitle"
	GuideAtasan1         Key = "guide.atasan.1"
	GuideAtasan2         Key = "guide.atasan.2"
	GuideAtasan3         Key = "guide.atasan.3"
	GuideAtasan4         Key = "guide.atasan.4"
	GuideAtasan5         Key = "guide.atasan.5"
	GuideAdminTitle      Key = "guide.admin.title"
	GuideAdminSubtitle   Key = "guide.admin.subtitle"
	GuideAdmin1          Key = "guide.admin.1"
	GuideAdmin2          Key = "guide.admin.2"
	GuideAdmin3          Key = "guide.admin.3"
	GuideAdmin4          Key = "guide.admin.4"
	GuideAdmin5          Key = "guide.admin.5"
	GuideWargaTitle      Key = "guide.warga.title"
	GuideWargaSubtitle   Key = "guide.warga.subtitle"
	GuideWarga1          Key = "guide.warga.1"
	GuideWarga2          Key = "guide.warga.2"
	GuideWarga3          Key = "guide.warga.3"
	GuideWarga4          Key = "guide.warga.4"
	GuideWarga5          Key = "guide.warga.5"
	GuideScan            Key = "guide.scan"
	GuideFooter          Key = "guide.footer"
)
