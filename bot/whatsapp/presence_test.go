package whatsapp_test

import (
	"testing"

	"go.mau.fi/whatsmeow/types"

	"github.com/kinerjabot/kinerjabot/bot/whatsapp"
	wt "github.com/kinerjabot/kinerjabot/bot/whatsapp/whatsapptest"
)

// TestAvailableAfterLogin: once logged in, the account says it is online.
func TestAvailableAfterLogin(t *testing.T) {
	r := start(t, nil)
	r.fc.WaitAvailable(t, wait)
}

// TestTypingWhileAnswering: "typing…" shows as soon as a person's message
// reached the inbox, while the bot works on the answer, and once for a
// burst of messages.
func TestTypingWhileAnswering(t *testing.T) {
	r := start(t, nil)
	r.fc.Receive(wt.Text(budi, "/lapor"), wt.Text(budi, "rapat pagi"))
	p := r.fc.WaitPresences(t, 1, wait)
	if p[0].To != budi || p[0].State != types.ChatPresenceComposing {
		t.Fatalf("presence %+v, want typing in budi's chat", p[0])
	}
	r.in.waitN(t, 2)
	r.fc.Receive(wt.Text(sitiJID, "halo"))
	if p := r.fc.WaitPresences(t, 2, wait); len(p) != 2 || p[1].To != sitiJID {
		t.Errorf("presences %+v, want one per chat", p)
	}
}

// TestNoTyping: NoTyping shows none.
func TestNoTyping(t *testing.T) {
	r := start(t, nil, func(o *whatsapp.Options) { o.NoTyping = true })
	r.fc.Receive(wt.Text(budi, "/lapor"))
	r.in.waitN(t, 1)
	if p := r.fc.Presences(); len(p) != 0 {
		t.Errorf("presences %+v with NoTyping", p)
	}
}
