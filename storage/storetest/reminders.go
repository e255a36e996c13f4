package storetest

import (
	"errors"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/storage"
)

func reminderCases() []testCase {
	return []testCase{
		{"claim records a new key queued", testClaimNew},
		{"claim stamps zero times", testClaimStamp},
		{"claim of a key queued under another run takes it over", testClaimTakeOver},
		{"claim of a key sending, sent or failed is refused", testClaimRefused},
		{"claim of an invalid reminder is ErrInvalid", testClaimInvalid},
		{"racing claims: exactly one run starts", testClaimRace},
		{"start moves queued to sending for the holder only", testStartReminder},
		{"finish records the outcome for the holder only", testFinishReminder},
		{"finish with another status is ErrInvalid", testFinishInvalid},
		{"release forgets only a key queued under the run", testReleaseReminder},
		{"get unknown reminder is ErrNotFound", func(t *testing.T, s storage.Store) {
			_, err := s.GetReminder(t.Context(), "staff:none:2026-11-30")
			checkErr(t, err, storage.ErrNotFound, "GetReminder of an unknown key")
		}},
		{"reminders off persists and survives a roster import", testSetReminders},
		{"touch sets LastSeenAt of a linked account only", withTwo(testTouchAccount)},
		{"link starts LastSeenAt at zero", withTwo(testLinkResetsLastSeen)},
		{"holidays are upserted, renamed, listed and deleted", testHolidays},
		{"holiday with a bad date is ErrInvalid", testHolidayInvalid},
		{"reporters on a date are distinct and sorted", testReportersOn},
		{"pending summaries count and date each list", testPendingSummaries},
		{"pending submitted before a time, oldest first", testPendingSubmittedBefore},
		{"minutes between count pending and approved", testMinutesBetween},
		{"append audit to a pending report", testAppendAudit},
		{"append audit stamps zero time and version", testAppendAuditStamp},
		{"append audit to a report not pending at version is ErrConflict", testAppendAuditConflict},
		{"decision by a rule keeps the rule", testDecideRule},
	}
}

// reminderKey is the idempotency key of a staff reminder for n.
func reminderKey(n int) string { return "staff:" + nip(n) + ":2026-11-30" }

// reminder is a claim of key n by run, times set.
func reminder(n int, run string) storage.Reminder {
	return storage.Reminder{
		Key: reminderKey(n), Kind: "staff", NIP: nip(n), Date: "2026-11-30", RunID: run,
		CreatedAt: at(0), UpdatedAt: at(1),
	}
}

// queued is r as a claim stores it.
func queued(r storage.Reminder) storage.Reminder {
	r.Status, r.Reason = storage.ReminderQueued, ""
	return r
}

func normReminder(r storage.Reminder) storage.Reminder {
	r.CreatedAt, r.UpdatedAt = ms(r.CreatedAt), ms(r.UpdatedAt)
	return r
}

func checkReminder(t *testing.T, got, want storage.Reminder) {
	t.Helper()
	if g, w := normReminder(got), normReminder(want); g != w {
		t.Errorf("reminder %s mismatch\n got: %+v\nwant: %+v", want.Key, g, w)
	}
}

func mustClaim(t *testing.T, s storage.Store, r storage.Reminder, wantHeld bool) storage.Reminder {
	t.Helper()
	held, got, err := s.ClaimReminder(t.Context(), r)
	if err != nil {
		t.Fatalf("ClaimReminder(%s, %s): %v", r.Key, r.RunID, err)
	}
	if held != wantHeld {
		t.Fatalf("ClaimReminder(%s, %s) = %v, want %v (stored %+v)", r.Key, r.RunID, held, wantHeld, got)
	}
	return got
}

func mustGetReminder(t *testing.T, s storage.Store, key string) storage.Reminder {
	t.Helper()
	r, err := s.GetReminder(t.Context(), key)
	if err != nil {
		t.Fatalf("GetReminder(%s): %v", key, err)
	}
	return r
}

func mustStart(t *testing.T, s storage.Store, key, run string) {
	t.Helper()
	if err := s.StartReminder(t.Context(), key, run); err != nil {
		t.Fatalf("StartReminder(%s, %s): %v", key, run, err)
	}
}

func mustFinish(t *testing.T, s storage.Store, key, run string, status storage.ReminderStatus, reason string) {
	t.Helper()
	if err := s.FinishReminder(t.Context(), key, run, status, reason); err != nil {
		t.Fatalf("FinishReminder(%s, %s, %s): %v", key, run, status, err)
	}
}

// checkMoved fails unless the stored reminder is before with the status
// and reason, its UpdatedAt set from the store's clock between from and to.
func checkMoved(t *testing.T, s storage.Store, before storage.Reminder, status storage.ReminderStatus, reason string, from, to time.Time) {
	t.Helper()
	got := mustGetReminder(t, s, before.Key)
	checkStamped(t, got.UpdatedAt, from, to, "reminder UpdatedAt")
	want := before
	want.Status, want.Reason, want.UpdatedAt = status, reason, got.UpdatedAt
	checkReminder(t, got, want)
}

func testClaimNew(t *testing.T, s storage.Store) {
	r := reminder(1, "run-a")
	r.Status, r.Reason = storage.ReminderSent, "ignored" // a claim is queued, without a reason
	got := mustClaim(t, s, r, true)
	checkReminder(t, got, queued(r))
	checkReminder(t, mustGetReminder(t, s, r.Key), queued(r))
}

func testClaimStamp(t *testing.T, s storage.Store) {
	r := reminder(1, "run-a")
	r.CreatedAt, r.UpdatedAt = time.Time{}, time.Time{}
	from := time.Now()
	got := mustClaim(t, s, r, true)
	to := time.Now()
	checkStamped(t, got.CreatedAt, from, to, "CreatedAt")
	checkStamped(t, got.UpdatedAt, from, to, "UpdatedAt")
	checkReminder(t, mustGetReminder(t, s, r.Key), got)
}

