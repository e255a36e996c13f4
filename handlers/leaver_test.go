package handlers

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/conversation"
	"github.com/kinerjabot/kinerjabot/storage"
)

// A person the roster marks inactive whose chat is still linked is told,
// once, at whatever they send (a report, an appreciation, a press, mid
// flow), and the chat is unlinked; their next message finds an
// unregistered chat, and registering is refused while they are inactive.
// Once active again they register anew.
func TestLeaverIsToldOnceAndUnlinked(t *testing.T) {
	for name, tc := range map[string]struct {
		s conversation.Session
		u bot.Update
	}{
		"report":       {conversation.Session{}, cmd("556", "lapor", "")},
		"appreciation": {conversation.Session{}, cmd("556", "apresiasi", "")},
		"mid report":   {conversation.Session{Flow: string(flowReport), State: string(stDesc)}, txt("556", "Penyuluhan gizi")},
		"a press":      {conversation.Session{}, tap("556", "a:ok:01JQAR00000000000000000077:1")},
	} {
		t.Run(name, func(t *testing.T) {
			st := rosterStore(t)
			ctx := context.Background()
			if err := st.LinkAccount(ctx, nipOff, "telegram", storage.Account{UserID: "556", ChatID: "556"}); err != nil {
				t.Fatal(err) // linked before she left
			}
			out := run(t, st, tc.s, tc.u, time.Now())
			if len(out.Replies) != 1 || !strings.Contains(out.Replies[0].Text, "kini berstatus tidak aktif") ||
				!out.Replies[0].RemoveKeyboard || out.Next.Flow != "" {
				t.Fatalf("answer %+v, next %+v", out.Replies, out.Next)
			}
			if _, err := st.EmployeeByAccount(ctx, "telegram", "556"); !errors.Is(err, storage.ErrNotFound) {
				t.Fatalf("still linked: %v", err)
			}
			next := run(t, st, conversation.Session{}, cmd("556", "lapor", ""), time.Now())
			if text := allText(next.Replies); strings.Contains(text, "tidak aktif") || !strings.Contains(text, "mendaftar") {
				t.Fatalf("next message: %q", text)
			}
		})
	}
	st := rosterStore(t)
	register := func() conversation.Outcome {
		return run(t, st, awaiting, contact("556", "556", "+6281234500003"), time.Now())
	}
	if text := allText(register().Replies); !strings.Contains(text, "tidak aktif") {
		t.Fatalf("an inactive person registered: %q", text)
	}
	setEmployee(t, st, nipOff, func(e *storage.Employee) { e.Active = true })
	if text := allText(register().Replies); !strings.Contains(text, "Pendaftaran berhasil") {
		t.Fatalf("reactivated, registering: %q", text)
	}
}
