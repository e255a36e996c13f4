package whatsapp

import (
	"context"
	"errors"
	"time"

	"go.mau.fi/whatsmeow"
)

// The supervisor keeps the connection up. whatsmeow's own reconnect (linear,
// uncapped, blind to bans) is off; instead every connection event goes
// through Decide, and the supervisor reconnects after a back-off doubling
// from MinBackoff to MaxBackoff, or stops for good.

// apply moves the status as a verdict says and wakes the supervisor.
func (a *Adapter) apply(v Verdict) {
	a.mu.Lock()
	prev := a.status
	switch v.Action {
	case Up:
		switch {
		case a.held, prev.State == StateStopped:
			a.mu.Unlock()
			return // a late login of a connection given up
		case !a.cli.IsLoggedIn():
			if prev.State == StateReconnecting {
				a.mu.Unlock()
				return // the Disconnected that raced it was first
			}
			a.reconnectLocked(prev, "WhatsApp reported a login, but the connection is not logged in")
		default:
			a.setStatusLocked(Status{State: StateConnected})
		}
	case Retry:
		if final(prev.State) {
			a.mu.Unlock()
			return // final, or pairing's own business
		}
		a.reconnectLocked(prev, v.Reason)
	case Stop:
		a.setStatusLocked(Status{State: StateStopped, Reason: v.Reason, Until: v.Until})
	}
	now := a.status
	a.mu.Unlock()
	a.logChange(prev, now)
	a.poke()
}

// final says whether the supervisor leaves a state alone: stopped for
// good, or pairing's business.
func final(s State) bool {
	return s == StateStopped || s == StateUnpaired || s == StatePairing
}

// reconnectLocked schedules the next attempt after prev failed.
func (a *Adapter) reconnectLocked(prev Status, reason string) {
	attempt := prev.Attempt + 1
	if prev.State == StateConnected {
		attempt = 1
	}
	wait := backoff(attempt, a.opt.MinBackoff, a.opt.MaxBackoff)
	a.setStatusLocked(Status{State: StateReconnecting, Reason: reason, Attempt: attempt, Retry: a.opt.Now().Add(wait)})
}

// backoff is the wait before attempt n (from 1): min, 2·min, 4·min, … max.
func backoff(n int, lo, hi time.Duration) time.Duration {
	d := lo
	for i := 1; i < n && d < hi; i++ {
		d *= 2
	}
	return min(d, hi)
}

func (a *Adapter) logChange(prev, now Status) {
	switch now.State {
	case StateConnected:
		if prev.State != StateConnected {
			pn, _ := a.cli.OwnID()
			a.log.Info("WhatsApp connected", "account", maskChat(pn.String()))
		}
	case StateReconnecting:
		a.log.Warn("WhatsApp disconnected; reconnecting", "reason", now.Reason, "attempt", now.Attempt,
			"retry_in", now.Retry.Sub(a.opt.Now()).Round(100*time.Millisecond))
	case StateStopped:
		args := []any{"reason", now.Reason}
		if !now.Until.IsZero() {
			args = append(args, "ban_ends", now.Until.UTC().Format(time.RFC3339))
		}
		a.log.Error("WhatsApp stopped for good: no more reconnect attempts until a person acts and restarts the bot", args...)
	}
}

// supervise runs until ctx is done, connecting whenever the status asks.
func (a *Adapter) supervise(ctx context.Context) {
	if a.Status().State == StateConnecting {
		a.connect(ctx)
	}
	for {
		st := a.Status()
		var timer <-chan time.Time
		switch st.State {
		case StateReconnecting:
			a.cli.Disconnect() // the adapter may have given up on a socket still open
			timer = a.after(st.Retry.Sub(a.opt.Now()))
		case StateConnecting:
			timer = a.after(st.Since.Add(a.opt.LoginTimeout).Sub(a.opt.Now()))
		case StateConnected:
			timer = a.after(a.opt.LiveCheck)
		case StateStopped:
			a.cli.Disconnect()
		}
		select {
		case <-ctx.Done():
			return
		case <-a.wake:
		case <-timer:
			a.due(ctx, st)
		}
	}
}

func (a *Adapter) after(d time.Duration) <-chan time.Time {
	return time.After(max(d, 0))
}

// due acts on a status whose time came: a reconnect attempt, or a login
// that took too long.
func (a *Adapter) due(ctx context.Context, st Status) {
	if a.Status() != st {
		return // changed meanwhile
	}
	switch st.State {
	case StateReconnecting:
		a.connect(ctx)
	case StateConnecting:
		a.cli.Disconnect()
		a.apply(Verdict{Action: Retry, Reason: "login did not complete in time"})
	case StateConnected:
		a.Live()
	}
}

// Live checks that a connection the status calls up is logged in still,
// moving the status to reconnecting when it is not, and returns the status:
// the truth for /healthz and /metrics.
func (a *Adapter) Live() Status {
	a.mu.Lock()
	prev := a.status
	if prev.State != StateConnected || a.cli.IsLoggedIn() {
		a.mu.Unlock()
		return prev
	}
	a.reconnectLocked(prev, "the connection is no longer logged in")
	now := a.status
	a.mu.Unlock()
	a.logChange(prev, now)
	a.poke()
	return now
}

// connect starts one connection attempt. Its outcome arrives as events;
// only a failure to open the socket is handled here.
func (a *Adapter) connect(ctx context.Context) {
	a.mu.Lock()
	prev := a.status
	if final(prev.State) {
		a.mu.Unlock()
		return
	}
	a.connStart = a.opt.Now()
	a.held = false
	a.setStatusLocked(Status{State: StateConnecting, Attempt: prev.Attempt, Reason: prev.Reason})
	a.mu.Unlock()
	err := a.cli.Connect(ctx)
	if err == nil || errors.Is(err, whatsmeow.ErrAlreadyConnected) || ctx.Err() != nil {
		return
	}
	a.apply(Verdict{Action: Retry, Reason: "connect: " + redactDigits(err.Error())})
}