func testClaimTakeOver(t *testing.T, s storage.Store) {
	a := reminder(1, "run-a")
	mustClaim(t, s, a, true)
	b := reminder(1, "run-b")
	b.Kind, b.NIP, b.Date = "digest", nip(2), "2026-12-01" // the key decides; only the run and time change
	b.CreatedAt, b.UpdatedAt = at(10), at(11)
	want := queued(a)
	want.RunID, want.UpdatedAt = "run-b", at(11)
	checkReminder(t, mustClaim(t, s, b, true), want)
	checkReminder(t, mustGetReminder(t, s, a.Key), want)

	// The run that lost the key can no longer move it.
	err := s.StartReminder(t.Context(), a.Key, "run-a")
	checkErr(t, err, storage.ErrConflict, "StartReminder by the run that lost the key")
	err = s.FinishReminder(t.Context(), a.Key, "run-a", storage.ReminderFailed, "x")
	checkErr(t, err, storage.ErrConflict, "FinishReminder by the run that lost the key")
	checkReminder(t, mustGetReminder(t, s, a.Key), want)

	// Claiming a key one holds queued holds it still.
	again := reminder(1, "run-b")
	again.UpdatedAt = at(12)
	want.UpdatedAt = at(12)
	checkReminder(t, mustClaim(t, s, again, true), want)

	from := time.Now()
	mustStart(t, s, a.Key, "run-b")
	checkMoved(t, s, want, storage.ReminderSending, "", from, time.Now())
}

func testClaimRefused(t *testing.T, s storage.Store) {
	for i, c := range []struct {
		status storage.ReminderStatus
		reason string
	}{
		{storage.ReminderSending, ""},
		{storage.ReminderSent, ""},
		{storage.ReminderFailed, "blocked by user"},
	} {
		a := reminder(i+1, "run-a")
		mustClaim(t, s, a, true)
		if c.status == storage.ReminderSending {
			mustStart(t, s, a.Key, "run-a")
		} else {
			mustFinish(t, s, a.Key, "run-a", c.status, c.reason)
		}
		stored := mustGetReminder(t, s, a.Key)
		if stored.Status != c.status || stored.Reason != c.reason || stored.RunID != "run-a" {
			t.Fatalf("stored = %+v, want %s (%q) under run-a", stored, c.status, c.reason)
		}
		for _, run := range []string{"run-b", "run-a"} {
			b := reminder(i+1, run)
			b.UpdatedAt = at(50)
			checkReminder(t, mustClaim(t, s, b, false), stored)
		}
		checkReminder(t, mustGetReminder(t, s, a.Key), stored)
	}
}

func testClaimInvalid(t *testing.T, s storage.Store) {
	for name, edit := range map[string]func(*storage.Reminder){
		"empty key":     func(r *storage.Reminder) { r.Key = "" },
		"empty kind":    func(r *storage.Reminder) { r.Kind = "" },
		"empty run id":  func(r *storage.Reminder) { r.RunID = "" },
		"empty date":    func(r *storage.Reminder) { r.Date = "" },
		"date 2026-2-3": func(r *storage.Reminder) { r.Date = "2026-2-3" },
		"date Feb 30":   func(r *storage.Reminder) { r.Date = "2026-02-30" },
		"date and time": func(r *storage.Reminder) { r.Date = "2026-11-30T08:00:00Z" },
	} {
		r := reminder(1, "run-a")
		edit(&r)
		_, _, err := s.ClaimReminder(t.Context(), r)
		checkErr(t, err, storage.ErrInvalid, "ClaimReminder with "+name)
	}
	_, err := s.GetReminder(t.Context(), reminderKey(1))
	checkErr(t, err, storage.ErrNotFound, "GetReminder after invalid claims")
}

// testClaimRace has runs claim one key at once, each then starting it if
// it held it. A claim may take the key over from another run, so several
// claims may return true, but exactly one run gets through StartReminder:
// the others are refused the claim or get ErrConflict from the start.
func testClaimRace(t *testing.T, s storage.Store) {
	const workers = 8
	var (
		wg        sync.WaitGroup
		held      = make([]bool, workers)
		claimErrs = make([]error, workers)
		startErrs = make([]error, workers)
		started   = make([]bool, workers)
		start     = make(chan struct{})
	)
	for w := range workers {
		wg.Go(func() {
			<-start
			run := fmt.Sprintf("run-%d", w)
			held[w], _, claimErrs[w] = s.ClaimReminder(t.Context(), reminder(1, run))
			if claimErrs[w] != nil || !held[w] {
				return
			}
			startErrs[w] = s.StartReminder(t.Context(), reminderKey(1), run)
			started[w] = startErrs[w] == nil
		})
	}
	close(start)
	wg.Wait()
	for w, err := range claimErrs {
		if err != nil {
			t.Fatalf("racing ClaimReminder %d: %v", w, err)
		}
	}
	winners, winner := 0, -1
	for w := range workers {
		if started[w] {
			winners++
			winner = w
		} else if held[w] && !errors.Is(startErrs[w], storage.ErrConflict) {
			t.Errorf("run %d held the key but StartReminder = %v, want nil or ErrConflict", w, startErrs[w])
		}
	}
	if winners != 1 {
		t.Fatalf("%d runs started the reminder (claims held: %v), want exactly 1", winners, held)
	}
	got := mustGetReminder(t, s, reminderKey(1))
	if got.Status != storage.ReminderSending || got.RunID != fmt.Sprintf("run-%d", winner) {
		t.Errorf("after the race: %+v, want sending under run-%d", got, winner)
	}

	// Claims alone, racing on a fresh key: at least one holds it, and the
	// stored holder is a run that was told it holds it.
	held = make([]bool, workers)
	start = make(chan struct{})
	for w := range workers {
		wg.Go(func() {
			<-start
			held[w], _, claimErrs[w] = s.ClaimReminder(t.Context(), reminder(2, fmt.Sprintf("run-%d", w)))
		})
	}
	close(start)
	wg.Wait()
	for w, err := range claimErrs {
		if err != nil {
			t.Fatalf("racing ClaimReminder %d: %v", w, err)
		}
	}
	holder := mustGetReminder(t, s, reminderKey(2)).RunID
	var w int
	if _, err := fmt.Sscanf(holder, "run-%d", &w); err != nil || w < 0 || w >= workers || !held[w] {
		t.Errorf("key held by %q after racing claims %v, want a run whose claim returned true", holder, held)
	}
}

