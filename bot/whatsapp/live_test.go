package whatsapp_test

import (
	"testing"
	"time"

	"go.mau.fi/whatsmeow/types/events"

	"github.com/kinerjabot/kinerjabot/bot/whatsapp"
	wt "github.com/kinerjabot/kinerjabot/bot/whatsapp/whatsapptest"
)

// TestKeepAliveFailureReconnects: keep-alives failing past whatsmeow's
// bound (3 minutes) drop the connection and reconnect; a short run of
// failures does not.
func TestKeepAliveFailureReconnects(t *testing.T) {
	r := start(t, nil)
	r.fc.Emit(&events.KeepAliveTimeout{ErrorCount: 2, LastSuccess: time.Now().Add(-40 * time.Second)})
	if st := r.a.Status(); st.State != whatsapp.StateConnected || r.fc.Connects() != 1 {
		t.Fatalf("after a short keep-alive failure: %s, %d connects", st.State, r.fc.Connects())
	}
	r.fc.Emit(&events.KeepAliveTimeout{ErrorCount: 8, LastSuccess: time.Now().Add(-4 * time.Minute)})
	r.fc.WaitConnects(t, 2, wait)
	wt.WaitState(t, r.a, whatsapp.StateConnected, wait)
}

// TestConnectedRacingDisconnected: whatsmeow sends Connected and
// Disconnected from goroutines of their own; whichever the adapter sees
// last, a connection that is gone is reconnected, never left "connected".
func TestConnectedRacingDisconnected(t *testing.T) {
	const races = 12
	fc := wt.NewClient(botPhone)
	fc.OnConnect = func(n int) ([]any, error) {
		if n > 1 && n <= races {
			return []any{&events.Connected{}, &events.Disconnected{}}, nil
		}
		return []any{&events.Connected{}}, nil
	}
	r := start(t, fc)
	r.fc.Emit(&events.Disconnected{})
	r.fc.WaitConnects(t, races+1, wait)
	wt.WaitState(t, r.a, whatsapp.StateConnected, wait)
}

// TestStaleConnectedIsNotUp: a Connected that arrives after the socket died
// does not call the adapter connected.
func TestStaleConnectedIsNotUp(t *testing.T) {
	r := start(t, nil, func(o *whatsapp.Options) { o.LiveCheck = time.Hour })
	r.fc.Drop()
	r.fc.Emit(&events.Connected{})
	if st := r.a.Status(); st.State == whatsapp.StateConnected {
		t.Fatalf("status %s after a Connected without a logged-in socket", st.State)
	}
	r.fc.WaitConnects(t, 2, wait)
	wt.WaitState(t, r.a, whatsapp.StateConnected, wait)
}

// TestLiveCheckFindsDeadSocket: a socket that died without any event is
// found by the periodic check and reconnected.
func TestLiveCheckFindsDeadSocket(t *testing.T) {
	r := start(t, nil, func(o *whatsapp.Options) { o.LiveCheck = 5 * time.Millisecond })
	r.fc.Drop()
	r.fc.WaitConnects(t, 2, wait)
	wt.WaitState(t, r.a, whatsapp.StateConnected, wait)
}

// TestHealthSeesDeadSocket: the health check looks at the socket itself,
// not only at the last event.
func TestHealthSeesDeadSocket(t *testing.T) {
	r := start(t, nil, func(o *whatsapp.Options) { o.LiveCheck = time.Hour; o.MinBackoff = time.Hour; o.MaxBackoff = time.Hour })
	if err := r.a.Check(t.Context()); err != nil {
		t.Fatalf("health when connected: %v", err)
	}
	r.fc.Drop()
	if err := r.a.Check(t.Context()); err == nil {
		t.Fatal("health: nil with no logged-in socket")
	}
	if st := r.a.Status(); st.State != whatsapp.StateReconnecting {
		t.Errorf("status %s, want reconnecting", st.State)
	}
}
