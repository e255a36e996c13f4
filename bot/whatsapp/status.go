package whatsapp

import (
	"fmt"
	"time"
)

// State is where the adapter's connection to WhatsApp stands.
type State string

// States of the connection. Stopped is final for the process: the adapter no
// longer tries to connect (logged out, banned, client outdated, replaced by
// another instance, over WhatsApp's rate limit), and a person has to act.
const (
	StateUnpaired     State = "unpaired"     // no device paired: run `kinerjabot whatsapp login` or the admin page
	StatePairing      State = "pairing"      // a QR code or pairing code is waiting to be used
	StateConnecting   State = "connecting"   // a connection attempt is under way
	StateConnected    State = "connected"    // logged in and receiving
	StateReconnecting State = "reconnecting" // lost; the next attempt waits its back-off
	StateStopped      State = "stopped"      // permanently disconnected; see Status.Reason
)

// States lists every State, in a fixed order (for metrics).
var States = []State{StateUnpaired, StatePairing, StateConnecting, StateConnected, StateReconnecting, StateStopped}

// Status is a snapshot of the connection, for logs, /healthz and /metrics.
type Status struct {
	State State
	// Reason says why the adapter is not connected (empty when connected).
	Reason string
	// Since is when the state began.
	Since time.Time
	// Until is when a temporary ban ends (zero otherwise).
	Until time.Time
	// Attempt counts reconnect attempts since the last connection.
	Attempt int
	// Retry is when the next reconnect attempt is due (StateReconnecting).
	Retry time.Time
}

// Err is nil when connected, and otherwise an error saying what is wrong and
// what to do, fit for a health check: its HealthState is the State.
func (s Status) Err() error {
	if err := s.err(); err != nil {
		return stateError{state: s.State, err: err}
	}
	return nil
}

// stateError is a Status's error, with the state as the short word a
// health page shows.
type stateError struct {
	state State
	err   error
}

func (e stateError) Error() string       { return e.err.Error() }
func (e stateError) Unwrap() error       { return e.err }
func (e stateError) HealthState() string { return string(e.state) }

func (s Status) err() error {
	switch s.State {
	case StateConnected:
		return nil
	case StateUnpaired:
		return fmt.Errorf("whatsapp: no device paired; run `kinerjabot whatsapp login` (or open /admin/whatsapp) and restart")
	case StatePairing:
		return fmt.Errorf("whatsapp: waiting for the QR code or pairing code to be used")
	case StateConnecting:
		return fmt.Errorf("whatsapp: connecting (attempt %d)", s.Attempt+1)
	case StateReconnecting:
		return fmt.Errorf("whatsapp: disconnected (%s); retry %d at %s", s.Reason, s.Attempt, s.Retry.UTC().Format(time.RFC3339))
	}
	if !s.Until.IsZero() {
		return fmt.Errorf("whatsapp: stopped: %s (ban ends %s); restart the bot after that", s.Reason, s.Until.UTC().Format(time.RFC3339))
	}
	return fmt.Errorf("whatsapp: stopped: %s", s.Reason)
}
