package storetest

import (
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/storage"
)

// withTwo seeds employees 1 and 2 before running the case.
func withTwo(run func(t *testing.T, s storage.Store)) func(t *testing.T, s storage.Store) {
	return func(t *testing.T, s storage.Store) {
		mustUpsertEmployee(t, s, employee(1, phoneA))
		mustUpsertEmployee(t, s, employee(2, phoneB))
		run(t, s)
	}
}

func accountCases() []testCase {
	return []testCase{
		{"link sets the account", withTwo(testLinkSets)},
		{"zero LinkedAt is stamped", withTwo(testLinkStamp)},
		{"link to unknown NIP is ErrNotFound and steals nothing", withTwo(testLinkUnknown)},
		{"relink replaces the platform's account", withTwo(testRelinkReplaces)},
		{"relink of the same user id updates it", withTwo(testRelinkSame)},
		{"user id moves from A to B", withTwo(testLinkMoves)},
		{"platforms are independent", withTwo(testPlatformsIndependent)},
		{"unknown platform or empty user id is an error", withTwo(testUnknownPlatform)},
		{"by account of unknown user id is ErrNotFound", withTwo(testByAccountUnknown)},
		{"unlink removes only that platform", withTwo(testUnlink)},
		{"unlink is idempotent", withTwo(testUnlinkIdempotent)},
		{"unlink unknown NIP is ErrNotFound", func(t *testing.T, s storage.Store) {
			err := s.UnlinkAccount(t.Context(), nip(404), "telegram")
			checkErr(t, err, storage.ErrNotFound, "UnlinkAccount")
		}},
		{"unlinked user id may link elsewhere", withTwo(testUnlinkThenLink)},
	}
}

func testLinkSets(t *testing.T, s storage.Store) {
	a := account("5001", 10)
	mustLink(t, s, nip(1), "telegram", a)
	want := employee(1, phoneA)
	want.Accounts = map[string]storage.Account{"telegram": a}
	checkEmployee(t, mustGetEmployee(t, s, nip(1)), want)
	got, err := s.EmployeeByAccount(t.Context(), "telegram", "5001")
	if err != nil {
		t.Fatalf("EmployeeByAccount: %v", err)
	}
	checkEmployee(t, got, want)
}

func testLinkStamp(t *testing.T, s storage.Store) {
	from := time.Now()
	mustLink(t, s, nip(1), "whatsapp", storage.Account{UserID: "628@s.whatsapp.net", ChatID: "628@s.whatsapp.net"})
	to := time.Now()
	got := mustGetEmployee(t, s, nip(1)).Accounts["whatsapp"]
	checkStamped(t, got.LinkedAt, from, to, "LinkedAt")
}

func testLinkUnknown(t *testing.T, s storage.Store) {
	mustLink(t, s, nip(1), "telegram", account("5001", 1))
	err := s.LinkAccount(t.Context(), nip(404), "telegram", account("5001", 2))
	checkErr(t, err, storage.ErrNotFound, "LinkAccount to unknown NIP")
	checkHolder(t, s, "telegram", "5001", nip(1))
	_, err = s.GetEmployee(t.Context(), nip(404))
	checkErr(t, err, storage.ErrNotFound, "GetEmployee of the unknown NIP")
}

func testRelinkReplaces(t *testing.T, s storage.Store) {
	mustLink(t, s, nip(1), "telegram", account("5001", 1))
	mustLink(t, s, nip(1), "telegram", account("5002", 2))
	_, err := s.EmployeeByAccount(t.Context(), "telegram", "5001")
	checkErr(t, err, storage.ErrNotFound, "EmployeeByAccount of the replaced user id")
	checkHolder(t, s, "telegram", "5002", nip(1))
	got := mustGetEmployee(t, s, nip(1)).Accounts
	if len(got) != 1 || got["telegram"] != normAccount(account("5002", 2)) {
		t.Errorf("Accounts = %+v, want only telegram 5002", got)
	}
}

func testRelinkSame(t *testing.T, s storage.Store) {
	mustLink(t, s, nip(1), "telegram", account("5001", 1))
	next := storage.Account{UserID: "5001", ChatID: "new-chat", LinkedAt: at(30)}
	mustLink(t, s, nip(1), "telegram", next)
	checkHolder(t, s, "telegram", "5001", nip(1))
	if got := normAccount(mustGetEmployee(t, s, nip(1)).Accounts["telegram"]); got != normAccount(next) {
		t.Errorf("account = %+v, want %+v", got, normAccount(next))
	}
}

