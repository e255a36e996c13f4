package storetest

import (
	"slices"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/storage"
)

func rerouteCases() []testCase {
	return []testCase{
		{"reroute moves the report to the new list and records from and to", testReroute},
		{"reroute of a report not pending at version on that list is ErrConflict", testRerouteConflict},
		{"reroute unknown is ErrNotFound", func(t *testing.T, s storage.Store) {
			_, err := s.RerouteActivity(t.Context(), reportID(404), 1, rerouteEntry(nip(900), nip(901), at(1)))
			checkErr(t, err, storage.ErrNotFound, "RerouteActivity of an unknown id")
		}},
		{"reroute with another action, no target or the same list is ErrInvalid", testRerouteInvalid},
		{"zero reroute time is stamped", testRerouteStamp},
		{"racing reroutes from one list: exactly one wins", testRerouteRace},
	}
}

// rerouteEntry is the audit entry of a move from one list to another.
func rerouteEntry(from, to string, when time.Time) storage.AuditEntry {
	return storage.AuditEntry{At: when, Action: storage.ActionRerouted, ByNIP: storage.SystemActor, Rule: "roster",
		Reason: "supervisor changed", From: from, To: to}
}

// rerouted is what a move makes of before, but for UpdatedAt.
func rerouted(before storage.Activity, e storage.AuditEntry) storage.Activity {
	want := before
	want.SupervisorNIP = e.To
	e.Version = before.Version
	want.Audit = append(slices.Clone(before.Audit), e)
	return want
}

func testReroute(t *testing.T, s storage.Store) {
	before := activity(1, 1, "2025-03-10", 0)
	mustCreateActivity(t, s, before)
	old := storage.MessageRef{Platform: "telegram", ChatID: "900", MessageID: "1", To: nip(900)}
	mustAddPrompt(t, s, before.ID, old) // kept: the scheduler edits it to say where the report went
	before.Prompts = []storage.MessageRef{old}
	e := rerouteEntry(nip(900), nip(901), at(30))
	e.Version = 7 // set by the store
	from := time.Now()
	got, err := s.RerouteActivity(t.Context(), before.ID, 1, e)
	if err != nil {
		t.Fatalf("RerouteActivity: %v", err)
	}
	checkReturned(t, s, got, rerouted(before, e), from, time.Now())
	if _, n, err := s.ListPending(t.Context(), nip(900), 0, 10); err != nil || n != 0 {
		t.Fatalf("the old list still has %d (err %v)", n, err)
	}
	if page, n, err := s.ListPending(t.Context(), nip(901), 0, 10); err != nil || n != 1 || page[0].ID != before.ID {
		t.Fatalf("the new list has %d: %v (err %v)", n, ids(page, activityID), err)
	}
	// And back, then on to a third list: each move is recorded.
	back := mustReroute(t, s, before.ID, 1, rerouteEntry(nip(901), nip(900), at(40)))
	third := mustReroute(t, s, before.ID, 1, rerouteEntry(nip(900), nip(902), at(50)))
	if back.SupervisorNIP != nip(900) || third.SupervisorNIP != nip(902) || len(third.Audit) != 4 ||
		third.Audit[3].From != nip(900) || third.Audit[3].To != nip(902) {
		t.Fatalf("after three moves: %s", describe(third))
	}
}

func mustReroute(t *testing.T, s storage.Store, id string, version int, e storage.AuditEntry) storage.Activity {
	t.Helper()
	a, err := s.RerouteActivity(t.Context(), id, version, e)
	if err != nil {
		t.Fatalf("RerouteActivity(%s, %d, %s→%s): %v", id, version, e.From, e.To, err)
	}
	return a
}

func testRerouteConflict(t *testing.T, s storage.Store) {
	pending := activity(1, 1, "2025-03-10", 0)
	mustCreateActivity(t, s, pending)
	for name, try := range map[string]func() error{
		"another version": func() error {
			_, err := s.RerouteActivity(t.Context(), pending.ID, 2, rerouteEntry(nip(900), nip(901), at(1)))
			return err
		},
		"another list": func() error {
			_, err := s.RerouteActivity(t.Context(), pending.ID, 1, rerouteEntry(nip(905), nip(901), at(1)))
			return err
		},
	} {
		checkErr(t, try(), storage.ErrConflict, "RerouteActivity from "+name)
	}
	checkUnchanged(t, s, pending)

	decided := activity(2, 1, "2025-03-10", 1)
	mustCreateActivity(t, s, decided)
	decided = mustDecide(t, s, decided.ID, 1, storage.Decide{To: storage.StatusApproved, ByNIP: nip(900), At: at(5)})
	_, err := s.RerouteActivity(t.Context(), decided.ID, 1, rerouteEntry(nip(900), nip(901), at(6)))
	checkErr(t, err, storage.ErrConflict, "RerouteActivity of a decided report")
	checkUnchanged(t, s, decided)
}

func testRerouteInvalid(t *testing.T, s storage.Store) {
	before := activity(1, 1, "2025-03-10", 0)
	mustCreateActivity(t, s, before)
	wrongAction := rerouteEntry(nip(900), nip(901), at(1))
	wrongAction.Action = storage.ActionEscalated
	for name, e := range map[string]storage.AuditEntry{
		"another action": wrongAction,
		"no target":      rerouteEntry(nip(900), "", at(1)),
		"the same list":  rerouteEntry(nip(900), nip(900), at(1)),
	} {
		_, err := s.RerouteActivity(t.Context(), before.ID, 1, e)
		checkErr(t, err, storage.ErrInvalid, "RerouteActivity with "+name)
	}
	checkUnchanged(t, s, before)
}

func testRerouteStamp(t *testing.T, s storage.Store) {
	before := activity(1, 1, "2025-03-10", 0)
	mustCreateActivity(t, s, before)
	from := time.Now()
	got := mustReroute(t, s, before.ID, 1, rerouteEntry(nip(900), nip(901), time.Time{}))
	checkStamped(t, got.Audit[1].At, from, time.Now(), "the reroute entry's At")
}

// Moves from one list to several race on one report: one wins, the others
// are ErrConflict, and the report is on the winner's list.
func testRerouteRace(t *testing.T, s storage.Store) {
	before := activity(1, 1, "2025-03-10", 0)
	mustCreateActivity(t, s, before)
	const workers = 12
	results := make([]storage.Activity, workers)
	errs := make([]error, workers)
	together(workers, func(w int) {
		results[w], errs[w] = s.RerouteActivity(t.Context(), before.ID, 1, rerouteEntry(nip(900), nip(910+w), at(100+w)))
	})
	ok, conflicts := countErrors(t, errs)
	if ok != 1 || conflicts != workers-1 {
		t.Fatalf("%d writes succeeded and %d were ErrConflict, want 1 and %d", ok, conflicts, workers-1)
	}
	winner := slices.IndexFunc(errs, func(err error) bool { return err == nil })
	got := mustGetActivity(t, s, before.ID)
	checkActivity(t, got, results[winner])
	if got.SupervisorNIP != nip(910+winner) || len(got.Audit) != 2 {
		t.Fatalf("the winning move left the report on %s", got.SupervisorNIP)
	}
}
