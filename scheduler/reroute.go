package scheduler

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/ident"
	"github.com/kinerjabot/kinerjabot/roster"
	"github.com/kinerjabot/kinerjabot/storage"
)

// Kinds of what moving reports to another approver owes.
const (
	KindReroute      = "reroute"       // a moved report: the new approver's prompts, the old approver's edited
	KindRerouteList  = "reroute_list"  // many moved to one approver at once: one message pointing to the list
	KindRerouteOwner = "reroute_owner" // the owner, once for their reports moved together
)

// rerouteListAbove: when more reports than this move to one approver at
// once, they get one message pointing to /persetujuan instead of a prompt
// each.
const rerouteListAbove = 5

// rerouteScan bounds the pending reports one pass reads to find moves.
const rerouteScan = 20000

// pendingReports are the pending reports (oldest first, up to
// rerouteScan), read once a pass.
func (s *Scheduler) pendingReports(ctx context.Context, snap *snapshot) ([]storage.Activity, error) {
	if snap.pending == nil {
		// A day ahead: every pending report, whatever the submitter's clock
		// (bounded: a pass moves at most rerouteScan, the next the rest).
		p, err := s.store.ListPendingSubmittedBefore(ctx, snap.now.AddDate(0, 0, 1), rerouteScan)
		if err != nil {
			return nil, fmt.Errorf("list pending reports: %w", err)
		}
		snap.pending = p
	}
	return snap.pending, nil
}

// reroute moves each pending report whose approver is no longer the one
// the roster names (roster.Approver: the owner's supervisor changed, or
// left) to the one it names: one conditional update each, with its audit
// entry (rule roster.RuleChanged, at the pass's time, which the reports
// moved together share and their notices are keyed by). A report decided or
// moved meanwhile is the next pass's to look at; so is one whose move
// failed.
func (s *Scheduler) reroute(ctx context.Context, snap *snapshot) error {
	pending, err := s.pendingReports(ctx, snap)
	if err != nil {
		return err
	}
	owners := make([]string, len(pending))
	for i, a := range pending {
		owners[i] = a.NIP
	}
	if err := snap.prefetch(ctx, owners); err != nil {
		return err
	}
	at := snap.now.UTC().Truncate(time.Millisecond)
	for i, a := range pending {
		owner, ok := snap.emp(a.NIP)
		if !ok {
			continue
		}
		day := snap.now.In(s.zone(snap, owner.UnitCode)).Format(time.DateOnly)
		to, _, err := roster.Approver(ctx, snap.dir, owner, day)
		if err != nil {
			return fmt.Errorf("who decides report %s: %w", a.ID, err)
		}
		if to == "" || to == a.SupervisorNIP {
			continue
		}
		moved, err := s.store.RerouteActivity(ctx, a.ID, a.Version, storage.AuditEntry{
			At: at, Action: storage.ActionRerouted, ByNIP: storage.SystemActor, Rule: roster.RuleChanged,
			From: a.SupervisorNIP, To: to,
		})
		switch {
		case err == nil:
			s.log.Info("scheduler: report moved to the approver the roster names", "report", a.ID,
				"from", ident.MaskNIP(a.SupervisorNIP), "to", ident.MaskNIP(to))
			pending[i] = moved
		case ctx.Err() != nil:
			return ctx.Err()
		case !errors.Is(err, storage.ErrConflict):
			s.log.Warn("scheduler: report not moved; the next pass retries", "report", a.ID, "err", err)
		}
	}
	return nil
}

// move is a pending report and its latest move, whose notices may be owed.
type move struct {
	a storage.Activity
	e storage.AuditEntry
}

// lastMove is the report's latest move by the roster rule at its version,
// if it is still on the list that move put it on.
func lastMove(a storage.Activity) (storage.AuditEntry, bool) {
	for i := len(a.Audit) - 1; i >= 0; i-- {
		if e := a.Audit[i]; e.Action == storage.ActionRerouted && e.Version == a.Version {
			return e, e.Rule == roster.RuleChanged && e.To == a.SupervisorNIP
		}
	}
	return storage.AuditEntry{}, false
}

// moveGroup is the reports one move of a pass (at) brought to one person
// (an approver, or an owner).
type moveGroup struct {
	nip string
	at  time.Time
}

