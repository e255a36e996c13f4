package whatsapp_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"go.mau.fi/whatsmeow/types/events"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/bot/whatsapp"
	wt "github.com/kinerjabot/kinerjabot/bot/whatsapp/whatsapptest"
)

// TestDecide is the reconnect policy: which disconnects are retried and
// which stop the adapter for good.
func TestDecide(t *testing.T) {
	now := time.Date(2026, 11, 21, 8, 0, 0, 0, time.UTC)
	tests := []struct {
		evt      any
		action   whatsapp.Action
		reason   string // a part of the reason
		until    time.Time
		unpaired bool
	}{
		{&events.Connected{}, whatsapp.Up, "", time.Time{}, false},
		{&events.Disconnected{}, whatsapp.Retry, "closed", time.Time{}, false},
		{&events.ConnectFailure{Reason: events.ConnectFailureServiceUnavailable}, whatsapp.Retry, "503", time.Time{}, false},
		{&events.ConnectFailure{Reason: events.ConnectFailureInternalServerError}, whatsapp.Retry, "500", time.Time{}, false},
		{&events.LoggedOut{Reason: events.ConnectFailureLoggedOut}, whatsapp.Stop, "logged out", time.Time{}, true},
		{&events.LoggedOut{OnConnect: true, Reason: events.ConnectFailureMainDeviceGone}, whatsapp.Stop, "primary device", time.Time{}, true},
		{&events.TemporaryBan{Code: events.TempBanSentToTooManyPeople, Expire: 90 * time.Minute}, whatsapp.Stop,
			"too many messages", now.Add(90 * time.Minute), false},
		{&events.ClientOutdated{}, whatsapp.Stop, "outdated", time.Time{}, false},
		{&events.ConnectFailure{Reason: events.ConnectFailureClientOutdated}, whatsapp.Stop, "outdated", time.Time{}, false},
		{&events.ConnectFailure{Reason: events.ConnectFailureUnknownLogout, Message: "banned"}, whatsapp.Stop, "406", time.Time{}, true},
		{&events.ConnectFailure{Reason: 429}, whatsapp.Stop, "rate over limit", time.Time{}, false},
		{&events.ConnectFailure{Reason: events.ConnectFailureBadUserAgent}, whatsapp.Stop, "409", time.Time{}, false},
		{&events.StreamReplaced{}, whatsapp.Stop, "another process", time.Time{}, false},
		{&events.CATRefreshError{Error: errors.New("x")}, whatsapp.Stop, "token", time.Time{}, false},
		{&events.KeepAliveTimeout{ErrorCount: 1, LastSuccess: now.Add(-time.Minute)}, whatsapp.Ignore, "", time.Time{}, false},
		{&events.KeepAliveTimeout{ErrorCount: 8, LastSuccess: now.Add(-4 * time.Minute)}, whatsapp.Retry, "keep-alive failing for 4m0s", time.Time{}, false},
		{&events.Receipt{}, whatsapp.Ignore, "", time.Time{}, false},
	}
	for _, tc := range tests {
		v := whatsapp.Decide(tc.evt, now)
		if v.Action != tc.action || !strings.Contains(v.Reason, tc.reason) || !v.Until.Equal(tc.until) || v.Unpaired != tc.unpaired {
			t.Errorf("Decide(%T %+v) = %+v (%s); want %s with %q, until %v, unpaired %v",
				tc.evt, tc.evt, v, v.Action, tc.action, tc.reason, tc.until, tc.unpaired)
		}
	}
}

// TestReconnect: a dropped connection is retried with back-off until it
// comes back; the attempts show in the status.
func TestReconnect(t *testing.T) {
	fc := wt.NewClient(botPhone)
	fc.OnConnect = func(n int) ([]any, error) {
		switch n {
		case 2:
			return nil, errors.New("dial tcp: network is unreachable")
		case 3:
			return []any{&events.Disconnected{}}, nil
		}
		return []any{&events.Connected{}}, nil
	}
	seen := make(chan whatsapp.Status, 64)
	r := start(t, fc, func(o *whatsapp.Options) {
		o.OnState = func(s whatsapp.Status) { seen <- s }
	})
	fc.Emit(&events.Disconnected{})
	fc.WaitConnects(t, 4, wait)
	wt.WaitState(t, r.a, whatsapp.StateConnected, wait)
	// Connected once; then dropped (1), failed to dial (2), dropped at
	// login (3), and up again.
	var attempts []int
	timeout := time.After(wait)
	for len(attempts) < 3 {
		select {
		case s := <-seen:
			if s.State == whatsapp.StateReconnecting {
				attempts = append(attempts, s.Attempt)
			}
		case <-timeout:
			t.Fatalf("reconnect attempts seen: %v", attempts)
		}
	}
	if attempts[0] != 1 || attempts[1] != 2 || attempts[2] != 3 {
		t.Errorf("reconnect attempts %v, want 1 2 3", attempts)
	}
	if err := r.a.Check(t.Context()); err != nil {
		t.Errorf("health when connected: %v", err)
	}
}

