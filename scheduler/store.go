package scheduler

import (
	"context"
	"time"

	"github.com/kinerjabot/kinerjabot/storage"
)

// Store is what the scheduler reads and writes in the record store;
// storage.Store is one. Methods do I/O and are safe for concurrent use (see
// storage for each method's contract).
type Store interface {
	// Who is due: units, people, holidays and the day's reports. People
	// are read by bounded queries only (a unit's page, by NIP, one by
	// one): a pass never reads the whole roster.
	ListUnits(ctx context.Context) ([]storage.Unit, error)
	GetEmployee(ctx context.Context, nip string) (storage.Employee, error)
	EmployeesByNIP(ctx context.Context, nips []string) ([]storage.Employee, error)
	FindEmployees(ctx context.Context, q storage.EmployeeQuery) ([]storage.Employee, error)
	ListHolidays(ctx context.Context, from, to string) ([]storage.Holiday, error)
	ListActing(ctx context.Context) ([]storage.Acting, error)
	ReportedAmong(ctx context.Context, date string, nips []string) ([]string, error)
	MinutesAmong(ctx context.Context, from, to string, nips []string) (map[string]int, error)
	PendingSummaries(ctx context.Context, before time.Time) ([]storage.PendingSummary, error)
	ListPendingSubmittedBefore(ctx context.Context, t time.Time, limit int) ([]storage.Activity, error)

	// Exactly-once: each reminder's record, keyed by its idempotency key.
	ClaimReminder(ctx context.Context, r storage.Reminder) (bool, storage.Reminder, error)
	StartReminder(ctx context.Context, key, runID string) error
	FinishReminder(ctx context.Context, key, runID string, status storage.ReminderStatus, reason string) error
	ReleaseReminder(ctx context.Context, key, runID string) error

	// The timeout and escalation rules' records on the report.
	GetActivity(ctx context.Context, id string) (storage.Activity, error)
	DecideActivity(ctx context.Context, id string, version int, d storage.Decide) (storage.Activity, error)
	AppendAudit(ctx context.Context, id string, version int, e storage.AuditEntry) (storage.Activity, error)
	// The timeout rule's decisions go to the audit log too.
	AppendAuditLog(ctx context.Context, r storage.AuditRecord) error

	// Moving pending reports to the approver the roster names now, and
	// unlinking the accounts of people who left, once told.
	RerouteActivity(ctx context.Context, id string, version int, e storage.AuditEntry) (storage.Activity, error)
	UnlinkAccount(ctx context.Context, nip, platform string) error

	// Periodic evaluations: prepared when a period ends, then reminded
	// and escalated while due.
	PrepareEvaluation(ctx context.Context, e storage.Evaluation) (storage.Evaluation, bool, error)
	ListEvaluations(ctx context.Context, f storage.EvaluationFilter) ([]storage.Evaluation, error)
	// The nudge of supervisors who gave a team member no feedback.
	CoachingPairsSince(ctx context.Context, since time.Time) ([]storage.CoachingPair, error)
	// The weekly digest's IKM movement.
	SurveyStats(ctx context.Context, unit, mode, from, to string) (storage.SurveyStats, error)
}

var _ Store = storage.Store(nil)
