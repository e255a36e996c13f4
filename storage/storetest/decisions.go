package storetest

import (
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/storage"
)

func decisionCases() []testCase {
	return []testCase{
		{"decide records status, decision and audit", testDecide},
		{"deciding a decided report is ErrConflict", testDecideTwice},
		{"decide at another version is ErrConflict", testDecideWrongVersion},
		{"decide unknown is ErrNotFound", func(t *testing.T, s storage.Store) {
			_, err := s.DecideActivity(t.Context(), reportID(404), 1, storage.Decide{To: storage.StatusApproved, ByNIP: nip(900)})
			checkErr(t, err, storage.ErrNotFound, "DecideActivity of an unknown id")
		}},
		{"decide to pending or an unknown status is ErrInvalid", testDecideInvalid},
		{"zero decision time is stamped", testDecideStamp},
		{"racing decisions: exactly one wins", testDecideRace},
		{"resubmit after revision", testResubmit},
		{"resubmit of a report not in revision at version is ErrConflict", testResubmitConflict},
		{"resubmit unknown is ErrNotFound", func(t *testing.T, s storage.Store) {
			_, err := s.ResubmitActivity(t.Context(), reportID(404), 1, content(1), nip(1), "telegram", at(1))
			checkErr(t, err, storage.ErrNotFound, "ResubmitActivity of an unknown id")
		}},
		{"zero resubmission time is stamped", testResubmitStamp},
		{"racing resubmissions: exactly one wins", testResubmitRace},
		{"prompts are appended in order, once each", testAddPrompt},
		{"prompt on unknown report is ErrNotFound", func(t *testing.T, s storage.Store) {
			err := s.AddPrompt(t.Context(), reportID(404), storage.MessageRef{Platform: "telegram", ChatID: "1", MessageID: "2"})
			checkErr(t, err, storage.ErrNotFound, "AddPrompt on an unknown id")
		}},
		{"racing prompts are stored once each", testAddPromptRace},
	}
}

// decided is what a decision makes of before, but for UpdatedAt.
func decided(before storage.Activity, d storage.Decide) storage.Activity {
	want := before
	want.Status = d.To
	want.Decision = &storage.Decision{ByNIP: d.ByNIP, At: d.At, Reason: d.Reason, Platform: d.Platform, AsAdmin: d.AsAdmin,
		ActingFor: d.ActingFor, Rule: d.Rule, Update: d.Update}
	want.Audit = append(slices.Clone(before.Audit), storage.AuditEntry{
		At: d.At, Action: storage.DecisionAction(d.To), ByNIP: d.ByNIP, Reason: d.Reason, Platform: d.Platform,
		AsAdmin: d.AsAdmin, ActingFor: d.ActingFor, Version: before.Version,
	})
	return want
}

// checkReturned fails unless the activity a write returned is the stored
// one and matches want; the write must have set UpdatedAt from the
// store's clock between from and to.
func checkReturned(t *testing.T, s storage.Store, returned, want storage.Activity, from, to time.Time) {
	t.Helper()
	checkStamped(t, returned.UpdatedAt, from, to, "UpdatedAt")
	want.UpdatedAt = returned.UpdatedAt
	checkActivity(t, returned, want)
	checkActivity(t, mustGetActivity(t, s, want.ID), want)
}

func testDecide(t *testing.T, s storage.Store) {
	prompt := storage.MessageRef{Platform: "telegram", ChatID: "900", MessageID: "1"}
	for i, d := range []storage.Decide{
		{To: storage.StatusApproved, ByNIP: nip(900), Platform: "telegram", Update: "telegram:7001", At: at(100)},
		{To: storage.StatusRejected, ByNIP: nip(900), Reason: "Bukan tugas jabatan", Platform: "whatsapp", At: at(101)},
		{To: storage.StatusRevision, ByNIP: nip(901), Reason: "Lengkapi foto", Platform: "playground", AsAdmin: true, At: at(102)},
		{To: storage.StatusApproved, ByNIP: nip(902), Platform: "telegram", ActingFor: nip(900), At: at(103)}, // a Plt/Plh
	} {
		before := activity(i+1, 1, "2025-03-10", i)
		mustCreateActivity(t, s, before)
		mustAddPrompt(t, s, before.ID, prompt) // a decision keeps the prompts: they are edited after it
		before.Prompts = []storage.MessageRef{prompt}
		from := time.Now()
		got := mustDecide(t, s, before.ID, 1, d)
		checkReturned(t, s, got, decided(before, d), from, time.Now())
	}
}

