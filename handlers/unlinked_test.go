package handlers

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/conversation"
	"github.com/kinerjabot/kinerjabot/storage"
)

// A chat whose account was unlinked in the middle of a flow that needs a
// registered person (its account moved to another chat, or the person left
// the roster) ends the flow and is asked to register, instead of failing on
// every message (found by FuzzRouterInput).
func TestUnlinkedChatMidFlowIsAskedToRegister(t *testing.T) {
	st := rosterStore(t)
	r := newRouter(st, "id")
	for _, s := range []conversation.Session{
		{Flow: string(flowReport), State: string(stDesc)},
		{Flow: string(flowFeedback), State: string(statePick)},
		{Flow: string(flowDecide), State: string(stateReason)},
	} {
		flow := s.Flow
		in := conversation.Input{Session: s, Update: txt("999", "halo"), Now: time.Now()}
		out, err := r.Handle(context.Background(), in)
		if err != nil {
			t.Fatalf("%s: %v", flow, err)
		}
		if out.Next.Flow == flow || len(out.Replies) == 0 || !strings.Contains(out.Replies[0].Text, "mendaftar") {
			t.Errorf("%s: next %q, replies %+v", flow, out.Next.Flow, out.Replies)
		}
	}
}

// A decision whose handling stopped after the decision was written (a
// crash, Redis or the store failing before the commit) is handled again
// from the same update: the notices it owed go out then. Another press of
// the same button is "already decided", with no notice.
func TestDecisionHandledAgainSendsItsNotices(t *testing.T) {
	st, a, now := pendingForKapus(t, "01JQAR00000000000000000077")
	ctx := context.Background()
	r := newRouter(st, "id")
	press := tap("777", "a:ok:"+a.ID+":1")
	press.ID = "u1"
	handle := func(u bot.Update) (conversation.Outcome, []bot.Reply) {
		t.Helper()
		in := conversation.Input{Update: u, Now: now}
		out, err := r.Handle(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		var notes []bot.Reply
		for _, e := range out.Effects {
			more, err := r.Applier(st).Apply(ctx, in, e)
			if err != nil {
				t.Fatalf("apply %s: %v", e.EffectName(), err)
			}
			notes = append(notes, more...)
		}
		return out, notes
	}
	toOwner := func(rs []bot.Reply) int {
		n := 0
		for _, rep := range rs {
			if rep.Chat.ChatID == "555" && strings.Contains(rep.Text, "Disetujui") {
				n++
			}
		}
		return n
	}
	if _, notes := handle(press); toOwner(notes) != 1 {
		t.Fatalf("first handling: notes %+v", notes)
	}
	// The same update again (its commit never happened): the owner is
	// told (again: at least once), the decision stays one.
	if _, notes := handle(press); toOwner(notes) != 1 {
		t.Fatalf("handled again: notes %+v", notes)
	}
	got, _ := st.GetActivity(ctx, a.ID)
	if n := len(got.Audit); n != 2 || got.Decision.Update != "telegram:u1" {
		t.Fatalf("audit %d entries, decision %+v", n, got.Decision)
	}
	// A new press: already decided, nothing owed.
	again := press
	again.ID = "u2"
	out, notes := handle(again)
	if len(out.Effects) != 0 || len(notes) != 0 || !strings.Contains(out.Notice, "sudah") {
		t.Fatalf("second press: %+v %+v", out, notes)
	}
}

// «Kirim» handled again after its report was stored but its step never
// committed (a crash or an outage between the two: the session still holds
// the draft): the confirmation and the supervisor's prompt, which were
// never sent, go now; the report stays one. Once decided, only "sudah
// terkirim".
func TestSubmitHandledAgainSendsItsMessages(t *testing.T) {
	st := rosterStore(t)
	ctx := context.Background()
	if err := st.LinkAccount(ctx, nipKapus, "telegram", storage.Account{UserID: "777", ChatID: "777"}); err != nil {
		t.Fatal(err)
	}
	const id = "01JQAR00000000000000000078"
	now := time.Now()
	draft, err := json.Marshal(reportDraft{ID: id, Date: now.Format(time.DateOnly), Desc: "Penyuluhan gizi balita", Minutes: 90})
	if err != nil {
		t.Fatal(err)
	}
	summary := conversation.Session{Flow: string(flowReport), State: string(stSummary), Data: draft}
	press := tap("555", "r:"+id+":send")
	prompts := func(out conversation.Outcome) (toOwner, toSupervisor int) {
		for _, rep := range out.Replies {
			switch {
			case rep.Chat.ChatID == "777" && strings.Contains(rep.Text, "Penyuluhan gizi balita"):
				toSupervisor++
			case rep.Chat == (bot.ChatKey{}) && strings.Contains(rep.Text, "terkirim"):
				toOwner++
			}
		}
		return
	}
	if o, s := prompts(run(t, st, summary, press, now)); o != 1 || s != 1 {
		t.Fatalf("first Kirim: %d confirmations, %d prompts", o, s)
	}
	out := run(t, st, summary, press, now) // the commit never happened
	if o, s := prompts(out); o != 1 || s != 1 || len(out.Effects) != 0 {
		t.Fatalf("handled again: %d confirmations, %d prompts, effects %+v", o, s, out.Effects)
	}
	day := now.Format(time.DateOnly)
	if got, err := st.ListActivities(ctx, nipStaff, day, day); err != nil || len(got) != 1 {
		t.Fatalf("reports stored: %d (%v), want 1", len(got), err)
	}
	if _, err := st.DecideActivity(ctx, id, 1, storage.Decide{To: storage.StatusApproved, ByNIP: nipKapus, At: now}); err != nil {
		t.Fatal(err)
	}
	out = run(t, st, summary, press, now)
	if _, s := prompts(out); s != 0 || len(out.Replies) != 1 || !strings.Contains(out.Replies[0].Text, "sudah terkirim") {
		t.Fatalf("after the decision: %+v", out.Replies)
	}
}

// unitsDown is the store whose unit reads fail while down is set, as in an
// outage that starts right after a decision's press was read.
type unitsDown struct {
	storage.Store
	down *atomic.Bool
}

func (s unitsDown) GetUnit(ctx context.Context, code string) (storage.Unit, error) {
	if s.down.Load() {
		return storage.Unit{}, fmt.Errorf("%w: locked (test outage)", storage.ErrUnavailable)
	}
	return s.Store.GetUnit(ctx, code)
}

// A decision whose notices cannot be built (the store failing its reads)
// is not written: the update fails, the report stays pending, and the
// press made again once the store is back decides it and tells the owner.
// (Writing first and building the notices after left a decision whose
// owner was never told: the fault suite's unavailable-store scenario.)
func TestDecisionNotWrittenWhenItsNoticesCannotBeBuilt(t *testing.T) {
	st, a, now := pendingForKapus(t, "01JQAR00000000000000000078")
	ctx := context.Background()
	var down atomic.Bool
	failing := unitsDown{Store: st, down: &down}
	r := newRouter(failing, "id")
	in := conversation.Input{Update: tap("777", "a:ok:"+a.ID+":1"), Now: now}
	out, err := r.Handle(ctx, in)
	if err != nil || len(out.Effects) != 1 {
		t.Fatalf("press: %+v, %v", out, err)
	}
	down.Store(true)
	if _, err := r.Applier(failing).Apply(ctx, in, out.Effects[0]); !errors.Is(err, storage.ErrUnavailable) {
		t.Fatalf("apply with the store failing: %v, want ErrUnavailable", err)
	}
	if got, _ := st.GetActivity(ctx, a.ID); got.Status != storage.StatusPending {
		t.Fatalf("the decision was written though its notices could not be built: %s", got.Status)
	}
	down.Store(false)
	notes, err := r.Applier(failing).Apply(ctx, in, out.Effects[0])
	if err != nil {
		t.Fatal(err)
	}
	told := false
	for _, n := range notes {
		told = told || n.Chat.ChatID == "555" && strings.Contains(n.Text, "Disetujui")
	}
	if got, _ := st.GetActivity(ctx, a.ID); got.Status != storage.StatusApproved || !told {
		t.Fatalf("after the store is back: %s, owner told %v (%+v)", got.Status, told, notes)
	}
}

// pendingForKapus is the roster store with the Kapus's Telegram account
// ("777") linked and a report of the staff member's, id, pending on her
// list.
func pendingForKapus(t *testing.T, id string) (storage.Store, storage.Activity, time.Time) {
	t.Helper()
	st := rosterStore(t)
	ctx := context.Background()
	if err := st.LinkAccount(ctx, nipKapus, "telegram", storage.Account{UserID: "777", ChatID: "777"}); err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	a := storage.Activity{ID: id, NIP: nipStaff, UnitCode: "PKM-SMP", SupervisorNIP: nipKapus,
		Date: now.Format(time.DateOnly), Content: storage.Content{Minutes: 60, Description: "Pelayanan pasien umum"},
		Audit: []storage.AuditEntry{{At: now, Action: storage.ActionSubmitted, ByNIP: nipStaff, Version: 1}}}
	if err := st.CreateActivity(ctx, a); err != nil {
		t.Fatal(err)
	}
	return st, a, now
}
