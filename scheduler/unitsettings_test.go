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
