package whatsapp

import (
	"context"
	"errors"

	"go.mau.fi/whatsmeow/types"
	"go.mau.fi/whatsmeow/types/events"

	"github.com/kinerjabot/kinerjabot/bot"
)

// A message is acknowledged to WhatsApp only once it is safe: the handler
// resolves the sender and hands the update to the inbox (Redis), bounded by
// AcceptTimeout, and reports failure when the inbox does not take it.
// whatsmeow then sends no receipt, and WhatsApp delivers the message again
// at the next connection (the engine drops a second copy by its id). So
// that no later message overtakes it, the rest of that connection's
// messages are refused too (held), and the adapter reconnects after a
// back-off that grows for as long as the inbox keeps refusing.

// handleMessage screens a message and hands it to the inbox, reporting
// whether it may be acknowledged.
func (a *Adapter) handleMessage(e *events.Message) bool {
	pn, lid := a.cli.OwnID()
	if skip := screen(e, ownIDs{pn: pn, lid: lid}); skip != "" {
		a.log.Debug("whatsapp message ignored", "message_id", e.Info.ID, "reason", skip)
		return true
	}
	in, why := a.taking()
	if in == nil {
		a.log.Debug("whatsapp message not acknowledged; WhatsApp delivers it again", "message_id", e.Info.ID, "why", why)
		return false
	}
	ctx, cancel := context.WithTimeout(a.life, a.opt.AcceptTimeout)
	defer cancel()
	offline, late := a.age(e.Info.Timestamp)
	take := a.deliverOnce
	if late {
		take = a.tellTooLate
	}
	if err := take(ctx, in, e); err != nil {
		a.log.Warn("whatsapp message not acknowledged: the inbox did not take it; WhatsApp delivers it again after a reconnect",
			"message_id", e.Info.ID, "chat", maskChat(e.Info.Chat.String()), "err", safeErr(err))
		a.holdBack("the inbox did not take a message: " + safeErr(err))
		return false
	}
	a.mu.Lock()
	a.refused = 0
	a.mu.Unlock()
	a.countOffline(offline, late)
	return true
}

// taking returns the inbox messages go to now, or nil and why not: Run is
// not running, or an earlier message of this connection was refused.
func (a *Adapter) taking() (bot.Inbox, string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	switch {
	case a.inbox == nil:
		return nil, "the adapter is not running"
	case a.held:
		return nil, "an earlier message waits to be delivered again"
	}
	return a.inbox, ""
}

// holdBack refuses the rest of the connection's messages and schedules a
// reconnect, so that WhatsApp delivers the refused ones again, in order.
func (a *Adapter) holdBack(reason string) {
	a.mu.Lock()
	prev := a.status
	if a.held || final(prev.State) {
		a.held = true
		a.mu.Unlock()
		return
	}
	a.held = true
	a.refused++
	wait := backoff(a.refused, a.opt.MinBackoff, a.opt.MaxBackoff)
	a.setStatusLocked(Status{State: StateReconnecting, Reason: reason, Attempt: a.refused, Retry: a.opt.Now().Add(wait)})
	now := a.status
	a.mu.Unlock()
	a.logChange(prev, now)
	a.poke()
}

// deliverOnce resolves the sender, maps the message (a reply picking a
// numbered choice becomes the choice), records that the chat wrote, and
// hands the update to in. Some choices are answered here instead.
func (a *Adapter) deliverOnce(ctx context.Context, in bot.Inbox, e *events.Message) error {
	s, err := a.senderOf(ctx, e.Info)
	if err != nil {
		return err
	}
	u, quoted := fromMessage(e, s)
	u, hint, err := a.applyChoice(ctx, u, quoted)
	if err != nil {
		return err
	}
	if a.opt.Chats != nil {
		if err := a.opt.Chats.Wrote(ctx, u.ChatID, u.At); err != nil {
			return err
		}
	}
	if hint != "" {
		if err := a.sendHint(ctx, s, hint); err != nil {
			a.log.Warn("whatsapp hint not sent", "chat", maskChat(s.ChatID), "err", safeErr(err))
		}
		return nil
	}
	if err := in.Accept(ctx, u); errors.Is(err, bot.ErrMalformed) {
		a.log.Warn("whatsapp message dropped: it cannot be recorded", "chat", maskChat(u.ChatID), "message_id", u.ID, "err", safeErr(err))
		return nil
	} else if err != nil {
		return err
	}
	a.logAccepted(u)
	a.typingSoon(s.JID)
	return nil
}

// senderOf names the sender, resolving a LID to its phone number through
// whatsmeow's LID store when the message does not tell it.
func (a *Adapter) senderOf(ctx context.Context, info types.MessageInfo) (sender, error) {
	pn := knownPN(info)
	if lid := info.Sender.ToNonAD(); pn.IsEmpty() && lid.Server == types.HiddenUserServer {
		var err error
		if pn, err = a.cli.PNForLID(ctx, lid); err != nil {
			return sender{}, err
		}
	}
	return senderFrom(info, pn), nil
}

func (a *Adapter) logAccepted(u bot.Update) {
	args := []any{"update_id", u.ID, "chat_id", maskChat(u.ChatID), "kind", u.Kind}
	if u.Contact != nil {
		args = append(args, "contact_phone", maskPhone(u.Contact.Phone))
	}
	if u.Callback != nil {
		args = append(args, "choice_of", u.Callback.MessageID)
	}
	a.log.Debug("whatsapp update accepted", args...)
}
