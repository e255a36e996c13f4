package handlers

import (
	"context"
	"strings"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/conversation"
	"github.com/kinerjabot/kinerjabot/i18n"
)

// The answers every flow may give (cancel, a restart after an update of the
// code, a change of language) and the small helpers the flows share.

func (r *Router) cancel(ctx context.Context, c *call) (conversation.Outcome, error) {
	text := c.t(i18n.Cancelled)
	switch c.flow() {
	case "":
		text = c.t(i18n.NothingToCancel)
	case flowSurvey:
		text = c.t(i18n.SurveyCancelled)
	}
	out := conversation.Outcome{Next: conversation.Session{Lang: c.in.Session.Lang}}
	r2 := bot.Reply{Text: text, RemoveKeyboard: true}
	if err := r.identify(ctx, c); err == nil && c.emp != nil {
		r2.RemoveKeyboard, r2.Keyboard = false, menuKeyboard(c)
	}
	out.Replies = []bot.Reply{r2}
	return out, nil
}

func (r *Router) restart(ctx context.Context, c *call) (conversation.Outcome, error) {
	out := conversation.Outcome{Next: conversation.Session{Lang: c.in.Session.Lang}}
	rep := bot.Reply{Text: c.t(i18n.FlowRestarted), RemoveKeyboard: true}
	if c.emp != nil {
		rep.RemoveKeyboard, rep.Keyboard = false, menuKeyboard(c)
	}
	out.Replies = []bot.Reply{rep}
	if c.emp == nil {
		more := r.askContact(c)
		out.Next, out.Replies = more.Next, append(out.Replies, more.Replies...)
	}
	return out, nil
}

func (r *Router) language(_ context.Context, c *call) (conversation.Outcome, error) {
	next := c.in.Session
	l, ok := i18n.Parse(c.u.Args)
	if !ok {
		return conversation.Outcome{Next: next, Replies: []bot.Reply{{Text: c.t(i18n.LanguageUsage)}}}, nil
	}
	next.Lang = string(l)
	return conversation.Outcome{Next: next, Replies: []bot.Reply{{Text: l.T(i18n.LanguageSet)}}}, nil
}

func reply(c *call, text string, kb [][]bot.KeyButton) conversation.Outcome {
	return conversation.Outcome{
		Next:    conversation.Session{Lang: c.in.Session.Lang},
		Replies: []bot.Reply{{Text: text, Keyboard: kb}},
	}
}

func isCommand(u bot.Update, names ...string) bool {
	if u.Kind != bot.KindCommand {
		return false
	}
	for _, n := range names {
		if u.Command == n {
			return true
		}
	}
	return false
}

func isText(u bot.Update, labels ...string) bool {
	if u.Kind != bot.KindText {
		return false
	}
	t := strings.TrimSpace(u.Text)
	for _, l := range labels {
		if strings.EqualFold(t, l) {
			return true
		}
	}
	return false
}
