package storetest

import (
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/storage"
)

func skpCases() []testCase {
	return []testCase{
		{"get unknown is ErrNotFound", func(t *testing.T, s storage.Store) {
			_, err := s.GetSKPTarget(t.Context(), "skp-404")
			checkErr(t, err, storage.ErrNotFound, "GetSKPTarget")
		}},
		{"upsert round-trips and updates in place", testSKPUpsert},
		{"list: utama first, then tambahan, by RHK; own period only", testSKPList},
		{"list of nothing is empty, not nil", func(t *testing.T, s storage.Store) {
			checkSKPList(t, s, 1, "2026", "")
			mustUpsertSKPTarget(t, s, skpTarget("a", 1, "2026", "utama", "RHK", "I"))
			checkSKPList(t, s, 1, "2025", "")
			checkSKPList(t, s, 2, "2026", "")
		}},
		{"zero UpdatedAt is stamped", func(t *testing.T, s storage.Store) {
			target := skpTarget("a", 1, "2026", "utama", "RHK", "I")
			target.UpdatedAt = time.Time{}
			from := time.Now()
			mustUpsertSKPTarget(t, s, target)
			to := time.Now()
			got, err := s.GetSKPTarget(t.Context(), "a")
			if err != nil {
				t.Fatalf("GetSKPTarget: %v", err)
			}
			checkStamped(t, got.UpdatedAt, from, to, "UpdatedAt")
		}},
		{"empty ID is ErrInvalid", func(t *testing.T, s storage.Store) {
			err := s.UpsertSKPTarget(t.Context(), skpTarget("", 1, "2026", "utama", "RHK", "I"))
			checkErr(t, err, storage.ErrInvalid, "UpsertSKPTarget with an empty id")
		}},
	}
}

func testSKPUpsert(t *testing.T, s storage.Store) {
	first := skpTarget("t1", 1, "2026", "utama", "Meningkatnya cakupan imunisasi", "Persentase bayi diimunisasi")
	mustUpsertSKPTarget(t, s, first)
	got, err := s.GetSKPTarget(t.Context(), "t1")
	if err != nil {
		t.Fatalf("GetSKPTarget: %v", err)
	}
	checkSKPTarget(t, got, first)

	next := first
	next.Kind, next.Target, next.Satuan, next.UpdatedAt = "tambahan", "95", "persen", at(60)
	mustUpsertSKPTarget(t, s, next)
	got, err = s.GetSKPTarget(t.Context(), "t1")
	if err != nil {
		t.Fatalf("GetSKPTarget after update: %v", err)
	}
	checkSKPTarget(t, got, next)
	list := checkSKPList(t, s, 1, "2026", "t1")
	if len(list) == 1 {
		checkSKPTarget(t, list[0], next)
	}
}

func testSKPList(t *testing.T, s storage.Store) {
	for _, target := range []storage.SKPTarget{
		skpTarget("t-b", 1, "2026", "tambahan", "B tambahan", "I"),
		skpTarget("u-c", 1, "2026", "utama", "C utama", "I"),
		skpTarget("u-a", 1, "2026", "utama", "A utama", "I"),
		skpTarget("t-a", 1, "2026", "tambahan", "A tambahan", "I"),
		skpTarget("u-b2", 1, "2026", "utama", "B utama", "Indikator 2"),
		skpTarget("u-b1", 1, "2026", "utama", "B utama", "Indikator 1"),
		skpTarget("other-period", 1, "2026-Q4", "utama", "A", "I"),
		skpTarget("other-person", 2, "2026", "utama", "A", "I"),
	} {
		mustUpsertSKPTarget(t, s, target)
	}
	list := checkSKPList(t, s, 1, "2026", "u-a,u-b1,u-b2,u-c,t-a,t-b")
	if len(list) == 6 {
		checkSKPTarget(t, list[4], skpTarget("t-a", 1, "2026", "tambahan", "A tambahan", "I"))
	}
	checkSKPList(t, s, 1, "2026-Q4", "other-period")
}

// checkSKPList fails unless ListSKPTargets lists the ids wantIDs (joined by
// commas) in order, and returns the list.
func checkSKPList(t *testing.T, s storage.Store, owner int, period, wantIDs string) []storage.SKPTarget {
	t.Helper()
	list, err := s.ListSKPTargets(t.Context(), nip(owner), period)
	if err != nil {
		t.Fatalf("ListSKPTargets(%s, %s): %v", nip(owner), period, err)
	}
	checkNotNil(t, list, "ListSKPTargets")
	if got := ids(list, skpTargetID); got != wantIDs {
		t.Errorf("ListSKPTargets(%s, %s) = [%s], want [%s]", nip(owner), period, got, wantIDs)
	}
	return list
}