func testDecideTwice(t *testing.T, s storage.Store) {
	mustCreateActivity(t, s, activity(1, 1, "2025-03-10", 0))
	mustDecide(t, s, reportID(1), 1, storage.Decide{To: storage.StatusApproved, ByNIP: nip(900), At: at(10)})
	after := mustGetActivity(t, s, reportID(1))
	for _, to := range []storage.Status{storage.StatusRejected, storage.StatusApproved, storage.StatusRevision} {
		_, err := s.DecideActivity(t.Context(), reportID(1), 1, storage.Decide{To: to, ByNIP: nip(901), At: at(20)})
		checkErr(t, err, storage.ErrConflict, "DecideActivity "+string(to)+" of an approved report")
	}
	checkUnchanged(t, s, after)
}

func testDecideWrongVersion(t *testing.T, s storage.Store) {
	before := activity(1, 1, "2025-03-10", 0)
	mustCreateActivity(t, s, before)
	for _, v := range []int{0, 2} {
		_, err := s.DecideActivity(t.Context(), before.ID, v, storage.Decide{To: storage.StatusApproved, ByNIP: nip(900), At: at(10)})
		checkErr(t, err, storage.ErrConflict, fmt.Sprintf("DecideActivity at version %d of a report at 1", v))
	}
	checkUnchanged(t, s, before)
}

func testDecideInvalid(t *testing.T, s storage.Store) {
	before := activity(1, 1, "2025-03-10", 0)
	mustCreateActivity(t, s, before)
	for _, to := range []storage.Status{storage.StatusPending, "", "deleted"} {
		_, err := s.DecideActivity(t.Context(), before.ID, 1, storage.Decide{To: to, ByNIP: nip(900), At: at(10)})
		checkErr(t, err, storage.ErrInvalid, fmt.Sprintf("DecideActivity to %q", to))
	}
	checkUnchanged(t, s, before)
}

func testDecideStamp(t *testing.T, s storage.Store) {
	mustCreateActivity(t, s, activity(1, 1, "2025-03-10", 0))
	from := time.Now()
	got := mustDecide(t, s, reportID(1), 1, storage.Decide{To: storage.StatusApproved, ByNIP: nip(900)})
	to := time.Now()
	if got.Decision == nil || len(got.Audit) != 2 {
		t.Fatalf("after DecideActivity: Decision %v, %d audit entries; want a decision and 2 entries", got.Decision, len(got.Audit))
	}
	checkStamped(t, got.Decision.At, from, to, "Decision.At")
	checkStamped(t, got.Audit[1].At, from, to, "audit entry At")
}

// testDecideRace presses every button of one report at once: one decision
// wins, every other press is ErrConflict, and the audit has one decision.
func testDecideRace(t *testing.T, s storage.Store) {
	before := activity(1, 1, "2025-03-10", 0)
	mustCreateActivity(t, s, before)
	const workers = 12
	outcomes := []storage.Status{storage.StatusApproved, storage.StatusRejected, storage.StatusRevision}
	decides := make([]storage.Decide, workers)
	results := make([]storage.Activity, workers)
	errs := make([]error, workers)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for w := range workers {
		decides[w] = storage.Decide{
			To: outcomes[w%len(outcomes)], ByNIP: nip(900 + w%2), Reason: fmt.Sprintf("press %d", w),
			Platform: "telegram", AsAdmin: w%2 == 1, At: at(100 + w),
		}
		wg.Go(func() {
			<-start
			results[w], errs[w] = s.DecideActivity(t.Context(), before.ID, 1, decides[w])
		})
	}
	close(start)
	wg.Wait()
	ok, conflicts := countErrors(t, errs)
	if ok != 1 || conflicts != workers-1 {
		t.Fatalf("%d decisions succeeded and %d were ErrConflict, want 1 and %d", ok, conflicts, workers-1)
	}
	winner := slices.IndexFunc(errs, func(err error) bool { return err == nil })
	got := mustGetActivity(t, s, before.ID)
	want := decided(before, decides[winner])
	want.UpdatedAt = got.UpdatedAt
	checkActivity(t, got, want)
	checkActivity(t, results[winner], want)
}

