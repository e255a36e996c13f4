package sqlite

import (
	"context"
	"fmt"

	"github.com/kinerjabot/kinerjabot/storage"
)

// rerouteSQL moves a pending report to another approval list: the WHERE
// clause is the condition (pending at the version, on the list it leaves).
const rerouteSQL = `
UPDATE activities SET supervisor_nip = ?, audit = json_insert(audit, '$[#]', json(?)), updated_at = ?
WHERE id = ? AND status = ? AND version = ? AND supervisor_nip = ?
RETURNING ` + activityColumns

// RerouteActivity moves a report pending at version from e.From's approval
// list to e.To's and records e in its audit trail.
func (s *Store) RerouteActivity(ctx context.Context, id string, version int, e storage.AuditEntry) (storage.Activity, error) {
	if err := storage.CheckReroute(e); err != nil {
		return storage.Activity{}, fmt.Errorf("reroute activity id=%s: %w", id, err)
	}
	now := s.now()
	e.At, e.Version = stamp(e.At, now), version
	var enc encoder
	entry := enc.json(toAuditJSON(e))
	if enc.err != nil {
		return storage.Activity{}, fmt.Errorf("reroute activity id=%s: %w", id, enc.err)
	}
	a, err := s.conditional(ctx, id, rerouteSQL, e.To, entry, millis(now),
		id, string(storage.StatusPending), version, e.From)
	if err != nil {
		return storage.Activity{}, fmt.Errorf("reroute activity id=%s version=%d: %w", id, version, err)
	}
	return a, nil
}
