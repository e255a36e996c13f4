package storage

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode"
)

// SystemActor is the ByNIP of audit entries and decisions made by the bot's
// own rules (escalation, approval timeout); Rule then names the rule.
const SystemActor = "system"

// ReminderStatus is where one reminder (one idempotency key) stands.
type ReminderStatus string

// Reminder statuses. A key goes queued → sending → sent (or failed); queued
// means claimed by a run but not yet handed to the platform, so a run that
// takes over may send it; sending means the platform may have it, so it is
// never sent again (a crash then leaves it unconfirmed, which is logged).
const (
	ReminderQueued  ReminderStatus = "queued"
	ReminderSending ReminderStatus = "sending"
	ReminderSent    ReminderStatus = "sent"
	ReminderFailed  ReminderStatus = "failed"
)

// Reminder is the record of one reminder, keyed by its idempotency key
// (kind, person or report, local date), so that it goes out once.
type Reminder struct {
	// Key is the idempotency key, e.g. "staff:199001152019031004:2026-11-30".
	Key string `json:"key" bson:"_id"`
	// Kind is the rule: staff, digest, escalation, month_end, timeout.
	Kind string `json:"kind" bson:"kind"`
	// NIP is the person the reminder is for.
	NIP string `json:"nip" bson:"nip"`
	// Date is the local date of the reminder, YYYY-MM-DD in the unit's zone.
	Date   string         `json:"date" bson:"date"`
	Status ReminderStatus `json:"status" bson:"status"`
	// RunID is the scheduler run that holds the claim; a run only moves the
	// keys it holds.
	RunID string `json:"run_id" bson:"run_id"`
	// Reason says why it failed (outbound's drop reason).
	Reason    string    `json:"reason,omitempty" bson:"reason,omitempty"`
	CreatedAt time.Time `json:"created_at" bson:"created_at"`
	UpdatedAt time.Time `json:"updated_at" bson:"updated_at"`
}

// Holiday is a date on which no work-day reminders go out (libur nasional,
// cuti bersama, or a regional holiday).
type Holiday struct {
	// Date is YYYY-MM-DD.
	Date string `json:"date" bson:"_id"`
	Name string `json:"name" bson:"name"`
	// Units are the codes of the units a regional holiday applies to,
	// and so to their sub-units; none: the whole deployment.
	Units []string `json:"units,omitempty" bson:"units,omitempty"`
}

// PendingSummary is one supervisor's approval list in brief.
type PendingSummary struct {
	SupervisorNIP string
	Count         int
	// OldestSubmittedAt is the earliest SubmittedAt among the pending.
	OldestSubmittedAt time.Time
}

