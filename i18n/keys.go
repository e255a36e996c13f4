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
	ReportBackdateFormat   Key = "report.backdate.format"
)

// Approval: the supervisor's prompt and its buttons, decisions and their
// reasons, the list of reports waiting (handlers/approve.go, submit.go,
// effects.go).
const (
	ApprovalPromptHead        Key = "approval.prompt.head"
	ApprovalPromptHeadVersion Key = "approval.prompt.head.version"
	ApprovalPrompt            Key = "approval.prompt"
	ApprovalPromptReused      Key = "approval.prompt.reused"
	ApprovalDistance          Key = "approval.distance"
	ApprovalApprove           Key = "approval.approve"
	ApprovalReject            Key = "approval.reject"
	ApprovalRevise            Key = "approval.revise"
	ApprovalMorePhotos        Key = "approval.photos.more"
	ApprovalPhotoCaption      Key = "approval.photos.caption"
	ApprovalNoPhotos          Key = "approval.photos.none"
	ApprovalDecided           Key = "approval.decided"
	ApprovalByAdmin           Key = "approval.by_admin"
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

// General: registration, menu, help, errors every flow may show.
const (
	Outage       Key = "outage"
	OutageQueued Key = "outage.queued"
)