func testStartReminder(t *testing.T, s storage.Store) {
	err := s.StartReminder(t.Context(), reminderKey(404), "run-a")
	checkErr(t, err, storage.ErrNotFound, "StartReminder of an unknown key")

	r := mustClaim(t, s, reminder(1, "run-a"), true)
	err = s.StartReminder(t.Context(), r.Key, "run-b")
	checkErr(t, err, storage.ErrConflict, "StartReminder by a run that does not hold the key")
	checkReminder(t, mustGetReminder(t, s, r.Key), r)

	from := time.Now()
	mustStart(t, s, r.Key, "run-a")
	checkMoved(t, s, r, storage.ReminderSending, "", from, time.Now())
	sending := mustGetReminder(t, s, r.Key)
	err = s.StartReminder(t.Context(), r.Key, "run-a")
	checkErr(t, err, storage.ErrConflict, "StartReminder of a key already sending")
	checkReminder(t, mustGetReminder(t, s, r.Key), sending)
}

func testFinishReminder(t *testing.T, s storage.Store) {
	err := s.FinishReminder(t.Context(), reminderKey(404), "run-a", storage.ReminderSent, "")
	checkErr(t, err, storage.ErrNotFound, "FinishReminder of an unknown key")

	// sending → sent
	r := mustClaim(t, s, reminder(1, "run-a"), true)
	mustStart(t, s, r.Key, "run-a")
	sending := mustGetReminder(t, s, r.Key)
	err = s.FinishReminder(t.Context(), r.Key, "run-b", storage.ReminderSent, "")
	checkErr(t, err, storage.ErrConflict, "FinishReminder by a run that does not hold the key")
	checkReminder(t, mustGetReminder(t, s, r.Key), sending)
	from := time.Now()
	mustFinish(t, s, r.Key, "run-a", storage.ReminderSent, "")
	checkMoved(t, s, sending, storage.ReminderSent, "", from, time.Now())
	sent := mustGetReminder(t, s, r.Key)
	for _, st := range []storage.ReminderStatus{storage.ReminderSent, storage.ReminderFailed} {
		err = s.FinishReminder(t.Context(), r.Key, "run-a", st, "again")
		checkErr(t, err, storage.ErrConflict, "FinishReminder "+string(st)+" of a finished key")
	}
	checkReminder(t, mustGetReminder(t, s, r.Key), sent)

	// queued → failed, with the reason (dropped before it was handed over)
	q := mustClaim(t, s, reminder(2, "run-a"), true)
	from = time.Now()
	mustFinish(t, s, q.Key, "run-a", storage.ReminderFailed, "no linked account")
	checkMoved(t, s, q, storage.ReminderFailed, "no linked account", from, time.Now())

	// sending → failed
	f := mustClaim(t, s, reminder(3, "run-a"), true)
	mustStart(t, s, f.Key, "run-a")
	sending = mustGetReminder(t, s, f.Key)
	from = time.Now()
	mustFinish(t, s, f.Key, "run-a", storage.ReminderFailed, "rate limited")
	checkMoved(t, s, sending, storage.ReminderFailed, "rate limited", from, time.Now())
}

func testFinishInvalid(t *testing.T, s storage.Store) {
	r := mustClaim(t, s, reminder(1, "run-a"), true)
	for _, st := range []storage.ReminderStatus{storage.ReminderQueued, storage.ReminderSending, "", "done"} {
		err := s.FinishReminder(t.Context(), r.Key, "run-a", st, "")
		checkErr(t, err, storage.ErrInvalid, fmt.Sprintf("FinishReminder with status %q", st))
	}
	checkReminder(t, mustGetReminder(t, s, r.Key), r)
}

func testReleaseReminder(t *testing.T, s storage.Store) {
	if err := s.ReleaseReminder(t.Context(), reminderKey(404), "run-a"); err != nil {
		t.Fatalf("ReleaseReminder of an unknown key: %v", err)
	}

	// Another run's release leaves the key alone.
	r := mustClaim(t, s, reminder(1, "run-a"), true)
	if err := s.ReleaseReminder(t.Context(), r.Key, "run-b"); err != nil {
		t.Fatalf("ReleaseReminder by another run: %v", err)
	}
	checkReminder(t, mustGetReminder(t, s, r.Key), r)

	// The holder's release forgets it: a later run claims it anew.
	if err := s.ReleaseReminder(t.Context(), r.Key, "run-a"); err != nil {
		t.Fatalf("ReleaseReminder: %v", err)
	}
	_, err := s.GetReminder(t.Context(), r.Key)
	checkErr(t, err, storage.ErrNotFound, "GetReminder of a released key")
	later := reminder(1, "run-b")
	later.CreatedAt, later.UpdatedAt = at(20), at(21)
	checkReminder(t, mustClaim(t, s, later, true), queued(later))

	// A key handed over (sending) or finished is never released.
	mustStart(t, s, later.Key, "run-b")
	sending := mustGetReminder(t, s, later.Key)
	if err := s.ReleaseReminder(t.Context(), later.Key, "run-b"); err != nil {
		t.Fatalf("ReleaseReminder of a sending key: %v", err)
	}
	checkReminder(t, mustGetReminder(t, s, later.Key), sending)
	mustFinish(t, s, later.Key, "run-b", storage.ReminderSent, "")
	sent := mustGetReminder(t, s, later.Key)
	if err := s.ReleaseReminder(t.Context(), later.Key, "run-b"); err != nil {
		t.Fatalf("ReleaseReminder of a sent key: %v", err)
	}
	checkReminder(t, mustGetReminder(t, s, later.Key), sent)
}

