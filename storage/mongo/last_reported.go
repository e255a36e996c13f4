package mongo

import (
	"context"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"
	mongodrv "go.mongodb.org/mongo-driver/v2/mongo"

	"github.com/kinerjabot/kinerjabot/storage"
)

// lastReportedPipeline groups the reports of nips (the nip_date index)
// into each person's latest date.
func lastReportedPipeline(nips []string) mongodrv.Pipeline {
	return mongodrv.Pipeline{
		{{Key: "$match", Value: amongNIPs(bson.D{}, nips)}},
		{{Key: "$group", Value: bson.D{{Key: "_id", Value: "$nip"}, {Key: "date", Value: bson.D{{Key: "$max", Value: "$date"}}}}}},
	}
}

// LastReportedAmong returns each of nips' latest report date.
func (s *Store) LastReportedAmong(ctx context.Context, nips []string) (map[string]string, error) {
	if err := storage.CheckAmong(nips); err != nil {
		return nil, fmt.Errorf("last reported among: %w", err)
	}
	out := map[string]string{}
	if len(nips) == 0 {
		return out, nil
	}
	docs, err := aggregateAll[struct {
		NIP  string `bson:"_id"`
		Date string `bson:"date"`
	}](ctx, s.activities, lastReportedPipeline(nips))
	if err != nil {
		return nil, fmt.Errorf("last reported among: %w", err)
	}
	for _, d := range docs {
		out[d.NIP] = d.Date
	}
	return out, nil
}
