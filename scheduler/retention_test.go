package scheduler_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/conversation/redistest"
	"github.com/kinerjabot/kinerjabot/retention"
	"github.com/kinerjabot/kinerjabot/scheduler"
	"github.com/kinerjabot/kinerjabot/storage"
	"github.com/kinerjabot/kinerjabot/storage/sqlite"
)

// The retention job runs on the pass of the replica holding the lease,
// once a day from RETENTION_AT: it deletes by each record's age, whoever
// its person is (a leaver's fresh photo stays, their old one goes), takes
// the photos of abandoned drafts off the disk, and records its counts where
// any replica reads them.
func TestRetentionJobDeletesByAgeOnceADay(t *testing.T) {
	ctx := context.Background()
	o, rdb := retentionOffice(t)
	st := o.st
	now := utc("2026-12-06 19:35") // 02:35 WIB on Monday the 7th
	days := func(d int) time.Time { return now.Add(-time.Duration(d) * 24 * time.Hour) }
	o.photo(t, "old", o.report(t, nipBudi), days(800))           // past two years: goes
	o.photo(t, "leaverfresh", o.report(t, nipSari), days(10))    // a leaver's recent photo: stays
	o.photo(t, "leaverold", o.report(t, nipSari), days(731))     // a leaver's old photo: goes
	o.photo(t, "draftold", "01JQARDRAFT00000000000001", days(8)) // abandoned draft: goes
	o.photo(t, "draftnew", "01JQARDRAFT00000000000002", days(2)) // a draft that may still be sent: stays
	for i, at := range []time.Time{days(40), days(5)} {
		sv := storage.Survey{ID: "svy-" + string(rune('a'+i)), UnitCode: "PKM", Date: at.Format(time.DateOnly),
			Mode: storage.SurveyQuick, Answers: []int{4}, ChatHash: "c0ffee", At: at}
		if err := st.AddSurvey(ctx, sv); err != nil {
			t.Fatal(err)
		}
	}
	for nip, exp := range map[string]time.Time{nipBudi: days(31), nipSup: days(5)} {
		if err := st.IssueLinkCode(ctx, storage.LinkCode{NIP: nip, CodeHash: "h" + nip, ExpiresAt: exp}); err != nil {
			t.Fatal(err)
		}
	}

	counted := map[string]int{}
	job := retention.NewJob(st, rdb, retention.Options{
		Rules: retention.Rules{EvidenceDays: 730, DraftPhotoDays: 7, SurveyHashDays: 30, LinkCodeDays: 30},
		At:    2*60 + 30, Zone: jakarta(t), Prefix: rdb.Prefix, Now: func() time.Time { return now },
		OnDeleted: func(k string, n int) { counted[k] += n },
	})
	before := now
	now = utc("2026-12-06 19:20") // 02:20 WIB: not yet
	s, err := scheduler.New(st, nil, map[bot.Platform]scheduler.Outbox{bot.Telegram: newOutbox()},
		scheduler.Options{Now: func() time.Time { return now }, Chores: []scheduler.Chore{job}})
	if err != nil {
		t.Fatal(err)
	}
	pass(t, s, "r1")
	if _, err := retention.Last(ctx, rdb, rdb.Prefix); !errors.Is(err, retention.ErrNoRun) {
		t.Fatalf("before RETENTION_AT: Last = %v, want ErrNoRun", err)
	}
	now = before
	pass(t, s, "r2")

	for name, gone := range map[string]bool{"old": true, "leaverfresh": false, "leaverold": true, "draftold": true, "draftnew": false} {
		o.checkPhoto(t, name, gone)
	}
	last, err := retention.Last(ctx, rdb, rdb.Prefix)
	if err != nil {
		t.Fatal(err)
	}
	want := map[retention.Kind]int{retention.Evidence: 2, retention.DraftPhoto: 1, retention.SurveyChat: 1, retention.LinkCode: 1}
	for k, n := range want {
		if last.Deleted[k] != n || counted[string(k)] != n {
			t.Errorf("%s: report %d, counter %d; want %d", k, last.Deleted[k], counted[string(k)], n)
		}
	}
	if last.Day != "2026-12-07" || last.More || last.Error != "" || !last.At.Equal(now) {
		t.Errorf("report %+v", last)
	}
	// The same day again: nothing runs; the kept code still redeems.
	now = now.Add(time.Hour)
	pass(t, s, "r3")
	if again, _ := retention.Last(ctx, rdb, rdb.Prefix); !again.At.Equal(last.At) {
		t.Errorf("ran twice on one day: %+v", again)
	}
	if _, err := st.RedeemLinkCode(ctx, nipSup, "h"+nipSup, "telegram:1", days(6)); err != nil {
		t.Errorf("the code within retention: %v", err)
	}
	if _, err := st.RedeemLinkCode(ctx, nipBudi, "h"+nipBudi, "telegram:1", days(40)); !errors.Is(err, storage.ErrLinkCodeNone) {
		t.Errorf("the expired code: %v, want it deleted", err)
	}
}

