package storetest

import (
	"maps"
	"reflect"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/storage"
)

func feedbackCases() []testCase {
	return []testCase{
		{"given: the giver's of the date, oldest first, every field", testFeedbackGiven},
		{"given of nothing is empty, not nil", func(t *testing.T, s storage.Store) {
			checkGiven(t, s, 1, "2025-03-10")
			mustAddFeedback(t, s, feedback(1, 1, 2, 1, "2025-03-10", 0))
			checkGiven(t, s, 1, "2025-03-11")
			checkGiven(t, s, 2, "2025-03-10") // the receiver gave nothing
		}},
		{"add is idempotent by ID", testFeedbackIdempotent},
		{"zero At is stamped", func(t *testing.T, s storage.Store) {
			f := feedback(1, 1, 2, 3, "2025-03-10", 0)
			f.At = time.Time{}
			from := time.Now()
			mustAddFeedback(t, s, f)
			to := time.Now()
			if got := checkGiven(t, s, 1, "2025-03-10", feedbackID(1)); len(got) == 1 {
				checkStamped(t, got[0].At, from, to, "At")
			}
		}},
		{"a feedback breaking the record's rules is ErrInvalid", testFeedbackInvalid},
		{"counts: by value, over several receivers and a date range", testFeedbackCounts},
		{"counts of nobody are an empty map, not nil", func(t *testing.T, s storage.Store) {
			checkCounts(t, s, []string{nip(1)}, "2025-03-01", "2025-03-31", map[int]int{})
			mustAddFeedback(t, s, feedback(1, 1, 2, 1, "2025-03-10", 0))
			checkCounts(t, s, nil, "2025-03-01", "2025-03-31", map[int]int{})
			checkCounts(t, s, []string{}, "2025-03-01", "2025-03-31", map[int]int{})
			checkCounts(t, s, []string{nip(1), nip(404)}, "2025-03-01", "2025-03-31", map[int]int{}) // givers receive nothing
			checkCounts(t, s, []string{nip(2)}, "2025-03-11", "2025-03-31", map[int]int{})
			checkCounts(t, s, []string{nip(2)}, "2025-03-31", "2025-03-01", map[int]int{}) // from after to
		}},
	}
}

func testFeedbackGiven(t *testing.T, s storage.Store) {
	anonymous := feedback(3, 1, 4, 7, "2025-03-10", 5)
	anonymous.Anonymous = true
	bare := feedback(4, 1, 2, 1, "2025-03-10", 45)
	bare.Note = ""
	for _, f := range []storage.Feedback{
		feedback(1, 1, 2, 2, "2025-03-10", 30),
		anonymous,
		feedback(2, 1, 3, 4, "2025-03-09", 10), // another day
		bare,
		feedback(5, 2, 1, 5, "2025-03-10", 20), // another giver
		feedback(6, 1, 3, 6, "2025-03-10", 15),
	} {
		mustAddFeedback(t, s, f)
	}
	got := checkGiven(t, s, 1, "2025-03-10", feedbackID(3), feedbackID(6), feedbackID(1), feedbackID(4))
	if len(got) == 4 {
		checkFeedback(t, got[0], anonymous)
		checkFeedback(t, got[2], feedback(1, 1, 2, 2, "2025-03-10", 30))
		checkFeedback(t, got[3], bare)
	}
	checkGiven(t, s, 1, "2025-03-09", feedbackID(2))
	checkGiven(t, s, 2, "2025-03-10", feedbackID(5))
}

// testFeedbackIdempotent: a second AddFeedback of an ID, whatever it holds,
// is nil and changes nothing; checked after each add.
func testFeedbackIdempotent(t *testing.T, s storage.Store) {
	first := feedback(1, 1, 2, 3, "2025-03-10", 0)
	mustAddFeedback(t, s, first)
	again := feedback(1, 5, 6, 7, "2025-03-11", 30)
	again.Anonymous = true
	sameDay := feedback(1, 1, 2, 6, "2025-03-10", 10)
	sameDay.Note, sameDay.Anonymous = "lain", true
	for _, f := range []storage.Feedback{again, sameDay, first} {
		if err := s.AddFeedback(t.Context(), f); err != nil {
			t.Fatalf("AddFeedback of the same id again: %v, want nil", err)
		}
		if got := checkGiven(t, s, 1, "2025-03-10", feedbackID(1)); len(got) == 1 {
			checkFeedback(t, got[0], first)
		}
		checkGiven(t, s, 5, "2025-03-11")
		checkCounts(t, s, []string{nip(2), nip(6)}, "2025-03-01", "2025-03-31", map[int]int{3: 1})
	}
}

