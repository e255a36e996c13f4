package storetest

import (
	"testing"

	"github.com/kinerjabot/kinerjabot/storage"
)

// personalCases: a person's own copy of their data (/dataku).
func personalCases() []testCase {
	return []testCase{
		{"feedback of: given and received apart, by At, every field", testFeedbackOf},
		{"reminders of: the person's, by date then key", testRemindersOf},
		{"evidence of: the person's records, by creation then id", testEvidenceOf},
		{"nothing on file is empty lists, not nil", func(t *testing.T, s storage.Store) {
			mustAddFeedback(t, s, feedback(1, 2, 3, 1, "2025-03-10", 0))
			given, received := checkFeedbackOf(t, s, 1, nil, nil)
			checkNotNil(t, given, "FeedbackOf given")
			checkNotNil(t, received, "FeedbackOf received")
			checkNotNil(t, checkRemindersOf(t, s, 1), "RemindersOf")
			checkNotNil(t, checkEvidenceOf(t, s, 1), "EvidenceOf")
			checkFeedbackOf(t, s, 0, nil, nil) // nip(0): nobody's
		}},
	}
}

func testFeedbackOf(t *testing.T, s storage.Store) {
	anonymous := feedback(3, 2, 1, 7, "2025-03-11", 5)
	anonymous.Anonymous = true
	for _, f := range []storage.Feedback{
		feedback(1, 1, 2, 2, "2025-03-10", 30),
		anonymous,
		feedback(2, 1, 3, 4, "2025-03-09", 40), // another day, given later
		feedback(4, 3, 1, 1, "2025-03-12", 1),
		feedback(5, 2, 3, 5, "2025-03-10", 20), // between others
	} {
		mustAddFeedback(t, s, f)
	}
	given, received := checkFeedbackOf(t, s, 1,
		[]string{feedbackID(1), feedbackID(2)}, []string{feedbackID(4), feedbackID(3)})
	if len(given) == 2 && len(received) == 2 {
		checkFeedback(t, given[0], feedback(1, 1, 2, 2, "2025-03-10", 30))
		checkFeedback(t, received[1], anonymous)
	}
	checkFeedbackOf(t, s, 3, []string{feedbackID(4)}, []string{feedbackID(5), feedbackID(2)})
}

func testRemindersOf(t *testing.T, s storage.Store) {
	r := func(n int, key, date string) storage.Reminder {
		rem := reminder(n, "run-1")
		rem.Key, rem.Date = key, date
		return rem
	}
	late := r(1, "staff:"+nip(1)+":2026-12-01", "2026-12-01")
	early := r(1, "staff:"+nip(1)+":2026-11-30", "2026-11-30")
	digest := r(1, "digest:"+nip(1)+":2026-12-01", "2026-12-01")
	for _, rem := range []storage.Reminder{late, early, r(2, "staff:"+nip(2)+":2026-11-30", "2026-11-30"), digest} {
		mustClaim(t, s, rem, true)
	}
	mustStart(t, s, late.Key, "run-1")
	got := checkRemindersOf(t, s, 1, early.Key, digest.Key, late.Key)
	if len(got) == 3 {
		checkReminder(t, got[0], queued(early))
		if got[2].Status != storage.ReminderSending {
			t.Errorf("reminder %s is %s, want it as stored (sending)", late.Key, got[2].Status)
		}
	}
}

func testEvidenceOf(t *testing.T, s storage.Store) {
	mine := evidenceRecord(2, 1, 0x1111)
	older := evidenceRecord(3, 1, 0x2222)
	older.CreatedAt = at(-10)
	theirs := evidenceRecord(1, 2, 0x3333)
	theirs.NIP = nip(2)
	for _, e := range []storage.Evidence{mine, theirs, older} {
		mustPutEvidence(t, s, e, []byte("jpeg "+e.ID))
	}
	got := checkEvidenceOf(t, s, 1, older.ID, mine.ID)
	if len(got) == 2 {
		checkEvidence(t, got[1], mine)
	}
	checkEvidenceOf(t, s, 2, theirs.ID)
}

// checkFeedbackOf fails unless FeedbackOf(nip(n)) lists the ids given and
// received, in order, and returns the lists.
func checkFeedbackOf(t *testing.T, s storage.Store, n int, wantGiven, wantReceived []string) (given, received []storage.Feedback) {
	t.Helper()
	given, received, err := s.FeedbackOf(t.Context(), nip(n))
	if err != nil {
		t.Fatalf("FeedbackOf(%s): %v", nip(n), err)
	}
	id := func(f storage.Feedback) string { return f.ID }
	same := func(s string) string { return s }
	if g, w := ids(given, id), ids(wantGiven, same); g != w {
		t.Errorf("FeedbackOf(%s) given [%s], want [%s]", nip(n), g, w)
	}
	if g, w := ids(received, id), ids(wantReceived, same); g != w {
		t.Errorf("FeedbackOf(%s) received [%s], want [%s]", nip(n), g, w)
	}
	return given, received
}

func checkRemindersOf(t *testing.T, s storage.Store, n int, wantKeys ...string) []storage.Reminder {
	t.Helper()
	got, err := s.RemindersOf(t.Context(), nip(n))
	if err != nil {
		t.Fatalf("RemindersOf(%s): %v", nip(n), err)
	}
	if g, w := ids(got, func(r storage.Reminder) string { return r.Key }), ids(wantKeys, func(s string) string { return s }); g != w {
		t.Errorf("RemindersOf(%s) = [%s], want [%s]", nip(n), g, w)
	}
	return got
}

func checkEvidenceOf(t *testing.T, s storage.Store, n int, wantIDs ...string) []storage.Evidence {
	t.Helper()
	got, err := s.EvidenceOf(t.Context(), nip(n))
	if err != nil {
		t.Fatalf("EvidenceOf(%s): %v", nip(n), err)
	}
	if g, w := ids(got, evidenceIDOf), ids(wantIDs, func(s string) string { return s }); g != w {
		t.Errorf("EvidenceOf(%s) = [%s], want [%s]", nip(n), g, w)
	}
	return got
}
