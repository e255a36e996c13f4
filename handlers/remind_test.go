package handlers

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/button"
	"github.com/kinerjabot/kinerjabot/conversation"
	"github.com/kinerjabot/kinerjabot/storage"
)

// run handles u in session s at now and applies the outcome's effects.
func run(t *testing.T, st storage.Store, s conversation.Session, u bot.Update, now time.Time) conversation.Outcome {
	t.Helper()
	r := newRouter(st, "id")
	in := conversation.Input{Session: s, Update: u, Now: now}
	out, err := r.Handle(context.Background(), in)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range out.Effects {
		if _, err := r.Applier(st).Apply(context.Background(), in, e); err != nil {
			t.Fatalf("apply %s: %v", e.EffectName(), err)
		}
	}
	return out
}

func TestRemindersOnOffIsStored(t *testing.T) {
	st := rosterStore(t)
	ctx := context.Background()
	now := time.Now()
	cases := []struct {
		args    string
		wantOff bool
		reply   string
	}{
		{"off", true, "dimatikan"},
		{"", true, "MATI"},
		{"ON", false, "dinyalakan"},
		{"mati", true, "dimatikan"},
		{"besok", true, "/pengingat on"}, // not understood: unchanged
		{"aktif", false, "dinyalakan"},
	}
	for _, tc := range cases {
		out := run(t, st, conversation.Session{}, cmd("555", "pengingat", tc.args), now)
		if len(out.Replies) != 1 || !strings.Contains(out.Replies[0].Text, tc.reply) {
			t.Errorf("/pengingat %s: %+v, want %q", tc.args, out.Replies, tc.reply)
		}
		e, err := st.GetEmployee(ctx, nipStaff)
		if err != nil {
			t.Fatal(err)
		}
		if e.RemindersOff != tc.wantOff {
			t.Errorf("after /pengingat %s: off = %v, want %v", tc.args, e.RemindersOff, tc.wantOff)
		}
	}
	// Unregistered people are asked to register, nothing is stored.
	out := run(t, st, conversation.Session{}, cmd("999", "pengingat", "off"), now)
	if len(out.Effects) != 0 || !strings.Contains(out.Replies[0].Text, "mendaftar") {
		t.Errorf("unregistered: %+v", out)
	}
}

func TestReminderButtons(t *testing.T) {
	st := rosterStore(t)
	now := time.Now()
	out := run(t, st, conversation.Session{}, tap("555", encoded(button.ReportNow{})), now)
	if out.Next.Flow != string(flowReport) || !strings.Contains(out.Replies[0].Text, "(1/5) Tulis uraian") {
		t.Errorf("[Lapor sekarang]: flow %q, %+v", out.Next.Flow, out.Replies)
	}
	// Mid-flow, the button does not throw the draft away.
	mid := conversation.Session{Flow: string(flowReport), State: string(stDesc), Data: out.Next.Data}
	out = run(t, st, mid, tap("555", encoded(button.ReportNow{})), now)
	if out.Next.Flow != string(flowReport) || out.Notice == "" {
		t.Errorf("mid-flow press: %+v", out)
	}
	// A staff member's [Buka persetujuan] shows an (empty) approval list,
	// never someone else's.
	out = run(t, st, conversation.Session{}, tap("555", encoded(button.OpenApprovals{})), now)
	if len(out.Replies) == 0 {
		t.Fatalf("[Buka persetujuan]: %+v", out)
	}
}

// Writing from an account records its last use, so reminders follow the
// platform the person uses; not on every message.
func TestTouchAccount(t *testing.T) {
	st := rosterStore(t)
	ctx := context.Background()
	now := time.Now().Add(2 * time.Hour) // linked "now" in rosterStore
	out := run(t, st, conversation.Session{}, cmd("555", "profil", ""), now)
	if !hasEffect(out, "touch_account") {
		t.Fatalf("first message after linking: effects %v", out.Effects)
	}
	e, _ := st.GetEmployee(ctx, nipStaff)
	if got := e.Accounts["telegram"].LastSeenAt; got.Sub(now).Abs() > time.Second {
		t.Errorf("LastSeenAt = %v, want %v", got, now)
	}
	out = run(t, st, conversation.Session{}, cmd("555", "profil", ""), now.Add(10*time.Minute))
	if hasEffect(out, "touch_account") {
		t.Error("touched again ten minutes later")
	}
}

func hasEffect(out conversation.Outcome, name string) bool {
	for _, e := range out.Effects {
		if e.EffectName() == name {
			return true
		}
	}
	return false
}
