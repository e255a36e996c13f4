package mongo

import (
	"context"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/kinerjabot/kinerjabot/storage"
)

// RerouteActivity moves a report pending at version from e.From's approval
// list to e.To's and records e in its audit trail: one conditional
// single-document update, filtered on status, version and the list it
// leaves, so that of racing moves and decisions exactly one matches.
func (s *Store) RerouteActivity(ctx context.Context, id string, version int, e storage.AuditEntry) (storage.Activity, error) {
	if err := storage.CheckReroute(e); err != nil {
		return storage.Activity{}, fmt.Errorf("reroute activity id=%s: %w", id, err)
	}
	now := s.now()
	e.At, e.Version = stamp(e.At, now), version
	a, err := s.conditional(ctx, id, rerouteFilter(id, version, e.From), rerouteUpdate(e, now))
	if err != nil {
		return storage.Activity{}, fmt.Errorf("reroute activity id=%s version=%d: %w", id, version, err)
	}
	return a, nil
}

// rerouteFilter matches the report only while it is pending at version on
// from's list.
func rerouteFilter(id string, version int, from string) bson.D {
	return bson.D{
		{Key: "_id", Value: id},
		{Key: "status", Value: string(storage.StatusPending)},
		{Key: "version", Value: version},
		{Key: "supervisor_nip", Value: from},
	}
}

// rerouteUpdate joins e.To's list and appends the audit entry.
func rerouteUpdate(e storage.AuditEntry, now time.Time) bson.D {
	return bson.D{
		{Key: "$set", Value: bson.D{{Key: "supervisor_nip", Value: e.To}, {Key: "updated_at", Value: now}}},
		{Key: "$push", Value: bson.D{{Key: "audit", Value: e}}},
	}
}
