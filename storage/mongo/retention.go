package mongo

import (
	"context"
	"errors"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	mongodrv "go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/kinerjabot/kinerjabot/storage"
)

// ScanEvidence implements storage.RetentionStore: a range of the
// created_at_id index, read in order.
func (s *Store) ScanEvidence(ctx context.Context, q storage.EvidenceScan) ([]storage.Evidence, error) {
	if err := storage.CheckRetentionLimit(q.Limit); err != nil {
		return nil, fmt.Errorf("scan evidence: %w", err)
	}
	opts := options.Find().SetLimit(int64(q.Limit)).
		SetSort(bson.D{{Key: "created_at", Value: 1}, {Key: "_id", Value: 1}}).
		SetProjection(bson.D{{Key: "activity_id", Value: 1}, {Key: "nip", Value: 1}, {Key: "created_at", Value: 1}})
	cur, err := s.evidence.Find(ctx, evidenceScanFilter(q), opts)
	if err != nil {
		return nil, fmt.Errorf("scan evidence: %w", mapErr(err))
	}
	var docs []evidenceDoc
	if err := cur.All(ctx, &docs); err != nil {
		return nil, fmt.Errorf("scan evidence: %w", mapErr(err))
	}
	out := make([]storage.Evidence, 0, len(docs))
	for _, d := range docs {
		out = append(out, storage.Evidence{ID: d.ID, ActivityID: d.ActivityID, NIP: d.NIP, CreatedAt: d.CreatedAt})
	}
	return out, nil
}

// evidenceScanFilter matches the records created in [From, Before) after
// the cursor (AfterAt, AfterID).
func evidenceScanFilter(q storage.EvidenceScan) bson.D {
	after := bson.A{
		bson.D{{Key: "created_at", Value: bson.D{{Key: "$gt", Value: q.AfterAt}}}},
		bson.D{{Key: "created_at", Value: q.AfterAt}, {Key: "_id", Value: bson.D{{Key: "$gt", Value: q.AfterID}}}},
	}
	return bson.D{
		{Key: "created_at", Value: bson.D{{Key: "$gte", Value: q.From}, {Key: "$lt", Value: q.Before}}},
		{Key: "$or", Value: after},
	}
}

// ActivitiesAmong implements storage.RetentionStore, by _id.
func (s *Store) ActivitiesAmong(ctx context.Context, ids []string) ([]string, error) {
	if len(ids) > storage.MaxRetentionBatch {
		return nil, fmt.Errorf("activities among: %w", storage.CheckRetentionLimit(len(ids)))
	}
	out := []string{}
	if len(ids) == 0 {
		return out, nil
	}
	found, err := s.idsOf(ctx, s.activities, bson.D{{Key: "_id", Value: bson.D{{Key: "$in", Value: ids}}}}, 0)
	if err != nil {
		return nil, fmt.Errorf("activities among: %w", err)
	}
	return append(out, found...), nil
}

// DeleteEvidence deletes the record, then its GridFS file. A failure in
// between leaves a file no record points at, which SweepEvidenceBytes
// removes.
func (s *Store) DeleteEvidence(ctx context.Context, id string) error {
	if err := storage.CheckEvidenceID(id); err != nil {
		return fmt.Errorf("delete evidence: %w", err)
	}
	fileID, err := s.evidenceBytesID(ctx, id)
	switch {
	case errors.Is(err, storage.ErrNotFound):
		return nil
	case err != nil:
		return fmt.Errorf("delete evidence id=%s: %w", id, err)
	}
	if _, err := s.evidence.DeleteOne(ctx, byID(id)); err != nil {
		return fmt.Errorf("delete evidence id=%s: %w", id, mapErr(err))
	}
	if err := s.bucket.Delete(ctx, fileID); err != nil && !errors.Is(err, mongodrv.ErrFileNotFound) {
		return fmt.Errorf("delete evidence id=%s: bytes: %w", id, mapErr(err))
	}
	return nil
}

// ForgetSurveyChats implements storage.RetentionStore: the ids of a batch
// over the chat_hash_at index, then one update of those still holding a
// hash (each document's update atomic on its own).
func (s *Store) ForgetSurveyChats(ctx context.Context, before time.Time, limit int) (int, error) {
	if err := storage.CheckRetentionLimit(limit); err != nil {
		return 0, fmt.Errorf("forget survey chats: %w", err)
	}
	held := bson.D{{Key: "chat_hash", Value: bson.D{{Key: "$gt", Value: ""}}}, {Key: "at", Value: bson.D{{Key: "$lt", Value: before}}}}
	ids, err := s.idsOf(ctx, s.surveys, held, limit)
	if err != nil || len(ids) == 0 {
		return 0, wrapNonNil("forget survey chats", err)
	}
	res, err := s.surveys.UpdateMany(ctx, append(held, bson.E{Key: "_id", Value: bson.D{{Key: "$in", Value: ids}}}),
		bson.D{{Key: "$set", Value: bson.D{{Key: "chat_hash", Value: ""}}}})
	if err != nil {
		return 0, fmt.Errorf("forget survey chats: %w", mapErr(err))
	}
	return int(res.ModifiedCount), nil
}

// DeleteLinkCodes implements storage.RetentionStore: the ids of a batch
// over the expires_at index, then one deletion of those.
func (s *Store) DeleteLinkCodes(ctx context.Context, before time.Time, limit int) (int, error) {
	if err := storage.CheckRetentionLimit(limit); err != nil {
		return 0, fmt.Errorf("delete link codes: %w", err)
	}
	expired := bson.D{{Key: "expires_at", Value: bson.D{{Key: "$lt", Value: before}}}}
	ids, err := s.idsOf(ctx, s.linkCodes, expired, limit)
	if err != nil || len(ids) == 0 {
		return 0, wrapNonNil("delete link codes", err)
	}
	res, err := s.linkCodes.DeleteMany(ctx, append(expired, bson.E{Key: "_id", Value: bson.D{{Key: "$in", Value: ids}}}))
	if err != nil {
		return 0, fmt.Errorf("delete link codes: %w", mapErr(err))
	}
	return int(res.DeletedCount), nil
}

// idsOf returns the string _id of at most limit (0: no limit) documents
// of coll matching filter.
func (s *Store) idsOf(ctx context.Context, coll *mongodrv.Collection, filter bson.D, limit int) ([]string, error) {
	opts := options.Find().SetProjection(bson.D{{Key: "_id", Value: 1}})
	if limit > 0 {
		opts.SetLimit(int64(limit))
	}
	cur, err := coll.Find(ctx, filter, opts)
	if err != nil {
		return nil, mapErr(err)
	}
	var docs []struct {
		ID string `bson:"_id"`
	}
	if err := cur.All(ctx, &docs); err != nil {
		return nil, mapErr(err)
	}
	ids := make([]string, len(docs))
	for i, d := range docs {
		ids[i] = d.ID
	}
	return ids, nil
}

func wrapNonNil(what string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s: %w", what, err)
}