// ReminderStore is what the reminder scheduler reads and writes. Every
// write is one atomic single-record update.
type ReminderStore interface {
	// ClaimReminder records r (Status queued, RunID, Key, Kind, NIP, Date
	// as given) unless its key is known. It returns true when the key is
	// now held by r.RunID: newly created, or found queued under another
	// run (a run that stopped before sending it), which it takes over. A
	// key found sending, sent or failed is not claimed: false and the
	// stored record. An empty Key, Kind or RunID, or a bad Date, is
	// ErrInvalid.
	ClaimReminder(ctx context.Context, r Reminder) (bool, Reminder, error)
	// StartReminder moves key from queued to sending, provided runID holds
	// it: ErrConflict otherwise (another run took it over), ErrNotFound
	// when unknown.
	StartReminder(ctx context.Context, key, runID string) error
	// FinishReminder records the outcome (sent or failed, with reason) of
	// a key runID holds (queued or sending): ErrConflict when it does not
	// hold it, ErrInvalid for another status.
	FinishReminder(ctx context.Context, key, runID string, status ReminderStatus, reason string) error
	// ReleaseReminder forgets a key still queued under runID (it was never
	// handed to the platform), so a later run sends it. Releasing what
	// runID does not hold queued is a no-op.
	ReleaseReminder(ctx context.Context, key, runID string) error
	// GetReminder returns the record of key, ErrNotFound when none.
	GetReminder(ctx context.Context, key string) (Reminder, error)

	// SetReminders turns nip's staff reminders on or off (Employee.
	// RemindersOff); ErrNotFound for an unknown nip. Roster imports keep
	// the choice.
	SetReminders(ctx context.Context, nip string, on bool) error
	// TouchAccount records that nip last used their account on platform
	// at at (Account.LastSeenAt), so that reminders go where the person
	// is. Touching an unlinked platform is a no-op; ErrNotFound when nip
	// is unknown.
	TouchAccount(ctx context.Context, nip, platform string, at time.Time) error

	// UpsertHoliday adds a holiday or replaces its name and units.
	UpsertHoliday(ctx context.Context, h Holiday) error
	// DeleteHoliday removes a holiday; removing an unknown date is a no-op.
	DeleteHoliday(ctx context.Context, date string) error
	// ListHolidays returns the holidays dated from..to (inclusive), by date.
	ListHolidays(ctx context.Context, from, to string) ([]Holiday, error)

	// ReportersOn returns, in NIP order and once each, who has a report
	// (any status) dated date.
	ReportersOn(ctx context.Context, date string) ([]string, error)
	// PendingSummaries returns, by supervisor NIP, how many reports
	// submitted before the given time wait on each supervisor's list, and
	// the oldest submission among them; lists with none are left out.
	PendingSummaries(ctx context.Context, before time.Time) ([]PendingSummary, error)
	// ListPendingSubmittedBefore returns the pending reports submitted
	// before t, oldest submission first, at most limit of them (limit < 1
	// is ErrInvalid), each with the fields ProjectPending keeps only.
	ListPendingSubmittedBefore(ctx context.Context, t time.Time, limit int) ([]Activity, error)
	// MinutesBetween returns each person's total minutes of pending and
	// approved reports dated from..to (inclusive); people with none are
	// absent.
	MinutesBetween(ctx context.Context, from, to string) (map[string]int, error)
	// AppendAudit adds e to the audit trail of a report still pending at
	// version: ErrConflict otherwise, ErrNotFound for an unknown id.
	AppendAudit(ctx context.Context, id string, version int, e AuditEntry) (Activity, error)
}

// ProjectPending keeps of a report what the scheduler reads of a pending
// one (ListPendingSubmittedBefore: overdue reports, and the moves of
// reports whose approver changed): ID, NIP, UnitCode, SupervisorNIP, Date,
// Description, Status, Version, SubmittedAt, Audit and Prompts; the rest is
// left zero, so that both stores return the same.
func ProjectPending(a Activity) Activity {
	return Activity{
		ID: a.ID, NIP: a.NIP, UnitCode: a.UnitCode, SupervisorNIP: a.SupervisorNIP, Date: a.Date,
		Content: Content{Description: a.Description}, Status: a.Status, Version: a.Version,
		SubmittedAt: a.SubmittedAt, Audit: a.Audit, Prompts: a.Prompts,
	}
}

// CheckPendingLimit refuses a ListPendingSubmittedBefore limit under 1.
func CheckPendingLimit(limit int) error {
	if limit < 1 {
		return fmt.Errorf("%w: limit %d", ErrInvalid, limit)
	}
	return nil
}

// CheckReminder refuses a reminder record a store must not keep.
func CheckReminder(r Reminder) error {
	switch {
	case r.Key == "" || r.Kind == "" || r.RunID == "":
		return fmt.Errorf("%w: reminder needs key, kind and run id", ErrInvalid)
	}
	return checkDate(r.Date)
}

// CheckHoliday refuses a holiday with a bad date, or an empty unit code
// or one with spaces among its units.
func CheckHoliday(h Holiday) error {
	for _, u := range h.Units {
		if u == "" || strings.ContainsFunc(u, unicode.IsSpace) {
			return fmt.Errorf("%w: holiday unit code %q", ErrInvalid, u)
		}
	}
	return checkDate(h.Date)
}
