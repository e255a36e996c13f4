package scheduler_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/button"
	"github.com/kinerjabot/kinerjabot/handlers"
	"github.com/kinerjabot/kinerjabot/roster"
	"github.com/kinerjabot/kinerjabot/scheduler"
	"github.com/kinerjabot/kinerjabot/storage"
)

// rerouting is a scheduler at now with the flows' prompt builders, as the
// app wires it.
func (o *office) rerouting(t *testing.T, now *time.Time, opt scheduler.Options) *scheduler.Scheduler {
	t.Helper()
	router := handlers.New(o.st, nil, handlers.Options{})
	opt.ReroutedPrompts, opt.RerouteEdits, opt.Track = router.ReroutedPrompts, router.RerouteEdits, router.Applier(o.st).Sent
	opt.MonthEndWarningDays = -1
	return o.scheduler(t, now, opt)
}

// prompted files a report by nip with its prompt to the supervisor's chat.
func (o *office) prompted(t *testing.T, nip, desc string) storage.Activity {
	t.Helper()
	a := o.report(t, nip, "2026-11-30", 60, utc("2026-11-30 01:00"), storage.StatusPending)
	ref := storage.MessageRef{Platform: "telegram", ChatID: chatOf(a.SupervisorNIP), MessageID: "p-" + a.ID, To: a.SupervisorNIP}
	if err := o.st.AddPrompt(context.Background(), a.ID, ref); err != nil {
		t.Fatal(err)
	}
	return a
}

// update changes people on the roster as an import would.
func (o *office) update(t *testing.T, change func(*storage.Employee), nips ...string) {
	t.Helper()
	for _, nip := range nips {
		e, err := o.st.GetEmployee(context.Background(), nip)
		if err != nil {
			t.Fatal(err)
		}
		change(&e)
		if err := o.st.UpsertEmployee(context.Background(), e); err != nil {
			t.Fatal(err)
		}
	}
}

func (o *office) setSupervisor(t *testing.T, nip, sup string) {
	t.Helper()
	o.update(t, func(e *storage.Employee) { e.SupervisorNIP = sup }, nip)
}

func split(rs []bot.Reply) (edits, prompts, other []bot.Reply) {
	for _, r := range rs {
		switch {
		case r.Edit != nil:
			edits = append(edits, r)
		case r.Track != "":
			prompts = append(prompts, r)
		default:
			other = append(other, r)
		}
	}
	return
}

// When the roster names another supervisor, a pass moves the pending
// reports (audit "rerouted", from and to), the new supervisor gets their
// prompts (recorded, so a decision edits them), the old prompts say where
// the reports went, the owner is told once; the next pass sends nothing.
// With reminders off, the move and its notices happen all the same.
func TestSupervisorChangeMovesPendingReports(t *testing.T) {
	o := newOffice(t)
	ctx := context.Background()
	first := o.prompted(t, nipBudi, "Pelayanan pasien")
	second := o.prompted(t, nipBudi, "Pelayanan pasien")
	sari := o.prompted(t, nipSari, "Pelayanan pasien")
	o.setSupervisor(t, nipBudi, nipHead)
	now := utc("2026-11-30 07:31") // staff reminders would be due: they are off
	s := o.rerouting(t, &now, scheduler.Options{RemindersOff: true})

	st := pass(t, s, "r1")
	if st.Sent != 3 { // two reports (prompt and edit each), one notice to Budi
		t.Fatalf("pass: %+v", st)
	}
	for _, id := range []string{first.ID, second.ID} {
		a, _ := o.st.GetActivity(ctx, id)
		last := a.Audit[len(a.Audit)-1]
		if a.SupervisorNIP != nipHead || last.Action != storage.ActionRerouted || last.From != nipSup || last.To != nipHead ||
			last.Rule != roster.RuleChanged || last.ByNIP != storage.SystemActor {
			t.Fatalf("report %s after the pass: %s, audit %+v", id, a.SupervisorNIP, last)
		}
		if n := len(a.Prompts); n != 2 || a.Prompts[1].To != nipHead || a.Prompts[1].ChatID != chatOf(nipHead) {
			t.Fatalf("prompts of %s: %+v", id, a.Prompts)
		}
	}
	if a, _ := o.st.GetActivity(ctx, sari.ID); a.SupervisorNIP != nipSup || len(a.Audit) != 1 {
		t.Fatalf("Sari's report moved: %+v", a)
	}
	_, prompts, other := split(o.out.to(chatOf(nipHead)))
	if len(prompts) != 2 || len(other) != 0 || !strings.HasPrefix(prompts[0].Text, "↪️ Dialihkan kepada Anda") ||
		!decodesAs[button.Decide](prompts[0].Buttons[0][0].Data) {
		t.Fatalf("to the new supervisor: %+v", o.out.to(chatOf(nipHead)))
	}
	edits, prompts, other := split(o.out.to(chatOf(nipSup)))
	if len(edits) != 2 || len(prompts)+len(other) != 0 || len(edits[0].Buttons) != 0 ||
		!strings.Contains(edits[0].Text, "Dialihkan ke Kepala Dinas") {
		t.Fatalf("to the old supervisor: %+v", o.out.to(chatOf(nipSup)))
	}
	told := o.out.to(chatOf(nipBudi))
	if len(told) != 1 || !strings.Contains(told[0].Text, "2 laporan Anda yang menunggu persetujuan kini diputuskan oleh Kepala Dinas") {
		t.Fatalf("to the owner: %+v", told)
	}
	if o.out.total() != 5 {
		t.Fatalf("%d messages in all, want 5 (no reminder)", o.out.total())
	}
	key := fmt.Sprintf("reroute:%s:%d", first.ID, now.UnixMilli())
	if r, err := o.st.GetReminder(ctx, key); err != nil || r.Status != storage.ReminderSent {
		t.Fatalf("key %s: %+v, %v", key, r, err)
	}
	now = now.Add(time.Minute)
	if st := pass(t, s, "r2"); st.Sent != 0 || st.Already != 3 || o.out.total() != 5 {
		t.Fatalf("second pass: %+v, %d messages", st, o.out.total())
	}
}

