package whatsapp

import (
	"fmt"
	"time"

	"go.mau.fi/whatsmeow"
	"go.mau.fi/whatsmeow/types/events"
)

// Action is what the connection supervisor does after a connection event.
type Action int

// Actions of the reconnect policy.
const (
	// Ignore: the event says nothing about the connection.
	Ignore Action = iota
	// Up: logged in; back-off resets.
	Up
	// Retry: the connection dropped for a passing reason; reconnect after
	// the back-off.
	Retry
	// Stop: WhatsApp refuses this session until a person acts; never
	// reconnect (a retry could turn a temporary ban into a permanent one).
	Stop
)

func (a Action) String() string {
	switch a {
	case Up:
		return "up"
	case Retry:
		return "retry"
	case Stop:
		return "stop"
	}
	return "ignore"
}

// Verdict is the policy's answer to one event.
type Verdict struct {
	Action Action
	// Reason says what happened, for logs, /healthz and the admins.
	Reason string
	// Until is when a temporary ban ends (zero otherwise).
	Until time.Time
	// Unpaired: WhatsApp removed this device; it must be paired again.
	Unpaired bool
}

// connectFailureRateLimit is the reason of a connect failure WhatsApp sends
// when the account went over its rate limit ("rate-overlimit").
const connectFailureRateLimit events.ConnectFailureReason = 429

// Decide is the reconnect policy: what to do after a whatsmeow connection
// event, now being the time it arrived. Keep-alives failing for longer than
// whatsmeow.KeepAliveMaxFailTime (3 minutes) drop the connection, as
// whatsmeow's own reconnect would. Events that are not about the
// connection are ignored.
func Decide(evt any, now time.Time) Verdict {
	switch e := evt.(type) {
	case *events.Connected:
		return Verdict{Action: Up}
	case *events.Disconnected:
		return Verdict{Action: Retry, Reason: "connection closed by the server or the network"}
	case *events.KeepAliveTimeout:
		if failing := now.Sub(e.LastSuccess); failing > whatsmeow.KeepAliveMaxFailTime {
			return Verdict{Action: Retry, Reason: fmt.Sprintf("keep-alive failing for %s", failing.Round(time.Second))}
		}
	case *events.LoggedOut:
		return Verdict{Action: Stop, Unpaired: true, Reason: "logged out: " + e.Reason.String() +
			"; pair again with `kinerjabot whatsapp login`"}
	case *events.TemporaryBan:
		v := Verdict{Action: Stop, Reason: e.String()}
		if e.Expire > 0 {
			v.Until = now.Add(e.Expire)
		}
		return v
	case *events.ClientOutdated:
		return Verdict{Action: Stop, Reason: "client outdated (405): update go.mau.fi/whatsmeow and rebuild"}
	case *events.StreamReplaced:
		return Verdict{Action: Stop, Reason: "another process connected with this session (only one may run WhatsApp)"}
	case *events.CATRefreshError:
		return Verdict{Action: Stop, Reason: fmt.Sprintf("auth token refresh failed: %v", e.Error)}
	case *events.ConnectFailure:
		return decideFailure(e)
	}
	return Verdict{Action: Ignore}
}

// decideFailure sorts connect failures: server trouble is retried, the rest
// (rate over limit, bans, refusals whatsmeow does not know) stop.
func decideFailure(e *events.ConnectFailure) Verdict {
	switch e.Reason {
	case events.ConnectFailureServiceUnavailable, events.ConnectFailureInternalServerError, 408:
		return Verdict{Action: Retry, Reason: fmt.Sprintf("connect failure %d (server trouble)", int(e.Reason))}
	case connectFailureRateLimit:
		return Verdict{Action: Stop, Reason: "connect failure 429: rate over limit; wait before starting again"}
	case events.ConnectFailureClientOutdated:
		return Verdict{Action: Stop, Reason: "client outdated (405): update go.mau.fi/whatsmeow and rebuild"}
	}
	v := Verdict{Action: Stop, Reason: fmt.Sprintf("connect failure %d: %s", int(e.Reason), e.Reason.String())}
	if e.Message != "" {
		v.Reason += " (" + e.Message + ")"
	}
	v.Unpaired = e.Reason.IsLoggedOut()
	return v
}
