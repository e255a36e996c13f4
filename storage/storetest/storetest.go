// Package storetest is the conformance suite of storage.Store, the contract's
// executable form. Every implementation runs it from its own tests:
//
//	func TestConformance(t *testing.T) {
//		storetest.Run(t, func(t *testing.T) storage.Store { return openTemp(t) })
//	}
//
// Besides what storage.go states, the suite fixes a few points the contract
// leaves open, so that all stores agree on them:
//   - a zero CreatedAt, UpdatedAt or Account.LinkedAt is stamped with the
//     store's clock; a set one is stored as given;
//   - times come back at millisecond precision (BSON's), as the same instant;
//   - UpsertEmployee ignores the Accounts of the record it is given;
//   - EmployeeByPhone("") and EmployeeByAccount(p, "") are ErrNotFound;
//   - a platform outside storage.Platforms is an error (no sentinel).
//
// and for reports, evidence and SKP targets:
//   - an empty list field (EvidenceIDs, History, Audit, Prompts, Bands) is
//     the same as none;
//   - CreateActivity fills a zero Version with 1, an empty Status with
//     pending, and zero SubmittedAt, CreatedAt and UpdatedAt with the
//     store's clock; an empty ID is ErrInvalid;
//   - DecideActivity and ResubmitActivity set UpdatedAt from the store's
//     clock, a zero Decide.At or resubmission time too; they keep
//     SubmittedAt; a decision keeps the prompts; deciding to anything but
//     approved, rejected or revision is ErrInvalid;
//   - a prompt is known by (Platform, ChatID, MessageID): AddPrompt of the
//     same message with another Photo flag stores nothing;
//   - ListPending with a negative offset or limit is ErrInvalid; limit 0
//     returns an empty page and the total;
//   - an evidence id must pass storage.CheckEvidenceID (ErrInvalid); the
//     first PutEvidence of an id wins, record and bytes; EvidenceData of an
//     unknown id is ErrNotFound; SimilarEvidence counts distinct bands,
//     orders by CreatedAt then ID, and returns storage.ProjectSimilar's
//     fields;
//   - ListSKPTargets orders utama, tambahan, then other kinds, and within a
//     kind by RHK, Indikator and ID (byte order); UpsertSKPTarget with an
//     empty ID is ErrInvalid.
//
// and for units' survey settings, surveys and feedback:
//   - UpsertUnit replaces ServiceUsers, Counters and QuickSurvey like the
//     other fields: a zero value clears them;
//   - AddSurvey refuses with ErrInvalid what storage.Survey rules out: an
//     empty ID or unit, a Date that is not YYYY-MM-DD, a mode other than
//     SurveySKM and SurveyQuick, other than nine answers (SKM) or one
//     (quick), an answer outside 1..4, a negative Counter; AddFeedback an
//     empty ID, FromNIP or ToNIP, a Value outside 1..7, a bad Date. A zero
//     At is stamped with the store's clock;
//   - SurveyStats of nothing is the zero SurveyStats; the quick mode's
//     Sums[1..8] are 0;
//   - SurveyComments orders by At; a negative limit is ErrInvalid, limit 0
//     returns an empty slice;
//   - FeedbackCounts has a key only for the values received (no zero
//     counts); no NIPs, or none who received anything, is an empty map; a
//     NIP given twice counts once; FeedbackGiven orders by At.
//
// and for reminders, holidays and preferences:
//   - ClaimReminder stores Status queued and no Reason whatever r holds,
//     stamping a zero CreatedAt or UpdatedAt with the store's clock; a
//     take-over changes only RunID and UpdatedAt (Kind, NIP, Date and
//     CreatedAt stay those stored); a run claiming a key it holds queued
//     holds it still (true);
//   - claims racing on one key may each return true, each taking the key
//     over from the last; exactly one of the runs then gets through
//     StartReminder, the others' starts being ErrConflict;
//   - StartReminder and FinishReminder set UpdatedAt from the store's
//     clock and keep RunID; StartReminder of a key already sending is
//     ErrConflict; FinishReminder keeps Reason as given; finishing a
//     finished key is ErrConflict; ReleaseReminder of an unknown key, or
//     of a key sending, sent or failed, is a no-op;
//   - UpsertEmployee ignores RemindersOff (a new employee has reminders
//     on); SetReminders and TouchAccount leave UpdatedAt alone;
//   - TouchAccount stamps a zero time with the store's clock and never
//     moves LastSeenAt back; it creates no account; LinkAccount ignores
//     the LastSeenAt it is given: a link, of the same user id too, starts
//     at zero; TouchAccount on a platform outside storage.Platforms is an
//     error;
//   - UpsertHoliday and DeleteHoliday of a date that is not YYYY-MM-DD are
//     ErrInvalid; ListHolidays, ReportersOn, PendingSummaries and
//     ListPendingSubmittedBefore return empty, non-nil slices when nothing
//     matches; PendingSummaries' OldestSubmittedAt is in UTC;
//   - ListPendingSubmittedBefore compares at millisecond precision (a
//     report submitted at t is not before t) and orders ties by ID; its
//     limit keeps the oldest; its reports are storage.ProjectPending's;
//   - MinutesBetween has a key for everyone with a pending or approved
//     report in the range, even when their minutes sum to 0;
//   - RerouteActivity stamps a zero At with the store's clock, sets the
//     entry's Version to the report's, keeps status, decision and prompts,
//     and sets UpdatedAt from the store's clock;
//   - AppendAudit stamps a zero At with the store's clock and a zero
//     Version with the version given, keeps status, decision and prompts,
//     and sets UpdatedAt from the store's clock.
//
// and for a person's own data (PersonalReader):
//   - FeedbackOf, RemindersOf and EvidenceOf return every field as stored
//     (EvidenceOf as GetEvidence does), ties in order broken by ID or Key.
//
// and for one-time registration codes:
//   - IssueLinkCode stores a fresh code: it ignores the Tries, UsedAt and
//     UsedBy it is given, stamps a zero IssuedAt, and replaces the NIP's
//     previous code, used or locked alike;
//   - RedeemLinkCode judges in the order none, used, expired, locked, wrong
//     (storage.JudgeRedeem): a wrong code for a used, expired or locked code
//     counts no try; a code is expired from ExpiresAt on (now == ExpiresAt
//     is expired); a refusal returns the stored code, ErrLinkCodeWrong the
//     code with the try counted;
//   - a replay (the same by, the right code, before expiry) returns the code
//     as first redeemed, UsedAt unchanged; an empty by never replays.
//
// and for periodic evaluations:
//   - PrepareEvaluation stores storage.NewEvaluation's record (its derived
//     ID, state due, version 1, the trail and ratings it was given
//     dropped); a second preparation of the NIP and period returns the
//     stored one, unchanged, with false;
//   - StepEvaluation stamps a zero At and UpdatedAt with the store's
//     clock; an empty Audit is the same as none.
//
// and for practices and onboarding:
//   - RecordPractice keeps one record per (NIP, role), the latest written;
//     a zero At is stamped; PracticesOf orders by NIP then role and leaves
//     out NIPs without one; ReportersAmong counts reports of any status;
//     both return empty, non-nil slices when nothing matches.
package storetest

