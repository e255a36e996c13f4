package handlers

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/kinerjabot/kinerjabot/conversation"
	"github.com/kinerjabot/kinerjabot/i18n"
)

// ConsoleLinks makes the web console's one-time login links (package
// console). It does I/O and is safe for concurrent use.
type ConsoleLinks interface {
	// IssueLink makes a link for nip, bound to the chat on platform it is
	// sent to. A person who asked for too many gets no link and the time
	// they may ask again (until); an unconfigured console is an error.
	IssueLink(ctx context.Context, nip, platform, chat string) (link string, until time.Time, err error)
	// LinkTTL is how long a link stays valid.
	LinkTTL() time.Duration
}

// consoleLink answers /konsol: a one-time link to the console, sent only
// to the chat account the person registered on this platform.
func (r *Router) consoleLink(ctx context.Context, c *call) (conversation.Outcome, error) {
	if r.opt.Console == nil {
		return reply(c, c.t(i18n.ConsoleNotConfigured), menuKeyboard(c)), nil
	}
	platform := string(c.u.Platform)
	if acc, ok := c.emp.Accounts[platform]; !ok || acc.ChatID != c.u.ChatID {
		r.log.Info("console link refused: not the person's registered chat", "chat", c.u.Chat().String())
		return reply(c, c.t(i18n.ConsoleLinkNoChatLinked), menuKeyboard(c)), nil
	}
	link, until, err := r.opt.Console.IssueLink(ctx, c.emp.NIP, platform, c.u.ChatID)
	switch {
	case err != nil:
		return conversation.Outcome{}, fmt.Errorf("console link: %w", err)
	case link == "":
		text, err := r.laterText(ctx, c, i18n.ConsoleLinkWait, until)
		if err != nil {
			return conversation.Outcome{}, err
		}
		return reply(c, text, menuKeyboard(c)), nil
	}
	minutes := int(math.Ceil(r.opt.Console.LinkTTL().Minutes()))
	return reply(c, c.t(i18n.ConsoleLinkSent, link, minutes), menuKeyboard(c)), nil
}
