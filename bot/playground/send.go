package playground

import (
	"context"
	"fmt"

	"github.com/kinerjabot/kinerjabot/bot"
)

// Send shows one reply in its chat's pane: a text message, a photo with the
// text as its caption, or, when r.Edit is set, an edit of an earlier
// message (its text or caption and its inline buttons, no buttons removing
// them). Replies Telegram would refuse fail with ErrInvalidReply, and, as
// on Telegram, a text over bot.TelegramLimits shows as several messages
// (bot.SendParts), the buttons under the last, and an edit is cut to fit.
// A photo is shown from the playground's own file when r.Photo names one,
// else from r.Photo.Data (kept as a new file); a document is shown as a
// download link for its chat (documents.go). It does no network I/O.
func (a *Adapter) Send(ctx context.Context, r bot.Reply) (bot.MessageRef, error) {
	if err := ctx.Err(); err != nil {
		return bot.MessageRef{}, err
	}
	if r.Edit != nil {
		return a.sendEdit(r)
	}
	if err := checkReply(r); err != nil {
		return bot.MessageRef{}, err
	}
	return bot.SendParts(ctx, r, bot.TelegramLimits, a.sendOne)
}

// sendOne shows one message of a reply checked by Send.
func (a *Adapter) sendOne(_ context.Context, r bot.Reply) (bot.MessageRef, error) {
	kb, _ := toKeyboard(r.Keyboard) // checked
	m := message{From: fromBot, Text: r.Text, Buttons: buttons(r.Buttons), At: a.now()}
	if r.Photo != nil {
		url, err := a.photoURL(r.Photo)
		if err != nil {
			return bot.MessageRef{}, err
		}
		m.Photo = url
	}
	if r.Document != nil {
		m.File = cleanName(r.Document.Name)
		m.FileURL = a.documentURL(r.Chat.ChatID, a.docs.put(r.Chat.ChatID, r.Document))
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	m.ID = a.nextID()
	a.appendLocked(r.Chat.ChatID, m)
	switch {
	case kb != nil:
		a.setKeyboardLocked(r.Chat.ChatID, kb)
	case r.RemoveKeyboard:
		a.setKeyboardLocked(r.Chat.ChatID, nil)
	}
	return bot.MessageRef{Chat: r.Chat, MessageID: m.ID, Photo: r.Photo != nil || r.Document != nil}, nil
}

// photoURL finds or keeps the image of a photo reply and returns its URL.
func (a *Adapter) photoURL(p *bot.Photo) (string, error) {
	switch {
	case p.Platform == bot.Playground && p.FileID != "":
		if _, err := a.files.stat(p.FileID); err != nil {
			return "", fmt.Errorf("playground photo %s: %w", p.FileID, err)
		}
		return a.fileURL(p.FileID), nil
	case len(p.Data) > 0:
		f, err := a.files.put("", p.Data)
		if err != nil {
			return "", err
		}
		return a.fileURL(f.ID), nil
	}
	return "", invalid("photo with neither a playground file nor data")
}

func (a *Adapter) fileURL(id string) string { return a.opt.Base + "/files/" + id }

// sendEdit replaces an earlier message's text (or caption) and buttons.
// Editing a message into what it already is succeeds.
func (a *Adapter) sendEdit(r bot.Reply) (bot.MessageRef, error) {
	if err := checkEdit(r); err != nil {
		return bot.MessageRef{}, err
	}
	ref := *r.Edit
	a.mu.Lock()
	defer a.mu.Unlock()
	m := a.findLocked(ref.Chat.ChatID, ref.MessageID)
	if m == nil || m.From != fromBot {
		return bot.MessageRef{}, fmt.Errorf("%w: chat=%s message=%s", ErrUnknownMessage, ref.Chat.ChatID, ref.MessageID)
	}
	limit := bot.TelegramLimits.Text
	if ref.Photo {
		limit = bot.TelegramLimits.Caption
	}
	m.Text, m.Buttons, m.Edited = bot.TelegramLimits.Fit(r.Text, limit), buttons(r.Buttons), true
	a.broadcastLocked(newEvent("edit", messageEvent{Chat: ref.Chat.ChatID, Message: *m}))
	return ref, nil
}

// AnswerCallback ends a button press: the page stops waiting on the button
// and shows text (if any) as a toast over the pane, as Telegram does.
func (a *Adapter) AnswerCallback(ctx context.Context, callbackID, text string) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	chatID, ok := a.callbacks[callbackID]
	if !ok {
		return fmt.Errorf("playground: unknown callback %q", callbackID)
	}
	delete(a.callbacks, callbackID)
	a.broadcastLocked(newEvent("toast", toastEvent{Chat: chatID, Text: text}))
	return nil
}
