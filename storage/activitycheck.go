package storage

import (
	"fmt"
	"strings"
	"time"
)

// maxEvidenceIDLen bounds an evidence id (a ULID has 26 characters).
const maxEvidenceIDLen = 128

// CheckEvidenceID refuses an evidence id that could not safely name a file:
// the embedded store keeps the bytes in a file named by the id. Stores call
// it in every evidence method, so all of them accept the same ids: 1 to 128
// ASCII letters, digits, '-' or '_'.
func CheckEvidenceID(id string) error {
	if id == "" || len(id) > maxEvidenceIDLen {
		return fmt.Errorf("%w: evidence id of %d bytes", ErrInvalid, len(id))
	}
	if i := strings.IndexFunc(id, func(r rune) bool {
		return !('0' <= r && r <= '9' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || r == '-' || r == '_')
	}); i >= 0 {
		return fmt.Errorf("%w: evidence id has a character other than a letter, digit, '-' or '_' at byte %d", ErrInvalid, i)
	}
	return nil
}

// CheckDecision refuses a decision to anything but approved, rejected or
// revision: a report is never decided back to pending.
func CheckDecision(to Status) error {
	switch to {
	case StatusApproved, StatusRejected, StatusRevision:
		return nil
	}
	return fmt.Errorf("%w: decision to status %q", ErrInvalid, to)
}

// NewActivity fills what a new report may leave to the store: version 1,
// status pending, an empty (not nil) audit, and now for zero times. Both
// stores call it in CreateActivity, so they agree.
func NewActivity(a Activity, now time.Time) Activity {
	if a.Version == 0 {
		a.Version = 1
	}
	if a.Status == "" {
		a.Status = StatusPending
	}
	if a.Audit == nil {
		a.Audit = []AuditEntry{}
	}
	for _, t := range []*time.Time{&a.SubmittedAt, &a.CreatedAt, &a.UpdatedAt} {
		if t.IsZero() {
			*t = now
		}
	}
	return a
}
