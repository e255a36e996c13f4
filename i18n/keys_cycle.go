package i18n

// The performance cycle (#19, parts 1, 2, 4): a supervisor's continuous
// feedback (/umpanbalik, an approval's note, the person's reply, the
// nudge), SKP realisation (/skp) and competency development in /lapor and
// /rekap. Placeholders are named at each key.
const (
	CmdCoach                Key = "cmd.coach"
	CmdSKP                  Key = "cmd.skp"
	ApprovalApproveNote     Key = "approval.approve_note"
	ApprovalAskNote         Key = "approval.ask_note"      // member, report no
	ApprovalOwnerNote       Key = "approval.owner.note"    // note
	ApprovalNoteDone        Key = "approval.note_done"     // report no
	ApprovalReplyUnknown    Key = "approval.reply_unknown" // report no
	ApprovalConfirmNote     Key = "approval.confirm_note"  // report no, member, note
	ApprovalApproveNoteSend Key = "approval.approve_note_send"
	ApprovalConfirmHint     Key = "approval.confirm_hint"
	CoachNoTeam             Key = "coach.no_team"
	CoachPickMember         Key = "coach.pick_member" // page, pages
	CoachUseButtons         Key = "coach.use_buttons"
	CoachNoTarget           Key = "coach.no_target"
	CoachPickTarget         Key = "coach.pick_target" // member
	CoachAskNote            Key = "coach.ask_note"    // member
	CoachNoteLength         Key = "coach.note_length" // most characters
	CoachSent               Key = "coach.sent"        // member
	CoachReceived           Key = "coach.received"    // giver, note
	CoachReceivedTarget     Key = "coach.received.target"
	CoachAckButton          Key = "coach.ack_button"
	CoachAnswerButton       Key = "coach.answer_button"
	CoachAlreadyReplied     Key = "coach.already_replied"
	CoachAskAnswer          Key = "coach.ask_answer"    // the feedback
	CoachReplySent          Key = "coach.reply_sent"    // giver
	CoachAckNotice          Key = "coach.ack_notice"    // member, feedback
	CoachAnswerNotice       Key = "coach.answer_notice" // member, feedback, answer
	CoachNudge              Key = "coach.nudge"         // days, the members
	SKPMemberButton         Key = "skp.member_button"
	SKPBackToMember         Key = "skp.back_to_member" // member
	SKPNone                 Key = "skp.none"           // person
	SKPHeader               Key = "skp.header"         // person, date
	SKPKindMain             Key = "skp.kind.main"
	SKPKindExtra            Key = "skp.kind.extra"
	// SKPLine: n, kind, period, RHK, indikator, target, satuan, realised,
	// percent, minutes, reports.
	SKPLine                  Key = "skp.line"
	SKPPending               Key = "skp.pending"       // reports
	SKPOtherUnit             Key = "skp.other_unit"    // reports, satuan
	SKPLastFeedback          Key = "skp.last_feedback" // date, note
	TrainingCourse           Key = "training.course"
	TrainingWorkshop         Key = "training.workshop"
	TrainingELearn           Key = "training.elearning"
	CompetencyButton         Key = "competency.button"
	CompetencyAskTraining    Key = "competency.ask_training"
	CompetencyAskJP          Key = "competency.ask_jp"     // most JP
	CompetencyJPInvalid      Key = "competency.jp_invalid" // most JP
	CompetencyAskDescription Key = "competency.ask_description"
	CompetencyAskCertificate Key = "competency.ask_certificate"
	CompetencyLine           Key = "competency.line"  // training, JP
	RecapCompetency          Key = "recap.competency" // year, JP, target
	RecapCoachingNone        Key = "recap.coaching.none"
	RecapCoachingHeader      Key = "recap.coaching.header"
	RecapCoachingItem        Key = "recap.coaching.item" // when, note
	RecapCoachingMore        Key = "recap.coaching.more"
	// The exports' cycle sheets (export/cycle.go).
	ExportColFeedbackAt   Key = "export.col.feedback_at"
	ExportColFeedbackFrom Key = "export.col.feedback_from"
	ExportColFeedbackNote Key = "export.col.feedback_note"
	ExportColReply        Key = "export.col.reply"
	ExportColAnswer       Key = "export.col.answer"
	ExportColTraining     Key = "export.col.training"
	ExportColJP           Key = "export.col.jp"
	ExportReplyOpen       Key = "export.reply.open"
	ExportReplyAcked      Key = "export.reply.acked"
	ExportReplyAnswered   Key = "export.reply.answered"
)