// twoLinked stores employees 1 and 2, links 1 on Telegram and returns
// employee 1 as stored.
func twoLinked(t *testing.T, s storage.Store) storage.Employee {
	t.Helper()
	mustUpsertEmployee(t, s, employee(1, phoneA))
	mustUpsertEmployee(t, s, employee(2, phoneB))
	mustLink(t, s, nip(1), "telegram", account("5001", 1))
	want := employee(1, phoneA)
	want.Accounts = map[string]storage.Account{"telegram": account("5001", 1)}
	return want
}

// reimportKeeps imports employee 1 again, renamed, and fails unless it
// keeps what want holds; then imports employee 2 with mark applied to its
// record (a switch the import must ignore).
func reimportKeeps(t *testing.T, s storage.Store, want *storage.Employee, mark func(*storage.Employee)) {
	t.Helper()
	reimport := employee(1, phoneA)
	reimport.Name, reimport.UpdatedAt = "Nama Baru", at(100)
	mustUpsertEmployee(t, s, reimport)
	want.Name, want.UpdatedAt = reimport.Name, reimport.UpdatedAt
	checkEmployee(t, mustGetEmployee(t, s, nip(1)), *want)
	other := employee(2, phoneB)
	mark(&other)
	mustUpsertEmployee(t, s, other)
}

func testSetReminders(t *testing.T, s storage.Store) {
	want := twoLinked(t, s)
	if err := s.SetReminders(t.Context(), nip(1), false); err != nil {
		t.Fatalf("SetReminders off: %v", err)
	}
	want.RemindersOff = true
	checkEmployee(t, mustGetEmployee(t, s, nip(1)), want) // UpdatedAt untouched
	byPhone, err := s.EmployeeByPhone(t.Context(), phoneA)
	if err != nil {
		t.Fatalf("EmployeeByPhone: %v", err)
	}
	checkEmployee(t, byPhone, want)
	byAccount, err := s.EmployeeByAccount(t.Context(), "telegram", "5001")
	if err != nil {
		t.Fatalf("EmployeeByAccount: %v", err)
	}
	checkEmployee(t, byAccount, want)
	if all := mustListEmployees(t, s); len(all) != 2 || !all[0].RemindersOff || all[1].RemindersOff {
		t.Errorf("ListEmployees RemindersOff = %v, want only %s off", remindersOff(all), nip(1))
	}

	// A roster import keeps the choice, whatever its records say.
	reimportKeeps(t, s, &want, func(e *storage.Employee) { e.RemindersOff = true })
	newcomer := employee(3, "")
	newcomer.RemindersOff = true
	mustUpsertEmployee(t, s, newcomer)
	for _, n := range []int{2, 3} {
		if mustGetEmployee(t, s, nip(n)).RemindersOff {
			t.Errorf("employee %d has reminders off after UpsertEmployee, want UpsertEmployee to ignore RemindersOff", n)
		}
	}

	// Twice the same is no error; on again clears it.
	for _, on := range []bool{false, true, true} {
		if err := s.SetReminders(t.Context(), nip(1), on); err != nil {
			t.Fatalf("SetReminders(%v): %v", on, err)
		}
	}
	want.RemindersOff = false
	checkEmployee(t, mustGetEmployee(t, s, nip(1)), want)

	for _, on := range []bool{true, false} {
		err := s.SetReminders(t.Context(), nip(404), on)
		checkErr(t, err, storage.ErrNotFound, "SetReminders of an unknown NIP")
	}
	_, err = s.GetEmployee(t.Context(), nip(404))
	checkErr(t, err, storage.ErrNotFound, "GetEmployee after SetReminders of an unknown NIP")
}

func remindersOff(all []storage.Employee) map[string]bool {
	m := map[string]bool{}
	for _, e := range all {
		m[e.NIP] = e.RemindersOff
	}
	return m
}

// lastSeen is the LastSeenAt of nip's account on platform, and whether
// the account is there.
func lastSeen(t *testing.T, s storage.Store, nip, platform string) (time.Time, bool) {
	t.Helper()
	a, ok := mustGetEmployee(t, s, nip).Accounts[platform]
	return a.LastSeenAt, ok
}

func checkLastSeen(t *testing.T, s storage.Store, nip, platform string, want time.Time) {
	t.Helper()
	got, ok := lastSeen(t, s, nip, platform)
	if !ok {
		t.Fatalf("%s has no %s account", nip, platform)
	}
	if !got.Equal(ms(want)) || (want.IsZero() != got.IsZero()) {
		t.Errorf("%s's %s LastSeenAt = %v, want %v", nip, platform, got, ms(want))
	}
}

func mustTouch(t *testing.T, s storage.Store, nip, platform string, when time.Time) {
	t.Helper()
	if err := s.TouchAccount(t.Context(), nip, platform, when); err != nil {
		t.Fatalf("TouchAccount(%s, %s): %v", nip, platform, err)
	}
}

