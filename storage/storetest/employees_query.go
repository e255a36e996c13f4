package storetest

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/kinerjabot/kinerjabot/storage"
)

// The bounded roster reads and the batched write (storage.EmployeeIndex),
// and regional holidays' units.
func employeeIndexCases() []testCase {
	return []testCase{
		{"find pages in NIP order with accounts", withRoster(testFindPages)},
		{"find keeps units, active people and admins", withRoster(testFindFilters)},
		{"find refuses a limit outside 1..MaxEmployeePage", testFindInvalid},
		{"employees by NIP: known ones, once, in order", withRoster(testEmployeesByNIP)},
		{"batch upsert writes in order and keeps accounts", testUpsertEmployees},
		{"batch upsert of a taken phone is ErrConflict", testUpsertEmployeesConflict},
		{"holiday units round-trip and are replaced", testHolidayUnits},
	}
}

// withRoster seeds seven people: 1..3 in PKM01 (2 inactive, 3 an admin),
// 4..5 in PKM02 (5 an admin, inactive), 6..7 in DINKES, inserted out of
// order; 1 has a telegram account.
func withRoster(run func(t *testing.T, s storage.Store)) func(t *testing.T, s storage.Store) {
	return func(t *testing.T, s storage.Store) {
		for _, n := range []int{6, 3, 1, 7, 5, 2, 4} {
			e := employee(n, "")
			e.UnitCode = map[int]string{1: "PKM01", 2: "PKM01", 3: "PKM01", 4: "PKM02", 5: "PKM02"}[n]
			if e.UnitCode == "" {
				e.UnitCode = "DINKES"
			}
			e.Active = n != 2 && n != 5
			if n == 3 || n == 5 {
				e.Role = storage.RoleAdmin
			}
			mustUpsertEmployee(t, s, e)
		}
		mustLink(t, s, nip(1), "telegram", account("111", 1))
		run(t, s)
	}
}

func mustFind(t *testing.T, s storage.Store, q storage.EmployeeQuery) []storage.Employee {
	t.Helper()
	got, err := s.FindEmployees(t.Context(), q)
	if err != nil {
		t.Fatalf("FindEmployees(%+v): %v", q, err)
	}
	checkNotNil(t, got, "FindEmployees")
	return got
}

func nipList(ns ...int) string {
	es := make([]storage.Employee, len(ns))
	for i, n := range ns {
		es[i] = storage.Employee{NIP: nip(n)}
	}
	return nips(es)
}

func testFindPages(t *testing.T, s storage.Store) {
	first := mustFind(t, s, storage.EmployeeQuery{Limit: 3})
	if got, want := nips(first), nipList(1, 2, 3); got != want {
		t.Fatalf("first page = %s, want %s", got, want)
	}
	if first[0].Accounts["telegram"].UserID != "111" {
		t.Errorf("first page's %s has accounts %v, want its telegram account", first[0].NIP, first[0].Accounts)
	}
	next := mustFind(t, s, storage.EmployeeQuery{AfterNIP: first[2].NIP, Limit: 3})
	if got, want := nips(next), nipList(4, 5, 6); got != want {
		t.Errorf("second page = %s, want %s", got, want)
	}
	last := mustFind(t, s, storage.EmployeeQuery{AfterNIP: nip(6), Limit: 3})
	if got, want := nips(last), nipList(7); got != want {
		t.Errorf("last page = %s, want %s", got, want)
	}
	var all []storage.Employee
	err := storage.EachEmployee(t.Context(), s, storage.EmployeeQuery{Limit: 2}, func(page []storage.Employee) error {
		all = append(all, page...)
		return nil
	})
	if got, want := nips(all), nipList(1, 2, 3, 4, 5, 6, 7); err != nil || got != want {
		t.Errorf("EachEmployee = %s, %v; want %s", got, err, want)
	}
}

func testFindFilters(t *testing.T, s storage.Store) {
	for _, c := range []struct {
		q    storage.EmployeeQuery
		want string
	}{
		{storage.EmployeeQuery{Units: []string{"PKM01"}}, nipList(1, 2, 3)},
		{storage.EmployeeQuery{Units: []string{"PKM02", "DINKES"}}, nipList(4, 5, 6, 7)},
		{storage.EmployeeQuery{Units: []string{"PKM01"}, ActiveOnly: true}, nipList(1, 3)},
		{storage.EmployeeQuery{AdminsOnly: true}, nipList(3, 5)},
		{storage.EmployeeQuery{InactiveOnly: true}, nipList(2, 5)},
		{storage.EmployeeQuery{InactiveOnly: true, ActiveOnly: true}, ""},
		{storage.EmployeeQuery{AdminsOnly: true, ActiveOnly: true}, nipList(3)},
		{storage.EmployeeQuery{Units: []string{"PKM02"}, AdminsOnly: true}, nipList(5)},
		{storage.EmployeeQuery{Units: []string{"PKM01"}, AfterNIP: nip(1), Limit: 1}, nipList(2)},
		{storage.EmployeeQuery{Units: []string{"NOWHERE"}}, ""},
		{storage.EmployeeQuery{NameContains: "gawai 6"}, nipList(6)},
		{storage.EmployeeQuery{NameContains: "PEGAWAI", Units: []string{"PKM02"}}, nipList(4, 5)},
		{storage.EmployeeQuery{NameContains: "pegawai", ActiveOnly: true, Limit: 2}, nipList(1, 3)},
		{storage.EmployeeQuery{NameContains: "%"}, ""},
		{storage.EmployeeQuery{NameContains: "_egawai"}, ""},
	} {
		if c.q.Limit == 0 {
			c.q.Limit = storage.MaxEmployeePage
		}
		if got := nips(mustFind(t, s, c.q)); got != c.want {
			t.Errorf("FindEmployees(%+v) = %s, want %s", c.q, got, c.want)
		}
	}
}

