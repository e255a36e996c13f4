package mongo

import (
	"context"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/kinerjabot/kinerjabot/ident"
	"github.com/kinerjabot/kinerjabot/storage"
)

// FeedbackOf returns the feedback nip gave and received, each by At then
// ID (indexes from_nip_date and to_nip_date).
func (s *Store) FeedbackOf(ctx context.Context, nip string) (given, received []storage.Feedback, err error) {
	sort := options.Find().SetSort(feedbackGivenSort())
	if given, err = findAll[storage.Feedback](ctx, s.feedback, bson.D{{Key: "from_nip", Value: nip}}, sort); err != nil {
		return nil, nil, fmt.Errorf("feedback given by nip=%s: %w", ident.MaskNIP(nip), err)
	}
	if received, err = findAll[storage.Feedback](ctx, s.feedback, bson.D{{Key: "to_nip", Value: nip}}, sort); err != nil {
		return nil, nil, fmt.Errorf("feedback received by nip=%s: %w", ident.MaskNIP(nip), err)
	}
	return given, received, nil
}

// RemindersOf returns the reminders recorded for nip, by date then key
// (index nip_date).
func (s *Store) RemindersOf(ctx context.Context, nip string) ([]storage.Reminder, error) {
	all, err := findAll[storage.Reminder](ctx, s.reminders, bson.D{{Key: "nip", Value: nip}},
		options.Find().SetSort(bson.D{{Key: "date", Value: 1}, {Key: "_id", Value: 1}}))
	if err != nil {
		return nil, fmt.Errorf("reminders of nip=%s: %w", ident.MaskNIP(nip), err)
	}
	return all, nil
}

// EvidenceOf returns the evidence records nip sent, by creation then id
// (index nip_created_at).
func (s *Store) EvidenceOf(ctx context.Context, nip string) ([]storage.Evidence, error) {
	docs, err := findAll[evidenceDoc](ctx, s.evidence, bson.D{{Key: "nip", Value: nip}},
		options.Find().SetSort(bson.D{{Key: "created_at", Value: 1}, {Key: "_id", Value: 1}}))
	if err != nil {
		return nil, fmt.Errorf("evidence of nip=%s: %w", ident.MaskNIP(nip), err)
	}
	all := make([]storage.Evidence, len(docs))
	for i, d := range docs {
		all[i] = d.evidence()
	}
	return all, nil
}