func testTouchAccount(t *testing.T, s storage.Store) {
	a := account("5001", 1)
	mustLink(t, s, nip(1), "telegram", a)
	mustLink(t, s, nip(1), "whatsapp", account("w-1", 2))
	checkLastSeen(t, s, nip(1), "telegram", time.Time{})

	mustTouch(t, s, nip(1), "telegram", at(10))
	want := employee(1, phoneA)
	seen := a
	seen.LastSeenAt = ms(at(10))
	want.Accounts = map[string]storage.Account{"telegram": seen, "whatsapp": account("w-1", 2)}
	checkEmployee(t, mustGetEmployee(t, s, nip(1)), want) // the rest of the record untouched
	got, err := s.EmployeeByAccount(t.Context(), "telegram", "5001")
	if err != nil {
		t.Fatalf("EmployeeByAccount: %v", err)
	}
	checkEmployee(t, got, want)
	if all := mustListEmployees(t, s); len(all) != 2 || !all[0].Accounts["telegram"].LastSeenAt.Equal(ms(at(10))) {
		t.Errorf("ListEmployees does not carry LastSeenAt: %+v", all)
	}

	// Never back in time; forward as given; a zero time is the store's clock.
	mustTouch(t, s, nip(1), "telegram", at(5))
	checkLastSeen(t, s, nip(1), "telegram", at(10))
	mustTouch(t, s, nip(1), "telegram", at(20).In(time.UTC))
	checkLastSeen(t, s, nip(1), "telegram", at(20))
	checkLastSeen(t, s, nip(1), "whatsapp", time.Time{})
	from := time.Now()
	mustTouch(t, s, nip(2), "telegram", time.Time{}) // not linked: nothing
	mustLink(t, s, nip(2), "playground", account("pg-2", 3))
	mustTouch(t, s, nip(2), "playground", time.Time{})
	to := time.Now()
	stamped, _ := lastSeen(t, s, nip(2), "playground")
	checkStamped(t, stamped, from, to, "LastSeenAt of a zero touch")

	// Unlinked platforms gain no account.
	mustTouch(t, s, nip(1), "playground", at(30))
	if _, ok := lastSeen(t, s, nip(1), "playground"); ok {
		t.Errorf("TouchAccount of an unlinked platform created an account")
	}
	if _, ok := lastSeen(t, s, nip(2), "telegram"); ok {
		t.Errorf("TouchAccount of an unlinked platform created an account")
	}
	if err := s.UnlinkAccount(t.Context(), nip(1), "whatsapp"); err != nil {
		t.Fatalf("UnlinkAccount: %v", err)
	}
	mustTouch(t, s, nip(1), "whatsapp", at(40))
	if _, ok := lastSeen(t, s, nip(1), "whatsapp"); ok {
		t.Errorf("TouchAccount after unlink recreated the account")
	}

	err = s.TouchAccount(t.Context(), nip(404), "telegram", at(50))
	checkErr(t, err, storage.ErrNotFound, "TouchAccount of an unknown NIP")
	if err := s.TouchAccount(t.Context(), nip(1), "signal", at(50)); err == nil {
		t.Error("TouchAccount on platform signal succeeded, want an error")
	}
	checkLastSeen(t, s, nip(1), "telegram", at(20))
}

func testLinkResetsLastSeen(t *testing.T, s storage.Store) {
	mustLink(t, s, nip(1), "telegram", account("5001", 1))
	mustTouch(t, s, nip(1), "telegram", at(10))

	// Linking the same user id again starts over.
	again := account("5001", 20)
	again.LastSeenAt = at(30) // not taken from the caller
	mustLink(t, s, nip(1), "telegram", again)
	checkLastSeen(t, s, nip(1), "telegram", time.Time{})

	// So does another user id on the platform, and the id moving to B.
	mustTouch(t, s, nip(1), "telegram", at(40))
	mustLink(t, s, nip(1), "telegram", account("5002", 41))
	checkLastSeen(t, s, nip(1), "telegram", time.Time{})
	mustTouch(t, s, nip(1), "telegram", at(50))
	mustLink(t, s, nip(2), "telegram", account("5002", 51))
	checkLastSeen(t, s, nip(2), "telegram", time.Time{})
	if _, ok := lastSeen(t, s, nip(1), "telegram"); ok {
		t.Errorf("A keeps the telegram account that moved to B")
	}
}

func mustListHolidays(t *testing.T, s storage.Store, from, to string) []storage.Holiday {
	t.Helper()
	all, err := s.ListHolidays(t.Context(), from, to)
	if err != nil {
		t.Fatalf("ListHolidays(%s, %s): %v", from, to, err)
	}
	checkNotNil(t, all, "ListHolidays")
	return all
}

func mustUpsertHoliday(t *testing.T, s storage.Store, h storage.Holiday) {
	t.Helper()
	if err := s.UpsertHoliday(t.Context(), h); err != nil {
		t.Fatalf("UpsertHoliday(%s): %v", h.Date, err)
	}
}

func testHolidays(t *testing.T, s storage.Store) {
	if got := mustListHolidays(t, s, "2026-01-01", "2026-12-31"); len(got) != 0 {
		t.Fatalf("ListHolidays of an empty store = %v", got)
	}
	natal := storage.Holiday{Date: "2026-12-25", Name: "Hari Raya Natal"}
	cuti := storage.Holiday{Date: "2026-12-24", Name: "Cuti Bersama Natal"}
	tahunBaru := storage.Holiday{Date: "2027-01-01", Name: "Tahun Baru 2027 Masehi"}
	kemerdekaan := storage.Holiday{Date: "2026-08-17", Name: "Hari Kemerdekaan RI"}
	for _, h := range []storage.Holiday{natal, tahunBaru, kemerdekaan, cuti} {
		mustUpsertHoliday(t, s, h)
	}
	checkHolidays := func(from, to string, want ...storage.Holiday) {
		t.Helper()
		if got := mustListHolidays(t, s, from, to); !reflect.DeepEqual(got, nilIfEmptyHolidays(want)) {
			t.Errorf("ListHolidays(%s, %s) = %v, want %v", from, to, got, want)
		}
	}
	checkHolidays("2026-01-01", "2027-12-31", kemerdekaan, cuti, natal, tahunBaru)
	checkHolidays("2026-12-24", "2026-12-25", cuti, natal) // inclusive at both ends
	checkHolidays("2026-12-25", "2027-01-01", natal, tahunBaru)
	checkHolidays("2026-08-18", "2026-12-23")
	checkHolidays("2026-12-25", "2026-12-25", natal)

	renamed := storage.Holiday{Date: natal.Date, Name: "Natal"}
	mustUpsertHoliday(t, s, renamed)
	checkHolidays("2026-12-01", "2026-12-31", cuti, renamed)

	for _, d := range []string{cuti.Date, cuti.Date, "2026-03-03"} { // twice, and unknown: no-ops
		if err := s.DeleteHoliday(t.Context(), d); err != nil {
			t.Fatalf("DeleteHoliday(%s): %v", d, err)
		}
	}
	checkHolidays("2026-01-01", "2027-12-31", kemerdekaan, renamed, tahunBaru)
}