func testFeedbackInvalid(t *testing.T, s storage.Store) {
	for _, c := range []struct {
		name string
		edit func(*storage.Feedback)
	}{
		{"empty id", func(f *storage.Feedback) { f.ID = "" }},
		{"empty giver", func(f *storage.Feedback) { f.FromNIP = "" }},
		{"empty receiver", func(f *storage.Feedback) { f.ToNIP = "" }},
		{"value 0", func(f *storage.Feedback) { f.Value = 0 }},
		{"value 8", func(f *storage.Feedback) { f.Value = 8 }},
		{"value -1", func(f *storage.Feedback) { f.Value = -1 }},
		{"date without zero padding", func(f *storage.Feedback) { f.Date = "2025-3-10" }},
		{"empty date", func(f *storage.Feedback) { f.Date = "" }},
	} {
		f := feedback(1, 1, 2, 3, "2025-03-10", 0)
		c.edit(&f)
		checkErr(t, s.AddFeedback(t.Context(), f), storage.ErrInvalid, "AddFeedback with "+c.name)
	}
	checkGiven(t, s, 1, "2025-03-10")
	checkCounts(t, s, []string{nip(2)}, "0000-01-01", "9999-12-31", map[int]int{})
	for value := 1; value <= 7; value++ { // every value is one
		mustAddFeedback(t, s, feedback(value, 1, 2, value, "2025-03-10", value))
	}
	checkCounts(t, s, []string{nip(2)}, "2025-03-10", "2025-03-10", map[int]int{1: 1, 2: 1, 3: 1, 4: 1, 5: 1, 6: 1, 7: 1})
}

// testFeedbackCounts: the team of employees 2, 3 and 4 over March. What
// employee 5 received, and what the team received on 28 February and 1
// April, must not count.
func testFeedbackCounts(t *testing.T, s storage.Store) {
	n := 0
	give := func(from, to, value int, date string) {
		n++
		mustAddFeedback(t, s, feedback(n, from, to, value, date, n))
	}
	give(1, 2, 1, "2025-03-01") // first day of the range
	give(1, 2, 1, "2025-03-10")
	give(3, 2, 4, "2025-03-10")
	give(2, 3, 1, "2025-03-15")
	give(1, 3, 7, "2025-03-31") // last day of the range
	give(2, 4, 4, "2025-03-20")
	give(2, 4, 4, "2025-03-21")
	give(1, 4, 1, "2025-03-22")
	give(1, 5, 2, "2025-03-10") // not in the team
	give(1, 5, 1, "2025-03-10")
	give(1, 2, 3, "2025-02-28") // the day before
	give(1, 3, 5, "2025-04-01") // the day after
	team := []string{nip(2), nip(3), nip(4)}
	checkCounts(t, s, team, "2025-03-01", "2025-03-31", map[int]int{1: 4, 4: 3, 7: 1})
	checkCounts(t, s, team[:1], "2025-03-01", "2025-03-31", map[int]int{1: 2, 4: 1})
	checkCounts(t, s, []string{nip(2), nip(2), nip(404)}, "2025-03-01", "2025-03-31", map[int]int{1: 2, 4: 1}) // a repeated NIP counts once
	checkCounts(t, s, team, "2025-02-01", "2025-04-30", map[int]int{1: 4, 3: 1, 4: 3, 5: 1, 7: 1})
	checkCounts(t, s, team, "2025-03-10", "2025-03-10", map[int]int{1: 1, 4: 1})
	checkCounts(t, s, []string{nip(5)}, "2025-03-01", "2025-03-31", map[int]int{1: 1, 2: 1})
}

func mustAddFeedback(t *testing.T, s storage.Store, f storage.Feedback) {
	t.Helper()
	if err := s.AddFeedback(t.Context(), f); err != nil {
		t.Fatalf("AddFeedback(%s): %v", f.ID, err)
	}
}

// checkGiven fails unless FeedbackGiven lists the ids wantIDs in order, as
// a non-nil slice, and returns the list.
func checkGiven(t *testing.T, s storage.Store, from int, date string, wantIDs ...string) []storage.Feedback {
	t.Helper()
	list, err := s.FeedbackGiven(t.Context(), nip(from), date)
	if err != nil {
		t.Fatalf("FeedbackGiven(%s, %s): %v", nip(from), date, err)
	}
	checkNotNil(t, list, "FeedbackGiven")
	want := ids(wantIDs, func(id string) string { return id })
	if got := ids(list, func(f storage.Feedback) string { return f.ID }); got != want {
		t.Errorf("FeedbackGiven(%s, %s) = [%s], want [%s]", nip(from), date, got, want)
	}
	return list
}

// checkCounts fails unless FeedbackCounts gives exactly want: a non-nil
// map with a key for each value received, none for the others.
func checkCounts(t *testing.T, s storage.Store, nips []string, from, to string, want map[int]int) {
	t.Helper()
	got, err := s.FeedbackCounts(t.Context(), nips, from, to)
	if err != nil {
		t.Fatalf("FeedbackCounts(%v, %s, %s): %v", nips, from, to, err)
	}
	if got == nil {
		t.Errorf("FeedbackCounts(%v, %s, %s) returned a nil map, want an empty one", nips, from, to)
	}
	if !maps.Equal(got, want) {
		t.Errorf("FeedbackCounts(%v, %s, %s) = %v, want %v", nips, from, to, got, want)
	}
}

func checkFeedback(t *testing.T, got, want storage.Feedback) {
	t.Helper()
	want.At = ms(want.At)
	if got.At.Location() != time.UTC {
		t.Errorf("feedback %s At in %v, want UTC", want.ID, got.At.Location())
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("feedback %s mismatch\n got: %s\nwant: %s", want.ID, describe(got), describe(want))
	}
}
