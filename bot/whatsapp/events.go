package whatsapp

import (
	"go.mau.fi/whatsmeow/types/events"
)

// HandleEvent is the one whatsmeow event handler. whatsmeow calls it for
// every event, one at a time, and acknowledges a message to WhatsApp once it
// returns, so it only dispatches: messages are screened and queued for the
// inbox, connection events update the status. It never does I/O and blocks
// only when InboxBuffer messages already wait for the inbox.
func (a *Adapter) HandleEvent(evt any) {
	switch e := evt.(type) {
	case *events.Message:
		a.handleMessage(e)
	case *events.PairSuccess:
		a.handlePaired(e)
	case *events.KeepAliveTimeout:
		a.log.Warn("whatsapp keep-alive timed out", "errors", e.ErrorCount, "last_success", e.LastSuccess)
	case *events.KeepAliveRestored:
		a.log.Info("whatsapp keep-alive restored")
	case *events.UndecryptableMessage:
		a.log.Warn("whatsapp message could not be decrypted; WhatsApp will ask the sender to resend it",
			"message_id", e.Info.ID, "chat", maskChat(e.Info.Chat.String()))
	default:
		a.handleConnection(evt)
	}
}

// handleMessage screens a message and queues it for the inbox.
func (a *Adapter) handleMessage(e *events.Message) {
	pn, lid := a.cli.OwnID()
	if skip := screen(e, ownIDs{pn: pn, lid: lid}, a.replaySince()); skip != "" {
		a.log.Debug("whatsapp message ignored", "message_id", e.Info.ID, "reason", skip)
		return
	}
	select {
	case <-a.closed:
		a.lost(e, "the adapter stopped")
		return
	default:
	}
	select {
	case a.in <- e:
	case <-a.closed:
		a.lost(e, "the adapter stopped")
	}
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
}