// nilIfEmptyHolidays gives the empty, non-nil slice a list returns.
func nilIfEmptyHolidays(h []storage.Holiday) []storage.Holiday {
	if h == nil {
		return []storage.Holiday{}
	}
	return h
}

func testHolidayInvalid(t *testing.T, s storage.Store) {
	for _, d := range []string{"", "2026-2-3", "2026-02-30", "25-12-2026", "2026-12-25 "} {
		err := s.UpsertHoliday(t.Context(), storage.Holiday{Date: d, Name: "x"})
		checkErr(t, err, storage.ErrInvalid, fmt.Sprintf("UpsertHoliday(%q)", d))
		err = s.DeleteHoliday(t.Context(), d)
		checkErr(t, err, storage.ErrInvalid, fmt.Sprintf("DeleteHoliday(%q)", d))
	}
	if got := mustListHolidays(t, s, "", "9999-12-31"); len(got) != 0 {
		t.Errorf("ListHolidays after invalid upserts = %v, want none", got)
	}
}

// decideAs creates report n of owner on date submitted min minutes after
// the base time, on sup's list, and decides it to status unless pending.
func decideAs(t *testing.T, s storage.Store, n, owner int, date string, min, sup int, status storage.Status) storage.Activity {
	t.Helper()
	a := activity(n, owner, date, min)
	a.SupervisorNIP = nip(sup)
	mustCreateActivity(t, s, a)
	if status == storage.StatusPending {
		return mustGetActivity(t, s, a.ID)
	}
	return mustDecide(t, s, a.ID, 1, storage.Decide{To: status, ByNIP: nip(sup), At: at(min + 1)})
}

func testReportersOn(t *testing.T, s storage.Store) {
	got, err := s.ReportersOn(t.Context(), "2025-03-10")
	if err != nil {
		t.Fatalf("ReportersOn of an empty store: %v", err)
	}
	checkNotNil(t, got, "ReportersOn")
	if len(got) != 0 {
		t.Fatalf("ReportersOn of an empty store = %v", got)
	}
	// Every status counts; two reports of one person count once.
	decideAs(t, s, 1, 7, "2025-03-10", 0, 900, storage.StatusPending)
	decideAs(t, s, 2, 3, "2025-03-10", 1, 900, storage.StatusApproved)
	decideAs(t, s, 3, 7, "2025-03-10", 2, 900, storage.StatusRejected)
	decideAs(t, s, 4, 5, "2025-03-10", 3, 901, storage.StatusRevision)
	decideAs(t, s, 5, 4, "2025-03-11", 4, 900, storage.StatusPending)
	decideAs(t, s, 6, 2, "2025-03-09", 5, 900, storage.StatusApproved)
	for date, want := range map[string][]string{
		"2025-03-10": {nip(3), nip(5), nip(7)},
		"2025-03-11": {nip(4)},
		"2025-03-12": {},
	} {
		got, err := s.ReportersOn(t.Context(), date)
		if err != nil {
			t.Fatalf("ReportersOn(%s): %v", date, err)
		}
		checkNotNil(t, got, "ReportersOn")
		if !slices.Equal(got, want) {
			t.Errorf("ReportersOn(%s) = %v, want %v", date, got, want)
		}
	}
}

func mustPendingSummaries(t *testing.T, s storage.Store, before time.Time) []storage.PendingSummary {
	t.Helper()
	got, err := s.PendingSummaries(t.Context(), before)
	if err != nil {
		t.Fatalf("PendingSummaries: %v", err)
	}
	checkNotNil(t, got, "PendingSummaries")
	return got
}

func testPendingSummaries(t *testing.T, s storage.Store) {
	end := at(1000)
	if got := mustPendingSummaries(t, s, end); len(got) != 0 {
		t.Fatalf("PendingSummaries of an empty store = %v", got)
	}
	decideAs(t, s, 1, 1, "2025-03-10", 30, 901, storage.StatusPending)
	decideAs(t, s, 2, 2, "2025-03-10", 10, 901, storage.StatusPending) // oldest of 901's
	decideAs(t, s, 3, 3, "2025-03-11", 20, 901, storage.StatusPending)
	decideAs(t, s, 4, 1, "2025-03-10", 5, 901, storage.StatusApproved) // older, but decided
	decideAs(t, s, 5, 4, "2025-03-10", 40, 900, storage.StatusPending)
	decideAs(t, s, 6, 4, "2025-03-10", 1, 900, storage.StatusRevision)
	decideAs(t, s, 7, 5, "2025-03-10", 2, 902, storage.StatusRejected) // nothing pending for 902
	revisionAsked(t, s, 8)
	mustResubmit(t, s, reportID(8), 1, content(80), at(50)) // pending again, on 900's list, submitted at(8)

	checkPendingSummaries(t, mustPendingSummaries(t, s, end), []storage.PendingSummary{
		{SupervisorNIP: nip(900), Count: 2, OldestSubmittedAt: ms(at(8))},
		{SupervisorNIP: nip(901), Count: 3, OldestSubmittedAt: ms(at(10))},
	})
	// Submitted before at(20) only: at(20), at(30) and at(40) are left out.
	checkPendingSummaries(t, mustPendingSummaries(t, s, at(20)), []storage.PendingSummary{
		{SupervisorNIP: nip(900), Count: 1, OldestSubmittedAt: ms(at(8))},
		{SupervisorNIP: nip(901), Count: 1, OldestSubmittedAt: ms(at(10))},
	})
	if got := mustPendingSummaries(t, s, at(8)); len(got) != 0 {
		t.Fatalf("PendingSummaries before the first submission = %+v", got)
	}
}