// More than five reports moving to one approver at once: one message
// pointing to the list instead of a prompt each; the old prompts are still
// edited one by one.
func TestManyMovedReportsGetOneMessage(t *testing.T) {
	o := newOffice(t)
	for range 6 {
		o.prompted(t, nipBudi, "Pelayanan pasien")
	}
	o.setSupervisor(t, nipBudi, nipHead)
	now := utc("2026-11-30 03:00")
	pass(t, o.rerouting(t, &now, scheduler.Options{}), "r1")
	edits, prompts, other := split(o.out.to(chatOf(nipHead)))
	if len(edits)+len(prompts) != 0 || len(other) != 1 || !strings.Contains(other[0].Text, "6 laporan dialihkan kepada Anda") ||
		!decodesAs[button.OpenApprovals](other[0].Buttons[0][0].Data) {
		t.Fatalf("to the new supervisor: %+v", o.out.to(chatOf(nipHead)))
	}
	if edits, _, _ := split(o.out.to(chatOf(nipSup))); len(edits) != 6 {
		t.Fatalf("old prompts edited: %d", len(edits))
	}
	if told := o.out.to(chatOf(nipBudi)); len(told) != 1 || !strings.Contains(told[0].Text, "6 laporan Anda") {
		t.Fatalf("to the owner: %+v", told)
	}
}

// A pass that moved reports and stopped before their notices (a crash):
// the next pass, within the window, sends them; not after it.
func TestNoticesOfAMoveSurviveACrash(t *testing.T) {
	for _, tc := range []struct {
		name  string
		after time.Duration
		want  int
	}{{"within the window", time.Hour, 3}, {"past the window", 4 * time.Hour, 0}} {
		t.Run(tc.name, func(t *testing.T) {
			o := newOffice(t)
			a := o.prompted(t, nipBudi, "Pelayanan pasien")
			moved := utc("2026-11-30 03:00")
			o.setSupervisor(t, nipBudi, nipHead)
			if _, err := o.st.RerouteActivity(context.Background(), a.ID, 1, storage.AuditEntry{At: moved, Action: storage.ActionRerouted,
				ByNIP: storage.SystemActor, Rule: roster.RuleChanged, From: nipSup, To: nipHead}); err != nil {
				t.Fatal(err)
			}
			now := moved.Add(tc.after)
			pass(t, o.rerouting(t, &now, scheduler.Options{Window: 3 * time.Hour}), "r2")
			if got := o.out.total(); got != tc.want {
				t.Fatalf("%d messages, want %d", got, tc.want)
			}
		})
	}
}

// deciding decides the report as the pass claims its key: between the
// plan and the messages.
type deciding struct {
	storage.Store
	report string
}

func (d deciding) ClaimReminder(ctx context.Context, r storage.Reminder) (bool, storage.Reminder, error) {
	if r.Kind == scheduler.KindReroute {
		if _, err := d.DecideActivity(ctx, d.report, 1, storage.Decide{To: storage.StatusApproved, ByNIP: nipHead}); err != nil {
			return false, storage.Reminder{}, err
		}
	}
	return d.Store.ClaimReminder(ctx, r)
}

// A report decided between its move and its notices owes no prompt, and
// its key is released (no later pass plans it: it is no longer pending).
func TestReportDecidedAfterItsMoveOwesNoPrompt(t *testing.T) {
	o := newOffice(t)
	a := o.prompted(t, nipBudi, "Pelayanan pasien")
	o.setSupervisor(t, nipBudi, nipHead)
	now := utc("2026-11-30 03:00")
	router := handlers.New(o.st, nil, handlers.Options{})
	s, err := scheduler.New(deciding{o.st, a.ID}, nil, map[bot.Platform]scheduler.Outbox{bot.Telegram: o.out}, scheduler.Options{
		Now: func() time.Time { return now }, ReroutedPrompts: router.ReroutedPrompts, RerouteEdits: router.RerouteEdits})
	if err != nil {
		t.Fatal(err)
	}
	pass(t, s, "r1")
	if got := o.out.to(chatOf(nipHead)); len(got) != 0 {
		t.Fatalf("messages for a decided report: %+v", got)
	}
	key := fmt.Sprintf("reroute:%s:%d", a.ID, now.UnixMilli())
	if r, err := o.st.GetReminder(context.Background(), key); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("key %s: %+v, %v; want released", key, r, err)
	}
}
