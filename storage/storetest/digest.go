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
	want := twoLinked(t, s)
	if err := s.SetDigest(t.Context(), nip(1), false); err != nil {
		t.Fatalf("SetDigest off: %v", err)
	}
	want.DigestOff = true
	checkEmployee(t, mustGetEmployee(t, s, nip(1)), want) // reminders stay on, UpdatedAt untouched
	page, err := s.FindEmployees(t.Context(), storage.EmployeeQuery{Units: []string{want.UnitCode}, Limit: 10})
	if err != nil || len(page) != 2 || !page[0].DigestOff || page[1].DigestOff {
		t.Errorf("FindEmployees = %+v, %v; want only %s with the digest off", page, err, nip(1))
	}

	reimportKeeps(t, s, &want, func(e *storage.Employee) { e.DigestOff = true })
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
