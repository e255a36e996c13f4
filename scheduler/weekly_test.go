package scheduler_test

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/kinerjabot/kinerjabot/scheduler"
	"github.com/kinerjabot/kinerjabot/storage"
)

// On Monday from 07:30 in the unit's zone, each unit head gets last week's
// figures of their unit and each admin those of their branch, once, even
// with two schedulers passing at the same moment; staff get none, nor
// does a head who turned it off.
func TestWeeklyDigestGoesToHeadsAndAdminsOnce(t *testing.T) {
	o := newOffice(t)
	ctx := context.Background()
	o.update(t, func(e *storage.Employee) { e.Role = storage.RoleAdmin }, nipSari)
	if err := o.st.SetDigest(ctx, nipHead, false); err != nil {
		t.Fatal(err)
	}
	// Last week (23–29 Nov): 4 of 5 people × 5 work days reported.
	for _, r := range []struct{ nip, date string }{
		{nipBudi, "2026-11-23"}, {nipBudi, "2026-11-24"}, {nipBudi, "2026-11-25"}, {nipSari, "2026-11-23"},
	} {
		o.report(t, r.nip, r.date, 60, utc(r.date+" 08:00"), storage.StatusApproved)
	}
	o.report(t, nipBudi, "2026-11-20", 60, utc("2026-11-20 08:00"), storage.StatusPending) // 6 work days pending
	for i, date := range []string{"2026-11-24", "2026-11-26"} {
		sv := storage.Survey{ID: "svy-w" + string(rune('0'+i)), UnitCode: "PKM", Date: date, Mode: storage.SurveySKM,
			Answers: []int{4, 4, 4, 4, 4, 4, 4, 4, 4}, ChatHash: "h", At: utc(date + " 02:00")}
		if err := o.st.AddSurvey(ctx, sv); err != nil {
			t.Fatal(err)
		}
	}
	for _, nip := range []string{nipBudi, nipSari} { // one not yet rated, one rated
		ev, _, err := o.st.PrepareEvaluation(ctx, storage.Evaluation{NIP: nip, UnitCode: "PKM", Period: "2026-Q3", SupervisorNIP: nipSup})
		if err != nil {
			t.Fatal(err)
		}
		if nip == nipSari {
			rate := storage.EvalStep{To: storage.EvalRated, ByNIP: nipSup, Hasil: storage.RatingAbove, Perilaku: storage.RatingMeets,
				Predikat: storage.PredikatBaik}
			if _, err := o.st.StepEvaluation(ctx, ev.ID, ev.Version, rate); err != nil {
				t.Fatal(err)
			}
		}
	}
	now := utc("2026-11-29 23:35") // Monday 07:35 WITA, 06:35 WIB
	opt := scheduler.Options{WeeklyDigest: true, ConsoleURL: "https://konsol.example.go.id/console/"}
	one, two := o.scheduler(t, &now, opt), o.scheduler(t, &now, opt)
	var wg sync.WaitGroup
	for run, s := range map[string]*scheduler.Scheduler{"r1": one, "r2": two} {
		wg.Add(1)
		go func() { defer wg.Done(); pass(t, s, run) }()
	}
	wg.Wait()

	got := map[string][]string{}
	for _, nip := range []string{nipHead, nipSup, nipBudi, nipSari, nipOff, nipJkt} {
		for _, r := range o.out.to(chatOf(nip)) {
			got[nip] = append(got[nip], r.Text)
		}
	}
	if len(got[nipSup]) != 1 || len(got[nipSari]) != 1 || len(got) != 2 {
		t.Fatalf("digests: %q; want one to the head of PKM and one to its admin", got)
	}
	head, admin := got[nipSup][0], got[nipSari][0]
	for _, want := range []string{"Ringkasan mingguan Puskesmas Sempaja", "Senin, 23 November 2026 – Minggu, 29 November 2026", "Kepatuhan lapor: 16% (4 dari 25",
		"melewati batas waktu: 1", "belum dinilai: 1", "IKM: 100.00 (2 responden), minggu sebelumnya –",
		"https://konsol.example.go.id/console/", "/pengingat ringkasan off"} {
		if !strings.Contains(head, want) {
			t.Errorf("the head's digest lacks %q:\n%s", want, head)
		}
	}
	if !strings.Contains(admin, "Puskesmas Sempaja dan unit di bawahnya") || !strings.Contains(admin, "16% (4 dari 25") {
		t.Errorf("the admin's digest:\n%s", admin)
	}

	// Later that morning nothing more; in Jakarta (an hour behind) its
	// own unit head's comes at 07:30 WIB.
	before := len(o.out.to(chatOf(nipSup)))
	now = utc("2026-11-29 23:55")
	pass(t, one, "r3")
	if n := len(o.out.to(chatOf(nipSup))); n != before {
		t.Errorf("the head got %d messages after a second pass, want %d", n, before)
	}
	now = utc("2026-11-30 00:31")
	pass(t, two, "r4")
	if jkt := o.out.to(chatOf(nipJkt)); len(jkt) != 1 || !strings.Contains(jkt[0].Text, "Kantor Penghubung Jakarta") {
		t.Errorf("Jakarta's head (their supervisor is in another unit): %+v", jkt)
	}
}

// Only on Monday from the time, for the Window after it.
func TestWeeklyDigestOnlyOnMondayMorning(t *testing.T) {
	o := newOffice(t)
	for at, want := range map[string]int{
		"2026-11-29 23:25": 0, // Monday 07:25 WITA
		"2026-11-29 23:30": 2, // 07:30: the heads of DINKES and PKM
		"2026-11-30 02:29": 3, // 10:29 WITA, 09:29 WIB: Jakarta's too
		"2026-11-30 02:31": 1, // 10:31 WITA: past the window; Jakarta's still
		"2026-11-30 23:35": 0, // Tuesday
		"2026-11-29 00:00": 0, // Sunday
	} {
		now := utc(at)
		s := o.scheduler(t, &now, scheduler.Options{WeeklyDigest: true, WeeklyDigestAt: 7*60 + 30})
		items, err := s.Plan(context.Background(), now, "")
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, it := range items {
			if it.Kind == scheduler.KindWeekly {
				n++
			}
		}
		if n != want {
			t.Errorf("at %s: %d weekly digests, want %d", at, n, want)
		}
	}
}
