package handlers

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/button"
	"github.com/kinerjabot/kinerjabot/conversation"
	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/ident"
	"github.com/kinerjabot/kinerjabot/storage"
)

// The admin's acting assignments (/plt): the Plt/Plh in force and planned
// for posts in the admin's branch (their unit and the units below it),
// one added with /plt NIP_ACTING NIP_FOR FROM TO [plt|plh], one removed
// with its 🗑 button. The list is one record: a change is a SwapActing
// effect from the list as read, refused when another admin changed it
// meanwhile (Failure tells them to look again).

// SwapActing replaces the acting list Old, as the flow read it, with New;
// By is the admin who changed it. Replaying it after it took effect
// changes nothing.
type SwapActing struct {
	Old, New []storage.Acting
	By       string
}

// EffectName implements conversation.Effect.
func (SwapActing) EffectName() string { return "swap_acting" }

// swapActing applies SwapActing: a conflict is no conflict when the list
// already is the new one (the same update applied again).
func (a Applier) swapActing(ctx context.Context, e SwapActing) error {
	err := a.Store.SwapActing(ctx, e.Old, e.New)
	if errors.Is(err, storage.ErrConflict) {
		if cur, lerr := a.Store.ListActing(ctx); lerr == nil && slices.Equal(cur, e.New) {
			return nil
		}
	}
	if err == nil {
		a.r.log.Info("acting assignments changed", "by_nip", ident.MaskNIP(e.By), "before", len(e.Old), "after", len(e.New))
	}
	return err
}

// actingCommand answers /plt: the list, or, with arguments, an addition.
func (r *Router) actingCommand(ctx context.Context, c *call) (conversation.Outcome, error) {
	today, err := r.today(ctx, c)
	if err != nil {
		return conversation.Outcome{}, err
	}
	list, err := r.store.ListActing(ctx)
	if err != nil {
		return conversation.Outcome{}, fmt.Errorf("list acting: %w", err)
	}
	if args := strings.Fields(c.u.Args); len(args) > 0 {
		return r.addActing(ctx, c, args, list, today)
	}
	return r.actingList(ctx, c, list, today.Format(time.DateOnly))
}

// addActing checks an assignment as import-acting does, for a post in the
// admin's branch, and adds it.
func (r *Router) addActing(ctx context.Context, c *call, args []string, list []storage.Acting, today time.Time) (conversation.Outcome, error) {
	a, p := parseActing(args, today.Format(time.DateOnly), today.Location())
	if p != nil {
		return reply(c, p.text(c)+"\n\n"+c.t(i18n.ActingUsage), menuKeyboard(c)), nil
	}
	acting, err := r.rosterEntry(ctx, a.ActingNIP)
	if err != nil {
		return conversation.Outcome{}, err
	}
	post, err := r.rosterEntry(ctx, a.ForNIP)
	if err != nil {
		return conversation.Outcome{}, err
	}
	if p = checkActing(a, acting, post, list); p == nil {
		p, err = r.inBranch(ctx, c, post)
	}
	if p != nil || err != nil {
		return reply(c, textOf(c, p), menuKeyboard(c)), err
	}
	a.By = c.emp.NIP
	r.log.Info("acting assignment added", "by_nip", ident.MaskNIP(c.emp.NIP), "acting_nip", ident.MaskNIP(a.ActingNIP),
		"for_nip", ident.MaskNIP(a.ForNIP), "from", a.From, "to", a.To)
	out := reply(c, c.t(i18n.ActingAdded, actingLine(c, a, acting.Name, post.Name)), menuKeyboard(c))
	out.Effects = []conversation.Effect{SwapActing{Old: list, New: append(slices.Clip(list), a), By: c.emp.NIP}}
	return out, nil
}

func textOf(c *call, p *problem) string {
	if p == nil {
		return ""
	}
	return p.text(c)
}

// rosterEntry is the employee nip, or nil when not on the roster.
func (r *Router) rosterEntry(ctx context.Context, nip string) (*storage.Employee, error) {
	e, err := r.store.GetEmployee(ctx, nip)
	if errors.Is(err, storage.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("get employee: %w", err)
	}
	return &e, nil
}

// inBranch refuses a post outside the admin's unit and the units below it.
func (r *Router) inBranch(ctx context.Context, c *call, post *storage.Employee) (*problem, error) {
	ok, err := r.unitWithin(ctx, post.UnitCode, c.emp.UnitCode)
	if err != nil || ok {
		return nil, err
	}
	r.log.Warn("acting change refused: post outside the admin's branch", "chat", c.u.Chat().String(),
		"by_nip", ident.MaskNIP(c.emp.NIP), "for_nip", ident.MaskNIP(post.NIP))
	return refuse(i18n.ActingNotBranch, post.Name), nil
}

// isActingChange reports whether an update changes the acting list (for
// Failure: a conflict there means another admin changed it meanwhile).
func isActingChange(u bot.Update) bool {
	if d, _ := pressed(u); d != nil {
		_, ok := d.(button.ActingRemove)
		return ok
	}
	return u.Kind == bot.KindCommand && (u.Command == "plt" || u.Command == "acting")
}
