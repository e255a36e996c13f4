package storetest

import (
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/storage"
)

func activityCases() []testCase {
	return []testCase{
		{"get unknown is ErrNotFound", func(t *testing.T, s storage.Store) {
			_, err := s.GetActivity(t.Context(), reportID(404))
			checkErr(t, err, storage.ErrNotFound, "GetActivity")
		}},
		{"create round-trips every field", testActivityRoundTrip},
		{"create of a bare report round-trips", testActivityBare},
		{"create is idempotent by ID", testActivityIdempotent},
		{"zero version, status and times are filled", testActivityDefaults},
		{"empty ID is ErrInvalid", func(t *testing.T, s storage.Store) {
			a := activity(1, 1, "2025-03-10", 0)
			a.ID = ""
			checkErr(t, s.CreateActivity(t.Context(), a), storage.ErrInvalid, "CreateActivity with an empty id")
		}},
		{"list: inclusive dates, newest first, own reports only", testListActivities},
		{"list of nothing is empty, not nil", testListActivitiesEmpty},
		{"pending: oldest first, pending only, with total", testListPending},
		{"pending pages", testListPendingPages},
		{"pending of nobody is empty, not nil", func(t *testing.T, s storage.Store) {
			mustCreateActivity(t, s, activity(1, 1, "2025-03-10", 0))
			checkPending(t, s, nip(404), 0, 10, "", 0)
		}},
		{"pending with negative offset or limit is ErrInvalid", func(t *testing.T, s storage.Store) {
			_, _, err := s.ListPending(t.Context(), nip(900), -1, 10)
			checkErr(t, err, storage.ErrInvalid, "ListPending offset -1")
			_, _, err = s.ListPending(t.Context(), nip(900), 0, -1)
			checkErr(t, err, storage.ErrInvalid, "ListPending limit -1")
		}},
	}
}

func testActivityRoundTrip(t *testing.T, s storage.Store) {
	want := fullActivity(1)
	mustCreateActivity(t, s, want)
	checkActivity(t, mustGetActivity(t, s, want.ID), want)
	// Through the lists too, which read the same rows another way.
	list, err := s.ListActivities(t.Context(), want.NIP, want.Date, want.Date)
	if err != nil || len(list) != 1 {
		t.Fatalf("ListActivities = %d reports, %v; want 1", len(list), err)
	}
	checkActivity(t, list[0], want)

	pending := activity(2, 1, "2025-03-10", 0)
	mustCreateActivity(t, s, pending)
	page, _, err := s.ListPending(t.Context(), nip(900), 0, 10)
	if err != nil || len(page) != 1 {
		t.Fatalf("ListPending = %d reports, %v; want 1", len(page), err)
	}
	checkActivity(t, page[0], pending)
}

// testActivityBare stores a report with nothing optional: the nil pointers
// and empty lists must come back nil, not as zero values.
func testActivityBare(t *testing.T, s storage.Store) {
	want := storage.Activity{
		ID: reportID(1), NIP: nip(1), UnitCode: "PKM01", SupervisorNIP: nip(900), Date: "2025-03-10",
		Content: storage.Content{Minutes: 15, Description: "Apel pagi"},
		Status:  storage.StatusPending, Version: 1,
		SubmittedAt: at(1), CreatedAt: at(1), UpdatedAt: at(1),
	}
	mustCreateActivity(t, s, want)
	got := mustGetActivity(t, s, want.ID)
	checkActivity(t, got, want)
	if got.StartMinute != nil || got.Location != nil || got.Decision != nil {
		t.Errorf("bare report: StartMinute %v, Location %v, Decision %v; want nil", got.StartMinute, got.Location, got.Decision)
	}
}

func testActivityIdempotent(t *testing.T, s storage.Store) {
	first := activity(1, 1, "2025-03-10", 0)
	mustCreateActivity(t, s, first)
	again := activity(1, 2, "2025-03-11", 30)
	again.Description, again.Status, again.Version = "lain", storage.StatusApproved, 7
	again.Audit = append(again.Audit, storage.AuditEntry{At: at(40), Action: storage.ActionApproved, ByNIP: nip(900), Version: 7})
	if err := s.CreateActivity(t.Context(), again); err != nil {
		t.Fatalf("second CreateActivity of the same id: %v, want nil", err)
	}
	if err := s.CreateActivity(t.Context(), first); err != nil {
		t.Fatalf("third CreateActivity of the same id: %v, want nil", err)
	}
	checkUnchanged(t, s, first)
	checkListed(t, s, nip(1), "2025-03-01", "2025-03-31", reportID(1))
	checkListed(t, s, nip(2), "2025-03-01", "2025-03-31", "")
}

func testActivityDefaults(t *testing.T, s storage.Store) {
	a := activity(1, 1, "2025-03-10", 0)
	a.Version, a.Status = 0, ""
	a.SubmittedAt, a.CreatedAt, a.UpdatedAt = time.Time{}, time.Time{}, time.Time{}
	from := time.Now()
	mustCreateActivity(t, s, a)
	to := time.Now()
	got := mustGetActivity(t, s, a.ID)
	if got.Version != 1 || got.Status != storage.StatusPending {
		t.Errorf("Version, Status = %d, %q; want 1, pending", got.Version, got.Status)
	}
	checkStamped(t, got.SubmittedAt, from, to, "SubmittedAt")
	checkStamped(t, got.CreatedAt, from, to, "CreatedAt")
	checkStamped(t, got.UpdatedAt, from, to, "UpdatedAt")
}