func testLinkMoves(t *testing.T, s storage.Store) {
	mustLink(t, s, nip(1), "telegram", account("5001", 1))
	mustLink(t, s, nip(1), "whatsapp", account("w-1", 1))
	mustLink(t, s, nip(2), "telegram", account("5001", 2))
	checkHolder(t, s, "telegram", "5001", nip(2))
	a := mustGetEmployee(t, s, nip(1)).Accounts
	if _, ok := a["telegram"]; ok || len(a) != 1 {
		t.Errorf("A's accounts after the move = %+v, want only whatsapp", a)
	}
	checkHolder(t, s, "whatsapp", "w-1", nip(1))
}

func testPlatformsIndependent(t *testing.T, s storage.Store) {
	mustLink(t, s, nip(1), "telegram", account("777", 1))
	mustLink(t, s, nip(2), "whatsapp", account("777", 2))
	mustLink(t, s, nip(2), "playground", account("777", 3))
	checkHolder(t, s, "telegram", "777", nip(1))
	checkHolder(t, s, "whatsapp", "777", nip(2))
	checkHolder(t, s, "playground", "777", nip(2))
	if err := s.UnlinkAccount(t.Context(), nip(2), "whatsapp"); err != nil {
		t.Fatalf("UnlinkAccount: %v", err)
	}
	checkHolder(t, s, "telegram", "777", nip(1))
	checkHolder(t, s, "playground", "777", nip(2))
}

func testUnknownPlatform(t *testing.T, s storage.Store) {
	if err := s.LinkAccount(t.Context(), nip(1), "signal", account("5001", 1)); err == nil {
		t.Fatal("LinkAccount on platform signal succeeded, want an error")
	}
	if err := s.LinkAccount(t.Context(), nip(1), "telegram", storage.Account{UserID: ""}); err == nil {
		t.Fatal("LinkAccount with an empty user id succeeded, want an error")
	}
	if got := mustGetEmployee(t, s, nip(1)).Accounts; len(got) != 0 {
		t.Errorf("Accounts = %+v, want none", got)
	}
	if err := s.UnlinkAccount(t.Context(), nip(1), "signal"); err == nil {
		t.Fatal("UnlinkAccount on platform signal succeeded, want an error")
	}
}

func testByAccountUnknown(t *testing.T, s storage.Store) {
	mustLink(t, s, nip(1), "telegram", account("5001", 1))
	for _, c := range []struct{ platform, userID string }{
		{"telegram", "5002"}, {"whatsapp", "5001"}, {"telegram", ""},
	} {
		_, err := s.EmployeeByAccount(t.Context(), c.platform, c.userID)
		checkErr(t, err, storage.ErrNotFound, "EmployeeByAccount("+c.platform+", "+c.userID+")")
	}
}

func testUnlink(t *testing.T, s storage.Store) {
	mustLink(t, s, nip(1), "telegram", account("5001", 1))
	mustLink(t, s, nip(1), "whatsapp", account("w-1", 1))
	if err := s.UnlinkAccount(t.Context(), nip(1), "telegram"); err != nil {
		t.Fatalf("UnlinkAccount: %v", err)
	}
	_, err := s.EmployeeByAccount(t.Context(), "telegram", "5001")
	checkErr(t, err, storage.ErrNotFound, "EmployeeByAccount after unlink")
	want := employee(1, phoneA)
	want.Accounts = map[string]storage.Account{"whatsapp": account("w-1", 1)}
	checkEmployee(t, mustGetEmployee(t, s, nip(1)), want)
}

func testUnlinkIdempotent(t *testing.T, s storage.Store) {
	mustLink(t, s, nip(1), "telegram", account("5001", 1))
	for i := range 2 {
		if err := s.UnlinkAccount(t.Context(), nip(1), "telegram"); err != nil {
			t.Fatalf("UnlinkAccount #%d: %v", i+1, err)
		}
	}
	if err := s.UnlinkAccount(t.Context(), nip(2), "playground"); err != nil {
		t.Fatalf("UnlinkAccount of a never-linked platform: %v", err)
	}
	if got := mustGetEmployee(t, s, nip(1)).Accounts; len(got) != 0 {
		t.Errorf("Accounts = %+v, want none", got)
	}
}

func testUnlinkThenLink(t *testing.T, s storage.Store) {
	mustLink(t, s, nip(1), "telegram", account("5001", 1))
	if err := s.UnlinkAccount(t.Context(), nip(1), "telegram"); err != nil {
		t.Fatalf("UnlinkAccount: %v", err)
	}
	mustLink(t, s, nip(2), "telegram", account("5001", 2))
	checkHolder(t, s, "telegram", "5001", nip(2))
}

func normAccount(a storage.Account) storage.Account {
	a.LinkedAt = ms(a.LinkedAt)
	return a
}
