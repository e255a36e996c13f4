package storetest

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/storage"
)

// cycleCases: a supervisor's continuous feedback with its one reply, and
// the JP of competency reports.
func cycleCases() []testCase {
	return []testCase{
		{"coaching: round trip of every field, open", testCoachingRoundTrip},
		{"coaching: add is idempotent by ID and ignores a reply given", testCoachingIdempotent},
		{"coaching: what CheckCoaching refuses is ErrInvalid", testCoachingInvalid},
		{"coaching: one reply; a second is ErrConflict", testCoachingReplyOnce},
		{"coaching: two racing answers, one wins", testCoachingReplyRace},
		{"coaching: reply by another person or to an unknown id is ErrNotFound", testCoachingReplyNotFound},
		{"coaching: received newest first, since, limited", testCoachingReceived},
		{"coaching: between from and to, oldest first, limited", testCoachingBetween},
		{"coaching: the latest per giver and receiver", testCoachingPairs},
		{"competency: JP of approved competency reports in the range", testCompetencyJP},
	}
}

func coachingID(n int) string { return fmt.Sprintf("01JQAC%020d", n) }

// coaching is feedback n from employee from to employee to, min minutes
// after the base time.
func coaching(n, from, to, min int) storage.Coaching {
	return storage.Coaching{ID: coachingID(n), FromNIP: nip(from), ToNIP: nip(to), SKPTargetID: "skp-target-1",
		ActivityID: reportID(n), Note: fmt.Sprintf("Bagus, \"lanjutkan\" ke-%d — ✓", n), At: at(min)}
}

func mustAddCoaching(t *testing.T, s storage.Store, c storage.Coaching) {
	t.Helper()
	if err := s.AddCoaching(t.Context(), c); err != nil {
		t.Fatalf("AddCoaching(%s): %v", c.ID, err)
	}
}

// checkCoaching compares one record, times as the same instant at
// millisecond precision, in UTC.
func checkCoaching(t *testing.T, got, want storage.Coaching) {
	t.Helper()
	want.At = ms(want.At)
	if !want.RepliedAt.IsZero() {
		want.RepliedAt = ms(want.RepliedAt)
	}
	if got.At.Location() != time.UTC || (!got.RepliedAt.IsZero() && got.RepliedAt.Location() != time.UTC) {
		t.Errorf("coaching %s times not in UTC: %v, %v", got.ID, got.At, got.RepliedAt)
	}
	if !got.At.Equal(want.At) || !got.RepliedAt.Equal(want.RepliedAt) {
		t.Errorf("coaching %s times = %v, %v; want %v, %v", got.ID, got.At, got.RepliedAt, want.At, want.RepliedAt)
	}
	got.At, got.RepliedAt, want.At, want.RepliedAt = time.Time{}, time.Time{}, time.Time{}, time.Time{}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("coaching = %+v\nwant %+v", got, want)
	}
}

func mustGetCoaching(t *testing.T, s storage.Store, id string) storage.Coaching {
	t.Helper()
	c, err := s.GetCoaching(t.Context(), id)
	if err != nil {
		t.Fatalf("GetCoaching(%s): %v", id, err)
	}
	return c
}

func testCoachingRoundTrip(t *testing.T, s storage.Store) {
	c := coaching(1, 900, 1, 10)
	mustAddCoaching(t, s, c)
	checkCoaching(t, mustGetCoaching(t, s, c.ID), c)
	bare := storage.Coaching{ID: coachingID(2), FromNIP: nip(900), ToNIP: nip(2), Note: "ok", At: at(11)}
	mustAddCoaching(t, s, bare)
	checkCoaching(t, mustGetCoaching(t, s, bare.ID), bare)
	if _, err := s.GetCoaching(t.Context(), coachingID(404)); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("GetCoaching(unknown) = %v, want ErrNotFound", err)
	}
	stamped := coaching(3, 900, 1, 0)
	stamped.At = time.Time{}
	from := time.Now()
	mustAddCoaching(t, s, stamped)
	checkStamped(t, mustGetCoaching(t, s, stamped.ID).At, from, time.Now(), "At")
}

