package storetest

import (
	"testing"

	"github.com/kinerjabot/kinerjabot/storage"
)

const (
	phoneA = "+6281234500001"
	phoneB = "+6281234500002"
)

func phoneCases() []testCase {
	return []testCase{
		{"by phone finds the employee", func(t *testing.T, s storage.Store) {
			mustUpsertEmployee(t, s, employee(1, phoneA))
			mustUpsertEmployee(t, s, employee(2, phoneB))
			got, err := s.EmployeeByPhone(t.Context(), phoneB)
			if err != nil {
				t.Fatalf("EmployeeByPhone: %v", err)
			}
			checkEmployee(t, got, employee(2, phoneB))
		}},
		{"unknown phone is ErrNotFound", func(t *testing.T, s storage.Store) {
			mustUpsertEmployee(t, s, employee(1, phoneA))
			_, err := s.EmployeeByPhone(t.Context(), phoneB)
			checkErr(t, err, storage.ErrNotFound, "EmployeeByPhone")
		}},
		{"empty phone finds nobody", func(t *testing.T, s storage.Store) {
			mustUpsertEmployee(t, s, employee(1, ""))
			_, err := s.EmployeeByPhone(t.Context(), "")
			checkErr(t, err, storage.ErrNotFound, "EmployeeByPhone(\"\")")
		}},
		{"many employees without phone", testPhoneEmptyMany},
		{"create with a taken phone is ErrConflict", testPhoneConflictCreate},
		{"update to a taken phone is ErrConflict", testPhoneConflictUpdate},
		{"re-upsert with own phone is fine", func(t *testing.T, s storage.Store) {
			mustUpsertEmployee(t, s, employee(1, phoneA))
			mustUpsertEmployee(t, s, employee(1, phoneA))
		}},
		{"cleared phone is freed", testPhoneFreed},
	}
}

func testPhoneEmptyMany(t *testing.T, s storage.Store) {
	for n := 1; n <= 3; n++ {
		mustUpsertEmployee(t, s, employee(n, ""))
	}
	mustUpsertEmployee(t, s, employee(1, "")) // and again, as an update
	if all := mustListEmployees(t, s); len(all) != 3 {
		t.Errorf("ListEmployees = %s, want 3 employees", nips(all))
	}
}

func testPhoneConflictCreate(t *testing.T, s storage.Store) {
	mustUpsertEmployee(t, s, employee(1, phoneA))
	err := s.UpsertEmployee(t.Context(), employee(2, phoneA))
	checkErr(t, err, storage.ErrConflict, "UpsertEmployee with a taken phone")
	_, err = s.GetEmployee(t.Context(), nip(2))
	checkErr(t, err, storage.ErrNotFound, "GetEmployee of the refused employee")
	got, err := s.EmployeeByPhone(t.Context(), phoneA)
	if err != nil || got.NIP != nip(1) {
		t.Fatalf("EmployeeByPhone = %s, %v; want %s", got.NIP, err, nip(1))
	}
}

func testPhoneConflictUpdate(t *testing.T, s storage.Store) {
	mustUpsertEmployee(t, s, employee(1, phoneA))
	mustUpsertEmployee(t, s, employee(2, phoneB))
	changed := employee(2, phoneA)
	changed.Name = "Tidak Tersimpan"
	err := s.UpsertEmployee(t.Context(), changed)
	checkErr(t, err, storage.ErrConflict, "UpsertEmployee to a taken phone")
	checkEmployee(t, mustGetEmployee(t, s, nip(2)), employee(2, phoneB))
}

func testPhoneFreed(t *testing.T, s storage.Store) {
	mustUpsertEmployee(t, s, employee(1, phoneA))
	mustUpsertEmployee(t, s, employee(1, ""))
	_, err := s.EmployeeByPhone(t.Context(), phoneA)
	checkErr(t, err, storage.ErrNotFound, "EmployeeByPhone of the cleared phone")
	checkEmployee(t, mustGetEmployee(t, s, nip(1)), employee(1, ""))
	mustUpsertEmployee(t, s, employee(2, phoneA))
	got, err := s.EmployeeByPhone(t.Context(), phoneA)
	if err != nil || got.NIP != nip(2) {
		t.Fatalf("EmployeeByPhone = %s, %v; want %s", got.NIP, err, nip(2))
	}
}
