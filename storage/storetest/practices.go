package storetest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/kinerjabot/kinerjabot/storage"
)

// Practice records and who has started reporting (storage.OnboardingStore).
func onboardingCases() []testCase {
	return []testCase{
		{"practice round-trips and the latest one wins", testPracticeLatest},
		{"practices of NIPs: per role, in NIP order, others left out", testPracticesOf},
		{"a practice without NIP, with an unknown role or a bad date is ErrInvalid", testPracticeInvalid},
		{"a zero practice time is stamped", testPracticeStamp},
		{"reporters among NIPs: once each, in order, any status", testReportersAmong},
		{"batches over MaxEmployeePage are ErrInvalid", testOnboardingBatch},
	}
}

func mustPractice(t *testing.T, s storage.Store, p storage.Practice) {
	t.Helper()
	if err := s.RecordPractice(t.Context(), p); err != nil {
		t.Fatalf("RecordPractice(%+v): %v", p, err)
	}
}

func practiceList(t *testing.T, s storage.Store, nips ...string) string {
	t.Helper()
	got, err := s.PracticesOf(t.Context(), nips)
	if err != nil {
		t.Fatalf("PracticesOf: %v", err)
	}
	checkNotNil(t, got, "PracticesOf")
	var out []string
	for _, p := range got {
		out = append(out, fmt.Sprintf("%s/%s/%s/%s", p.NIP[len(p.NIP)-2:], p.Role, p.Date, p.At.UTC().Format("15:04")))
	}
	return strings.Join(out, " ")
}

func testPracticeLatest(t *testing.T, s storage.Store) {
	mustPractice(t, s, storage.Practice{NIP: nip(1), Role: storage.PracticeStaff, Date: "2026-03-02", At: at(10)})
	mustPractice(t, s, storage.Practice{NIP: nip(1), Role: storage.PracticeStaff, Date: "2026-03-03", At: at(20)})
	mustPractice(t, s, storage.Practice{NIP: nip(1), Role: storage.PracticeStaff, Date: "2026-03-03", At: at(20)})
	want := "01/pegawai/2026-03-03/" + at(20).UTC().Format("15:04")
	if got := practiceList(t, s, nip(1)); got != want {
		t.Errorf("PracticesOf = %q, want %q", got, want)
	}
}

func testPracticesOf(t *testing.T, s storage.Store) {
	mustPractice(t, s, storage.Practice{NIP: nip(3), Role: storage.PracticeSupervisor, Date: "2026-03-02", At: at(1)})
	mustPractice(t, s, storage.Practice{NIP: nip(3), Role: storage.PracticeStaff, Date: "2026-03-02", At: at(2)})
	mustPractice(t, s, storage.Practice{NIP: nip(1), Role: storage.PracticeStaff, Date: "2026-03-01", At: at(3)})
	mustPractice(t, s, storage.Practice{NIP: nip(2), Role: storage.PracticeStaff, Date: "2026-03-01", At: at(4)})
	h := func(m int) string { return at(m).UTC().Format("15:04") }
	want := "01/pegawai/2026-03-01/" + h(3) + " 03/atasan/2026-03-02/" + h(1) + " 03/pegawai/2026-03-02/" + h(2)
	if got := practiceList(t, s, nip(3), nip(1), nip(9), nip(1)); got != want {
		t.Errorf("PracticesOf = %q, want %q", got, want)
	}
	if got := practiceList(t, s); got != "" {
		t.Errorf("PracticesOf() = %q, want none", got)
	}
}

func testPracticeInvalid(t *testing.T, s storage.Store) {
	for _, p := range []storage.Practice{
		{Role: storage.PracticeStaff, Date: "2026-03-01"},
		{NIP: nip(1), Role: "admin", Date: "2026-03-01"},
		{NIP: nip(1), Role: storage.PracticeStaff, Date: "1/3/2026"},
	} {
		checkErr(t, s.RecordPractice(t.Context(), p), storage.ErrInvalid, fmt.Sprintf("RecordPractice(%+v)", p))
	}
}

func testPracticeStamp(t *testing.T, s storage.Store) {
	mustPractice(t, s, storage.Practice{NIP: nip(1), Role: storage.PracticeStaff, Date: "2026-03-01"})
	got, err := s.PracticesOf(t.Context(), []string{nip(1)})
	if err != nil || len(got) != 1 || got[0].At.IsZero() {
		t.Fatalf("PracticesOf = %+v, %v; want one, stamped", got, err)
	}
}

func testReportersAmong(t *testing.T, s storage.Store) {
	mustCreateActivity(t, s, activity(1, 2, "2026-03-02", 1))
	mustCreateActivity(t, s, activity(2, 2, "2026-03-03", 2))
	a := activity(3, 4, "2025-01-02", 3)
	a.Status = storage.StatusRejected
	mustCreateActivity(t, s, a)
	got, err := s.ReportersAmong(t.Context(), []string{nip(4), nip(1), nip(2), nip(4)})
	if err != nil {
		t.Fatalf("ReportersAmong: %v", err)
	}
	checkNotNil(t, got, "ReportersAmong")
	if want := nip(2) + " " + nip(4); strings.Join(got, " ") != want {
		t.Errorf("ReportersAmong = %v, want %s", got, want)
	}
	none, err := s.ReportersAmong(t.Context(), nil)
	if err != nil || none == nil || len(none) != 0 {
		t.Errorf("ReportersAmong(nil) = %#v, %v; want empty, non-nil", none, err)
	}
}

func testOnboardingBatch(t *testing.T, s storage.Store) {
	nips := make([]string, storage.MaxEmployeePage+1)
	for i := range nips {
		nips[i] = nip(i)
	}
	_, err := s.PracticesOf(t.Context(), nips)
	checkErr(t, err, storage.ErrInvalid, "PracticesOf(too many)")
	_, err = s.ReportersAmong(t.Context(), nips)
	checkErr(t, err, storage.ErrInvalid, "ReportersAmong(too many)")
}
