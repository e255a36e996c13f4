package scheduler_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/scheduler"
	"github.com/kinerjabot/kinerjabot/storage"
)

func (o *office) leave(t *testing.T, nips ...string) {
	t.Helper()
	o.update(t, func(e *storage.Employee) { e.Active = false }, nips...)
}

// People the roster marks inactive are told once, per linked account, and
// unlinked, even when they blocked the bot (reminders off or not); they get
// no reminders.
func TestLeaversAreToldOnceAndUnlinked(t *testing.T) {
	o := newOffice(t)
	ctx := context.Background()
	o.leave(t, nipBudi, nipSari)
	o.out.beforeDeliver = func(r bot.Reply) error {
		if r.Chat.ChatID == chatOf(nipSari) {
			return fmt.Errorf("forbidden: %w", bot.ErrBlocked)
		}
		return nil
	}
	now := utc("2026-11-30 07:31") // 15:31 WITA: staff reminders due
	s := o.scheduler(t, &now, scheduler.Options{MonthEndWarningDays: -1})
	pass(t, s, "r1")
	told := o.out.to(chatOf(nipBudi))
	if len(told) != 1 || !strings.Contains(told[0].Text, "kini berstatus tidak aktif") || !told[0].RemoveKeyboard {
		t.Fatalf("to Budi: %+v", told)
	}
	for _, nip := range []string{nipBudi, nipSari} {
		if e, _ := o.st.GetEmployee(ctx, nip); len(e.Accounts) != 0 {
			t.Fatalf("%s still linked: %+v", nip, e.Accounts)
		}
	}
	if got := o.out.to(chatOf(nipSup)); len(got) != 1 || !strings.Contains(got[0].Text, "belum melaporkan") {
		t.Fatalf("an active colleague's reminder: %+v", got)
	}
	before := o.out.total()
	now = now.Add(time.Minute)
	if st := pass(t, s, "r2"); st.Sent != 0 || o.out.total() != before {
		t.Fatalf("second pass: %+v", st)
	}
}

// A supervisor who leaves: their team's pending reports go to the next
// supervisor up, who gets the prompts; the owners are told; the leaver is
// told and unlinked.
func TestSupervisorWhoLeavesHandsTheTeamsReportsUp(t *testing.T) {
	o := newOffice(t)
	ctx := context.Background()
	budi := o.prompted(t, nipBudi, "Pelayanan pasien")
	sari := o.prompted(t, nipSari, "Pelayanan pasien")
	o.leave(t, nipSup)
	now := utc("2026-11-30 03:00")
	pass(t, o.rerouting(t, &now, scheduler.Options{}), "r1")
	for _, id := range []string{budi.ID, sari.ID} {
		if a, _ := o.st.GetActivity(ctx, id); a.SupervisorNIP != nipHead || a.Status != storage.StatusPending {
			t.Fatalf("report %s on %s's list", id, a.SupervisorNIP)
		}
	}
	if _, prompts, _ := split(o.out.to(chatOf(nipHead))); len(prompts) != 2 {
		t.Fatalf("to the next supervisor up: %+v", o.out.to(chatOf(nipHead)))
	}
	for _, nip := range []string{nipBudi, nipSari} {
		if got := o.out.to(chatOf(nip)); len(got) != 1 || !strings.Contains(got[0].Text, "kini diputuskan oleh Kepala Dinas") {
			t.Fatalf("to %s: %+v", nip, got)
		}
	}
	edits, _, other := split(o.out.to(chatOf(nipSup)))
	if len(edits) != 2 || len(other) != 1 || !strings.Contains(other[0].Text, "tidak aktif") {
		t.Fatalf("to the leaver: %+v", o.out.to(chatOf(nipSup)))
	}
	if e, _ := o.st.GetEmployee(ctx, nipSup); len(e.Accounts) != 0 {
		t.Fatalf("the leaver still linked: %+v", e.Accounts)
	}
}