func testFindInvalid(t *testing.T, s storage.Store) {
	for _, limit := range []int{0, -1, storage.MaxEmployeePage + 1} {
		_, err := s.FindEmployees(t.Context(), storage.EmployeeQuery{Limit: limit})
		checkErr(t, err, storage.ErrInvalid, fmt.Sprintf("FindEmployees(limit %d)", limit))
	}
	_, err := s.EmployeesByNIP(t.Context(), make([]string, storage.MaxEmployeePage+1))
	checkErr(t, err, storage.ErrInvalid, "EmployeesByNIP(too many)")
	err = s.UpsertEmployees(t.Context(), make([]storage.Employee, storage.MaxEmployeePage+1))
	checkErr(t, err, storage.ErrInvalid, "UpsertEmployees(too many)")
}

func testEmployeesByNIP(t *testing.T, s storage.Store) {
	got, err := s.EmployeesByNIP(t.Context(), []string{nip(6), nip(404), nip(1), nip(6)})
	if err != nil {
		t.Fatalf("EmployeesByNIP: %v", err)
	}
	if g, want := nips(got), nipList(1, 6); g != want {
		t.Errorf("EmployeesByNIP = %s, want %s", g, want)
	}
	if len(got) == 2 && got[0].Accounts["telegram"].UserID != "111" {
		t.Errorf("EmployeesByNIP's %s has accounts %v, want its telegram account", got[0].NIP, got[0].Accounts)
	}
	none, err := s.EmployeesByNIP(t.Context(), nil)
	if err != nil || none == nil || len(none) != 0 {
		t.Errorf("EmployeesByNIP(nil) = %v, %v; want an empty slice", none, err)
	}
}

func testUpsertEmployees(t *testing.T, s storage.Store) {
	old := employee(1, "+6281234500001")
	mustUpsertEmployee(t, s, old)
	mustLink(t, s, old.NIP, "telegram", account("111", 1))
	// 1 gives its phone up to 2 in the same batch, and moves.
	moved, taker := employee(1, ""), employee(2, "+6281234500001")
	moved.UnitCode = "PKM02"
	batch := []storage.Employee{moved, taker, employee(3, "")}
	if err := s.UpsertEmployees(t.Context(), batch); err != nil {
		t.Fatalf("UpsertEmployees: %v", err)
	}
	want := moved
	want.CreatedAt = old.CreatedAt
	want.Accounts = map[string]storage.Account{"telegram": account("111", 1)}
	checkEmployee(t, mustGetEmployee(t, s, nip(1)), want)
	checkEmployee(t, mustGetEmployee(t, s, nip(2)), taker)
	checkEmployee(t, mustGetEmployee(t, s, nip(3)), employee(3, ""))
	if err := s.UpsertEmployees(t.Context(), nil); err != nil {
		t.Errorf("UpsertEmployees(nil): %v", err)
	}
}

func testUpsertEmployeesConflict(t *testing.T, s storage.Store) {
	mustUpsertEmployee(t, s, employee(1, "+6281234500001"))
	err := s.UpsertEmployees(t.Context(), []storage.Employee{employee(2, "+6281234500001")})
	checkErr(t, err, storage.ErrConflict, "UpsertEmployees(taken phone)")
	_, err = s.GetEmployee(t.Context(), nip(2))
	checkErr(t, err, storage.ErrNotFound, "GetEmployee(refused)")
}

func testHolidayUnits(t *testing.T, s storage.Store) {
	regional := storage.Holiday{Date: "2026-09-08", Name: "HUT Kota", Units: []string{"PKM01", "DINKES"}}
	mustUpsertHoliday(t, s, regional)
	if got := mustListHolidays(t, s, "2026-09-08", "2026-09-08"); !reflect.DeepEqual(got, []storage.Holiday{regional}) {
		t.Errorf("ListHolidays = %+v, want %+v", got, regional)
	}
	national := storage.Holiday{Date: regional.Date, Name: "Libur Nasional"}
	mustUpsertHoliday(t, s, national)
	if got := mustListHolidays(t, s, "2026-09-08", "2026-09-08"); !reflect.DeepEqual(got, []storage.Holiday{national}) {
		t.Errorf("ListHolidays after replacing = %+v, want %+v (no units)", got, national)
	}
	err := s.UpsertHoliday(t.Context(), storage.Holiday{Date: "2026-09-09", Name: "x", Units: []string{"A B"}})
	checkErr(t, err, storage.ErrInvalid, "UpsertHoliday(unit with a space)")
}
