package storetest

import (
	"maps"
	"testing"

	"github.com/kinerjabot/kinerjabot/storage"
)

// lastReportedCases: each person's latest report date (the console's
// staff list).
func lastReportedCases() []testCase {
	return []testCase{
		{"last reported among: latest date of the NIPs asked about", testLastReportedAmong},
	}
}

func testLastReportedAmong(t *testing.T, s storage.Store) {
	decideAs(t, s, 1, 7, "2025-03-10", 0, 900, storage.StatusPending)
	decideAs(t, s, 2, 7, "2025-03-12", 1, 900, storage.StatusRejected)
	decideAs(t, s, 3, 3, "2025-03-11", 2, 900, storage.StatusApproved)
	decideAs(t, s, 4, 5, "2025-03-09", 3, 900, storage.StatusPending)
	got, err := s.LastReportedAmong(t.Context(), []string{nip(7), nip(3), nip(404)})
	if err != nil {
		t.Fatalf("LastReportedAmong: %v", err)
	}
	if want := map[string]string{nip(7): "2025-03-12", nip(3): "2025-03-11"}; !maps.Equal(got, want) {
		t.Errorf("LastReportedAmong = %v, want %v", got, want)
	}
	none, err := s.LastReportedAmong(t.Context(), nil)
	if err != nil || none == nil || len(none) != 0 {
		t.Errorf("LastReportedAmong(nobody) = %v, %v; want an empty map", none, err)
	}
	_, err = s.LastReportedAmong(t.Context(), make([]string, storage.MaxEmployeePage+1))
	checkErr(t, err, storage.ErrInvalid, "LastReportedAmong(too many)")
}
