package storage

import "context"

// PersonalReader reads, for one person, what the store keeps about them
// beyond their profile and reports: the appreciation they gave and
// received, the reminders sent to them, and the evidence records of the
// photos they sent. It serves a person's own copy of their data (/dataku)
// and is read at most once an hour per person: lists, not aggregations.
// Lists come back as non-nil slices (empty when nothing matches); an
// unknown or empty nip has nothing.
type PersonalReader interface {
	// FeedbackOf returns the feedback nip gave and the feedback nip
	// received, each ordered by At then ID, every field as stored
	// (anonymous feedback received too: the caller hides its giver).
	FeedbackOf(ctx context.Context, nip string) (given, received []Feedback, err error)
	// RemindersOf returns the reminders recorded for nip, by Date then Key.
	RemindersOf(ctx context.Context, nip string) ([]Reminder, error)
	// EvidenceOf returns the evidence records of the photos nip sent, by
	// CreatedAt then ID (records only, never the bytes).
	EvidenceOf(ctx context.Context, nip string) ([]Evidence, error)
}
