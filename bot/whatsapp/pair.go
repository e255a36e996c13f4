package whatsapp

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"go.mau.fi/whatsmeow"
	"go.mau.fi/whatsmeow/types/events"
)

// pairingCode is the QR code on offer while pairing from the admin page.
type pairingCode struct {
	Code    string
	Expires time.Time
}

// ErrPaired: pairing was asked of a session that is already paired.
var ErrPaired = errors.New("whatsapp: a device is already paired")

// QR returns the QR code to scan while pairing (with when it expires), or
// "" when none is on offer.
func (a *Adapter) QR() (code string, expires time.Time) {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.status.State != StatePairing || a.qr.Code == "" {
		return "", time.Time{}
	}
	return a.qr.Code, a.qr.Expires
}

// StartPairing begins QR pairing when no device is paired (before Run or
// while it runs, not after): QR then returns the code to scan, renewed until it is scanned or
// WhatsApp gives up (the status goes back to unpaired; call again). It does
// nothing when pairing is already under way.
func (a *Adapter) StartPairing() error {
	a.mu.Lock()
	ctx := a.life
	switch {
	case ctx.Err() != nil:
		a.mu.Unlock()
		return errors.New("whatsapp: the adapter has stopped")
	case a.status.State == StatePairing:
		a.mu.Unlock()
		return nil
	case a.status.State != StateUnpaired || a.cli.Paired():
		a.mu.Unlock()
		return ErrPaired
	}
	a.connStart = a.opt.Now()
	a.qr = pairingCode{}
	a.setStatusLocked(Status{State: StatePairing})
	a.mu.Unlock()
	ch, err := a.cli.GetQRChannel(ctx)
	if err == nil {
		err = a.cli.Connect(ctx)
	}
	if err != nil {
		a.pairingEnded("pairing could not start: " + redactDigits(err.Error()))
		return fmt.Errorf("whatsapp pairing: %w", err)
	}
	go a.followPairing(ch)
	return nil
}

// followPairing shows each new QR code until pairing ends.
func (a *Adapter) followPairing(ch <-chan whatsmeow.QRChannelItem) {
	for item := range ch {
		switch item.Event {
		case whatsmeow.QRChannelEventCode:
			a.mu.Lock()
			a.qr = pairingCode{Code: item.Code, Expires: a.opt.Now().Add(item.Timeout)}
			a.changedLocked()
			a.mu.Unlock()
		case whatsmeow.QRChannelSuccess.Event:
			a.mu.Lock()
			a.qr = pairingCode{}
			if a.status.State == StatePairing {
				a.setStatusLocked(Status{State: StateConnecting})
			}
			a.mu.Unlock()
			a.poke()
			return
		default:
			a.cli.Disconnect()
			a.pairingEnded(pairingFailure(item))
			return
		}
	}
}

func (a *Adapter) pairingEnded(reason string) {
	a.mu.Lock()
	a.qr = pairingCode{}
	if a.status.State == StatePairing {
		a.setStatusLocked(Status{State: StateUnpaired, Reason: reason})
	}
	a.mu.Unlock()
	a.log.Warn("WhatsApp pairing ended without a paired device", "reason", reason)
	a.poke()
}

func pairingFailure(item whatsmeow.QRChannelItem) string {
	switch {
	case item.Event == whatsmeow.QRChannelTimeout.Event:
		return "the QR codes expired before one was scanned"
	case item.Error != nil:
		return fmt.Sprintf("pairing failed: %v", item.Error)
	}
	return "pairing failed: " + item.Event
}

// LoginOptions direct Login.
type LoginOptions struct {
	// PairPhone, when set (digits with country code, "+" allowed), asks
	// WhatsApp for a pairing code to type on that phone instead of a QR code.
	PairPhone string
	// OnQR shows a QR code to scan (each replaces the previous one).
	OnQR func(code string, valid time.Duration)
	// OnPairCode shows the pairing code to type on the phone.
	OnPairCode func(code string)
	// ConnectedTimeout bounds the wait, after pairing, for the first login
	// (default DefaultLoginTimeout).
	ConnectedTimeout time.Duration
}

// Login pairs cli's device with a phone: it shows QR codes (or asks for a
// pairing code) until the phone links the device, waits for the first login
// so the session is complete, and disconnects. It fails when the device is
// already paired, the codes expire, or ctx ends. It is for the login
// command, not for a client an Adapter runs.
func Login(ctx context.Context, cli Client, o LoginOptions) error {
	if cli.Paired() {
		return ErrPaired
	}
	if o.ConnectedTimeout <= 0 {
		o.ConnectedTimeout = DefaultLoginTimeout
	}
	connected := make(chan struct{}, 1)
	cli.AddEventHandler(func(evt any) bool {
		switch evt.(type) {
		case *events.Connected:
			select {
			case connected <- struct{}{}:
			default:
			}
		case *events.Message:
			return false // not acknowledged: the bot receives it once it runs
		}
		return true
	})
	ch, err := cli.GetQRChannel(ctx)
	if err != nil {
		return fmt.Errorf("whatsapp login: %w", err)
	}
	if err := cli.Connect(ctx); err != nil {
		return fmt.Errorf("whatsapp login: connect: %w", err)
	}
	defer cli.Disconnect()
	if err := followLogin(ctx, cli, ch, o); err != nil {
		return err
	}
	select {
	case <-connected:
		return nil
	case <-time.After(o.ConnectedTimeout):
		return errors.New("whatsapp login: paired, but the first login did not complete; start the bot and check its log")
	case <-ctx.Done():
		return ctx.Err()
	}
}

func followLogin(ctx context.Context, cli Client, ch <-chan whatsmeow.QRChannelItem, o LoginOptions) error {
	asked := false
	for {
		var item whatsmeow.QRChannelItem
		var ok bool
		select {
		case item, ok = <-ch:
		case <-ctx.Done():
			return ctx.Err()
		}
		if !ok {
			return errors.New("whatsapp login: pairing ended without a result")
		}
		switch {
		case item.Event == whatsmeow.QRChannelEventCode && o.PairPhone != "":
			if asked {
				continue
			}
			asked = true
			code, err := cli.PairPhone(ctx, strings.TrimPrefix(digits(o.PairPhone), "+"))
			if err != nil {
				return fmt.Errorf("whatsapp login: pairing code: %w", err)
			}
			if o.OnPairCode != nil {
				o.OnPairCode(code)
			}
		case item.Event == whatsmeow.QRChannelEventCode:
			if o.OnQR != nil {
				o.OnQR(item.Code, item.Timeout)
			}
		case item.Event == whatsmeow.QRChannelSuccess.Event:
			return nil
		default:
			return errors.New("whatsapp login: " + pairingFailure(item))
		}
	}
}
