package whatsapp

import (
	"context"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/i18n"
)

// applyChoice turns a text that picks one of the chat's open numbered
// choices into what the choice stands for: a callback (an inline button),
// the button's label as text (a keyboard button), or the sender's own
// number as a contact ("share my number"). For "share my location", and for
// "share my number" when WhatsApp did not tell the number, hint is what to
// tell the person instead, and u is not for the inbox.
func (a *Adapter) applyChoice(ctx context.Context, u bot.Update, quoted string) (out bot.Update, hint string, err error) {
	if u.Kind != bot.KindText {
		return u, "", nil
	}
	msgID, o, ok, err := a.choices.open(ctx, u.ChatID, quoted)
	if err != nil || !ok {
		return u, "", err
	}
	c, ok := pick(o.Choices, u.Text)
	if !ok {
		return u, "", nil
	}
	switch c.Kind {
	case choiceCallback:
		u.Kind, u.Text = bot.KindCallback, ""
		u.Callback = &bot.Callback{ID: bot.ChatCallbackID(u.ChatID, u.ID), Data: c.Data, MessageID: msgID}
	case choiceText:
		setText(&u, c.Label)
	case choiceContact:
		if u.Phone == "" {
			return u, a.lang.T(i18n.WAContactUnknown), nil
		}
		u.Kind, u.Text = bot.KindContact, ""
		u.Contact = &bot.Contact{Phone: u.Phone, FirstName: u.UserName, UserID: u.UserID}
	case choiceLocation:
		return u, a.lang.T(i18n.WALocationHint), nil
	}
	return u, "", nil
}
