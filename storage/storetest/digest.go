package storetest

import (
	"testing"

	"github.com/kinerjabot/kinerjabot/storage"
)

func digestCases() []testCase {
	return []testCase{
		{"digest off persists apart from reminders and survives a roster import", testSetDigest},
	}
}

func testSetDigest(t *testing.T, s storage.Store) {
	mustUpsertEmployee(t, s, employee(1, phoneA))
	mustUpsertEmployee(t, s, employee(2, phoneB))
	mustLink(t, s, nip(1), "telegram", account("5001", 1))
	if err := s.SetDigest(t.Context(), nip(1), false); err != nil {
		t.Fatalf("SetDigest off: %v", err)
	}
	want := employee(1, phoneA)
	want.DigestOff = true
	want.Accounts = map[string]storage.Account{"telegram": account("5001", 1)}
	checkEmployee(t, mustGetEmployee(t, s, nip(1)), want) // reminders stay on, UpdatedAt untouched
	page, err := s.FindEmployees(t.Context(), storage.EmployeeQuery{Units: []string{want.UnitCode}, Limit: 10})
	if err != nil || len(page) != 2 || !page[0].DigestOff || page[1].DigestOff {
		t.Errorf("FindEmployees = %+v, %v; want only %s with the digest off", page, err, nip(1))
	}

	reimport := employee(1, phoneA)
	reimport.Name, reimport.UpdatedAt = "Nama Baru", at(100)
	mustUpsertEmployee(t, s, reimport)
	want.Name, want.UpdatedAt = reimport.Name, reimport.UpdatedAt
	checkEmployee(t, mustGetEmployee(t, s, nip(1)), want)
	other := employee(2, phoneB)
	other.DigestOff = true
	mustUpsertEmployee(t, s, other)
	if mustGetEmployee(t, s, nip(2)).DigestOff {
		t.Error("UpsertEmployee set DigestOff, want it ignored")
	}

	for _, on := range []bool{false, true, true} {
		if err := s.SetDigest(t.Context(), nip(1), on); err != nil {
			t.Fatalf("SetDigest(%v): %v", on, err)
		}
	}
	want.DigestOff = false
	checkEmployee(t, mustGetEmployee(t, s, nip(1)), want)
	checkErr(t, s.SetDigest(t.Context(), nip(404), false), storage.ErrNotFound, "SetDigest of an unknown NIP")
}
