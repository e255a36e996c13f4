package whatsapp

import (
	"go.mau.fi/whatsmeow/types/events"
)

// HandleEvent is the one whatsmeow event handler; it only dispatches.
// whatsmeow calls it for messages one at a time, and for connection events
// from goroutines of their own. It reports whether the event was handled:
// a message is acknowledged to WhatsApp only after true, which HandleEvent
// returns once the message is in the inbox or screened out (see
// deliver.go). Every other event is handled at once.
func (a *Adapter) HandleEvent(evt any) bool {
	switch e := evt.(type) {
	case *events.Message:
		return a.handleMessage(e)
	case *events.PairSuccess:
		a.handlePaired(e)
	case *events.KeepAliveTimeout:
		a.log.Warn("whatsapp keep-alive timed out", "errors", e.ErrorCount, "last_success", e.LastSuccess)
		a.handleConnection(e)
	case *events.KeepAliveRestored:
		a.log.Info("whatsapp keep-alive restored")
	case *events.MediaRetry:
		a.handleMediaRetry(e)
	case *events.OfflineSyncCompleted:
		a.offlineDone(e)
	case *events.UndecryptableMessage:
		a.log.Warn("whatsapp message could not be decrypted; WhatsApp will ask the sender to resend it",
			"message_id", e.Info.ID, "chat", maskChat(e.Info.Chat.String()))
	default:
		a.handleConnection(evt)
	}
	return true
}

// handlePaired logs a pairing done through the admin page or at login.
func (a *Adapter) handlePaired(e *events.PairSuccess) {
	a.log.Info("whatsapp device paired", "account", maskChat(e.ID.ToNonAD().String()), "platform", e.Platform)
}

// handleConnection applies the reconnect policy to a connection event.
func (a *Adapter) handleConnection(evt any) {
	v := Decide(evt, a.opt.Now())
	if v.Action == Ignore {
		return
	}
	a.apply(v)
	if v.Action == Up && a.Status().State == StateConnected {
		a.sendAvailable()
	}
}
