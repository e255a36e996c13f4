package mongo

import (
	"context"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"
	mongodrv "go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/kinerjabot/kinerjabot/ident"
	"github.com/kinerjabot/kinerjabot/storage"
)

// practicesCollection holds who completed a practice run, one document
// per (NIP, role), _id "NIP:role": storage.Practice with its bson tags.
const practicesCollection = "practices"

// practiceDoc is a practices document.
type practiceDoc struct {
	ID               string `bson:"_id"`
	storage.Practice `bson:",inline"`
}

func (s *Store) practices() *mongodrv.Collection { return s.db.Collection(practicesCollection) }

// practiceIndexes serve PracticesOf: by NIP, in order.
func practiceIndexes() []mongodrv.IndexModel {
	return []mongodrv.IndexModel{{
		Keys:    bson.D{{Key: "nip", Value: 1}, {Key: "role", Value: 1}},
		Options: options.Index().SetName("nip_role"),
	}}
}

// RecordPractice replaces the (NIP, role) document, one upserting replace.
func (s *Store) RecordPractice(ctx context.Context, p storage.Practice) error {
	if err := storage.CheckPractice(p); err != nil {
		return fmt.Errorf("record practice nip=%s: %w", ident.MaskNIP(p.NIP), err)
	}
	p.At = stamp(p.At, s.now())
	doc := practiceDoc{ID: p.NIP + ":" + string(p.Role), Practice: p}
	if _, err := s.practices().ReplaceOne(ctx, byID(doc.ID), doc, options.Replace().SetUpsert(true)); err != nil {
		return fmt.Errorf("record practice nip=%s: %w", ident.MaskNIP(p.NIP), mapErr(err))
	}
	return nil
}

// PracticesOf returns the practice records of the NIPs (the nip_role
// index).
func (s *Store) PracticesOf(ctx context.Context, nips []string) ([]storage.Practice, error) {
	if err := storage.CheckNIPBatch(nips); err != nil {
		return nil, fmt.Errorf("practices of %d people: %w", len(nips), err)
	}
	docs, err := aggregateAll[practiceDoc](ctx, s.practices(), practicesPipeline(nips))
	if err != nil {
		return nil, fmt.Errorf("practices of %d people: %w", len(nips), err)
	}
	all := make([]storage.Practice, len(docs))
	for i, d := range docs {
		all[i] = d.Practice
		all[i].At = msUTC(d.At)
	}
	return all, nil
}

func practicesPipeline(nips []string) mongodrv.Pipeline {
	return mongodrv.Pipeline{
		{{Key: "$match", Value: bson.D{{Key: "nip", Value: bson.D{{Key: "$in", Value: append([]string{}, nips...)}}}}}},
		{{Key: "$sort", Value: bson.D{{Key: "nip", Value: 1}, {Key: "role", Value: 1}}}},
	}
}

// ReportersAmong returns those of the NIPs who have filed a report: a
// $match on the nip_date index's prefix, grouped by NIP.
func (s *Store) ReportersAmong(ctx context.Context, nips []string) ([]string, error) {
	if err := storage.CheckNIPBatch(nips); err != nil {
		return nil, fmt.Errorf("reporters among %d people: %w", len(nips), err)
	}
	docs, err := aggregateAll[struct {
		NIP string `bson:"_id"`
	}](ctx, s.activities, reportersAmongPipeline(nips))
	if err != nil {
		return nil, fmt.Errorf("reporters among %d people: %w", len(nips), err)
	}
	all := make([]string, len(docs))
	for i, d := range docs {
		all[i] = d.NIP
	}
	return all, nil
}

func reportersAmongPipeline(nips []string) mongodrv.Pipeline {
	return mongodrv.Pipeline{
		{{Key: "$match", Value: bson.D{{Key: "nip", Value: bson.D{{Key: "$in", Value: append([]string{}, nips...)}}}}}},
		{{Key: "$group", Value: bson.D{{Key: "_id", Value: "$nip"}}}},
		{{Key: "$sort", Value: bson.D{{Key: "_id", Value: 1}}}},
	}
}
