package mongo

import (
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/storage"
)

// A move matches the report only pending, at the version, on the list it
// leaves; it sets the new list and pushes the entry with from and to.
func TestRerouteFilterAndUpdate(t *testing.T) {
	filter := asDoc(t, rerouteFilter("r1", 3, "198001012005011001"))
	for path, want := range map[string]any{
		"_id": "r1", "status": string(storage.StatusPending), "version": int32(3), "supervisor_nip": "198001012005011001",
	} {
		checkPath(t, filter, path, want)
	}
	now := time.Date(2026, 11, 30, 3, 0, 0, 0, time.UTC)
	e := storage.AuditEntry{At: now, Action: storage.ActionRerouted, ByNIP: storage.SystemActor, Rule: "roster_changed",
		Version: 3, From: "198001012005011001", To: "198001012005011002"}
	checkPath(t, asDoc(t, rerouteUpdate(e, now)), "$set.supervisor_nip", e.To)
	var pushed struct {
		Push struct {
			Audit storage.AuditEntry `bson:"audit"`
		} `bson:"$push"`
	}
	roundTrip(t, rerouteUpdate(e, now), &pushed)
	if got := pushed.Push.Audit; got.From != e.From || got.To != e.To || got.Action != storage.ActionRerouted || got.Version != 3 {
		t.Errorf("pushed entry %+v", got)
	}
}
