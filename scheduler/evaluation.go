package scheduler

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/evaluation"
	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/roster"
	"github.com/kinerjabot/kinerjabot/storage"
)

// Kinds of the periodic evaluation's messages.
const (
	KindEvalDue        = "eval_due"        // a prepared evaluation's summary and rating buttons, to the rater
	KindEvalRemind     = "eval_remind"     // a rater's evaluations still due, daily from the next work day
	KindEvalEscalation = "eval_escalation" // evaluations due past EvaluationSLADays, to the rater's supervisor
	KindEvalReview     = "eval_review"     // keberatan waiting for their reviewer, daily from the next work day
)

// evalPrepareDays is how many days into a new period the evaluations of
// the period that ended are prepared (a scheduler down on the first days
// catches up; someone added to the roster later is not evaluated for a
// period they were not in).
const evalPrepareDays = 10

// prepareEvaluations stores, in the first days of a period (each unit's
// cadence, in its zone, at the supervisors' time on a work day), one due
// evaluation per active person with someone to rate them, for the period
// that ended (and the year, in January). PrepareEvaluation is idempotent:
// the people already prepared are read first, once per unit and period.
func (s *Scheduler) prepareEvaluations(ctx context.Context, snap *snapshot) error {
	if s.opt.EvaluationPrompt == nil {
		return nil
	}
	prepared := map[string]map[string]bool{} // unit and period → NIP
	for _, code := range slices.Sorted(maps.Keys(snap.units)) {
		local := snap.now.In(s.zone(snap, code))
		cadence := evaluation.Cadence(s.unitSetting(snap, code, roster.EvaluationMonths, s.opt.EvaluationMonths))
		if !evaluation.Opening(local, cadence, evalPrepareDays) || !s.due(snap, code, local, s.supervisorAt(snap, code)) {
			continue
		}
		q := storage.EmployeeQuery{Units: []string{code}, ActiveOnly: true}
		err := storage.EachEmployee(ctx, s.store, q, func(page []storage.Employee) error {
			for _, e := range page {
				if err := s.prepareFor(ctx, snap, prepared, e, local, cadence); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("evaluations of %s: %w", code, err)
		}
	}
	return nil
}

// prepareFor prepares e's evaluations of the periods that ended before
// local and are not stored yet, for the approver the roster names now
// (asked only when one is missing: a pass in the opening days mostly finds
// everyone prepared).
func (s *Scheduler) prepareFor(ctx context.Context, snap *snapshot, prepared map[string]map[string]bool,
	e storage.Employee, local time.Time, cadence evaluation.Cadence) error {
	var todo []string
	for _, p := range evaluation.Ended(local, cadence) {
		done, err := s.preparedIn(ctx, prepared, e.UnitCode, p)
		if err != nil {
			return err
		}
		_, end, _ := evaluation.Bounds(p)
		joined := e.CreatedAt.In(s.zone(snap, e.UnitCode)).Format(time.DateOnly)
		if !done[e.NIP] && joined <= end { // not for a period they were not in
			todo = append(todo, p)
		}
	}
	if len(todo) == 0 {
		return nil
	}
	rater, _, err := roster.Approver(ctx, snap.dir, e, local.Format(time.DateOnly))
	if err != nil || rater == "" {
		return nil
	}
	for _, p := range todo {
		_, _, err := s.store.PrepareEvaluation(ctx, storage.Evaluation{NIP: e.NIP, UnitCode: e.UnitCode, Period: p,
			SupervisorNIP: rater, CreatedAt: snap.now})
		if err != nil {
			return fmt.Errorf("prepare evaluation of %s: %w", p, err)
		}
		prepared[e.UnitCode+" "+p][e.NIP] = true
	}
	return nil
}

// preparedIn are the NIPs of the unit's evaluations of period p, read
// once a pass (by the unit and period index). Someone prepared in another
// unit before moving is not among them: PrepareEvaluation then returns
// their stored evaluation unchanged.
func (s *Scheduler) preparedIn(ctx context.Context, prepared map[string]map[string]bool, unit, p string) (map[string]bool, error) {
	key := unit + " " + p
	if done, ok := prepared[key]; ok {
		return done, nil
	}
	list, err := s.store.ListEvaluations(ctx, storage.EvaluationFilter{UnitCode: unit, Period: p})
	if err != nil {
		return nil, fmt.Errorf("list evaluations of %s in %s: %w", p, unit, err)
	}
	done := make(map[string]bool, len(list))
	for _, ev := range list {
		done[ev.NIP] = true
	}
	prepared[key] = done
	return done, nil
}

// dueEval is an evaluation waiting for its rater.
type dueEval struct {
	ev    storage.Evaluation
	rater string
	age   int // work days since it was prepared
	date  string
}

// planEvaluations: the rater's prompt on the day an evaluation is
// prepared (to the approver the roster names now), then, unless reminders
// are off, each rater's daily reminder of what is still due and the
// escalation of what waited past EvaluationSLADays, at the supervisors'
// time on work days.
func (s *Scheduler) planEvaluations(ctx context.Context, snap *snapshot) ([]Item, error) {
	if s.opt.EvaluationPrompt == nil {
		return nil, nil
	}
	due, err := s.dueEvaluations(ctx, snap)
	if err != nil {
		return nil, err
	}
	var items []Item
	waiting := map[string][]dueEval{} // rater → evaluations due since before today
	for _, d := range due {
		if d.age == 0 {
			if rater, ok := snap.load(ctx, d.rater); ok {
				items = append(items, s.evalPrompt(snap, rater, d))
			}
			continue
		}
		waiting[d.rater] = append(waiting[d.rater], d)
	}
	if s.opt.RemindersOff {
		return items, nil
	}
	items = append(items, s.evalReminders(ctx, snap, waiting)...)
	reviews, err := s.reviewReminders(ctx, snap)
	return append(items, reviews...), err
}

// reviewReminders: each reviewer (roster.Reviewer: whoever decides the
// rater's reports now) with a keberatan waiting since before today is
// reminded once a day, at their supervisors' time.
func (s *Scheduler) reviewReminders(ctx context.Context, snap *snapshot) ([]Item, error) {
	list, err := s.store.ListEvaluations(ctx, storage.EvaluationFilter{States: []storage.EvalState{storage.EvalObjected}})
	if err != nil {
		return nil, fmt.Errorf("list evaluations under keberatan: %w", err)
	}
	waiting, dates, reviewers := map[string]int{}, map[string]string{}, map[string]storage.Employee{}
	for _, ev := range list {
		rater, ok := snap.load(ctx, ev.SupervisorNIP)
		if !ok || len(ev.Audit) == 0 {
			continue
		}
		day := snap.now.In(s.zone(snap, ev.UnitCode)).Format(time.DateOnly)
		ans, err := roster.Reviewer(ctx, snap.dir, rater, day)
		if err != nil {
			continue
		}
		reviewer, ok := snap.load(ctx, ans.NIP)
		if !ok || reviewer.NIP == ev.NIP {
			continue
		}
		at := snap.now.In(s.zone(snap, reviewer.UnitCode))
		since := ev.Audit[len(ev.Audit)-1].At.In(at.Location()).Format(time.DateOnly)
		if !s.due(snap, reviewer.UnitCode, at, s.supervisorAt(snap, reviewer.UnitCode)) ||
			snap.calendar(reviewer.UnitCode).WorkDaysBetween(since, at.Format(time.DateOnly)) == 0 {
			continue
		}
		waiting[reviewer.NIP]++
		dates[reviewer.NIP] = at.Format(time.DateOnly)
		reviewers[reviewer.NIP] = reviewer
	}
	var items []Item
	for _, nip := range sortedKeys(waiting) {
		d := dates[nip]
		items = append(items, s.item(snap, KindEvalReview, reviewers[nip], d, d, s.lang().T(i18n.EvalReviewRemind, waiting[nip])))
	}
	return items, nil
}

// dueEvaluations are the due evaluations whose rater (the person's
// approver now) is at their supervisors' time, each with its age and the
// rater's local date.
func (s *Scheduler) dueEvaluations(ctx context.Context, snap *snapshot) ([]dueEval, error) {
	list, err := s.store.ListEvaluations(ctx, storage.EvaluationFilter{States: []storage.EvalState{storage.EvalDue}})
	if err != nil {
		return nil, fmt.Errorf("list due evaluations: %w", err)
	}
	nips := make([]string, len(list))
	for i, ev := range list {
		nips[i] = ev.NIP
	}
	if err := snap.prefetch(ctx, nips); err != nil {
		return nil, err
	}
	var out []dueEval
	for _, ev := range list {
		person, ok := snap.emp(ev.NIP)
		if !ok || !person.Active {
			continue
		}
		local := snap.now.In(s.zone(snap, person.UnitCode))
		date := local.Format(time.DateOnly)
		rater, _, err := roster.Approver(ctx, snap.dir, person, date)
		if err != nil || rater == "" {
			continue
		}
		// At the rater's time, in the rater's zone: one reminder a day
		// holds all their evaluations, whatever their people's zones.
		raterUnit := person.UnitCode
		if r, ok := snap.load(ctx, rater); ok {
			raterUnit = r.UnitCode
		}
		at := snap.now.In(s.zone(snap, raterUnit))
		if !s.due(snap, raterUnit, at, s.supervisorAt(snap, raterUnit)) {
			continue
		}
		age := snap.calendar(person.UnitCode).WorkDaysBetween(ev.CreatedAt.In(local.Location()).Format(time.DateOnly), date)
		out = append(out, dueEval{ev: ev, rater: rater, age: age, date: at.Format(time.DateOnly)})
	}
	return out, nil
}

// evalPrompt is the rater's summary of one evaluation with the rating
// buttons, made once its key is claimed.
func (s *Scheduler) evalPrompt(snap *snapshot, rater storage.Employee, d dueEval) Item {
	it := s.item(snap, KindEvalDue, rater, d.date, d.date, "")
	it.Key = KindEvalDue + ":" + d.ev.ID + ":" + rater.NIP
	chat, ev, lang := it.Reply.Chat, d.ev, s.lang()
	it.Build = func(ctx context.Context) ([]bot.Reply, error) {
		text, rows, err := s.opt.EvaluationPrompt(ctx, lang, ev)
		if err != nil {
			return nil, err
		}
		return []bot.Reply{{Chat: chat, Text: text, Buttons: rows}}, nil
	}
	return it
}

// evalReminders: each rater's daily reminder, and one escalation a day to
// each rater's supervisor (the approval escalation's targets) of what
// waited past the SLA.
func (s *Scheduler) evalReminders(ctx context.Context, snap *snapshot, waiting map[string][]dueEval) []Item {
	l := s.lang()
	var items []Item
	late := map[string]map[string]int{} // escalation target → rater name → count
	for _, nip := range sortedKeys(waiting) {
		rater, ok := snap.load(ctx, nip)
		if !ok || !rater.Active {
			continue
		}
		list := waiting[nip]
		oldest := slices.MaxFunc(list, func(a, b dueEval) int { return cmp.Compare(a.age, b.age) })
		items = append(items, s.item(snap, KindEvalRemind, rater, oldest.date, oldest.date, l.T(i18n.EvalRemind, len(list), oldest.age)))
		for _, d := range list {
			if d.age <= s.opt.EvaluationSLADays {
				continue
			}
			// The approvals' escalation rule, which reads of a report its
			// id (for its log: no NIP there), owner, unit and approver only.
			as := storage.Activity{ID: "evaluation " + d.ev.Period, NIP: d.ev.NIP, UnitCode: d.ev.UnitCode, SupervisorNIP: nip}
			targets, err := s.escalationTargets(ctx, snap, as)
			if err != nil {
				s.log.Warn("evaluation escalation: targets not read; the next pass tries again", "err", err)
				continue
			}
			for _, t := range targets {
				if late[t] == nil {
					late[t] = map[string]int{}
				}
				late[t][rater.Name]++
			}
		}
	}
	for _, t := range sortedKeys(late) {
		target, ok := snap.load(ctx, t)
		if !ok {
			continue
		}
		count, names := 0, sortedKeys(late[t])
		for _, n := range names {
			count += late[t][n]
		}
		date := snap.now.In(s.zone(snap, target.UnitCode)).Format(time.DateOnly)
		items = append(items, s.item(snap, KindEvalEscalation, target, date, date,
			l.T(i18n.EvalEscalation, count, s.opt.EvaluationSLADays, strings.Join(names, ", "))))
	}
	return items
}

// sortedKeys are m's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
