package handlers

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/button"
	"github.com/kinerjabot/kinerjabot/conversation"
	"github.com/kinerjabot/kinerjabot/roster"
	"github.com/kinerjabot/kinerjabot/storage"
)

const (
	nipHead  = "197001012000031001" // Kepala Dinas, the Kapus's supervisor (chat 888)
	nipAdmin = "198402292009032001" // an admin of the Puskesmas (chat 999)
)

// chainStore is rosterStore with the Kapus (chat 777) answering to a head
// (chat 888), and a second admin in the Puskesmas (chat 999).
func chainStore(t *testing.T) storage.Store {
	t.Helper()
	st := rosterStore(t)
	ctx := context.Background()
	for _, e := range []storage.Employee{
		{NIP: nipHead, Name: "Kepala Dinas", UnitCode: "PKM-SMP", Position: "Kepala Dinas", Active: true},
		{NIP: nipAdmin, Name: "Lina Marliani", UnitCode: "PKM-SMP", Position: "Analis", SupervisorNIP: nipKapus,
			Role: storage.RoleAdmin, Active: true},
	} {
		if err := st.UpsertEmployee(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	setEmployee(t, st, nipKapus, func(e *storage.Employee) { e.SupervisorNIP = nipHead })
	for nip, chat := range map[string]string{nipKapus: "777", nipHead: "888", nipAdmin: "999"} {
		if err := st.LinkAccount(ctx, nip, "telegram", storage.Account{UserID: chat, ChatID: chat}); err != nil {
			t.Fatal(err)
		}
	}
	return st
}

func setEmployee(t *testing.T, st storage.Store, nip string, change func(*storage.Employee)) {
	t.Helper()
	e, err := st.GetEmployee(context.Background(), nip)
	if err != nil {
		t.Fatal(err)
	}
	change(&e)
	if err := st.UpsertEmployee(context.Background(), e); err != nil {
		t.Fatal(err)
	}
}

// send presses «Kirim» on a fresh draft of Budi's (chat 555) and returns
// the outcome and the report as stored.
func send(t *testing.T, st storage.Store, id string, resubmit int) (conversation.Outcome, storage.Activity) {
	t.Helper()
	now := time.Now()
	draft, err := json.Marshal(reportDraft{ID: id, Date: now.Format(time.DateOnly), Desc: "Penyuluhan gizi balita",
		Minutes: 90, Resubmit: resubmit})
	if err != nil {
		t.Fatal(err)
	}
	out := run(t, st, conversation.Session{Flow: string(flowReport), State: string(stSummary), Data: draft},
		tap("555", "r:"+id+":send"), now)
	a, err := st.GetActivity(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return out, a
}

func promptsTo(out conversation.Outcome, chat string) []bot.Reply {
	var rs []bot.Reply
	for _, r := range out.Replies {
		if r.Chat.ChatID == chat && len(r.Buttons) > 0 {
			rs = append(rs, r)
		}
	}
	return rs
}

// A report goes on the list of whoever decides it now: the supervisor, or
// when they left the next one up, or when the whole chain left an admin of
// the unit; its prompts name that approver, and the owner is told whom.
func TestSubmitGoesToTheApproverNow(t *testing.T) {
	for _, tc := range []struct {
		name         string
		leave        []string
		want, chat   string
		confirmation string
	}{
		{"the supervisor", nil, nipKapus, "777", "terkirim ke atasan Anda, dr. Rina Wulandari"},
		{"the next one up", []string{nipKapus}, nipHead, "888", "terkirim ke atasan Anda, Kepala Dinas"},
		{"an admin of the unit", []string{nipKapus, nipHead}, nipAdmin, "999", "terkirim ke Lina Marliani (admin)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st := chainStore(t)
			for _, nip := range tc.leave {
				setEmployee(t, st, nip, func(e *storage.Employee) { e.Active = false })
			}
			out, a := send(t, st, "01JQAR00000000000000000101", 0)
			if a.SupervisorNIP != tc.want {
				t.Fatalf("report on %s's list, want %s", a.SupervisorNIP, tc.want)
			}
			prompts := promptsTo(out, tc.chat)
			if len(prompts) != 1 || prompts[0].Track != "prompt:"+a.ID+":"+tc.want {
				t.Fatalf("prompts to chat %s: %+v", tc.chat, prompts)
			}
			if !strings.Contains(allText(out.Replies), tc.confirmation) {
				t.Fatalf("replies %q lack %q", allText(out.Replies), tc.confirmation)
			}
		})
	}
}

// The authority to decide follows the chain: a supervisor who left may no
// longer decide, the next one up may; an admin decides as an admin.
func TestMayDecideFollowsTheChain(t *testing.T) {
	st := chainStore(t)
	r := newRouter(st, "id")
	ctx := context.Background()
	get := func(nip string) storage.Employee {
		e, err := st.GetEmployee(ctx, nip)
		if err != nil {
			t.Fatal(err)
		}
		return e
	}
	check := func(by string, wantOK, wantAdmin bool) {
		t.Helper()
		ok, as, err := r.mayDecide(ctx, get(by), get(nipStaff), time.Now())
		if err != nil || ok != wantOK || as.AsAdmin != wantAdmin || as.ActingFor != "" {
			t.Fatalf("mayDecide(%s) = %v, %+v, %v; want %v, %v", by, ok, as, err, wantOK, wantAdmin)
		}
	}
	check(nipKapus, true, false)
	check(nipHead, false, false)
	check(nipAdmin, true, true)
	setEmployee(t, st, nipKapus, func(e *storage.Employee) { e.Active = false })
	check(nipKapus, false, false) // left: not even as the unit's admin
	check(nipHead, true, false)
	setEmployee(t, st, nipStaff, func(e *storage.Employee) { e.Active = false })
	check(nipHead, true, false) // an owner who left: their reports stay decidable
}

// The Tracker records which approver a prompt went to, and reads the older
// track names (no approver) of replies queued before.
func TestSentRecordsWhosePromptItIs(t *testing.T) {
	st := chainStore(t)
	_, a := send(t, st, "01JQAR00000000000000000102", 0)
	ap := newRouter(st, "id").Applier(st)
	ctx := context.Background()
	for i, track := range []string{"prompt:" + a.ID + ":" + nipKapus, "prompt:" + a.ID} {
		ref := bot.MessageRef{Chat: bot.ChatKey{Platform: bot.Telegram, ChatID: "777"}, MessageID: string(rune('1' + i))}
		if err := ap.Sent(ctx, track, ref); err != nil {
			t.Fatal(err)
		}
	}
	if err := ap.Sent(ctx, "poster:1", bot.MessageRef{}); err == nil {
		t.Fatal("an unknown track was accepted")
	}
	got, _ := st.GetActivity(ctx, a.ID)
	if len(got.Prompts) != 2 || got.Prompts[0].To != nipKapus || got.Prompts[1].To != "" {
		t.Fatalf("prompts %+v", got.Prompts)
	}
}

// After a move, the old approver's prompts say where the report went
// (RerouteEdits) and a decision edits only the new approver's (PromptEdits).
func TestPromptEditsAfterAMove(t *testing.T) {
	st := chainStore(t)
	ctx := context.Background()
	_, a := send(t, st, "01JQAR00000000000000000103", 0)
	addPrompt := func(chat, to string) {
		t.Helper()
		if err := st.AddPrompt(ctx, a.ID, storage.MessageRef{Platform: "telegram", ChatID: chat, MessageID: "9", To: to}); err != nil {
			t.Fatal(err)
		}
	}
	addPrompt("777", nipKapus)
	a, err := st.RerouteActivity(ctx, a.ID, 1, storage.AuditEntry{Action: storage.ActionRerouted, ByNIP: storage.SystemActor,
		Rule: roster.RuleChanged, From: nipKapus, To: nipHead})
	if err != nil {
		t.Fatal(err)
	}
	addPrompt("888", nipHead)
	r := newRouter(st, "id")
	moved, err := r.RerouteEdits(ctx, mustGet(t, st, a.ID), nipKapus)
	if err != nil || len(moved) != 1 || moved[0].Edit.Chat.ChatID != "777" || len(moved[0].Buttons) != 0 ||
		!strings.Contains(moved[0].Text, "Dialihkan ke Kepala Dinas") || !strings.Contains(moved[0].Fallback, "dialihkan ke Kepala Dinas") {
		t.Fatalf("reroute edits %+v, %v", moved, err)
	}
	decided, err := st.DecideActivity(ctx, a.ID, 1, storage.Decide{To: storage.StatusApproved, ByNIP: nipHead})
	if err != nil {
		t.Fatal(err)
	}
	edits, err := r.PromptEdits(ctx, decided)
	if err != nil || len(edits) != 1 || edits[0].Edit.Chat.ChatID != "888" || !strings.Contains(edits[0].Text, "Disetujui oleh Kepala Dinas") {
		t.Fatalf("decision edits %+v, %v", edits, err)
	}
	prompts, err := r.ReroutedPrompts(ctx, decided)
	if err != nil || len(prompts) != 1 || prompts[0].Chat.ChatID != "888" || !strings.HasPrefix(prompts[0].Text, "↪️ Dialihkan kepada Anda") ||
		prompts[0].Track != "prompt:"+a.ID+":"+nipHead {
		t.Fatalf("rerouted prompts %+v, %v", prompts, err)
	}
}

func mustGet(t *testing.T, st storage.Store, id string) storage.Activity {
	t.Helper()
	a, err := st.GetActivity(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// A report sent back for revision while the roster changed goes, corrected,
// to the approver now: the move is recorded as the resubmission's (no
// notice is owed), and handling the same press again changes nothing.
func TestResubmitGoesToTheApproverNow(t *testing.T) {
	st := chainStore(t)
	ctx := context.Background()
	const id = "01JQAR00000000000000000104"
	send(t, st, id, 0)
	if _, err := st.DecideActivity(ctx, id, 1, storage.Decide{To: storage.StatusRevision, ByNIP: nipKapus, Reason: "Foto"}); err != nil {
		t.Fatal(err)
	}
	setEmployee(t, st, nipKapus, func(e *storage.Employee) { e.Active = false })
	out, a := send(t, st, id, 1)
	if a.Status != storage.StatusPending || a.Version != 2 || a.SupervisorNIP != nipHead || len(promptsTo(out, "888")) != 1 {
		t.Fatalf("resubmitted report %+v; replies %+v", a, out.Replies)
	}
	last := a.Audit[len(a.Audit)-1]
	if last.Action != storage.ActionRerouted || last.Rule != roster.RuleResubmitted || last.From != nipKapus || last.To != nipHead {
		t.Fatalf("last audit entry %+v", last)
	}
	// The same press handled again (its commit never happened).
	in := conversation.Input{Update: tap("555", "r:"+id+":send"), Now: time.Now()}
	for _, e := range out.Effects {
		if _, err := newRouter(st, "id").Applier(st).Apply(ctx, in, e); err != nil {
			t.Fatalf("replay %s: %v", e.EffectName(), err)
		}
	}
	if again := mustGet(t, st, id); len(again.Audit) != len(a.Audit) {
		t.Fatalf("replay changed the trail: %+v", again.Audit)
	}
}

// An admin's unit list shows the reports moved to an admin's list when
// the whole chain left.
func TestUnitListShowsReportsOnAnAdminsList(t *testing.T) {
	st := chainStore(t)
	setEmployee(t, st, nipKapus, func(e *storage.Employee) { e.Active = false })
	setEmployee(t, st, nipHead, func(e *storage.Employee) { e.Active = false })
	_, a := send(t, st, "01JQAR00000000000000000105", 0)
	if a.SupervisorNIP != nipAdmin {
		t.Fatalf("report on %s's list", a.SupervisorNIP)
	}
	setEmployee(t, st, nipKapus, func(e *storage.Employee) { e.Active = true }) // another admin looks: the Kapus, back
	out := run(t, st, conversation.Session{}, tap("777", encoded(button.UnitApprovals{})), time.Now())
	if !strings.Contains(allText(out.Replies), "Penyuluhan gizi balita") {
		t.Fatalf("unit list: %q", allText(out.Replies))
	}
}