// TestPermanentDisconnect: a ban stops reconnecting for good, shows in the
// health check with its end, and refuses sends.
func TestPermanentDisconnect(t *testing.T) {
	r := start(t, nil)
	r.wrote(t, budiID)
	r.fc.Emit(&events.TemporaryBan{Code: events.TempBanBlockedByUsers, Expire: time.Hour})
	st := wt.WaitState(t, r.a, whatsapp.StateStopped, wait)
	if st.Until.IsZero() || !strings.Contains(st.Reason, "blocked") {
		t.Errorf("status %+v, want the ban and its end", st)
	}
	err := r.a.Check(t.Context())
	if err == nil || !strings.Contains(err.Error(), "ban ends") {
		t.Errorf("health: %v, want the ban", err)
	}
	r.fc.Emit(&events.Disconnected{})
	if st := r.a.Status(); st.State != whatsapp.StateStopped {
		t.Errorf("a disconnect after the ban moved the status to %s", st.State)
	}
	if n := r.fc.Connects(); n != 1 {
		t.Errorf("%d connects after a ban, want no reconnect", n)
	}
	if _, err := r.a.Send(t.Context(), bot.Reply{Chat: chat(budiID), Text: "halo"}); !errors.Is(err, whatsapp.ErrUnavailable) {
		t.Errorf("send while stopped: %v, want ErrUnavailable", err)
	}
	if !strings.Contains(r.logs.String(), "stopped for good") {
		t.Errorf("the stop was not logged:\n%s", r.logs)
	}
}

// TestLoginTimeout: a connection that opens but never logs in is closed and
// tried again.
func TestLoginTimeout(t *testing.T) {
	fc := wt.NewClient(botPhone)
	fc.OnConnect = func(n int) ([]any, error) {
		if n == 1 {
			return nil, nil // the login never completes
		}
		return []any{&events.Connected{}}, nil
	}
	r := start(t, fc, func(o *whatsapp.Options) { o.LoginTimeout = 20 * time.Millisecond })
	if fc.Connects() < 2 || !strings.Contains(r.logs.String(), "login did not complete in time") {
		t.Errorf("connects %d, want a second attempt after the login timed out:\n%s", fc.Connects(), r.logs)
	}
}

// TestPairingFromAdminPage: an unpaired adapter waits; pairing shows a QR
// code, and once scanned the adapter is connected.
func TestPairingFromAdminPage(t *testing.T) {
	fc := wt.NewUnpairedClient()
	r := start(t, fc)
	if st := r.a.Status(); st.State != whatsapp.StateUnpaired {
		t.Fatalf("status %s, want unpaired", st.State)
	}
	if err := r.a.Check(t.Context()); err == nil || !strings.Contains(err.Error(), "whatsapp login") {
		t.Errorf("health: %v, want how to pair", err)
	}
	if fc.Connects() != 0 {
		t.Errorf("an unpaired adapter connected")
	}
	if err := r.a.StartPairing(); err != nil {
		t.Fatal(err)
	}
	waitQR(t, r.a)
	fc.ExpireQR()
	wt.WaitState(t, r.a, whatsapp.StateUnpaired, wait)
	if err := r.a.StartPairing(); err != nil {
		t.Fatal(err)
	}
	waitQR(t, r.a)
	fc.ScanQR(botPhone)
	wt.WaitState(t, r.a, whatsapp.StateConnected, wait)
	if err := r.a.StartPairing(); !errors.Is(err, whatsapp.ErrPaired) {
		t.Errorf("pairing again: %v, want ErrPaired", err)
	}
}

func waitQR(t *testing.T, a *whatsapp.Adapter) string {
	t.Helper()
	timeout := time.After(wait)
	for {
		changed := a.StatusChanged()
		if code, _ := a.QR(); code != "" {
			return code
		}
		select {
		case <-changed:
		case <-timeout:
			t.Fatal("no QR code")
		}
	}
}