func checkPendingSummaries(t *testing.T, got, want []storage.PendingSummary) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("PendingSummaries = %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i].SupervisorNIP != want[i].SupervisorNIP || got[i].Count != want[i].Count ||
			!got[i].OldestSubmittedAt.Equal(want[i].OldestSubmittedAt) || got[i].OldestSubmittedAt.Location() != time.UTC {
			t.Errorf("PendingSummaries[%d] = %+v, want %+v (UTC)", i, got[i], want[i])
		}
	}
}

func testPendingSubmittedBefore(t *testing.T, s storage.Store) {
	got, err := s.ListPendingSubmittedBefore(t.Context(), at(1000), 10)
	if err != nil {
		t.Fatalf("ListPendingSubmittedBefore of an empty store: %v", err)
	}
	checkNotNil(t, got, "ListPendingSubmittedBefore")
	decideAs(t, s, 1, 1, "2025-03-10", 30, 900, storage.StatusPending)
	decideAs(t, s, 2, 2, "2025-03-10", 10, 901, storage.StatusPending)
	decideAs(t, s, 3, 3, "2025-03-09", 20, 902, storage.StatusPending)
	decideAs(t, s, 4, 1, "2025-03-10", 5, 900, storage.StatusApproved)
	decideAs(t, s, 5, 4, "2025-03-10", 6, 900, storage.StatusRevision)
	decideAs(t, s, 6, 5, "2025-03-10", 60, 900, storage.StatusPending) // exactly at the cut-off
	decideAs(t, s, 7, 5, "2025-03-10", 70, 900, storage.StatusPending)
	decideAs(t, s, 9, 6, "2025-03-10", 20, 900, storage.StatusPending) // ties with 3: by id
	for _, c := range []struct {
		before time.Time
		limit  int
		want   []int
	}{
		{at(60), 10, []int{2, 3, 9, 1}},
		{at(60).Add(time.Millisecond), 10, []int{2, 3, 9, 1, 6}},
		{at(10), 10, nil},
		{at(1000).In(time.UTC), 10, []int{2, 3, 9, 1, 6, 7}},
		{at(1000), 3, []int{2, 3, 9}}, // the oldest first
		{at(1000), 1, []int{2}},
	} {
		got, err := s.ListPendingSubmittedBefore(t.Context(), c.before, c.limit)
		if err != nil {
			t.Fatalf("ListPendingSubmittedBefore: %v", err)
		}
		checkNotNil(t, got, "ListPendingSubmittedBefore")
		want := make([]string, len(c.want))
		for i, n := range c.want {
			want[i] = reportID(n)
		}
		if g := ids(got, activityID); g != ids(want, func(s string) string { return s }) {
			t.Errorf("ListPendingSubmittedBefore(%v) = %s, want %s", c.before, g, ids(want, func(s string) string { return s }))
		}
	}
	// The reports come back with the scheduler's fields only.
	all, _ := s.ListPendingSubmittedBefore(t.Context(), at(11), 10)
	if len(all) == 1 {
		checkActivity(t, all[0], storage.ProjectPending(mustGetActivity(t, s, reportID(2))))
	} else {
		t.Errorf("ListPendingSubmittedBefore(at(11)) = %s, want report 2", ids(all, activityID))
	}
	for _, limit := range []int{0, -1} {
		_, err := s.ListPendingSubmittedBefore(t.Context(), at(1000), limit)
		checkErr(t, err, storage.ErrInvalid, fmt.Sprintf("ListPendingSubmittedBefore(limit %d)", limit))
	}
}

func testMinutesBetween(t *testing.T, s storage.Store) {
	report := func(n, owner int, date string, minutes int, status storage.Status) {
		t.Helper()
		a := activity(n, owner, date, n)
		a.Minutes = minutes
		mustCreateActivity(t, s, a)
		if status != storage.StatusPending {
			mustDecide(t, s, a.ID, 1, storage.Decide{To: status, ByNIP: nip(900), At: at(100)})
		}
	}
	report(1, 1, "2025-03-01", 60, storage.StatusPending)
	report(2, 1, "2025-03-15", 90, storage.StatusApproved)
	report(3, 1, "2025-03-31", 30, storage.StatusRejected)
	report(4, 1, "2025-03-31", 45, storage.StatusApproved)
	report(5, 2, "2025-03-10", 120, storage.StatusRevision)
	report(6, 2, "2025-02-28", 100, storage.StatusApproved) // before the range
	report(7, 3, "2025-04-01", 100, storage.StatusPending)  // after it
	report(8, 3, "2025-03-20", 15, storage.StatusPending)
	report(9, 4, "2025-03-20", 0, storage.StatusPending) // a report of no minutes is still one
	report(10, 5, "2025-03-21", 50, storage.StatusRejected)
	for _, c := range []struct {
		from, to string
		want     map[string]int
	}{
		{"2025-03-01", "2025-03-31", map[string]int{nip(1): 60 + 90 + 45, nip(3): 15, nip(4): 0}},
		{"2025-03-15", "2025-03-15", map[string]int{nip(1): 90}},
		{"2025-02-01", "2025-04-30", map[string]int{nip(1): 195, nip(2): 100, nip(3): 115, nip(4): 0}},
		{"2025-05-01", "2025-05-31", map[string]int{}},
	} {
		got, err := s.MinutesBetween(t.Context(), c.from, c.to)
		if err != nil {
			t.Fatalf("MinutesBetween(%s, %s): %v", c.from, c.to, err)
		}
		if !maps.Equal(got, c.want) {
			t.Errorf("MinutesBetween(%s, %s) = %v, want %v", c.from, c.to, got, c.want)
		}
	}
}