func testListActivities(t *testing.T, s storage.Store) {
	for _, a := range []storage.Activity{
		activity(1, 1, "2025-03-07", 0),  // before the range
		activity(2, 1, "2025-03-10", 20), // same date as 3, submitted earlier
		activity(3, 1, "2025-03-10", 40),
		activity(4, 1, "2025-03-08", 90), // first day of the range
		activity(5, 1, "2025-03-11", 5),  // last day of the range
		activity(6, 1, "2025-03-12", 0),  // after the range
		activity(7, 2, "2025-03-10", 30), // someone else's
		activity(8, 1, "2025-03-09", 10),
	} {
		mustCreateActivity(t, s, a)
	}
	list := checkListed(t, s, nip(1), "2025-03-08", "2025-03-11",
		ids([]storage.Activity{{ID: reportID(5)}, {ID: reportID(3)}, {ID: reportID(2)}, {ID: reportID(8)}, {ID: reportID(4)}}, activityID))
	if len(list) == 5 {
		checkActivity(t, list[1], activity(3, 1, "2025-03-10", 40))
	}
	checkListed(t, s, nip(1), "2025-03-10", "2025-03-10", reportID(3)+","+reportID(2))
	checkListed(t, s, nip(2), "2025-01-01", "2025-12-31", reportID(7))
}

func testListActivitiesEmpty(t *testing.T, s storage.Store) {
	checkListed(t, s, nip(1), "2025-03-01", "2025-03-31", "")
	mustCreateActivity(t, s, activity(1, 1, "2025-03-10", 0))
	checkListed(t, s, nip(1), "2025-03-11", "2025-03-31", "")
	checkListed(t, s, nip(1), "2025-03-11", "2025-03-09", "") // from after to
	checkListed(t, s, nip(404), "2025-03-01", "2025-03-31", "")
}

// checkListed fails unless ListActivities lists the ids wantIDs (joined by
// commas) in order and returns the list.
func checkListed(t *testing.T, s storage.Store, owner, from, to, wantIDs string) []storage.Activity {
	t.Helper()
	list, err := s.ListActivities(t.Context(), owner, from, to)
	if err != nil {
		t.Fatalf("ListActivities(%s, %s, %s): %v", owner, from, to, err)
	}
	checkNotNil(t, list, "ListActivities")
	if got := ids(list, activityID); got != wantIDs {
		t.Errorf("ListActivities(%s, %s, %s) = [%s], want [%s]", owner, from, to, got, wantIDs)
	}
	return list
}

func testListPending(t *testing.T, s storage.Store) {
	approved := activity(4, 2, "2025-03-10", 1)
	approved.Status = storage.StatusApproved
	revision := activity(5, 2, "2025-03-10", 2)
	revision.Status = storage.StatusRevision
	elsewhere := activity(6, 3, "2025-03-10", 3)
	elsewhere.SupervisorNIP = nip(901)
	for _, a := range []storage.Activity{
		activity(1, 1, "2025-03-11", 30),
		approved,
		activity(2, 2, "2025-03-09", 10),
		revision,
		elsewhere,
		activity(3, 1, "2025-03-10", 20),
	} {
		mustCreateActivity(t, s, a)
	}
	page := checkPending(t, s, nip(900), 0, 10, reportID(2)+","+reportID(3)+","+reportID(1), 3)
	if len(page) == 3 {
		checkActivity(t, page[0], activity(2, 2, "2025-03-09", 10))
	}
	checkPending(t, s, nip(901), 0, 10, reportID(6), 1)

	// A decision takes the report off the list.
	mustDecide(t, s, reportID(3), 1, storage.Decide{To: storage.StatusApproved, ByNIP: nip(900), At: at(60)})
	checkPending(t, s, nip(900), 0, 10, reportID(2)+","+reportID(1), 2)
}

func testListPendingPages(t *testing.T, s storage.Store) {
	for n := 1; n <= 5; n++ {
		mustCreateActivity(t, s, activity(n, n, "2025-03-10", 50-n)) // 5 is the oldest
	}
	r := reportID
	checkPending(t, s, nip(900), 0, 2, r(5)+","+r(4), 5)
	checkPending(t, s, nip(900), 2, 2, r(3)+","+r(2), 5)
	checkPending(t, s, nip(900), 4, 2, r(1), 5)
	checkPending(t, s, nip(900), 5, 2, "", 5)
	checkPending(t, s, nip(900), 50, 2, "", 5)
	checkPending(t, s, nip(900), 0, 0, "", 5) // limit 0: the count alone
	checkPending(t, s, nip(900), 1, 100, r(4)+","+r(3)+","+r(2)+","+r(1), 5)
}

// checkPending fails unless ListPending's page lists wantIDs (joined by
// commas) in order with the total, and returns the page.
func checkPending(t *testing.T, s storage.Store, supervisor string, offset, limit int, wantIDs string, wantTotal int) []storage.Activity {
	t.Helper()
	page, total, err := s.ListPending(t.Context(), supervisor, offset, limit)
	if err != nil {
		t.Fatalf("ListPending(%s, %d, %d): %v", supervisor, offset, limit, err)
	}
	checkNotNil(t, page, "ListPending")
	if got := ids(page, activityID); got != wantIDs || total != wantTotal {
		t.Errorf("ListPending(%s, %d, %d) = [%s], %d; want [%s], %d", supervisor, offset, limit, got, total, wantIDs, wantTotal)
	}
	return page
}