func testCoachingIdempotent(t *testing.T, s storage.Store) {
	first := coaching(1, 900, 1, 10)
	mustAddCoaching(t, s, first)
	again := coaching(1, 901, 2, 20)
	again.Reply, again.Answer, again.RepliedAt = storage.CoachingAnswered, "sudah", at(30)
	mustAddCoaching(t, s, again)
	checkCoaching(t, mustGetCoaching(t, s, first.ID), first)
	fresh := coaching(2, 900, 1, 10)
	fresh.Reply, fresh.RepliedAt = storage.CoachingAcked, at(12)
	mustAddCoaching(t, s, fresh)
	fresh.Reply, fresh.RepliedAt = storage.CoachingOpen, time.Time{}
	checkCoaching(t, mustGetCoaching(t, s, fresh.ID), fresh)
}

func testCoachingInvalid(t *testing.T, s storage.Store) {
	for name, mod := range map[string]func(*storage.Coaching){
		"no id":      func(c *storage.Coaching) { c.ID = "" },
		"no giver":   func(c *storage.Coaching) { c.FromNIP = "" },
		"no to":      func(c *storage.Coaching) { c.ToNIP = "" },
		"to oneself": func(c *storage.Coaching) { c.ToNIP = c.FromNIP },
		"no note":    func(c *storage.Coaching) { c.Note = "" },
		"long note":  func(c *storage.Coaching) { c.Note = strings.Repeat("é", storage.MaxCoachingNote+1) },
	} {
		c := coaching(1, 900, 1, 10)
		mod(&c)
		if err := s.AddCoaching(t.Context(), c); !errors.Is(err, storage.ErrInvalid) {
			t.Errorf("%s: AddCoaching = %v, want ErrInvalid", name, err)
		}
	}
	mustAddCoaching(t, s, coaching(1, 900, 1, 10))
	for _, r := range []struct {
		reply  storage.CoachingReply
		answer string
	}{{storage.CoachingAcked, "teks"}, {storage.CoachingAnswered, ""}, {"x", ""}, {storage.CoachingOpen, ""},
		{storage.CoachingAnswered, strings.Repeat("a", storage.MaxCoachingNote+1)}} {
		if _, err := s.ReplyCoaching(t.Context(), coachingID(1), nip(1), r.reply, r.answer, at(20)); !errors.Is(err, storage.ErrInvalid) {
			t.Errorf("ReplyCoaching(%q, %d chars) = %v, want ErrInvalid", r.reply, len(r.answer), err)
		}
	}
}

func testCoachingReplyOnce(t *testing.T, s storage.Store) {
	c := coaching(1, 900, 1, 10)
	mustAddCoaching(t, s, c)
	got, err := s.ReplyCoaching(t.Context(), c.ID, nip(1), storage.CoachingAnswered, "Siap, Pak", at(20))
	if err != nil {
		t.Fatalf("ReplyCoaching: %v", err)
	}
	c.Reply, c.Answer, c.RepliedAt = storage.CoachingAnswered, "Siap, Pak", at(20)
	checkCoaching(t, got, c)
	checkCoaching(t, mustGetCoaching(t, s, c.ID), c)
	if _, err := s.ReplyCoaching(t.Context(), c.ID, nip(1), storage.CoachingAcked, "", at(30)); !errors.Is(err, storage.ErrConflict) {
		t.Errorf("second reply = %v, want ErrConflict", err)
	}
	checkCoaching(t, mustGetCoaching(t, s, c.ID), c)
	acked := coaching(2, 900, 1, 10)
	mustAddCoaching(t, s, acked)
	from := time.Now()
	got, err = s.ReplyCoaching(t.Context(), acked.ID, nip(1), storage.CoachingAcked, "", time.Time{})
	if err != nil {
		t.Fatalf("ReplyCoaching(ack): %v", err)
	}
	checkStamped(t, got.RepliedAt, from, time.Now(), "RepliedAt")
	if got.Reply != storage.CoachingAcked || got.Answer != "" {
		t.Errorf("acked = %+v", got)
	}
}

