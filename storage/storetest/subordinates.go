package storetest

import (
	"testing"

	"github.com/kinerjabot/kinerjabot/storage"
)

// withTeam seeds a supervisor (900, no supervisor of its own), three of its
// subordinates inserted out of order, and one employee under someone else.
func withTeam(run func(t *testing.T, s storage.Store)) func(t *testing.T, s storage.Store) {
	return func(t *testing.T, s storage.Store) {
		boss := employee(900, "")
		boss.SupervisorNIP = ""
		mustUpsertEmployee(t, s, boss)
		for _, n := range []int{3, 1, 2} {
			mustUpsertEmployee(t, s, employee(n, ""))
		}
		other := employee(4, "")
		other.SupervisorNIP = nip(901)
		mustUpsertEmployee(t, s, other)
		run(t, s)
	}
}

func subordinateCases() []testCase {
	return []testCase{
		{"ordered by NIP with accounts", withTeam(testSubordinates)},
		{"none is empty, not an error", withTeam(func(t *testing.T, s storage.Store) {
			checkSubordinates(t, s, nip(1), "")
			checkSubordinates(t, s, nip(404), "")
		})},
		{"empty NIP lists nobody", withTeam(func(t *testing.T, s storage.Store) {
			checkSubordinates(t, s, "", "")
		})},
		{"supervisor change moves the employee", withTeam(testSubordinateMoves)},
	}
}

func testSubordinates(t *testing.T, s storage.Store) {
	mustLink(t, s, nip(2), "telegram", account("222", 1))
	got := checkSubordinates(t, s, nip(900), nips([]storage.Employee{{NIP: nip(1)}, {NIP: nip(2)}, {NIP: nip(3)}}))
	if len(got) == 3 {
		want := employee(2, "")
		want.Accounts = map[string]storage.Account{"telegram": account("222", 1)}
		checkEmployee(t, got[1], want)
	}
}

func testSubordinateMoves(t *testing.T, s storage.Store) {
	moved := employee(1, "")
	moved.SupervisorNIP = nip(901)
	mustUpsertEmployee(t, s, moved)
	checkSubordinates(t, s, nip(900), nips([]storage.Employee{{NIP: nip(2)}, {NIP: nip(3)}}))
	checkSubordinates(t, s, nip(901), nips([]storage.Employee{{NIP: nip(1)}, {NIP: nip(4)}}))
}

// checkSubordinates fails unless ListSubordinates(nip) lists wantNIPs (as
// joined by nips) and returns the list.
func checkSubordinates(t *testing.T, s storage.Store, supervisor, wantNIPs string) []storage.Employee {
	t.Helper()
	got, err := s.ListSubordinates(t.Context(), supervisor)
	if err != nil {
		t.Fatalf("ListSubordinates(%s): %v", supervisor, err)
	}
	if nips(got) != wantNIPs {
		t.Errorf("ListSubordinates(%s) = [%s], want [%s]", supervisor, nips(got), wantNIPs)
	}
	if has, err := s.HasSubordinates(t.Context(), supervisor); err != nil || has != (wantNIPs != "") {
		t.Errorf("HasSubordinates(%s) = %v, %v; want %v", supervisor, has, err, wantNIPs != "")
	}
	return got
}
