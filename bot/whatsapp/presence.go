package whatsapp

import (
	"context"
	"time"

	"go.mau.fi/whatsmeow/types"
)

// Presence. Once logged in the adapter says it is available, as WhatsApp
// expects of a client (its receipts are sent as from an active device, and
// the account's name reaches the server). "Typing…" is shown when it can be
// seen: right after a person's message reached the inbox, while the bot
// works on the answer (the answer clears it), and while a photo uploads. It
// is not shown just before a text goes out, where nobody would see it.

// Bounds of presence updates.
const (
	presenceTimeout = 5 * time.Second
	// typingEvery: a chat is shown "typing…" at most once in this time,
	// so that a burst of messages (an offline backlog) shows it once.
	typingEvery = 10 * time.Second
)

// sendAvailable says the account is online, after a login.
func (a *Adapter) sendAvailable() {
	ctx, cancel := context.WithTimeout(a.life, presenceTimeout)
	defer cancel()
	if err := a.cli.SendPresence(ctx, types.PresenceAvailable); err != nil {
		a.log.Warn("whatsapp presence (available) not sent", "err", safeErr(err))
	}
}

// typingSoon shows "typing…" in chat from a goroutine of its own, at most
// once per typingEvery, when connected.
func (a *Adapter) typingSoon(chat types.JID) {
	if a.opt.NoTyping || a.Status().State != StateConnected {
		return
	}
	now := a.opt.Now()
	if last, ok := a.typed.Load(chat); ok && now.Sub(last.(time.Time)) < typingEvery {
		return
	}
	a.typed.Store(chat, now)
	go func() {
		ctx, cancel := context.WithTimeout(a.life, presenceTimeout)
		defer cancel()
		a.typing(ctx, chat)
	}()
}

// typing shows "typing…" in chat now.
func (a *Adapter) typing(ctx context.Context, chat types.JID) {
	if a.opt.NoTyping {
		return
	}
	if err := a.cli.SendChatPresence(ctx, chat, types.ChatPresenceComposing); err != nil {
		a.log.Debug("whatsapp typing presence not shown", "err", safeErr(err))
	}
}