// testCoachingReplyRace: answers racing on one feedback end with exactly
// one recorded, the others ErrConflict.
func testCoachingReplyRace(t *testing.T, s storage.Store) {
	c := coaching(1, 900, 1, 10)
	mustAddCoaching(t, s, c)
	const workers = 8
	errs := make(chan error, workers)
	answers := make(chan string, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			answer := fmt.Sprintf("jawaban %d", w)
			_, err := s.ReplyCoaching(t.Context(), c.ID, nip(1), storage.CoachingAnswered, answer, at(20+w))
			errs <- err
			if err == nil {
				answers <- answer
			}
		})
	}
	wg.Wait()
	close(errs)
	close(answers)
	if ok := checkRaceErrors(t, errs); ok != 1 {
		t.Fatalf("%d answers succeeded, want exactly 1", ok)
	}
	if got := mustGetCoaching(t, s, c.ID); got.Answer != <-answers {
		t.Errorf("stored answer %q is not the one that won", got.Answer)
	}
}

func testCoachingReplyNotFound(t *testing.T, s storage.Store) {
	mustAddCoaching(t, s, coaching(1, 900, 1, 10))
	for name, call := range map[string][2]string{
		"another person": {coachingID(1), nip(2)},
		"the giver":      {coachingID(1), nip(900)},
		"unknown id":     {coachingID(404), nip(1)},
	} {
		if _, err := s.ReplyCoaching(t.Context(), call[0], call[1], storage.CoachingAcked, "", at(20)); !errors.Is(err, storage.ErrNotFound) {
			t.Errorf("%s: ReplyCoaching = %v, want ErrNotFound", name, err)
		}
	}
	if got := mustGetCoaching(t, s, coachingID(1)); got.Reply != storage.CoachingOpen {
		t.Errorf("reply = %q after refused replies, want open", got.Reply)
	}
}

func coachingIDs(all []storage.Coaching) []string {
	ids := []string{}
	for _, c := range all {
		ids = append(ids, c.ID)
	}
	return ids
}

func testCoachingReceived(t *testing.T, s storage.Store) {
	for _, c := range []storage.Coaching{
		coaching(1, 900, 1, 10), coaching(2, 901, 1, 30), coaching(3, 900, 2, 20), coaching(4, 900, 1, 5), coaching(5, 900, 1, 30),
	} {
		mustAddCoaching(t, s, c)
	}
	for _, tc := range []struct {
		to, since, limit int
		want             []string
	}{
		{1, 0, 10, []string{coachingID(2), coachingID(5), coachingID(1), coachingID(4)}},
		{1, 10, 10, []string{coachingID(2), coachingID(5), coachingID(1)}},
		{1, 0, 2, []string{coachingID(2), coachingID(5)}},
		{1, 0, 0, []string{}},
		{3, 0, 10, []string{}},
	} {
		got, err := s.CoachingReceived(t.Context(), nip(tc.to), at(tc.since), tc.limit)
		if err != nil {
			t.Fatalf("CoachingReceived: %v", err)
		}
		if ids := coachingIDs(got); !reflect.DeepEqual(ids, tc.want) || got == nil {
			t.Errorf("CoachingReceived(%d, %d, %d) = %v, want %v", tc.to, tc.since, tc.limit, ids, tc.want)
		}
	}
	if _, err := s.CoachingReceived(t.Context(), nip(1), at(0), -1); !errors.Is(err, storage.ErrInvalid) {
		t.Errorf("negative limit = %v, want ErrInvalid", err)
	}
}

