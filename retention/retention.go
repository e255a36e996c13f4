// Package retention owns how long the bot keeps what it no longer needs,
// and the daily job that deletes it from the record store: photos of
// reports past RETENTION_EVIDENCE_DAYS, photos of drafts that were
// cancelled or abandoned (no report names them) past
// RETENTION_DRAFT_PHOTO_DAYS, the chat hashes of citizen surveys past
// RETENTION_SURVEY_HASH_DAYS, and one-time registration codes expired for
// RETENTION_LINK_CODE_DAYS. Age is always the record's own; the person's
// state (a leaver) plays no part.
//
// The job runs under the scheduler's lease (it is a scheduler.Chore), once
// a day at RETENTION_AT, in bounded batches; its last run's counts are kept
// in Redis, where any replica reads them (Last).
package retention

import "time"

// Kind is one kind of thing the job deletes.
type Kind string

// Kinds of retention, the label of the job's counter.
const (
	Evidence   Kind = "evidence"    // a report's photo, record and bytes
	DraftPhoto Kind = "draft_photo" // a photo no report names
	SurveyChat Kind = "survey_chat" // a survey's chat hash (the survey stays)
	LinkCode   Kind = "link_code"   // a one-time registration code
)

// Kinds lists every kind, in report order.
var Kinds = []Kind{Evidence, DraftPhoto, SurveyChat, LinkCode}

// Rules are the retention settings, in days; 0 keeps forever.
type Rules struct {
	EvidenceDays   int
	DraftPhotoDays int
	SurveyHashDays int
	LinkCodeDays   int
}

// days is the retention of kind.
func (r Rules) days(k Kind) int {
	switch k {
	case Evidence:
		return r.EvidenceDays
	case DraftPhoto:
		return r.DraftPhotoDays
	case SurveyChat:
		return r.SurveyHashDays
	case LinkCode:
		return r.LinkCodeDays
	}
	return 0
}

// Cutoff is the time before which a record of kind has expired at now
// (its own time: a photo's sending, a survey's completion, a code's
// expiry); false when the kind is kept forever.
func (r Rules) Cutoff(k Kind, now time.Time) (time.Time, bool) {
	d := r.days(k)
	if d <= 0 {
		return time.Time{}, false
	}
	return now.Add(-time.Duration(d) * 24 * time.Hour), true
}

// Expired reports whether a record of kind with the time at has expired at
// now. A photo no report names is a DraftPhoto; it also expires as an
// Evidence, whichever comes first.
func (r Rules) Expired(k Kind, at, now time.Time) bool {
	cut, ok := r.Cutoff(k, now)
	return ok && at.Before(cut)
}