// revisionAsked creates report n and sends it back for revision at
// version 1, with a prompt sent; it returns the report as stored.
func revisionAsked(t *testing.T, s storage.Store, n int) storage.Activity {
	t.Helper()
	mustCreateActivity(t, s, activity(n, 1, "2025-03-10", n))
	mustAddPrompt(t, s, reportID(n), storage.MessageRef{Platform: "telegram", ChatID: "900", MessageID: fmt.Sprint(n)})
	return mustDecide(t, s, reportID(n), 1, storage.Decide{
		To: storage.StatusRevision, ByNIP: nip(900), Reason: "Perbaiki", Platform: "telegram", At: at(100),
	})
}

// resubmitted is what a resubmission by nip(1) on whatsapp makes of
// before, but for UpdatedAt.
func resubmitted(before storage.Activity, c storage.Content, when time.Time) storage.Activity {
	want := before
	want.History = append(slices.Clone(before.History), before.Content)
	want.Content = c
	want.Version = before.Version + 1
	want.Status = storage.StatusPending
	want.Prompts = nil
	want.Decision = nil
	want.Audit = append(slices.Clone(before.Audit), storage.AuditEntry{
		At: when, Action: storage.ActionResubmitted, ByNIP: nip(1), Platform: "whatsapp", Version: before.Version + 1,
	})
	return want
}

func testResubmit(t *testing.T, s storage.Store) {
	before := revisionAsked(t, s, 1)
	next := storage.Content{
		Minutes: 45, Description: "Uraian yang diperbaiki", OutputVolume: 1e-7, OutputUnit: "kegiatan",
		EvidenceIDs: []string{evidenceID(9), evidenceID(2)},
	}
	from := time.Now()
	got := mustResubmit(t, s, before.ID, 1, next, at(200))
	v2 := resubmitted(before, next, at(200))
	checkReturned(t, s, got, v2, from, time.Now())
	checkPending(t, s, nip(900), 0, 10, before.ID, 1)

	// The old version can no longer be decided; the new one can.
	_, err := s.DecideActivity(t.Context(), before.ID, 1, storage.Decide{To: storage.StatusApproved, ByNIP: nip(900), At: at(201)})
	checkErr(t, err, storage.ErrConflict, "DecideActivity at the version before the resubmission")
	again := storage.Decide{To: storage.StatusRevision, ByNIP: nip(900), Reason: "Sekali lagi", At: at(202)}
	v2 = mustGetActivity(t, s, before.ID)
	from = time.Now()
	got = mustDecide(t, s, before.ID, 2, again)
	checkReturned(t, s, got, decided(v2, again), from, time.Now())

	// A second resubmission keeps both earlier contents, oldest first.
	third := content(3)
	from = time.Now()
	got = mustResubmit(t, s, before.ID, 2, third, at(300))
	v3 := resubmitted(decided(v2, again), third, at(300))
	checkReturned(t, s, got, v3, from, time.Now())
	if len(got.History) == 2 && (got.History[0].Description != content(1).Description || got.History[1].Description != next.Description) {
		t.Errorf("history = %q, %q; want the first content, then the second", got.History[0].Description, got.History[1].Description)
	}
}

func testResubmitConflict(t *testing.T, s storage.Store) {
	pending := activity(1, 1, "2025-03-10", 0)
	mustCreateActivity(t, s, pending)
	_, err := s.ResubmitActivity(t.Context(), pending.ID, 1, content(9), nip(1), "telegram", at(10))
	checkErr(t, err, storage.ErrConflict, "ResubmitActivity of a pending report")
	checkUnchanged(t, s, pending)

	mustCreateActivity(t, s, activity(2, 1, "2025-03-10", 0))
	approved := mustDecide(t, s, reportID(2), 1, storage.Decide{To: storage.StatusApproved, ByNIP: nip(900), At: at(5)})
	_, err = s.ResubmitActivity(t.Context(), approved.ID, 1, content(9), nip(1), "telegram", at(10))
	checkErr(t, err, storage.ErrConflict, "ResubmitActivity of an approved report")
	checkUnchanged(t, s, approved)

	revision := revisionAsked(t, s, 3)
	for _, v := range []int{0, 2} {
		_, err = s.ResubmitActivity(t.Context(), revision.ID, v, content(9), nip(1), "telegram", at(10))
		checkErr(t, err, storage.ErrConflict, fmt.Sprintf("ResubmitActivity at version %d of a report at 1", v))
	}
	checkUnchanged(t, s, revision)
}

