package handlers

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/button"
	"github.com/kinerjabot/kinerjabot/conversation"
	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/ident"
	"github.com/kinerjabot/kinerjabot/storage"
)

// actingList shows the assignments in force and planned for posts in the
// admin's branch, each with a button to remove it.
func (r *Router) actingList(ctx context.Context, c *call, list []storage.Acting, today string) (conversation.Outcome, error) {
	var b strings.Builder
	var rows [][]bot.Button
	for _, a := range list {
		if a.To < today {
			continue
		}
		post, err := r.branchPost(ctx, c, a.ForNIP)
		if err != nil {
			return conversation.Outcome{}, err
		}
		if post == nil {
			continue
		}
		n := len(rows) + 1
		b.WriteString("\n" + c.t(i18n.ActingItem, n, actingLine(c, a, r.nameOf(ctx, a.ActingNIP), post.Name)))
		rows = append(rows, []bot.Button{c.button(c.t(i18n.ActingRemove, n),
			button.ActingRemove{For: a.ForNIP, From: strings.ReplaceAll(a.From, "-", "")})})
	}
	head := c.t(i18n.ActingNone)
	if len(rows) > 0 {
		head = c.t(i18n.ActingHeader) + b.String()
	}
	return r.listOutcome(c, head+"\n\n"+c.t(i18n.ActingUsage), rows), nil
}

// branchPost is the holder of the post nip when it lies in the admin's
// branch; nil when not (or not on the roster).
func (r *Router) branchPost(ctx context.Context, c *call, nip string) (*storage.Employee, error) {
	post, err := r.rosterEntry(ctx, nip)
	if err != nil || post == nil {
		return nil, err
	}
	ok, err := r.unitWithin(ctx, post.UnitCode, c.emp.UnitCode)
	if err != nil || !ok {
		return nil, err
	}
	return post, nil
}

// actingLine is one assignment: who acts, as what, for whom, when.
func actingLine(c *call, a storage.Acting, acting, post string) string {
	kind := map[storage.ActingKind]i18n.Key{storage.ActingPlt: i18n.ActingKindPlt, storage.ActingPlh: i18n.ActingKindPlh}[a.Kind]
	if kind == "" {
		kind = i18n.ActingKindAny
	}
	return c.t(i18n.ActingLine, acting, c.t(kind), post, fmtDate(c.lang, a.From), fmtDate(c.lang, a.To))
}

// onActingRemove removes the assignment a list's 🗑 button names, for an
// admin of the post's branch. The data carries no authority.
func (r *Router) onActingRemove(ctx context.Context, c *call, b button.ActingRemove) (conversation.Outcome, error) {
	stay := conversation.Outcome{Next: c.in.Session}
	if c.emp == nil || !c.emp.IsAdmin() {
		stay.Notice = c.t(i18n.NotForYouAdmin)
		return stay, nil
	}
	post, err := r.rosterEntry(ctx, b.For)
	if err != nil || post == nil {
		stay.Notice = c.t(i18n.ActingGone)
		return stay, err
	}
	if p, err := r.inBranch(ctx, c, post); p != nil || err != nil {
		stay.Notice = textOf(c, p)
		return stay, err
	}
	list, err := r.store.ListActing(ctx)
	if err != nil {
		return stay, fmt.Errorf("list acting: %w", err)
	}
	i := slices.IndexFunc(list, func(a storage.Acting) bool {
		return a.ForNIP == b.For && strings.ReplaceAll(a.From, "-", "") == b.From
	})
	if i < 0 {
		stay.Notice = c.t(i18n.ActingGone)
		return stay, nil
	}
	a := list[i]
	r.log.Info("acting assignment removed", "by_nip", ident.MaskNIP(c.emp.NIP), "acting_nip", ident.MaskNIP(a.ActingNIP),
		"for_nip", ident.MaskNIP(a.ForNIP), "from", a.From, "to", a.To)
	text := c.t(i18n.ActingRemoved, actingLine(c, a, r.nameOf(ctx, a.ActingNIP), post.Name))
	stay.Notice, stay.Replies = text, []bot.Reply{{Text: text}}
	stay.Effects = []conversation.Effect{SwapActing{Old: list, New: slices.Delete(slices.Clone(list), i, i+1), By: c.emp.NIP}}
	return stay, nil
}