// A backlog larger than one pass's batches, or than its time, is taken over
// several passes of the same day, each bounded, the report adding up.
func TestRetentionJobTakesABacklogInBoundedPasses(t *testing.T) {
	ctx := context.Background()
	o, rdb := retentionOffice(t)
	st := o.st
	now := utc("2026-12-07 03:00")
	id := o.report(t, nipBudi)
	for i := range 7 {
		o.photo(t, "p"+string(rune('a'+i)), id, now.AddDate(0, 0, -800))
	}
	job := retention.NewJob(st, rdb, retention.Options{Rules: retention.Rules{EvidenceDays: 730},
		Prefix: rdb.Prefix, Now: func() time.Time { return now }, Batch: 2, Batches: 2})
	var runs []retention.Report
	for range 3 {
		if err := job.RunDue(ctx); err != nil {
			t.Fatal(err)
		}
		r, _ := retention.Last(ctx, rdb, rdb.Prefix)
		runs = append(runs, r)
		now = now.Add(time.Minute)
	}
	if runs[0].Deleted[retention.Evidence] != 4 || !runs[0].More {
		t.Errorf("first pass: %+v, want 4 (2 batches of 2) and more", runs[0])
	}
	if runs[1].Deleted[retention.Evidence] != 7 || runs[1].More {
		t.Errorf("second pass: %+v, want 7 in all, done", runs[1])
	}
	if !runs[2].At.Equal(runs[1].At) {
		t.Errorf("third pass ran again: %+v", runs[2])
	}
}

type retentionFixture struct {
	st   *sqlite.Store
	ids  map[string]string
	seq  int
	unit string
}

// retentionOffice: an embedded store with Budi (active), Sari (who
// left), their supervisor; and a Redis.
func retentionOffice(t *testing.T) (*retentionFixture, *redistest.Client) {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	st, err := sqlite.Open(ctx, filepath.Join(dir, "kb.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close(context.Background()) })
	if err := st.UpsertUnit(ctx, storage.Unit{Code: "PKM", Name: "Puskesmas", Timezone: "Asia/Jakarta"}); err != nil {
		t.Fatal(err)
	}
	for _, e := range []storage.Employee{
		{NIP: nipSup, Name: "dr. Rina", UnitCode: "PKM", Position: "Kepala", Active: true},
		{NIP: nipBudi, Name: "Budi", UnitCode: "PKM", SupervisorNIP: nipSup, Position: "Staf", Active: true},
		{NIP: nipSari, Name: "Sari", UnitCode: "PKM", SupervisorNIP: nipSup, Position: "Staf", Active: false},
	} {
		if err := st.UpsertEmployee(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	return &retentionFixture{st: st, ids: map[string]string{}, unit: "PKM"}, redistest.New(t)
}

// report files a report by nip and returns its id.
func (f *retentionFixture) report(t *testing.T, nip string) string {
	t.Helper()
	f.seq++
	id := "01JQARRET" + string(rune('A'+f.seq)) + "0000000000000000"
	a := storage.Activity{ID: id, NIP: nip, UnitCode: f.unit, SupervisorNIP: nipSup, Date: "2024-01-02",
		Content: storage.Content{Minutes: 30, Description: "Pelayanan"}, Status: storage.StatusPending, Version: 1}
	if err := f.st.CreateActivity(context.Background(), a); err != nil {
		t.Fatal(err)
	}
	return id
}

// photo stores a photo named name for the report (or draft) id, sent at.
func (f *retentionFixture) photo(t *testing.T, name, activityID string, at time.Time) {
	t.Helper()
	f.seq++
	id := "01JQAERET" + string(rune('A'+f.seq)) + "0000000000000000"
	f.ids[name] = id
	e := storage.Evidence{ID: id, ActivityID: activityID, NIP: nipBudi, SHA256: "00", Size: 3, MIME: "image/jpeg",
		Bands: []int{f.seq}, CreatedAt: at}
	if err := f.st.PutEvidence(context.Background(), e, []byte{0xff, 0xd8, byte(f.seq)}); err != nil {
		t.Fatal(err)
	}
}

// checkPhoto fails unless the photo's record and bytes are both gone (or
// both there; the store deletes them together, storage/sqlite's tests).
func (f *retentionFixture) checkPhoto(t *testing.T, name string, gone bool) {
	t.Helper()
	id := f.ids[name]
	_, err := f.st.GetEvidence(context.Background(), id)
	if gotGone := errors.Is(err, storage.ErrNotFound); gotGone != gone {
		t.Errorf("photo %s: record gone %v, want %v (%v)", name, gotGone, gone, err)
	}
	data, err := f.st.EvidenceData(context.Background(), id)
	if gotGone := errors.Is(err, storage.ErrNotFound); gotGone != gone || !gone && len(data) != 3 {
		t.Errorf("photo %s: bytes %x, %v; want gone %v", name, data, err, gone)
	}
}

func jakarta(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Asia/Jakarta")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// Past its time budget a pass takes one batch of each kind, and the next
// pass goes on: a backlog still drains.
func TestRetentionJobKeepsToItsBudget(t *testing.T) {
	ctx := context.Background()
	o, rdb := retentionOffice(t)
	now := utc("2026-12-07 03:00")
	id := o.report(t, nipBudi)
	for i := range 5 {
		o.photo(t, "p"+string(rune('a'+i)), id, now.AddDate(0, 0, -800))
	}
	job := retention.NewJob(o.st, rdb, retention.Options{Rules: retention.Rules{EvidenceDays: 730},
		Prefix: rdb.Prefix, Now: func() time.Time { return now }, Batch: 2, Batches: 100, Budget: time.Nanosecond})
	want := []int{2, 4, 5}
	for pass, n := range want {
		if err := job.RunDue(ctx); err != nil {
			t.Fatal(err)
		}
		r, _ := retention.Last(ctx, rdb, rdb.Prefix)
		if r.Deleted[retention.Evidence] != n || r.More != (pass < 2) {
			t.Errorf("pass %d: %+v, want %d deleted, more %v", pass+1, r, n, pass < 2)
		}
	}
}
