package scheduler

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/ikm"
	"github.com/kinerjabot/kinerjabot/measure"
	"github.com/kinerjabot/kinerjabot/roster"
	"github.com/kinerjabot/kinerjabot/storage"
)

// unitWeek is one unit's figures for a weekly digest.
type unitWeek struct {
	// reported of expected person-days: each active person on each of
	// last week's work days (the unit's calendar).
	reported, expected int
	evalsDue           int
	// surveys (SKM) of last week and of the week before.
	ikmLast, ikmBefore storage.SurveyStats
}

// weekFigures reads the figures of one pass's digests, each unit's once,
// when a digest is built; builds run concurrently, one at a time here.
type weekFigures struct {
	s    *Scheduler
	snap *snapshot

	mu    sync.Mutex
	units map[string]unitWeek
	// overdue counts by unit the pending reports past their unit's SLA;
	// overdueCapped: the scan hit overdueScan, so counts are at least.
	overdue       map[string]int
	overdueCapped bool
}

func newWeekFigures(s *Scheduler, snap *snapshot) *weekFigures {
	return &weekFigures{s: s, snap: snap, units: map[string]unitWeek{}}
}

// text is r's digest for the week before monday.
func (f *weekFigures) text(ctx context.Context, r recipient, monday string) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var sum unitWeek
	overdue := 0
	for _, code := range r.scope {
		u, err := f.unit(ctx, code, monday)
		if err != nil {
			return "", err
		}
		sum.reported += u.reported
		sum.expected += u.expected
		sum.evalsDue += u.evalsDue
		addStats(&sum.ikmLast, u.ikmLast)
		addStats(&sum.ikmBefore, u.ikmBefore)
	}
	if err := f.readOverdue(ctx); err != nil {
		return "", err
	}
	for _, code := range r.scope {
		overdue += f.overdue[code]
	}
	return f.s.weeklyText(r.name, monday, sum, overdue, f.overdueCapped), nil
}

func addStats(to *storage.SurveyStats, s storage.SurveyStats) {
	to.Respondents += s.Respondents
	for i := range to.Sums {
		to.Sums[i] += s.Sums[i]
	}
}

// week is the Monday-to-Sunday week weeksBack weeks before monday.
func week(monday string, weeksBack int) (from, to string) {
	d, _ := time.Parse(time.DateOnly, monday)
	start := d.AddDate(0, 0, -7*weeksBack)
	return start.Format(time.DateOnly), start.AddDate(0, 0, 6).Format(time.DateOnly)
}

// unit reads code's figures once per pass.
func (f *weekFigures) unit(ctx context.Context, code, monday string) (unitWeek, error) {
	if u, ok := f.units[code]; ok {
		return u, nil
	}
	var u unitWeek
	if err := f.compliance(ctx, code, monday, &u); err != nil {
		return u, err
	}
	evals, err := f.s.store.ListEvaluations(ctx, storage.EvaluationFilter{UnitCode: code, States: []storage.EvalState{storage.EvalDue}})
	if err != nil {
		return u, fmt.Errorf("evaluations due in %s: %w", code, err)
	}
	u.evalsDue = len(evals)
	for weeksBack, into := range map[int]*storage.SurveyStats{1: &u.ikmLast, 2: &u.ikmBefore} {
		from, to := week(monday, weeksBack)
		if *into, err = f.s.store.SurveyStats(ctx, code, storage.SurveySKM, from, to); err != nil {
			return u, fmt.Errorf("surveys of %s: %w", code, err)
		}
	}
	f.units[code] = u
	return u, nil
}

// compliance counts, a page of the unit's active people at a time, who
// reported on each of last week's work days.
func (f *weekFigures) compliance(ctx context.Context, code, monday string, u *unitWeek) error {
	from, _ := week(monday, 1)
	start, _ := time.Parse(time.DateOnly, from)
	cal := f.snap.calendar(code)
	var days []string
	for i := range 7 {
		if d := start.AddDate(0, 0, i).Format(time.DateOnly); cal.WorkDay(d) {
			days = append(days, d)
		}
	}
	if len(days) == 0 {
		return nil
	}
	q := storage.EmployeeQuery{Units: []string{code}, ActiveOnly: true}
	err := storage.EachEmployee(ctx, f.s.store, q, func(page []storage.Employee) error {
		nips := make([]string, len(page))
		for i, e := range page {
			nips[i] = e.NIP
		}
		u.expected += len(page) * len(days)
		for _, d := range days {
			reported, err := f.s.store.ReportedAmong(ctx, d, nips)
			if err != nil {
				return err
			}
			u.reported += len(reported)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("reporting in %s: %w", code, err)
	}
	return nil
}

// readOverdue counts, once per pass, the pending reports past their
// unit's SLA (in work days), from the oldest overdueScan pending ones.
func (f *weekFigures) readOverdue(ctx context.Context) error {
	if f.overdue != nil {
		return nil
	}
	pending, err := f.s.store.ListPendingSubmittedBefore(ctx, f.snap.now.AddDate(0, 0, -1), overdueScan)
	if err != nil {
		return fmt.Errorf("list overdue reports: %w", err)
	}
	f.overdue, f.overdueCapped = map[string]int{}, len(pending) == overdueScan
	for _, a := range pending {
		loc := f.s.zone(f.snap, a.UnitCode)
		since := pendingSince(a).In(loc).Format(time.DateOnly)
		age := f.snap.calendar(a.UnitCode).WorkDaysBetween(since, f.snap.now.In(loc).Format(time.DateOnly))
		if age > f.s.unitSetting(f.snap, a.UnitCode, roster.SLADays, f.s.opt.SLADays) {
			f.overdue[a.UnitCode]++
		}
	}
	return nil
}

// weeklyText formats a digest in the bot's language.
func (s *Scheduler) weeklyText(name, monday string, w unitWeek, overdue int, capped bool) string {
	l := s.lang()
	from, to := week(monday, 1)
	lines := []string{l.T(i18n.WeeklyDigestTitle, name, measure.FormatDate(string(l), from), measure.FormatDate(string(l), to))}
	if w.expected == 0 {
		lines = append(lines, l.T(i18n.WeeklyDigestNoOne))
	} else {
		lines = append(lines, l.T(i18n.WeeklyDigestCompliance, w.reported*100/w.expected, w.reported, w.expected))
	}
	if capped {
		lines = append(lines, l.T(i18n.WeeklyDigestOverdueCap, overdue))
	} else {
		lines = append(lines, l.T(i18n.WeeklyDigestOverdue, overdue))
	}
	lines = append(lines, l.T(i18n.WeeklyDigestEvals, w.evalsDue))
	before := "–"
	if w.ikmBefore.Respondents > 0 {
		before = fmt.Sprintf("%.2f", ikm.Compute(w.ikmBefore).Score)
	}
	if w.ikmLast.Respondents > 0 {
		lines = append(lines, l.T(i18n.WeeklyDigestIKM, ikm.Compute(w.ikmLast).Score, w.ikmLast.Respondents, before))
	} else {
		lines = append(lines, l.T(i18n.WeeklyDigestIKMNone, before))
	}
	if s.opt.ConsoleURL != "" {
		lines = append(lines, "", l.T(i18n.WeeklyDigestConsole, s.opt.ConsoleURL))
	}
	return strings.Join(append(lines, "", l.T(i18n.WeeklyDigestFooter)), "\n")
}
