package i18n

// Periodic evaluation (#19 part 3): /evaluasi, the supervisor's summary
// and rating buttons, the person's answer (terima / keberatan), the
// supervisor's supervisor's decision, the scheduler's notices, and the
// units file's evaluation_period column (handlers/evaluation*.go,
// scheduler/evaluation.go, importer/units.go).
//
// Placeholders: EvalSummary %[1]s name, %[2]s NIP, %[3]s period, %[4]s the
// SKP lines, %[5]s approved minutes, %[6]d reports approved, %[7]s
// appreciation, %[8]s feedback given; EvalSKPLine %[1]s RHK/indicator,
// %[2]s target, %[3]s realised; EvalAskPerilaku %[1]s the hasil rating;
// EvalAskNote %[1]s hasil, %[2]s perilaku, %[3]s predikat; EvalRated
// %[1]s predikat; EvalToPerson %[1]s period, %[2]s hasil,
// %[3]s perilaku, %[4]s predikat, %[5]s note, %[6]s rater; EvalToReviewer
// %[1]s person, %[2]s period, %[3]s rater, %[4]s hasil, %[5]s perilaku,
// %[6]s predikat, %[7]s reason; EvalFinal %[1]s period, %[2]s predikat,
// %[3]s reviewer, %[4]s note; EvalDueList %[1]d count; EvalDueLine %[1]s
// name, %[2]s period, %[3]s state; EvalRemind %[1]d count, %[2]d work
// days; EvalEscalation %[1]d count, %[2]d work days, %[3]s names;
// EvalAlready %[1]s state; EvalNoteTooLong %[1]d characters;
// RosterReasonEvalPeriod %[1]s as written; EvalAcceptedToRater %[1]s name,
// %[2]s period, %[3]s predikat; EvalFinalToRater %[1]s name, %[2]s
// period, %[3]s reviewer, %[4]s predikat; EvalReviewRemind %[1]d count.
const (
	CmdEvaluate            Key = "cmd.evaluate"
	EvalSummary            Key = "eval.summary"
	EvalSKPLine            Key = "eval.skp_line"
	EvalSKPNone            Key = "eval.skp_none"
	EvalFeedbackNone       Key = "eval.feedback_none"
	EvalAppreciationNone   Key = "eval.appreciation_none"
	EvalAskHasil           Key = "eval.ask_hasil"
	EvalAskPerilaku        Key = "eval.ask_perilaku"
	EvalAskNote            Key = "eval.ask_note"
	EvalNoNoteButton       Key = "eval.no_note_button"
	EvalNoteTooLong        Key = "eval.note_too_long"
	EvalRated              Key = "eval.rated"
	EvalToPerson           Key = "eval.to_person"
	EvalNoNote             Key = "eval.no_note"
	EvalAcceptButton       Key = "eval.accept_button"
	EvalObjectButton       Key = "eval.object_button"
	EvalAskReason          Key = "eval.ask_reason"
	EvalReasonLength       Key = "eval.reason_length"
	EvalAccepted           Key = "eval.accepted"
	EvalObjected           Key = "eval.objected"
	EvalToReviewer         Key = "eval.to_reviewer"
	EvalConfirmButton      Key = "eval.confirm_button"
	EvalChangeButton       Key = "eval.change_button"
	EvalReviewDone         Key = "eval.review_done"
	EvalFinal              Key = "eval.final"
	EvalNotYours           Key = "eval.not_yours"
	EvalAlready            Key = "eval.already"
	EvalRaceLost           Key = "eval.race_lost"
	EvalNothingDue         Key = "eval.nothing_due"
	EvalDueList            Key = "eval.due_list"
	EvalDueLine            Key = "eval.due_line"
	EvalRemind             Key = "eval.remind"
	EvalEscalation         Key = "eval.escalation"
	EvalOpenButton         Key = "eval.open_button"
	EvalRatingAbove        Key = "eval.rating.above"
	EvalRatingMeets        Key = "eval.rating.meets"
	EvalRatingBelow        Key = "eval.rating.below"
	EvalPredikatSangatBaik Key = "eval.predikat.sangat_baik"
	EvalPredikatBaik       Key = "eval.predikat.baik"
	EvalPredikatButuh      Key = "eval.predikat.butuh_perbaikan"
	EvalPredikatKurang     Key = "eval.predikat.kurang"
	EvalPredikatSKurang    Key = "eval.predikat.sangat_kurang"
	EvalStateDue           Key = "eval.state.due"
	EvalStateRated         Key = "eval.state.rated"
	EvalStateAccepted      Key = "eval.state.accepted"
	EvalStateObjected      Key = "eval.state.objected"
	EvalStateConfirmed     Key = "eval.state.confirmed"
	EvalStateChanged       Key = "eval.state.changed"
	RosterReasonEvalPeriod Key = "roster.reason.evaluation_period_invalid"
	EvalAcceptedToRater    Key = "eval.accepted_to_rater"
	EvalFinalToRater       Key = "eval.final_to_rater"
	EvalReviewRemind       Key = "eval.review_remind"
)
