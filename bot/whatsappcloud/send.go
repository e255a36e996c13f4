package whatsappcloud

import (
	"context"
	"errors"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/i18n"
)

// sentAnswer is the Messages API's answer to a send.
type sentAnswer struct {
	Messages []struct {
		ID string `json:"id"`
	} `json:"messages"`
}

// Send delivers one reply. To someone who has not written for 24 hours
// (Window) it sends the reply's text in the configured template instead,
// as it does when the API answers 131047. Errors are classified (see
// classify): while a global rate limit or an expired token holds sends,
// Send refuses at once without calling the API.
func (a *Adapter) Send(ctx context.Context, r bot.Reply) (bot.MessageRef, error) {
	if err := a.held(); err != nil {
		return bot.MessageRef{}, err
	}
	to, err := recipient(r.Chat)
	if err != nil {
		return bot.MessageRef{}, err
	}
	if r.Text == "" && r.Photo == nil && r.Document == nil {
		return bot.MessageRef{}, invalid("empty reply")
	}
	if r.Photo != nil && r.Document != nil {
		return bot.MessageRef{}, invalid("a photo and a document in one reply")
	}
	cs, err := choicesOf(r)
	if err != nil {
		return bot.MessageRef{}, err
	}
	if r.Edit == nil {
		open, err := a.windowOpen(ctx, r.Chat.ChatID)
		if err != nil {
			return bot.MessageRef{}, err
		}
		if !open {
			return a.sendTemplate(ctx, r.Chat, to, r.Text)
		}
	}
	return bot.SendParts(ctx, r, limits, func(ctx context.Context, p bot.Reply) (bot.MessageRef, error) {
		return a.sendOne(ctx, to, p, cs)
	})
}

// held is why no send may go out now: an expired token, or a global rate
// limit's pause.
func (a *Adapter) held() error {
	if p := a.expired.Load(); p != nil {
		return &classed{err: *p, class: ErrTokenExpired}
	}
	if d := a.paused(); d > 0 {
		return &bot.RateLimitedError{RetryAfter: d, Err: errors.New("whatsappcloud: sends paused after a rate limit")}
	}
	return nil
}

// recipient is the WhatsApp id a chat's messages go to.
func recipient(k bot.ChatKey) (string, error) {
	if k.Platform != bot.WhatsApp {
		return "", invalid("chat %s is not a whatsapp chat", k.Platform)
	}
	id, ok := waID(k.ChatID)
	if !ok {
		return "", invalid("chat id is not a person's whatsapp id")
	}
	return id, nil
}

// sendOne sends one part of a reply: its photo or document (with the text
// as caption when it offers no buttons), then its buttons under the text.
// An edit becomes a follow-up quoting the edited message, saying only what
// the edit adds when the edited message's text is still kept (see
// resend.go).
func (a *Adapter) sendOne(ctx context.Context, to string, p bot.Reply, cs []choice) (bot.MessageRef, error) {
	if len(p.Buttons) == 0 && len(p.Keyboard) == 0 {
		cs = nil // a part before the last: SendParts puts the buttons on the last
	}
	if p.Edit != nil {
		p.Text = bot.FollowUp(a.sentText(ctx, p.Edit.MessageID), p.Text)
		if p.Text == "" && len(cs) == 0 {
			return *p.Edit, nil // nothing new to say: buttons removed, or no change
		}
	}
	msgs, err := a.partMessages(ctx, to, p, cs)
	if err != nil {
		return bot.MessageRef{}, err
	}
	if p.Edit != nil && len(msgs) > 0 {
		msgs[0].Context = &outContext{MessageID: p.Edit.MessageID}
	}
	return a.post(ctx, p.Chat, msgs)
}

