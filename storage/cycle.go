package storage

import (
	"context"
	"fmt"
	"time"
	"unicode/utf8"
)

// The performance cycle's records beyond the daily reports: a supervisor's
// continuous feedback (umpan balik berkelanjutan) to a team member, with
// the person's one reply, and the competency-development reports
// (pengembangan kompetensi) counted in JP.

// CoachingReply is how the person answered a supervisor's feedback: not
// yet, acknowledged (👍), or answered once with a text. Stored values.
type CoachingReply string

// Replies to feedback.
const (
	CoachingOpen     CoachingReply = ""
	CoachingAcked    CoachingReply = "ack"
	CoachingAnswered CoachingReply = "answer"
)

// MaxCoachingNote bounds a feedback note and an answer, in characters.
const MaxCoachingNote = 1000

// Coaching is one piece of a supervisor's continuous feedback to a team
// member: given with an approval (ActivityID set) or on its own
// (/umpanbalik), optionally about one SKP target (SKPTargetID).
type Coaching struct {
	// ID is fixed when the feedback was written (from the deciding update,
	// or the draft), so a redelivered send never stores two.
	ID          string    `json:"id" bson:"_id"`
	FromNIP     string    `json:"from_nip" bson:"from_nip"`
	ToNIP       string    `json:"to_nip" bson:"to_nip"`
	SKPTargetID string    `json:"skp_target_id,omitempty" bson:"skp_target_id,omitempty"`
	ActivityID  string    `json:"activity_id,omitempty" bson:"activity_id,omitempty"`
	Note        string    `json:"note" bson:"note"`
	At          time.Time `json:"at" bson:"at"`
	// Reply, Answer and RepliedAt are the person's one reply.
	Reply     CoachingReply `json:"reply,omitempty" bson:"reply,omitempty"`
	Answer    string        `json:"answer,omitempty" bson:"answer,omitempty"`
	RepliedAt time.Time     `json:"replied_at,omitzero" bson:"replied_at,omitempty"`
}

// CheckCoaching refuses feedback a store must not keep: an empty ID,
// giver, receiver or note, feedback to oneself, a note over
// MaxCoachingNote characters.
func CheckCoaching(c Coaching) error {
	switch {
	case c.ID == "" || c.FromNIP == "" || c.ToNIP == "":
		return fmt.Errorf("%w: feedback without id, giver or receiver", ErrInvalid)
	case c.FromNIP == c.ToNIP:
		return fmt.Errorf("%w: feedback to oneself", ErrInvalid)
	case c.Note == "" || utf8.RuneCountInString(c.Note) > MaxCoachingNote:
		return fmt.Errorf("%w: feedback note of %d characters", ErrInvalid, utf8.RuneCountInString(c.Note))
	}
	return nil
}

// CheckCoachingReply refuses a reply a store must not record: acknowledged
// with a text, answered without one (or over MaxCoachingNote), or any
// other value.
func CheckCoachingReply(reply CoachingReply, answer string) error {
	switch {
	case reply == CoachingAcked && answer == "":
		return nil
	case reply == CoachingAnswered && answer != "" && utf8.RuneCountInString(answer) <= MaxCoachingNote:
		return nil
	}
	return fmt.Errorf("%w: feedback reply %q with %d characters", ErrInvalid, reply, utf8.RuneCountInString(answer))
}

// CoachingPair is the latest feedback FromNIP gave ToNIP (Last).
type CoachingPair struct {
	FromNIP string
	ToNIP   string
	Last    time.Time
}

// ReportKind is the kind of a report (Content.Kind). Stored values.
type ReportKind string

// Report kinds: a daily activity (the zero value), or competency
// development (pengembangan kompetensi: training, workshop, e-learning),
// which carries JP hours and a certificate photo.
const (
	KindActivity   ReportKind = ""
	KindCompetency ReportKind = "kompetensi"
)

// Kinds of competency development (Content.Training). Stored values.
const (
	TrainingCourse   = "pelatihan"
	TrainingWorkshop = "workshop"
	TrainingELearn   = "elearning"
)

// Trainings lists them in the order the report flow offers them.
var Trainings = []string{TrainingCourse, TrainingWorkshop, TrainingELearn}

// CycleStore is the contract of the cycle's records. Methods do I/O and
// are safe for concurrent use; every write is one atomic update of one
// record. Lists come back as non-nil slices.
type CycleStore interface {
	// AddCoaching stores feedback as open (its Reply, Answer and RepliedAt
	// are ignored). Idempotent by ID: the first stored wins. ErrInvalid
	// for what CheckCoaching refuses; a zero At is stamped with the
	// store's clock.
	AddCoaching(ctx context.Context, c Coaching) error
	// GetCoaching returns the feedback with the id, or ErrNotFound.
	GetCoaching(ctx context.Context, id string) (Coaching, error)
	// ReplyCoaching records toNIP's one reply to open feedback addressed to
	// them, in one conditional update: ErrConflict when it has a reply
	// already (two answers racing: one wins), ErrNotFound when no feedback
	// with the id is addressed to toNIP, ErrInvalid for what
	// CheckCoachingReply refuses. A zero at is stamped with the store's
	// clock. It returns the feedback as updated.
	ReplyCoaching(ctx context.Context, id, toNIP string, reply CoachingReply, answer string, at time.Time) (Coaching, error)
	// CoachingReceived returns the feedback toNIP received at or after
	// since, newest first (then by ID), at most limit (negative:
	// ErrInvalid).
	CoachingReceived(ctx context.Context, toNIP string, since time.Time, limit int) ([]Coaching, error)
	// CoachingBetween returns the feedback given at or after from and
	// before to, by At then ID, at most limit (negative: ErrInvalid): what
	// exports list.
	CoachingBetween(ctx context.Context, from, to time.Time, limit int) ([]Coaching, error)
	// CoachingPairsSince returns, for each giver and receiver with
	// feedback at or after since, the latest At, ordered by giver then
	// receiver, aggregated in the store.
	CoachingPairsSince(ctx context.Context, since time.Time) ([]CoachingPair, error)
	// CompetencyJP sums the JP of nip's approved competency reports dated
	// from..to (YYYY-MM-DD, inclusive), in the store.
	CompetencyJP(ctx context.Context, nip, from, to string) (int, error)
}
