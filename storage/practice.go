package storage

import (
	"context"
	"fmt"
	"time"
)

// PracticeRole is which practice a person completed (/latihan). Stored
// values.
type PracticeRole string

// Practice roles: the report flow (every staff member), and the practice
// approval of a sample report (supervisors).
const (
	PracticeStaff      PracticeRole = "pegawai"
	PracticeSupervisor PracticeRole = "atasan"
)

// Practice records that a person completed a practice run: one record per
// (NIP, Role), the latest completion. It is the only thing a practice
// stores: never a report, evidence, or a count anywhere else.
type Practice struct {
	NIP  string       `json:"nip" bson:"nip"`
	Role PracticeRole `json:"role" bson:"role"`
	// Date is the person's local date of the completion (YYYY-MM-DD).
	Date string    `json:"date" bson:"date"`
	At   time.Time `json:"at" bson:"at"`
}

// CheckPractice refuses a record RecordPractice must not store
// (ErrInvalid). Stores call it first.
func CheckPractice(p Practice) error {
	switch {
	case p.NIP == "":
		return fmt.Errorf("%w: practice without NIP", ErrInvalid)
	case p.Role != PracticeStaff && p.Role != PracticeSupervisor:
		return fmt.Errorf("%w: practice role %q", ErrInvalid, p.Role)
	}
	return checkDate(p.Date)
}

// OnboardingStore keeps who has practised, and tells who has started
// reporting: what `kinerjabot status` counts for a unit, a page of the
// roster at a time. Methods do I/O and are safe for concurrent use.
type OnboardingStore interface {
	// RecordPractice stores p as the latest practice of (p.NIP, p.Role),
	// replacing an earlier one; idempotent. A zero At is stamped with the
	// store's clock. ErrInvalid for what CheckPractice refuses.
	RecordPractice(ctx context.Context, p Practice) error
	// PracticesOf returns the practice records of the NIPs, ordered by NIP
	// then role (an empty, non-nil slice when none). More than
	// MaxEmployeePage NIPs is ErrInvalid.
	PracticesOf(ctx context.Context, nips []string) ([]Practice, error)
	// ReportersAmong returns, in NIP order and once each, those of the
	// NIPs who have filed a report of any status, ever (an empty, non-nil
	// slice when none). More than MaxEmployeePage NIPs is ErrInvalid.
	ReportersAmong(ctx context.Context, nips []string) ([]string, error)
}

// CheckNIPBatch refuses a batch of NIPs over MaxEmployeePage (ErrInvalid).
func CheckNIPBatch(nips []string) error {
	if len(nips) > MaxEmployeePage {
		return fmt.Errorf("%w: %d NIPs in one batch, at most %d", ErrInvalid, len(nips), MaxEmployeePage)
	}
	return nil
}
