package storetest

import (
	"maps"
	"slices"
	"testing"

	"github.com/kinerjabot/kinerjabot/storage"
)

// The scheduler's questions about reports for a page of people
// (storage.ReportIndex).
func reportIndexCases() []testCase {
	return []testCase{
		{"reported among: only the NIPs asked about", testReportedAmong},
		{"minutes among: only the NIPs asked about", testMinutesAmong},
		{"approved minutes among: approved reports only", testApprovedMinutesAmong},
	}
}

func testReportedAmong(t *testing.T, s storage.Store) {
	decideAs(t, s, 1, 7, "2025-03-10", 0, 900, storage.StatusPending)
	decideAs(t, s, 2, 3, "2025-03-10", 1, 900, storage.StatusApproved)
	decideAs(t, s, 3, 3, "2025-03-10", 2, 900, storage.StatusRejected)
	decideAs(t, s, 4, 5, "2025-03-11", 3, 900, storage.StatusPending)
	for _, c := range []struct {
		date string
		nips []string
		want []string
	}{
		{"2025-03-10", []string{nip(7), nip(5), nip(3)}, []string{nip(3), nip(7)}},
		{"2025-03-10", []string{nip(5), nip(404)}, []string{}},
		{"2025-03-11", []string{nip(5)}, []string{nip(5)}},
		{"2025-03-10", nil, []string{}}, // nobody asked about
	} {
		got, err := s.ReportedAmong(t.Context(), c.date, c.nips)
		if err != nil {
			t.Fatalf("ReportedAmong(%s, %v): %v", c.date, c.nips, err)
		}
		checkNotNil(t, got, "ReportedAmong")
		if !slices.Equal(got, c.want) {
			t.Errorf("ReportedAmong(%s, %v) = %v, want %v", c.date, c.nips, got, c.want)
		}
	}
	_, err := s.ReportedAmong(t.Context(), "2025-03-10", make([]string, storage.MaxEmployeePage+1))
	checkErr(t, err, storage.ErrInvalid, "ReportedAmong(too many)")
}

func testMinutesAmong(t *testing.T, s storage.Store) {
	for i, owner := range []int{1, 1, 2, 3} {
		a := activity(i+1, owner, "2025-03-10", i+1)
		a.Minutes = 30 * (i + 1)
		mustCreateActivity(t, s, a)
	}
	got, err := s.MinutesAmong(t.Context(), "2025-03-01", "2025-03-31", []string{nip(1), nip(3), nip(9)})
	if err != nil {
		t.Fatalf("MinutesAmong: %v", err)
	}
	if want := map[string]int{nip(1): 30 + 60, nip(3): 120}; !maps.Equal(got, want) {
		t.Errorf("MinutesAmong = %v, want %v", got, want)
	}
	_, err = s.MinutesAmong(t.Context(), "2025-03-01", "2025-03-31", make([]string, storage.MaxEmployeePage+1))
	checkErr(t, err, storage.ErrInvalid, "MinutesAmong(too many)")
}

func testApprovedMinutesAmong(t *testing.T, s storage.Store) {
	for i, c := range []struct {
		owner   int
		date    string
		minutes int
		status  storage.Status
	}{
		{7, "2025-03-10", 90, storage.StatusApproved},
		{7, "2025-03-11", 30, storage.StatusApproved},
		{7, "2025-03-12", 45, storage.StatusPending},
		{3, "2025-03-12", 60, storage.StatusRejected},
		{5, "2025-04-01", 60, storage.StatusApproved},
		{9, "2025-03-12", 60, storage.StatusApproved},
	} {
		a := activity(i+1, c.owner, c.date, i)
		a.Minutes = c.minutes
		mustCreateActivity(t, s, a)
		if c.status != storage.StatusPending {
			mustDecide(t, s, a.ID, 1, storage.Decide{To: c.status, ByNIP: nip(900), At: at(i + 1)})
		}
	}
	got, err := s.ApprovedMinutesAmong(t.Context(), "2025-03-01", "2025-03-31", []string{nip(7), nip(3), nip(5)})
	if err != nil {
		t.Fatalf("ApprovedMinutesAmong: %v", err)
	}
	if want := map[string]int{nip(7): 120}; !maps.Equal(got, want) {
		t.Errorf("ApprovedMinutesAmong = %v, want %v", got, want)
	}
	_, err = s.ApprovedMinutesAmong(t.Context(), "2025-03-01", "2025-03-31", make([]string, storage.MaxEmployeePage+1))
	checkErr(t, err, storage.ErrInvalid, "ApprovedMinutesAmong(too many)")
}