import (
	"testing"

	"github.com/kinerjabot/kinerjabot/storage"
)

// Opener returns a fresh, empty store isolated from every other store it
// returned. It registers the store's cleanup with t.Cleanup itself.
type Opener = func(t *testing.T) storage.Store

// testCase is one named behaviour, run against a fresh store.
type testCase struct {
	name string
	run  func(t *testing.T, s storage.Store)
}

// Run runs the whole suite against stores made by open. Each case gets its
// own store, so cases neither see nor disturb each other's records.
func Run(t *testing.T, open Opener) {
	t.Helper()
	t.Run("Ping", func(t *testing.T) { runCases(t, open, pingCases()) })
	t.Run("Units", func(t *testing.T) { runCases(t, open, unitCases()) })
	t.Run("Employees", func(t *testing.T) { runCases(t, open, employeeCases()) })
	t.Run("Subordinates", func(t *testing.T) { runCases(t, open, subordinateCases()) })
	t.Run("Phones", func(t *testing.T) { runCases(t, open, phoneCases()) })
	t.Run("Accounts", func(t *testing.T) { runCases(t, open, accountCases()) })
	t.Run("Concurrency", func(t *testing.T) { runCases(t, open, concurrencyCases()) })
	t.Run("Activities", func(t *testing.T) { runCases(t, open, activityCases()) })
	t.Run("Decisions", func(t *testing.T) { runCases(t, open, decisionCases()) })
	t.Run("Reroutes", func(t *testing.T) { runCases(t, open, rerouteCases()) })
	t.Run("Evidence", func(t *testing.T) { runCases(t, open, evidenceCases()) })
	t.Run("SKPTargets", func(t *testing.T) { runCases(t, open, skpCases()) })
	t.Run("Surveys", func(t *testing.T) { runCases(t, open, surveyCases()) })
	t.Run("Feedback", func(t *testing.T) { runCases(t, open, feedbackCases()) })
	t.Run("Reminders", func(t *testing.T) { runCases(t, open, reminderCases()) })
	t.Run("LinkCodes", func(t *testing.T) { runCases(t, open, linkCodeCases()) })
	t.Run("Secrets", func(t *testing.T) { runCases(t, open, secretCases()) })
	t.Run("Acting", func(t *testing.T) { runCases(t, open, actingCases()) })
	t.Run("Personal", func(t *testing.T) { runCases(t, open, personalCases()) })
	t.Run("EmployeeIndex", func(t *testing.T) { runCases(t, open, employeeIndexCases()) })
	t.Run("ReportIndex", func(t *testing.T) { runCases(t, open, reportIndexCases()) })
	t.Run("LastReported", func(t *testing.T) { runCases(t, open, lastReportedCases()) })
	t.Run("Evaluations", func(t *testing.T) { runCases(t, open, evaluationCases()) })
	t.Run("Onboarding", func(t *testing.T) { runCases(t, open, onboardingCases()) })
	t.Run("Cycle", func(t *testing.T) { runCases(t, open, cycleCases()) })
	t.Run("AuditLog", func(t *testing.T) { runCases(t, open, auditLogCases()) })
	t.Run("Retention", func(t *testing.T) { runCases(t, open, retentionCases()) })
	t.Run("Digest", func(t *testing.T) { runCases(t, open, digestCases()) })
}

func runCases(t *testing.T, open Opener, cases []testCase) {
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tc.run(t, open(t))
		})
	}
}

func pingCases() []testCase {
	return []testCase{
		{"answers", func(t *testing.T, s storage.Store) {
			if err := s.Ping(t.Context()); err != nil {
				t.Fatalf("Ping: %v", err)
			}
		}},
	}
}
