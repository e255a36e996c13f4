package storetest

import (
	"errors"
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
		{"sender by account: the employee and whether they supervise", withTeam(testSender)},
	}
}

// testSender: SenderByAccount reads what GetEmployee and HasSubordinates
// do, for the account's employee, and follows supervisor changes.
func testSender(t *testing.T, s storage.Store) {
	mustLink(t, s, nip(900), "telegram", account("900", 1))
	mustLink(t, s, nip(900), "whatsapp", account("62811900", 2))
	mustLink(t, s, nip(2), "telegram", account("222", 3))
	checkSender(t, s, "telegram", "900", nip(900), true)
	checkSender(t, s, "whatsapp", "62811900", nip(900), true)
	checkSender(t, s, "telegram", "222", nip(2), false)

	under2 := employee(1, "")
	under2.SupervisorNIP = nip(2)
	mustUpsertEmployee(t, s, under2)
	checkSender(t, s, "telegram", "222", nip(2), true)

	for _, acc := range [][2]string{{"telegram", "404"}, {"whatsapp", "900"}, {"telegram", ""}} {
		if got, err := s.SenderByAccount(t.Context(), acc[0], acc[1]); !errors.Is(err, storage.ErrNotFound) {
			t.Errorf("SenderByAccount(%s, %q) = %s, %v; want ErrNotFound", acc[0], acc[1], got.NIP, err)
		}
	}
}

// checkSender fails unless the account's sender is the employee as
// GetEmployee reads it, supervising as wanted.
func checkSender(t *testing.T, s storage.Store, platform, userID, wantNIP string, supervises bool) {
	t.Helper()
	got, err := s.SenderByAccount(t.Context(), platform, userID)
	if err != nil {
		t.Fatalf("SenderByAccount(%s, %s): %v", platform, userID, err)
	}
	checkEmployee(t, got.Employee, mustGetEmployee(t, s, wantNIP))
	if got.Supervises != supervises {
		t.Errorf("SenderByAccount(%s, %s).Supervises = %v, want %v", platform, userID, got.Supervises, supervises)
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