// partMessages are the messages of one part: a photo with at most 3
// buttons is one reply-buttons message with the photo as its header;
// otherwise the photo or document (with the text as caption when there
// are no buttons) comes first, then the buttons under the text.
func (a *Adapter) partMessages(ctx context.Context, to string, p bot.Reply, cs []choice) ([]outMessage, error) {
	l := i18n.Lang(a.opt.Language).Or(i18n.ID)
	choose := func(text string) []outMessage {
		return choiceMessages(to, text, l.T(i18n.WACloudListOpen), l.T(i18n.WACloudListMore), cs)
	}
	if p.Photo == nil && p.Document == nil {
		if len(cs) > 0 {
			return choose(p.Text), nil
		}
		return []outMessage{textMessage(to, p.Text)}, nil
	}
	if len(cs) == 0 {
		m, err := a.mediaMessage(ctx, to, p, p.Text)
		return []outMessage{m}, err
	}
	m, err := a.mediaMessage(ctx, to, p, "")
	if err != nil {
		return nil, err
	}
	if p.Photo != nil && p.Text != "" && asButtons(p.Text, cs) {
		return []outMessage{withImage(choose(p.Text)[0], m.Image.ID)}, nil
	}
	return append([]outMessage{m}, choose(p.Text)...), nil
}

// post sends msgs in order, returning the last one's reference. A message
// refused with 131047 (outside the window) is sent as the template.
func (a *Adapter) post(ctx context.Context, chat bot.ChatKey, msgs []outMessage) (bot.MessageRef, error) {
	var ref bot.MessageRef
	for _, m := range msgs {
		id, err := a.postMessage(ctx, m)
		if codeOf(err) == CodeReEngagement {
			a.windowClosed(ctx, chat.ChatID)
			return a.sendTemplate(ctx, chat, m.To, bodyOf(m))
		}
		if err != nil {
			return bot.MessageRef{}, err
		}
		a.keepSent(ctx, id, m)
		ref = bot.MessageRef{Chat: chat, MessageID: id}
	}
	return ref, nil
}

// postMessage sends one message, acting on the errors that concern every
// send (a global rate limit pauses all, an expired token stops all).
func (a *Adapter) postMessage(ctx context.Context, m outMessage) (string, error) {
	var ans sentAnswer
	err := classify(a.postJSON(ctx, "/"+a.opt.PhoneNumberID+"/messages", m, &ans))
	var rl *bot.RateLimitedError
	switch {
	case errors.Is(err, ErrTokenExpired):
		a.tokenExpired(err)
	case errors.As(err, &rl) && isGlobalLimit(codeOf(err)):
		a.pause(rl.RetryAfter)
	}
	if err != nil {
		return "", err
	}
	if len(ans.Messages) == 0 || ans.Messages[0].ID == "" {
		return "", errors.New("whatsapp cloud api: send answered without a message id")
	}
	return ans.Messages[0].ID, nil
}

// sendTemplate sends text in the configured template: the way to reach
// someone outside the 24-hour window.
func (a *Adapter) sendTemplate(ctx context.Context, chat bot.ChatKey, to, text string) (bot.MessageRef, error) {
	if text == "" {
		return bot.MessageRef{}, invalid("nothing to put in the template")
	}
	id, err := a.postMessage(ctx, templateMessage(to, a.opt.Template, a.opt.TemplateLanguage, text))
	if err != nil {
		return bot.MessageRef{}, err
	}
	a.log.Debug("whatsapp cloud: sent as template (outside the 24-hour window)", "message_id", id)
	return bot.MessageRef{Chat: chat, MessageID: id}, nil
}

// bodyOf is the text a message shows.
func bodyOf(m outMessage) string {
	switch {
	case m.Text != nil:
		return m.Text.Body
	case m.Interactive != nil:
		return m.Interactive.Body.Text
	case m.Image != nil:
		return m.Image.Caption
	case m.Document != nil:
		return m.Document.Caption
	}
	return ""
}

// AnswerCallback shows text (if any) as a message in the chat that pressed
// the button: WhatsApp has no popups.
func (a *Adapter) AnswerCallback(ctx context.Context, callbackID, text string) error {
	if text == "" {
		return nil
	}
	chat, ok := bot.CallbackChat(callbackID)
	if !ok {
		return invalid("callback id without chat")
	}
	_, err := a.Send(ctx, bot.Reply{Chat: bot.ChatKey{Platform: bot.WhatsApp, ChatID: chat}, Text: text})
	return err
}