// planRerouted: what the moves made within the window still owe (each
// once, by its key): the new approver's prompts, or one message pointing
// to the list when many came at once; the old approver's prompts edited to
// say where the report went; the owner told once.
func (s *Scheduler) planRerouted(ctx context.Context, snap *snapshot) ([]Item, error) {
	pending, err := s.pendingReports(ctx, snap)
	if err != nil {
		return nil, err
	}
	toApprover, toOwner := map[moveGroup][]move{}, map[moveGroup][]move{}
	var people []string
	for _, a := range pending {
		e, ok := lastMove(a)
		if !ok || snap.now.Sub(e.At) >= s.opt.Window {
			continue
		}
		people = append(people, a.NIP, e.To)
		m := move{a: a, e: e}
		toApprover[moveGroup{e.To, e.At}] = append(toApprover[moveGroup{e.To, e.At}], m)
		toOwner[moveGroup{a.NIP, e.At}] = append(toOwner[moveGroup{a.NIP, e.At}], m)
	}
	if err := snap.prefetch(ctx, people); err != nil {
		return nil, err
	}
	var items []Item
	for _, g := range sortedGroups(toApprover) {
		moves, many := toApprover[g], len(toApprover[g]) > rerouteListAbove
		if many {
			items = append(items, s.rerouteList(snap, g, len(moves)))
		}
		for _, m := range moves {
			if it, ok := s.rerouteReport(snap, m, !many); ok {
				items = append(items, it)
			}
		}
	}
	for _, g := range sortedGroups(toOwner) {
		items = append(items, s.rerouteOwner(snap, g, toOwner[g]))
	}
	return items, nil
}

func sortedGroups(m map[moveGroup][]move) []moveGroup {
	gs := make([]moveGroup, 0, len(m))
	for g := range m {
		gs = append(gs, g)
	}
	slices.SortFunc(gs, func(a, b moveGroup) int { return cmp.Or(a.at.Compare(b.at), cmp.Compare(a.nip, b.nip)) })
	return gs
}

// moveKey is the idempotency key of what a move (at) owes nip or report id.
func moveKey(kind, id string, at time.Time) string {
	return kind + ":" + id + ":" + strconv.FormatInt(at.UnixMilli(), 10)
}

// localDate is today in e's unit's zone.
func (s *Scheduler) localDate(snap *snapshot, e storage.Employee) string {
	return snap.now.In(s.zone(snap, e.UnitCode)).Format(time.DateOnly)
}

// rerouteList tells an approver that n reports came to their list at once.
func (s *Scheduler) rerouteList(snap *snapshot, g moveGroup, n int) Item {
	l := s.lang()
	approver, _ := snap.emp(g.nip)
	date := s.localDate(snap, approver)
	it := s.item(snap, KindRerouteList, approver, date, date, l.T(i18n.RemindRerouteList, n))
	it.Key = moveKey(KindRerouteList, g.nip, g.at)
	it.Reply.Buttons = [][]bot.Button{{{Label: l.T(i18n.RemindOpenApprovalsButton), Data: dataOpenApprovals}}}
	return it
}

// rerouteOwner tells an owner that their reports moved together went to
// another approver (the same for all: one answer per owner).
func (s *Scheduler) rerouteOwner(snap *snapshot, g moveGroup, moves []move) Item {
	owner, _ := snap.emp(g.nip)
	approver, _ := snap.emp(moves[0].e.To)
	to := approver.Name
	date := s.localDate(snap, owner)
	it := s.item(snap, KindRerouteOwner, owner, date, date, s.lang().T(i18n.RemindRerouteOwner, len(moves), to))
	it.Key = moveKey(KindRerouteOwner, g.nip, g.at)
	if it.Skip == SkipRemindersOff {
		it.Skip = "" // news of one's reports is not a reminder
	}
	return it
}

// rerouteReport is what one moved report owes, made once its key is
// claimed: the new approver's prompts (unless the list message stands for
// them) and the edits of the prompts of the approver it left. None (false)
// when nothing can be sent.
func (s *Scheduler) rerouteReport(snap *snapshot, m move, prompts bool) (Item, bool) {
	approver, _ := snap.emp(m.e.To)
	date := s.localDate(snap, approver)
	it := Item{Key: moveKey(KindReroute, m.a.ID, m.e.At), Kind: KindReroute, NIP: approver.NIP, Name: approver.Name,
		Unit: approver.UnitCode, Date: date, Reply: bot.Reply{Text: shorten(m.a.Description, 60)}}
	chat, reachable := s.account(approver)
	it.Reply.Chat = chat
	prompts = prompts && reachable && s.opt.ReroutedPrompts != nil
	edits := s.opt.RerouteEdits != nil && slices.ContainsFunc(m.a.Prompts, func(p storage.MessageRef) bool {
		return p.To == m.e.From || p.To == ""
	})
	if !prompts && !edits {
		return Item{}, false
	}
	id, to, from := m.a.ID, m.e.To, m.e.From
	it.Build = func(ctx context.Context) ([]bot.Reply, error) {
		a, err := s.store.GetActivity(ctx, id)
		if err != nil {
			return nil, fmt.Errorf("get report: %w", err)
		}
		if a.Status != storage.StatusPending || a.SupervisorNIP != to {
			return nil, nil // decided, or moved again, meanwhile
		}
		var out []bot.Reply
		if prompts {
			if out, err = s.opt.ReroutedPrompts(ctx, a); err != nil {
				return nil, err
			}
		}
		if edits {
			more, err := s.opt.RerouteEdits(ctx, a, from)
			if err != nil {
				return nil, err
			}
			out = append(out, more...)
		}
		return out, nil
	}
	return it, true
}
