package mongo

import (
	"context"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"
	mongodrv "go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/kinerjabot/kinerjabot/storage"
)

// The audit log is the audit_log collection, storage.AuditRecord with its
// bson tags, each row inserted once.

func auditLogIndexes() []mongodrv.IndexModel {
	return []mongodrv.IndexModel{
		{ // ListAuditLog of the whole deployment
			Keys:    bson.D{{Key: "at", Value: -1}, {Key: "_id", Value: -1}},
			Options: options.Index().SetName("at_id"),
		},
		{ // ListAuditLog within a branch's units
			Keys:    bson.D{{Key: "unit", Value: 1}, {Key: "at", Value: -1}, {Key: "_id", Value: -1}},
			Options: options.Index().SetName("unit_at_id"),
		},
	}
}

// AppendAuditLog adds a row to the audit log.
func (s *Store) AppendAuditLog(ctx context.Context, r storage.AuditRecord) error {
	r, err := storage.PrepareAuditRecord(r, s.now())
	if err != nil {
		return fmt.Errorf("append audit: %w", err)
	}
	if _, err := s.auditLog.InsertOne(ctx, r); err != nil && !mongodrv.IsDuplicateKeyError(err) {
		return fmt.Errorf("append audit action=%s: %w", r.Action, mapErr(err))
	}
	return nil
}

// ListAuditLog returns a page of the rows f selects, newest first.
func (s *Store) ListAuditLog(ctx context.Context, f storage.AuditFilter) (storage.AuditPage, error) {
	cur, err := storage.CheckAuditFilter(f)
	if err != nil {
		return storage.AuditPage{}, fmt.Errorf("list audit: %w", err)
	}
	opts := options.Find().SetSort(bson.D{{Key: "at", Value: -1}, {Key: "_id", Value: -1}}).SetLimit(int64(f.Limit + 1))
	c, err := s.auditLog.Find(ctx, auditFilter(f, cur), opts)
	if err != nil {
		return storage.AuditPage{}, fmt.Errorf("list audit: %w", mapErr(err))
	}
	rows := []storage.AuditRecord{}
	if err := c.All(ctx, &rows); err != nil {
		return storage.AuditPage{}, fmt.Errorf("list audit: %w", mapErr(err))
	}
	for i := range rows {
		rows[i].At = rows[i].At.UTC()
	}
	return storage.AuditPageOf(rows, f), nil
}

// auditFilter is f (after the cursor's position) as a query.
func auditFilter(f storage.AuditFilter, cur storage.AuditCursor) bson.D {
	q := bson.D{}
	at := bson.D{}
	if !f.From.IsZero() {
		at = append(at, bson.E{Key: "$gte", Value: msUTC(f.From)})
	}
	if !f.To.IsZero() {
		at = append(at, bson.E{Key: "$lt", Value: msUTC(f.To)})
	}
	if len(at) > 0 {
		q = append(q, bson.E{Key: "at", Value: at})
	}
	if f.Actor != "" {
		q = append(q, bson.E{Key: "actor", Value: f.Actor})
	}
	if f.Action != "" {
		q = append(q, bson.E{Key: "action", Value: f.Action})
	}
	if f.Units != nil {
		units := make([]any, len(f.Units))
		for i, u := range f.Units {
			if u == "" {
				units[i] = nil // a row of no unit has no unit field
				continue
			}
			units[i] = u
		}
		q = append(q, bson.E{Key: "unit", Value: bson.D{{Key: "$in", Value: units}}})
	}
	if cur.ID != "" {
		q = append(q, bson.E{Key: "$or", Value: bson.A{
			bson.D{{Key: "at", Value: bson.D{{Key: "$lt", Value: cur.At}}}},
			bson.D{{Key: "at", Value: cur.At}, {Key: "_id", Value: bson.D{{Key: "$lt", Value: cur.ID}}}},
		}})
	}
	return q
}