// escalation is the audit entry the escalation rule appends.
func escalation(when time.Time, version int) storage.AuditEntry {
	return storage.AuditEntry{
		At: when, Action: storage.ActionEscalated, ByNIP: storage.SystemActor, Reason: "3 hari kerja",
		Rule: "escalation", Version: version,
	}
}

func testAppendAudit(t *testing.T, s storage.Store) {
	before := activity(1, 1, "2025-03-10", 0)
	mustCreateActivity(t, s, before)
	prompt := storage.MessageRef{Platform: "telegram", ChatID: "900", MessageID: "1"}
	mustAddPrompt(t, s, before.ID, prompt)
	before.Prompts = []storage.MessageRef{prompt}

	e := escalation(at(50), 1)
	from := time.Now()
	got, err := s.AppendAudit(t.Context(), before.ID, 1, e)
	if err != nil {
		t.Fatalf("AppendAudit: %v", err)
	}
	want := before
	want.Audit = append(slices.Clone(before.Audit), e)
	checkReturned(t, s, got, want, from, time.Now())

	// Still pending at version 1: it may be appended to, and decided.
	second := escalation(at(60), 1)
	second.Reason, second.Platform, second.AsAdmin = "ke admin OPD", "whatsapp", true
	got, err = s.AppendAudit(t.Context(), before.ID, 1, second)
	if err != nil {
		t.Fatalf("second AppendAudit: %v", err)
	}
	want.Audit = append(want.Audit, second)
	want.UpdatedAt = got.UpdatedAt
	checkActivity(t, got, want)
	d := storage.Decide{To: storage.StatusApproved, ByNIP: nip(900), Platform: "telegram", At: at(70)}
	mustDecide(t, s, before.ID, 1, d)
}

func testAppendAuditStamp(t *testing.T, s storage.Store) {
	mustCreateActivity(t, s, activity(1, 1, "2025-03-10", 0))
	from := time.Now()
	got, err := s.AppendAudit(t.Context(), reportID(1), 1, escalation(time.Time{}, 0))
	to := time.Now()
	if err != nil {
		t.Fatalf("AppendAudit: %v", err)
	}
	if len(got.Audit) != 2 {
		t.Fatalf("audit has %d entries, want 2", len(got.Audit))
	}
	last := got.Audit[1]
	checkStamped(t, last.At, from, to, "appended audit entry At")
	if last.Version != 1 || last.Rule != "escalation" || last.ByNIP != storage.SystemActor {
		t.Errorf("appended entry = %+v, want version 1 (the report's), rule escalation, by %s", last, storage.SystemActor)
	}
}

func testAppendAuditConflict(t *testing.T, s storage.Store) {
	_, err := s.AppendAudit(t.Context(), reportID(404), 1, escalation(at(1), 1))
	checkErr(t, err, storage.ErrNotFound, "AppendAudit to an unknown id")

	pending := activity(1, 1, "2025-03-10", 0)
	mustCreateActivity(t, s, pending)
	for _, v := range []int{0, 2} {
		_, err := s.AppendAudit(t.Context(), pending.ID, v, escalation(at(1), v))
		checkErr(t, err, storage.ErrConflict, fmt.Sprintf("AppendAudit at version %d of a report at 1", v))
	}
	checkUnchanged(t, s, pending)

	for i, st := range []storage.Status{storage.StatusApproved, storage.StatusRejected, storage.StatusRevision} {
		mustCreateActivity(t, s, activity(2+i, 1, "2025-03-10", 0))
		decidedAt := mustDecide(t, s, reportID(2+i), 1, storage.Decide{To: st, ByNIP: nip(900), At: at(5)})
		_, err := s.AppendAudit(t.Context(), decidedAt.ID, 1, escalation(at(10), 1))
		checkErr(t, err, storage.ErrConflict, "AppendAudit to a report "+string(st))
		checkUnchanged(t, s, decidedAt)
	}
}

func testDecideRule(t *testing.T, s storage.Store) {
	before := activity(1, 1, "2025-03-10", 0)
	mustCreateActivity(t, s, before)
	d := storage.Decide{To: storage.StatusApproved, ByNIP: storage.SystemActor, Reason: "batas waktu", Rule: "timeout", At: at(100)}
	from := time.Now()
	got := mustDecide(t, s, before.ID, 1, d)
	want := decided(before, d)
	want.Decision.Rule = "timeout"
	want.Audit[len(want.Audit)-1].Rule = "timeout"
	checkReturned(t, s, got, want, from, time.Now())
	if got.Decision == nil || got.Decision.Rule != "timeout" || got.Audit[len(got.Audit)-1].Rule != "timeout" {
		t.Errorf("decision %+v, last audit entry %+v: want rule timeout in both", got.Decision, got.Audit[len(got.Audit)-1])
	}

	// An ordinary decision has no rule.
	mustCreateActivity(t, s, activity(2, 1, "2025-03-10", 0))
	plain := mustDecide(t, s, reportID(2), 1, storage.Decide{To: storage.StatusRejected, ByNIP: nip(900), At: at(100)})
	if plain.Decision.Rule != "" || plain.Audit[1].Rule != "" {
		t.Errorf("decision without a rule has rule %q / %q", plain.Decision.Rule, plain.Audit[1].Rule)
	}
}
