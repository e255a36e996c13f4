package scheduler

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/storage"
)

// KindCoachNudge: a supervisor who has given a team member no feedback
// (storage.Coaching: /umpanbalik, or an approval's note) for
// Options.CoachingNudgeDays gets one gentle nudge naming them, at
// REMIND_SUPERVISOR_AT on a work day, at most once a month (the key's
// month). Leavers neither get nor are named in one; a member on the
// roster for less than the nudge's days is not named yet.
const KindCoachNudge = "coach_nudge"

// nudgeNamed bounds the members one nudge names.
const nudgeNamed = 5

// planCoaching: the nudges due at this pass. It reads the feedback of the
// last CoachingNudgeDays once, aggregated by the store (one row per giver
// and receiver), and only when some supervisor's time is due; the team is
// the roster the pass read already.
func (s *Scheduler) planCoaching(ctx context.Context, snap *snapshot) ([]Item, error) {
	days := s.opt.CoachingNudgeDays
	if days <= 0 {
		return nil, nil
	}
	since := snap.now.AddDate(0, 0, -days)
	teams := map[string][]storage.Employee{} // supervisor → members due a word
	for _, e := range snap.ordered {
		if e.Active && e.SupervisorNIP != "" && !e.CreatedAt.After(since) {
			teams[e.SupervisorNIP] = append(teams[e.SupervisorNIP], e)
		}
	}
	var due []storage.Employee
	for sup := range teams {
		e, ok := snap.emps[sup]
		if ok && e.Active && s.due(snap, snap.now.In(s.zone(snap, e.UnitCode)), s.supervisorAt(snap, e.UnitCode)) {
			due = append(due, e)
		}
	}
	if len(due) == 0 {
		return nil, nil
	}
	given, err := s.store.CoachingPairsSince(ctx, since)
	if err != nil {
		return nil, fmt.Errorf("coaching pairs since %s: %w", since.Format(time.DateOnly), err)
	}
	had := map[[2]string]bool{}
	for _, p := range given {
		had[[2]string{p.FromNIP, p.ToNIP}] = true
	}
	slices.SortFunc(due, func(a, b storage.Employee) int { return strings.Compare(a.NIP, b.NIP) })
	var items []Item
	for _, sup := range due {
		var names []string
		for _, m := range teams[sup.NIP] {
			if !had[[2]string{sup.NIP, m.NIP}] {
				names = append(names, m.Name)
			}
		}
		if len(names) > 0 {
			items = append(items, s.nudge(snap, sup, days, names))
		}
	}
	return items, nil
}

// nudge is one supervisor's nudge naming the members without feedback.
func (s *Scheduler) nudge(snap *snapshot, sup storage.Employee, days int, names []string) Item {
	date := snap.now.In(s.zone(snap, sup.UnitCode)).Format(time.DateOnly)
	if len(names) > nudgeNamed {
		names = append(names[:nudgeNamed], fmt.Sprintf("+%d", len(names)-nudgeNamed))
	}
	it := s.item(snap, KindCoachNudge, sup, date, date[:7], s.lang().T(i18n.CoachNudge, days, strings.Join(names, ", ")))
	if sup.RemindersOff && it.Skip == "" {
		it.Skip = SkipRemindersOff
	}
	return it
}
