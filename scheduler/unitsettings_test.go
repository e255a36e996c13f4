package scheduler_test

import (
	"context"
	"strings"
	"testing"

	"github.com/kinerjabot/kinerjabot/scheduler"
	"github.com/kinerjabot/kinerjabot/storage"
)

// A unit's own approval SLA (inherited from the Dinas here) decides when
// its reports escalate: 4 work days are within an SLA of 5, past one of 2.
func TestEscalationFollowsTheUnitsSLA(t *testing.T) {
	for _, tc := range []struct {
		sla  int
		want int
	}{{5, 0}, {2, 1}} {
		o := newOffice(t)
		ctx := context.Background()
		u, err := o.st.GetUnit(ctx, "DINKES")
		if err != nil {
			t.Fatal(err)
		}
		u.ApprovalSLADays = tc.sla
		if err := o.st.UpsertUnit(ctx, u); err != nil {
			t.Fatal(err)
		}
		o.report(t, nipBudi, "2026-11-24", 90, utc("2026-11-24 02:00"), storage.StatusPending)
		now := utc("2026-11-30 00:05")
		pass(t, o.scheduler(t, &now, scheduler.Options{SLADays: 3}), "r1")
		if esc := o.out.to(chatOf(nipHead)); len(esc) != tc.want {
			t.Fatalf("SLA %d: %d escalations, want %d: %+v", tc.sla, len(esc), tc.want, esc)
		}
		if tc.want > 0 && !strings.Contains(o.out.to(chatOf(nipHead))[0].Text, "2 hari kerja") {
			t.Errorf("the escalation does not name the unit's SLA: %q", o.out.to(chatOf(nipHead))[0].Text)
		}
	}
}

// A unit's own staff reminder time, inherited by its sub-units: the
// Dinas reminds at 14:00 WITA, so Budi (Puskesmas under it) is reminded at
// 14:01, an hour and a half before the global 15:30; Joko's office
// (Jakarta) sets its own 16:00 WIB.
func TestStaffReminderFollowsTheUnitsTime(t *testing.T) {
	o := newOffice(t)
	ctx := context.Background()
	for code, at := range map[string]int{"DINKES": 14 * 60, "JKT": 16 * 60} {
		u, err := o.st.GetUnit(ctx, code)
		if err != nil {
			t.Fatal(err)
		}
		u.RemindStaffAt = at
		if err := o.st.UpsertUnit(ctx, u); err != nil {
			t.Fatal(err)
		}
	}
	now := utc("2026-11-30 06:01") // Monday 14:01 WITA, 13:01 WIB
	s := o.scheduler(t, &now, scheduler.Options{MonthEndWarningDays: -1})
	pass(t, s, "r1")
	if len(o.out.to(chatOf(nipBudi))) != 1 || len(o.out.to(chatOf(nipJkt))) != 0 {
		t.Fatalf("at 14:01 WITA: Budi %d, Joko %d reminders; want 1, 0",
			len(o.out.to(chatOf(nipBudi))), len(o.out.to(chatOf(nipJkt))))
	}
	now = utc("2026-11-30 09:01") // 16:01 WIB
	pass(t, s, "r2")
	if len(o.out.to(chatOf(nipJkt))) != 1 {
		t.Fatalf("Joko not reminded at 16:01 WIB")
	}
}