func testCoachingBetween(t *testing.T, s storage.Store) {
	for _, c := range []storage.Coaching{
		coaching(1, 900, 1, 10), coaching(2, 901, 1, 30), coaching(3, 900, 2, 20), coaching(4, 900, 1, 5), coaching(5, 900, 1, 30),
	} {
		mustAddCoaching(t, s, c)
	}
	got, err := s.CoachingBetween(t.Context(), at(10), at(30), 10)
	if err != nil {
		t.Fatalf("CoachingBetween: %v", err)
	}
	if ids, want := coachingIDs(got), []string{coachingID(1), coachingID(3)}; !reflect.DeepEqual(ids, want) {
		t.Errorf("CoachingBetween = %v, want %v", ids, want)
	}
	got, err = s.CoachingBetween(t.Context(), at(0), at(60), 3)
	if err != nil {
		t.Fatalf("CoachingBetween: %v", err)
	}
	if ids, want := coachingIDs(got), []string{coachingID(4), coachingID(1), coachingID(3)}; !reflect.DeepEqual(ids, want) {
		t.Errorf("CoachingBetween(limit 3) = %v, want %v", ids, want)
	}
	if _, err := s.CoachingBetween(t.Context(), at(0), at(60), -1); !errors.Is(err, storage.ErrInvalid) {
		t.Errorf("negative limit = %v, want ErrInvalid", err)
	}
}

func testCoachingPairs(t *testing.T, s storage.Store) {
	got, err := s.CoachingPairsSince(t.Context(), at(0))
	if err != nil || got == nil || len(got) != 0 {
		t.Fatalf("CoachingPairsSince(nothing) = %v, %v; want empty", got, err)
	}
	for _, c := range []storage.Coaching{
		coaching(1, 900, 1, 10), coaching(2, 900, 1, 40), coaching(3, 900, 2, 20), coaching(4, 901, 1, 5), coaching(5, 900, 3, 1),
	} {
		mustAddCoaching(t, s, c)
	}
	got, err = s.CoachingPairsSince(t.Context(), at(5))
	if err != nil {
		t.Fatalf("CoachingPairsSince: %v", err)
	}
	want := []storage.CoachingPair{
		{FromNIP: nip(900), ToNIP: nip(1), Last: ms(at(40))},
		{FromNIP: nip(900), ToNIP: nip(2), Last: ms(at(20))},
		{FromNIP: nip(901), ToNIP: nip(1), Last: ms(at(5))},
	}
	if len(got) != len(want) {
		t.Fatalf("CoachingPairsSince = %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i].FromNIP != want[i].FromNIP || got[i].ToNIP != want[i].ToNIP || !got[i].Last.Equal(want[i].Last) {
			t.Errorf("pair %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

func testCompetencyJP(t *testing.T, s storage.Store) {
	training := func(n, owner int, date string, jp int) storage.Activity {
		a := activity(n, owner, date, n)
		a.Kind, a.Training, a.JP = storage.KindCompetency, storage.TrainingWorkshop, jp
		return a
	}
	plain := activity(6, 1, "2025-03-10", 6)
	plain.JP = 50 // not a competency report: never counted
	for _, a := range []storage.Activity{
		training(1, 1, "2025-01-05", 8), training(2, 1, "2025-03-10", 4), training(3, 1, "2025-03-11", 16),
		training(4, 2, "2025-03-10", 9), training(5, 1, "2024-12-31", 30), plain,
	} {
		mustCreateActivity(t, s, a)
	}
	for _, id := range []int{1, 2, 4, 5, 6} {
		mustDecide(t, s, reportID(id), 1, storage.Decide{To: storage.StatusApproved, ByNIP: nip(900), At: at(100)})
	}
	got, err := s.CompetencyJP(t.Context(), nip(1), "2025-01-01", "2025-12-31")
	if err != nil || got != 12 { // 8 + 4; 16 is pending; 30 is last year
		t.Errorf("CompetencyJP = %d, %v; want 12", got, err)
	}
	if got, err := s.CompetencyJP(t.Context(), nip(3), "2025-01-01", "2025-12-31"); err != nil || got != 0 {
		t.Errorf("CompetencyJP(nobody) = %d, %v; want 0", got, err)
	}
	if a := mustGetActivity(t, s, reportID(3)); a.Kind != storage.KindCompetency || a.Training != storage.TrainingWorkshop || a.JP != 16 {
		t.Errorf("competency report read back as %q %q %d", a.Kind, a.Training, a.JP)
	}
}
