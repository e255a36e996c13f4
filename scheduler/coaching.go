package scheduler

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/storage"
)

// KindCoachNudge: a supervisor who has given a team member no feedback
// (storage.Coaching: /umpanbalik, or an approval's note) for
// Options.CoachingNudgeDays gets one gentle nudge naming them, on a work
// day from the supervisors' time (REMIND_SUPERVISOR_AT) of the members'
// unit, at most once a month (the key's month). Leavers neither get nor
// are named in one; a member on the roster for less than the nudge's days
// is not named yet; a supervisor with reminders off gets none.
const KindCoachNudge = "coach_nudge"

// nudgeNamed bounds the members one nudge names.
const nudgeNamed = 5

// planCoaching: the nudges due at this pass. Like the staff reminders, it
// reads the active people of the units whose supervisors' time is due, a
// page at a time (the units not due cost no read), their supervisors by
// NIP in batches, and the feedback of the last CoachingNudgeDays once,
// aggregated by the store (one row per giver and receiver): never the
// whole roster.
func (s *Scheduler) planCoaching(ctx context.Context, snap *snapshot) ([]Item, error) {
	days := s.opt.CoachingNudgeDays
	if days <= 0 {
		return nil, nil
	}
	since := snap.now.AddDate(0, 0, -days)
	var had map[[2]string]bool       // giver, receiver: feedback since
	lacking := map[string][]string{} // supervisor → names of members without feedback
	for _, code := range slices.Sorted(maps.Keys(snap.units)) {
		if !s.due(snap, code, snap.now.In(s.zone(snap, code)), s.supervisorAt(snap, code)) {
			continue
		}
		if had == nil {
			var err error
			if had, err = s.coachingSince(ctx, since); err != nil {
				return nil, err
			}
		}
		q := storage.EmployeeQuery{Units: []string{code}, ActiveOnly: true}
		err := storage.EachEmployee(ctx, s.store, q, func(page []storage.Employee) error {
			for _, e := range page {
				if e.SupervisorNIP != "" && !e.CreatedAt.After(since) && !had[[2]string{e.SupervisorNIP, e.NIP}] {
					lacking[e.SupervisorNIP] = append(lacking[e.SupervisorNIP], e.Name)
				}
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("members of %s: %w", code, err)
		}
	}
	return s.nudges(ctx, snap, days, lacking)
}

// coachingSince is which giver gave which receiver feedback since.
func (s *Scheduler) coachingSince(ctx context.Context, since time.Time) (map[[2]string]bool, error) {
	pairs, err := s.store.CoachingPairsSince(ctx, since)
	if err != nil {
		return nil, fmt.Errorf("coaching pairs since %s: %w", since.Format(time.DateOnly), err)
	}
	had := make(map[[2]string]bool, len(pairs))
	for _, p := range pairs {
		had[[2]string{p.FromNIP, p.ToNIP}] = true
	}
	return had, nil
}

// nudges are the items for the supervisors in lacking, read by NIP.
func (s *Scheduler) nudges(ctx context.Context, snap *snapshot, days int, lacking map[string][]string) ([]Item, error) {
	sups := slices.Sorted(maps.Keys(lacking))
	if err := snap.prefetch(ctx, sups); err != nil {
		return nil, err
	}
	var items []Item
	for _, nip := range sups {
		sup, ok := snap.emp(nip)
		if !ok || !sup.Active {
			continue
		}
		if _, reachable := s.account(sup); snap.sending && (!reachable || sup.RemindersOff) {
			continue
		}
		items = append(items, s.nudge(snap, sup, days, lacking[nip]))
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
