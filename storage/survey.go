package storage

import (
	"context"
	"time"
)

// Survey modes: the nine-element SKM (PermenPANRB 14/2017), counted in the
// IKM, and the quick one-question rating, reported apart and never mixed in.
const (
	SurveySKM   = "skm"
	SurveyQuick = "cepat"
)

// SKMElements is the number of elements (unsur) of the SKM.
const SKMElements = 9

// Survey is one completed citizen satisfaction survey. It holds no chat id
// and no name: ChatHash is a keyed hash (HMAC) of the chat, enough for the
// once-a-day rule.
type Survey struct {
	// ID is derived from unit, counter-less day, chat hash and mode, so a
	// person's second survey of a unit on one local day has the same ID.
	ID       string `json:"id" bson:"_id"`
	UnitCode string `json:"unit_code" bson:"unit_code"`
	// Counter is the service counter (loket) the QR code named, 0 for none.
	Counter int    `json:"counter,omitempty" bson:"counter,omitempty"`
	Date    string `json:"date" bson:"date"` // local YYYY-MM-DD
	Mode    string `json:"mode" bson:"mode"`
	// Answers are 1..4: nine for SurveySKM, one for SurveyQuick.
	Answers  []int     `json:"answers" bson:"answers"`
	Comment  string    `json:"comment,omitempty" bson:"comment,omitempty"`
	ChatHash string    `json:"chat_hash" bson:"chat_hash"`
	At       time.Time `json:"at" bson:"at"`
}

// SurveyStats sums a unit's surveys of one mode over a date range.
type SurveyStats struct {
	Respondents int
	// Sums[i] is the sum of the answers to element i+1 (index 0 only for
	// the quick mode).
	Sums [SKMElements]int
}

// Feedback is one peer recognition by a BerAKHLAK value.
type Feedback struct {
	ID      string `json:"id" bson:"_id"`
	FromNIP string `json:"from_nip" bson:"from_nip"`
	ToNIP   string `json:"to_nip" bson:"to_nip"`
	// Value is 1..7: Berorientasi Pelayanan, Akuntabel, Kompeten, Harmonis,
	// Loyal, Adaptif, Kolaboratif.
	Value     int       `json:"value" bson:"value"`
	Note      string    `json:"note,omitempty" bson:"note,omitempty"`
	Anonymous bool      `json:"anonymous" bson:"anonymous"`
	Date      string    `json:"date" bson:"date"` // the giver's local YYYY-MM-DD
	At        time.Time `json:"at" bson:"at"`
}

// SurveyReader reads surveys and feedback.
type SurveyReader interface {
	// HasSurvey reports whether a survey with the id is stored.
	HasSurvey(ctx context.Context, id string) (bool, error)
	// SurveyStats aggregates a unit's surveys of a mode dated from..to
	// (inclusive), in the store (MongoDB: an aggregation pipeline).
	SurveyStats(ctx context.Context, unit, mode, from, to string) (SurveyStats, error)
	// SurveyComments returns the non-empty comments of a unit's surveys of
	// a mode dated from..to, oldest first, at most limit.
	SurveyComments(ctx context.Context, unit, mode, from, to string, limit int) ([]string, error)
	// FeedbackGiven lists what fromNIP gave on a date, oldest first.
	FeedbackGiven(ctx context.Context, fromNIP, date string) ([]Feedback, error)
	// FeedbackCounts counts the feedback received by any of nips dated
	// from..to, by value (1..7), aggregated in the store.
	FeedbackCounts(ctx context.Context, nips []string, from, to string) (map[int]int, error)
}

// SurveyWriter writes surveys and feedback; each idempotent by ID.
type SurveyWriter interface {
	AddSurvey(ctx context.Context, s Survey) error
	AddFeedback(ctx context.Context, f Feedback) error
}
