package whatsapp

import (
	"context"
	"errors"
	"time"

	"go.mau.fi/whatsmeow/types"
	"go.mau.fi/whatsmeow/types/events"

	"github.com/kinerjabot/kinerjabot/bot"
)

// Bounds of the wait between attempts to hand a message to the inbox.
const (
	minDeliverBackoff = 200 * time.Millisecond
	maxDeliverBackoff = 30 * time.Second
	// loudEvery: every this many failed attempts the retry is logged as an
	// error, not a warning.
	loudEvery = 10
)

// deliverLoop hands queued messages to in, one at a time and in order,
// until ctx is done; then it goes on with what is still queued (and what is
// in hand) for the shutdown grace, and logs the rest as lost.
func (a *Adapter) deliverLoop(ctx context.Context, in bot.Inbox) {
	dctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	defer cancel()
	stop := context.AfterFunc(ctx, func() { time.AfterFunc(a.opt.ShutdownGrace, cancel) })
	defer stop()
	for {
		select {
		case e := <-a.in:
			a.deliver(dctx, in, e)
		case <-ctx.Done():
			a.drain(dctx, in)
			return
		}
	}
}

// drain runs at shutdown: the client is disconnecting, so few or no
// messages arrive any more. ctx ends with the grace.
func (a *Adapter) drain(ctx context.Context, in bot.Inbox) {
	for drained := false; !drained; {
		select {
		case e := <-a.in:
			a.deliver(ctx, in, e)
		default:
			drained = true
		}
	}
	close(a.closed)
	for {
		select {
		case e := <-a.in:
			a.lost(e, "the adapter stopped")
		default:
			return
		}
	}
}

// deliver retries one message until the inbox takes it or ctx ends.
func (a *Adapter) deliver(ctx context.Context, in bot.Inbox, e *events.Message) {
	var wait time.Duration
	for attempt := 1; ; attempt++ {
		err := a.deliverOnce(ctx, in, e)
		if err == nil {
			return
		}
		if ctx.Err() != nil {
			a.lost(e, safeErr(err))
			return
		}
		wait = min(max(2*wait, minDeliverBackoff), maxDeliverBackoff)
		log := a.log.Warn
		if attempt%loudEvery == 0 {
			log = a.log.Error
		}
		log("whatsapp message not yet handed to the inbox; retrying", "message_id", e.Info.ID,
			"attempt", attempt, "retry_in", wait, "err", safeErr(err))
		select {
		case <-ctx.Done():
			a.lost(e, ctx.Err().Error())
			return
		case <-time.After(wait):
		}
	}
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
		return a.sendHint(ctx, s, hint)
	}
	if err := in.Accept(ctx, u); errors.Is(err, bot.ErrMalformed) {
		a.log.Warn("whatsapp message dropped: it cannot be recorded", "chat", maskChat(u.ChatID), "message_id", u.ID, "err", safeErr(err))
		return nil
	} else if err != nil {
		return err
	}
	a.logAccepted(u)
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

// lost logs, loudly, a message that will never reach the inbox: WhatsApp
// already has its acknowledgement and will not send it again.
func (a *Adapter) lost(e *events.Message, why string) {
	a.log.Error("WhatsApp message LOST: it was acknowledged to WhatsApp but never reached the inbox",
		"message_id", e.Info.ID, "chat", maskChat(e.Info.Chat.String()), "at", e.Info.Timestamp, "why", why)
}
