package scheduler_test

import (
	"context"
	"strings"
	"testing"

	"github.com/kinerjabot/kinerjabot/scheduler"
	"github.com/kinerjabot/kinerjabot/storage"
)

// A supervisor who gave a team member no feedback for COACHING_NUDGE_DAYS
// gets one gentle nudge at the supervisors' time on a work day, naming
// only those members: not one given feedback within the days, not a
// leaver, not one on the roster for less than the days; not on a weekend,
// not twice in a month.
func TestCoachingNudge(t *testing.T) {
	o := newOffice(t)
	ctx := context.Background()
	const (
		nipKasi  = "197512122003121001"
		nipAni   = "199505052020122001" // given feedback 20 days ago
		nipDewi  = "199606062021012002" // none: named
		nipLeft  = "199707072022011003" // left the office
		nipFresh = "199808082023012004" // joined last week
	)
	old := utc("2026-01-05 00:00")
	for _, e := range []storage.Employee{
		{NIP: nipKasi, Name: "Kasi Yankes", Active: true, CreatedAt: old},
		{NIP: nipAni, Name: "Ani", SupervisorNIP: nipKasi, Active: true, CreatedAt: old},
		{NIP: nipDewi, Name: "Dewi", SupervisorNIP: nipKasi, Active: true, CreatedAt: old},
		{NIP: nipLeft, Name: "Lukas", SupervisorNIP: nipKasi, Active: false, CreatedAt: old},
		{NIP: nipFresh, Name: "Fajar", SupervisorNIP: nipKasi, Active: true, CreatedAt: utc("2026-11-23 00:00")},
	} {
		e.UnitCode, e.Position = "PKM", "Staf"
		if err := o.st.UpsertEmployee(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	if err := o.st.LinkAccount(ctx, nipKasi, "telegram", storage.Account{UserID: chatOf(nipKasi), ChatID: chatOf(nipKasi)}); err != nil {
		t.Fatal(err)
	}
	cg := storage.Coaching{ID: "01JQAC00000000000000000001", FromNIP: nipKasi, ToNIP: nipAni, Note: "Pelayanan bagus", At: utc("2026-11-08 02:00")}
	if err := o.st.AddCoaching(ctx, cg); err != nil {
		t.Fatal(err)
	}
	now := utc("2026-11-28 00:05") // Saturday 08:05 WITA
	s := o.scheduler(t, &now, scheduler.Options{CoachingNudgeDays: 30})
	pass(t, s, "r1")
	if got := o.out.to(chatOf(nipKasi)); len(got) != 0 {
		t.Fatalf("nudged on a Saturday: %+v", got)
	}
	for _, at := range []string{"2026-11-30 00:05", "2026-11-30 01:00", "2026-11-30 00:05"} { // Monday, three passes
		now = utc(at)
		pass(t, s, "r2")
	}
	got := o.out.to(chatOf(nipKasi))
	if len(got) != 1 || !strings.Contains(got[0].Text, "Dewi") || !strings.Contains(got[0].Text, "30 hari") {
		t.Fatalf("nudge on Monday: %+v", got)
	}
	for _, name := range []string{"Ani", "Lukas", "Fajar"} {
		if strings.Contains(got[0].Text, name) {
			t.Errorf("nudge names %s: %q", name, got[0].Text)
		}
	}
	if other := o.out.to(chatOf(nipSup)); len(other) != 0 { // dr. Rina's team joined today
		t.Errorf("a supervisor whose team is new was nudged: %+v", other)
	}
	now = utc("2026-12-01 00:05") // Tuesday, a new month: Ani's feedback is 23 days old still
	pass(t, s, "r3")
	if got := o.out.to(chatOf(nipKasi)); len(got) != 2 || strings.Contains(got[1].Text, "Ani") {
		t.Fatalf("December's nudge: %+v", got)
	}
	now = utc("2026-12-09 00:05") // Ani's feedback now 31 days old, but December's nudge went out
	pass(t, s, "r4")
	if got := o.out.to(chatOf(nipKasi)); len(got) != 2 {
		t.Errorf("a second nudge in one month: %+v", got[2:])
	}
}
