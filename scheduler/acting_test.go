package scheduler_test

import (
	"context"
	"strings"
	"testing"

	"github.com/kinerjabot/kinerjabot/scheduler"
	"github.com/kinerjabot/kinerjabot/storage"
)

// While Sari acts (Plt) for the head's post, overdue reports escalate to
// her, not to the head; a Plh of the supervisor gets the digest, and the
// escalation still goes to the post above the one she acts for.
func TestEscalationAndDigestGoToTheActingPerson(t *testing.T) {
	o := newOffice(t)
	ctx := context.Background()
	o.report(t, nipBudi, "2026-11-24", 90, utc("2026-11-24 02:00"), storage.StatusPending)
	if err := o.st.ReplaceActing(ctx, []storage.Acting{{ActingNIP: nipSari, ForNIP: nipHead, From: "2026-11-30", To: "2026-11-30"}}); err != nil {
		t.Fatal(err)
	}
	now := utc("2026-11-30 00:05") // 08:05 WITA
	s := o.rerouting(t, &now, scheduler.Options{SLADays: 3})
	pass(t, s, "r1")
	if esc := o.out.to(chatOf(nipSari)); len(esc) != 1 || !strings.Contains(esc[0].Text, "dr. Rina: 1 laporan") {
		t.Fatalf("escalation to the Plt: %+v", esc)
	}
	if esc := o.out.to(chatOf(nipHead)); len(esc) != 0 {
		t.Fatalf("the head got %+v while a Plt acts", esc)
	}

	// The next day Lina acts (Plh) for dr. Rina: the pass moves the report
	// to her; her digest lists it, and the head (nobody acts for him now)
	// gets the escalation about dr. Rina's post.
	if err := o.st.ReplaceActing(ctx, []storage.Acting{{ActingNIP: nipJkt, ForNIP: nipSup, From: "2026-12-01", To: "2026-12-01"}}); err != nil {
		t.Fatal(err)
	}
	now = utc("2026-12-01 00:05")
	pass(t, s, "r2")
	if a, err := o.st.ListActivities(ctx, nipBudi, "2026-11-01", "2026-12-31"); err != nil || a[0].SupervisorNIP != nipJkt {
		t.Fatalf("report not on the Plh's list: %+v %v", a, err)
	}
	if d := o.out.to(chatOf(nipJkt)); len(d) == 0 {
		t.Fatal("the Plh got nothing")
	}
	if esc := o.out.to(chatOf(nipHead)); len(esc) != 1 {
		t.Fatalf("escalation to the head: %+v", esc)
	}
}
