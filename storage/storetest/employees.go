package storetest

import (
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/storage"
)

func employeeCases() []testCase {
	return []testCase{
		{"get unknown is ErrNotFound", func(t *testing.T, s storage.Store) {
			_, err := s.GetEmployee(t.Context(), nip(1))
			checkErr(t, err, storage.ErrNotFound, "GetEmployee")
		}},
		{"list of empty store is empty", func(t *testing.T, s storage.Store) {
			if all := mustListEmployees(t, s); len(all) != 0 {
				t.Fatalf("ListEmployees = %s, want none", nips(all))
			}
		}},
		{"upsert creates and round-trips", testEmployeeRoundTrip},
		{"upsert ignores given accounts", testEmployeeIgnoresAccounts},
		{"re-upsert updates roster fields in place", testEmployeeUpdate},
		{"re-upsert never touches accounts or CreatedAt", testEmployeeKeepsAccounts},
		{"zero times are stamped", testEmployeeStamp},
		{"list is ordered by NIP and carries accounts", testEmployeeList},
	}
}

func testEmployeeRoundTrip(t *testing.T, s storage.Store) {
	admin := employee(1, "+6281234500001")
	admin.Role = storage.RoleAdmin
	bare := storage.Employee{NIP: nip(2), Name: "Tanpa HP", UnitCode: "PKM01", Position: "Staf",
		CreatedAt: at(0), UpdatedAt: at(0)}
	for _, want := range []storage.Employee{admin, bare} {
		mustUpsertEmployee(t, s, want)
		checkEmployee(t, mustGetEmployee(t, s, want.NIP), want)
	}
}

func testEmployeeIgnoresAccounts(t *testing.T, s storage.Store) {
	e := employee(1, "")
	e.Accounts = map[string]storage.Account{"telegram": account("111", 0)}
	mustUpsertEmployee(t, s, e)
	if got := mustGetEmployee(t, s, e.NIP); len(got.Accounts) != 0 {
		t.Errorf("Accounts after create = %v, want none", got.Accounts)
	}
	_, err := s.EmployeeByAccount(t.Context(), "telegram", "111")
	checkErr(t, err, storage.ErrNotFound, "EmployeeByAccount")
}

func testEmployeeUpdate(t *testing.T, s storage.Store) {
	first := employee(1, "+6281234500001")
	first.Role = storage.RoleAdmin
	mustUpsertEmployee(t, s, first)
	next := storage.Employee{NIP: first.NIP, Name: "Nama Baru", UnitCode: "PKM02", Position: "Perawat Ahli Muda",
		CreatedAt: at(900), UpdatedAt: at(901)}
	mustUpsertEmployee(t, s, next)
	want := next
	want.CreatedAt = first.CreatedAt
	checkEmployee(t, mustGetEmployee(t, s, first.NIP), want)
	if all := mustListEmployees(t, s); len(all) != 1 {
		t.Errorf("ListEmployees = %s, want one employee", nips(all))
	}
}

func testEmployeeKeepsAccounts(t *testing.T, s storage.Store) {
	first := employee(1, "+6281234500001")
	mustUpsertEmployee(t, s, first)
	mustLink(t, s, first.NIP, "telegram", account("111", 5))
	mustLink(t, s, first.NIP, "whatsapp", account("6281234500001@s.whatsapp.net", 6))
	before := mustGetEmployee(t, s, first.NIP)

	next := employee(1, "+6281234500001")
	next.Name, next.CreatedAt, next.UpdatedAt = "Nama Baru", at(900), at(901)
	next.Accounts = map[string]storage.Account{"telegram": account("999", 7)}
	mustUpsertEmployee(t, s, next)
	next.Accounts = nil // and once more with none: still nothing removed
	mustUpsertEmployee(t, s, next)

	want := next
	want.CreatedAt, want.Accounts = first.CreatedAt, before.Accounts
	checkEmployee(t, mustGetEmployee(t, s, first.NIP), want)
	checkHolder(t, s, "telegram", "111", first.NIP)
}

func testEmployeeStamp(t *testing.T, s storage.Store) {
	e := employee(1, "")
	e.CreatedAt, e.UpdatedAt = time.Time{}, time.Time{}
	from := time.Now()
	mustUpsertEmployee(t, s, e)
	to := time.Now()
	got := mustGetEmployee(t, s, e.NIP)
	checkStamped(t, got.CreatedAt, from, to, "CreatedAt")
	checkStamped(t, got.UpdatedAt, from, to, "UpdatedAt")

	from = time.Now()
	mustUpsertEmployee(t, s, e)
	to = time.Now()
	again := mustGetEmployee(t, s, e.NIP)
	if !again.CreatedAt.Equal(got.CreatedAt) {
		t.Errorf("CreatedAt after re-upsert = %v, want %v kept", again.CreatedAt, got.CreatedAt)
	}
	checkStamped(t, again.UpdatedAt, from, to, "UpdatedAt after re-upsert")
}

func testEmployeeList(t *testing.T, s storage.Store) {
	for _, n := range []int{3, 1, 10, 2} {
		mustUpsertEmployee(t, s, employee(n, ""))
	}
	mustLink(t, s, nip(2), "telegram", account("222", 1))
	mustLink(t, s, nip(2), "playground", account("pg-2", 2))
	all := mustListEmployees(t, s)
	if got, want := nips(all), nips([]storage.Employee{{NIP: nip(1)}, {NIP: nip(2)}, {NIP: nip(3)}, {NIP: nip(10)}}); got != want {
		t.Fatalf("ListEmployees order = %s, want %s", got, want)
	}
	want := employee(2, "")
	want.Accounts = map[string]storage.Account{"telegram": account("222", 1), "playground": account("pg-2", 2)}
	checkEmployee(t, all[1], want)
	checkEmployee(t, all[0], employee(1, ""))
}
