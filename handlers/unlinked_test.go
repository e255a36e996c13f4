package handlers

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/conversation"
)

// A chat whose account was unlinked in the middle of a flow that needs a
// registered person (its account moved to another chat, or the person left
// the roster) ends the flow and is asked to register, instead of failing on
// every message (found by FuzzRouterInput).
func TestUnlinkedChatMidFlowIsAskedToRegister(t *testing.T) {
	st := rosterStore(t)
	r := newRouter(st, "id")
	for _, fs := range []flowState{{flowReport, stDesc}, {flowFeedback, statePick}, {flowDecide, stateReason}} {
		flow := fs.flow
		in := conversation.Input{Session: conversation.Session{Flow: fs.flow, State: fs.state}, Update: txt("999", "halo"), Now: time.Now()}
		out, err := r.Handle(context.Background(), in)
		if err != nil {
			t.Fatalf("%s: %v", flow, err)
		}
		if out.Next.Flow == flow || len(out.Replies) == 0 || !strings.Contains(out.Replies[0].Text, "mendaftar") {
			t.Errorf("%s: next %q, replies %+v", flow, out.Next.Flow, out.Replies)
		}
	}
}
