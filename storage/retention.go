package storage

import (
	"context"
	"fmt"
	"time"
)

// MaxRetentionBatch bounds one retention call: a scan or a deletion reads
// or removes at most this many records.
const MaxRetentionBatch = 1000

// EvidenceScan asks for a page of evidence records created in
// [From, Before), in (CreatedAt, ID) order, after the cursor
// (AfterAt, AfterID: the last record of the previous page; zero for the
// first page), at most Limit (1..MaxRetentionBatch).
type EvidenceScan struct {
	From, Before time.Time
	AfterAt      time.Time
	AfterID      string
	Limit        int
}

// RetentionStore removes what outlived its retention (package retention
// decides what that is). Every call is bounded (MaxRetentionBatch) and
// each deletion is a single-record operation or one deletion by an
// indexed field: no multi-record transaction, no TTL index. Deleting what
// is gone already is not an error, so two replicas may run it at once.
type RetentionStore interface {
	// ScanEvidence lists a page of evidence records (see EvidenceScan),
	// with only ID, ActivityID, NIP and CreatedAt filled. ErrInvalid for a
	// Limit outside 1..MaxRetentionBatch.
	ScanEvidence(ctx context.Context, q EvidenceScan) ([]Evidence, error)
	// ActivitiesAmong returns those of ids that are reports on record
	// (submitted, not drafts), in no particular order; at most
	// MaxRetentionBatch ids (ErrInvalid beyond).
	ActivitiesAmong(ctx context.Context, ids []string) ([]string, error)
	// DeleteEvidence removes the evidence record and its bytes (the file
	// under DATA_DIR, or the GridFS file). Removing an unknown id is not
	// an error; an id failing CheckEvidenceID is ErrInvalid.
	DeleteEvidence(ctx context.Context, id string) error
	// ForgetSurveyChats clears the ChatHash of at most limit surveys
	// taken (At) before t that still hold one, and returns how many it
	// cleared. The survey and its ID stay.
	ForgetSurveyChats(ctx context.Context, before time.Time, limit int) (int, error)
	// DeleteLinkCodes deletes at most limit link codes whose ExpiresAt is
	// before t, used or not, and returns how many it deleted.
	DeleteLinkCodes(ctx context.Context, before time.Time, limit int) (int, error)
}

// CheckRetentionLimit refuses a batch size outside 1..MaxRetentionBatch
// (ErrInvalid). Stores call it first.
func CheckRetentionLimit(n int) error {
	if n < 1 || n > MaxRetentionBatch {
		return fmt.Errorf("%w: retention batch %d outside 1..%d", ErrInvalid, n, MaxRetentionBatch)
	}
	return nil
}
