package handlers

import (
	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/conversation"
	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/ident"
)

// UnlinkAccount unlinks an employee's chat account on a platform.
// Idempotent: unlinking what is not linked changes nothing.
type UnlinkAccount struct {
	NIP      string
	Platform string
}

// EffectName implements conversation.Effect.
func (UnlinkAccount) EffectName() string { return "unlink_account" }

// leaver answers a person the roster now marks inactive (retired, moved
// out, or made inactive) whose chat is still linked: whatever they sent
// (a report, an appreciation, a press), they are told, once, that they can
// no longer report or give appreciation here, and this chat account is
// unlinked from them, ending any flow. Their pending reports stay with
// their approver. Their next message comes from an unregistered chat, and
// registering again is refused while they are inactive.
func (r *Router) leaver(c *call) conversation.Outcome {
	r.log.Info("inactive person wrote: chat account unlinked", "chat", c.u.Chat().String(), "nip", ident.MaskNIP(c.emp.NIP))
	text := c.t(i18n.LeaverUnlinked)
	return conversation.Outcome{
		Next:    conversation.Session{Lang: c.in.Session.Lang},
		Replies: []bot.Reply{{Text: text, RemoveKeyboard: true}},
		Effects: []conversation.Effect{UnlinkAccount{NIP: c.emp.NIP, Platform: string(c.u.Platform)}},
	}
}
