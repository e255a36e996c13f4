package scheduler

import (
	"context"
	"fmt"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/storage"
)

// KindLeft: a person the roster marks inactive (retired, moved out) whose
// chat account is still linked is told, once per account, and the account
// is unlinked (the flows do the same when they write first).
const KindLeft = "left"

// planLeavers: each linked account of each inactive person, told and then
// unlinked (Item.After), keyed by the account's link so that a person who
// leaves again after registering anew is told again. The people who left
// are read a page at a time (an indexed query of the inactive only).
func (s *Scheduler) planLeavers(ctx context.Context, snap *snapshot) ([]Item, error) {
	var items []Item
	err := storage.EachEmployee(ctx, s.store, storage.EmployeeQuery{InactiveOnly: true}, func(page []storage.Employee) error {
		for _, e := range page {
			items = append(items, s.leaverItems(snap, e)...)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("people who left: %w", err)
	}
	return items, nil
}

// leaverItems are the notices owed to e, who left: one per linked account.
func (s *Scheduler) leaverItems(snap *snapshot, e storage.Employee) []Item {
	var items []Item
	for _, p := range storage.Platforms {
		acc, ok := e.Accounts[p]
		if !ok || acc.ChatID == "" {
			continue
		}
		date := s.localDate(snap, e)
		it := Item{Key: fmt.Sprintf("%s:%s:%s:%d", KindLeft, e.NIP, p, acc.LinkedAt.UnixMilli()), Kind: KindLeft,
			NIP: e.NIP, Name: e.Name, Unit: e.UnitCode, Date: date, Reply: bot.Reply{
				Chat: bot.ChatKey{Platform: bot.Platform(p), ChatID: acc.ChatID}, Text: s.lang().T(i18n.LeaverUnlinked),
				RemoveKeyboard: true,
			}}
		if !s.sendsOn(bot.Platform(p)) {
			it.Skip = SkipNoAccount // told, and unlinked, when they write there
		}
		nip, platform := e.NIP, p
		it.After = func(ctx context.Context) error { return s.store.UnlinkAccount(ctx, nip, platform) }
		items = append(items, it)
	}
	return items
}