func testResubmitStamp(t *testing.T, s storage.Store) {
	revisionAsked(t, s, 1)
	from := time.Now()
	got, err := s.ResubmitActivity(t.Context(), reportID(1), 1, content(2), nip(1), "telegram", time.Time{})
	to := time.Now()
	if err != nil {
		t.Fatalf("ResubmitActivity: %v", err)
	}
	if len(got.Audit) != 3 {
		t.Fatalf("audit has %d entries, want 3", len(got.Audit))
	}
	last := got.Audit[2]
	checkStamped(t, last.At, from, to, "resubmitted audit entry At")
}

func testResubmitRace(t *testing.T, s storage.Store) {
	before := revisionAsked(t, s, 1)
	const workers = 8
	errs := make([]error, workers)
	results := make([]storage.Activity, workers)
	contents := make([]storage.Content, workers)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for w := range workers {
		contents[w] = content(100 + w)
		wg.Go(func() {
			<-start
			results[w], errs[w] = s.ResubmitActivity(t.Context(), before.ID, 1, contents[w], nip(1), "whatsapp", at(200))
		})
	}
	close(start)
	wg.Wait()
	ok, conflicts := countErrors(t, errs)
	if ok != 1 || conflicts != workers-1 {
		t.Fatalf("%d resubmissions succeeded and %d were ErrConflict, want 1 and %d", ok, conflicts, workers-1)
	}
	winner := slices.IndexFunc(errs, func(err error) bool { return err == nil })
	got := mustGetActivity(t, s, before.ID)
	want := resubmitted(before, contents[winner], at(200))
	want.UpdatedAt = got.UpdatedAt
	checkActivity(t, got, want)
	checkActivity(t, results[winner], want)
}

func testAddPrompt(t *testing.T, s storage.Store) {
	before := activity(1, 1, "2025-03-10", 0)
	mustCreateActivity(t, s, before)
	r1 := storage.MessageRef{Platform: "telegram", ChatID: "900", MessageID: "10", Photo: true}
	r2 := storage.MessageRef{Platform: "whatsapp", ChatID: "628@s.whatsapp.net", MessageID: "wamid.1"}
	r3 := storage.MessageRef{Platform: "telegram", ChatID: "901", MessageID: "10"} // another chat, same message id
	r4 := storage.MessageRef{Platform: "telegram", ChatID: "902", MessageID: "11", To: nip(902)}
	r2photo := r2
	r2photo.Photo = true // the same message: not stored again
	for _, ref := range []storage.MessageRef{r1, r2, r1, r3, r2photo, r3, r4} {
		mustAddPrompt(t, s, before.ID, ref)
	}
	want := before
	want.Prompts = []storage.MessageRef{r1, r2, r3, r4}
	checkUnchanged(t, s, want)
}

func testAddPromptRace(t *testing.T, s storage.Store) {
	before := activity(1, 1, "2025-03-10", 0)
	mustCreateActivity(t, s, before)
	refs := make([]storage.MessageRef, 4)
	for i := range refs {
		refs[i] = storage.MessageRef{Platform: "telegram", ChatID: fmt.Sprint(900 + i), MessageID: "m"}
	}
	const workers = 8
	errs := make([]error, workers*len(refs))
	var wg sync.WaitGroup
	start := make(chan struct{})
	for w := range workers {
		wg.Go(func() {
			<-start
			for i := range refs {
				ref := refs[(w+i)%len(refs)]
				errs[w*len(refs)+i] = s.AddPrompt(t.Context(), before.ID, ref)
			}
		})
	}
	close(start)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatalf("racing AddPrompt: %v", err)
		}
	}
	got := mustGetActivity(t, s, before.ID).Prompts
	if len(got) != len(refs) {
		t.Fatalf("prompts = %v, want each of %v once", got, refs)
	}
	for _, ref := range refs {
		if !slices.Contains(got, ref) {
			t.Errorf("prompt %v missing from %v", ref, got)
		}
	}
}
