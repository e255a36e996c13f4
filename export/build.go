package export

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/kinerjabot/kinerjabot/calendar"
	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/ident"
	"github.com/kinerjabot/kinerjabot/roster"
	"github.com/kinerjabot/kinerjabot/storage"
)

// month is one export being built: what it covers, what was read once
// for all its rows, and the rows.
type month struct {
	lang        i18n.Lang
	from, to    string
	cal         calendar.Calendar // the deployment's; a unit's from calendarOf
	first, last time.Time
	calendars   map[string]unitCalendar
	scope       scope
	targets     map[string]int
	zones       map[string]*time.Location
	names       map[string]string
	indicators  map[string]string
	rekap, logs [][]any
	apresiasi   [][]any
	// umpanBalik and kompetensi are the cycle's sheets' rows (cycle.go).
	umpanBalik, kompetensi [][]any
}

// Build gathers the workbook q asks for. now dates a team (whom the
// supervisor decides for on the month's last day, or today when the month
// is not over). An unknown unit is storage.ErrNotFound.
func (x *Exporter) Build(ctx context.Context, q Request, now time.Time) (Workbook, error) {
	if err := q.check(); err != nil {
		return Workbook{}, err
	}
	first, last, _ := q.monthRange()
	m := &month{lang: q.Lang.Or(i18n.ID), from: first.Format(time.DateOnly), to: last.Format(time.DateOnly),
		first: first, last: last, calendars: map[string]unitCalendar{}, targets: map[string]int{}, zones: map[string]*time.Location{}, names: map[string]string{}, indicators: map[string]string{}}
	var err error
	if m.scope, err = x.scopeOf(ctx, q, min(m.to, now.Format(time.DateOnly))); err != nil {
		return Workbook{}, err
	}
	hs, err := x.store.ListHolidays(ctx, m.from, m.to)
	if err != nil {
		return Workbook{}, fmt.Errorf("list holidays: %w", err)
	}
	m.cal = calendar.New(hs)
	if err := x.addPeople(ctx, m); err != nil {
		return Workbook{}, err
	}
	return x.workbook(ctx, m)
}

// addPeople adds every person's rows; a person who left (inactive) is in the
// export only when they reported in the month.
func (x *Exporter) addPeople(ctx context.Context, m *month) error {
	people := slices.Clone(m.scope.people)
	slices.SortStableFunc(people, func(a, b storage.Employee) int {
		return cmp.Or(cmp.Compare(a.UnitCode, b.UnitCode), cmp.Compare(a.Name, b.Name), cmp.Compare(a.NIP, b.NIP))
	})
	for _, e := range people {
		list, err := x.store.ListActivities(ctx, e.NIP, m.from, m.to)
		if err != nil {
			return fmt.Errorf("list activities: %w", err)
		}
		if !e.Active && len(list) == 0 {
			continue
		}
		if err := x.person(ctx, m, e, list); err != nil {
			return err
		}
	}
	return nil
}

// person adds one person's Rekap and Apresiasi rows and their reports'
// Kegiatan rows (oldest date first).
func (x *Exporter) person(ctx context.Context, m *month, e storage.Employee, list []storage.Activity) error {
	target, err := x.target(ctx, m, e.UnitCode)
	if err != nil {
		return err
	}
	fb, err := x.store.FeedbackCounts(ctx, []string{e.NIP}, m.from, m.to)
	if err != nil {
		return fmt.Errorf("feedback counts: %w", err)
	}
	cal, err := x.calendarOf(ctx, m, e.UnitCode)
	if err != nil {
		return err
	}
	s := sumOf(list, cal.Calendar)
	received := 0
	for _, n := range fb {
		received += n
	}
	m.rekap = append(m.rekap, []any{ident.FormatNIP(e.NIP), e.Name, text(e.Position), m.unitName(e.UnitCode), s.approved, target,
		Capaian(s.approved, target), cal.workDays, s.daysReported, s.pending, s.refused, received})
	m.apresiasi = append(m.apresiasi, appreciationRow(e, fb, received))
	if err := x.cycleRows(ctx, m, e, list); err != nil {
		return err
	}
	for _, a := range slices.Backward(list) {
		row, err := x.report(ctx, m, e, a)
		if err != nil {
			return err
		}
		m.logs = append(m.logs, row)
	}
	return nil
}

// sums are one person's month.
type sums struct {
	approved, pending, refused, daysReported int
}

// sumOf sums a person's reports of the month: minutes approved, pending,
// refused (rejected or sent back for revision, as /rekap counts them), and
// the work days with a report of any status (holidays on file and weekends
// not counted).
func sumOf(list []storage.Activity, cal calendar.Calendar) sums {
	var s sums
	days := map[string]bool{}
	for _, a := range list {
		switch a.Status {
		case storage.StatusApproved:
			s.approved += a.Minutes
		case storage.StatusPending:
			s.pending += a.Minutes
		default:
			s.refused += a.Minutes
		}
		if cal.WorkDay(a.Date) && !days[a.Date] {
			days[a.Date] = true
			s.daysReported++
		}
	}
	return s
}

// appreciationRow is a person's appreciation received by value: counts
// only, so no giver (anonymous or not) is ever in the export.
func appreciationRow(e storage.Employee, byValue map[int]int, total int) []any {
	row := []any{ident.FormatNIP(e.NIP), e.Name}
	for v := range len(i18n.BerAKHLAK) {
		row = append(row, byValue[v+1])
	}
	return append(row, total)
}

// target is the monthly target of a unit's people (UnitTarget), read once
// an export.
func (x *Exporter) target(ctx context.Context, m *month, unit string) (int, error) {
	if t, ok := m.targets[unit]; ok {
		return t, nil
	}
	t, err := x.UnitTarget(ctx, unit)
	if err != nil {
		return 0, err
	}
	m.targets[unit] = t
	return t, nil
}

// unitName is a unit's name, or its code when it is not known.
func (m *month) unitName(code string) any {
	if u, ok := m.scope.units[code]; ok && u.Name != "" {
		return u.Name
	}
	return text(code)
}

// unitCalendar is a unit's calendar (the deployment's holidays and the
// regional ones of the unit and the units above it) and its work days in
// the month.
type unitCalendar struct {
	calendar.Calendar
	workDays int
}

// calendarOf is the calendar of a unit's people.
func (x *Exporter) calendarOf(ctx context.Context, m *month, unit string) (unitCalendar, error) {
	if c, ok := m.calendars[unit]; ok {
		return c, nil
	}
	chain, err := roster.UnitChain(ctx, x.store, unit)
	if err != nil {
		return unitCalendar{}, err
	}
	c := unitCalendar{Calendar: m.cal.For(chain)}
	for d := m.first; !d.After(m.last); d = d.AddDate(0, 0, 1) {
		if c.WorkDay(d.Format(time.DateOnly)) {
			c.workDays++
		}
	}
	m.calendars[unit] = c
	return c, nil
}

// zone is a unit's time zone (decision times are shown in it).
func (x *Exporter) zone(m *month, unit string) *time.Location {
	if loc, ok := m.zones[unit]; ok {
		return loc
	}
	loc, err := time.LoadLocation(cmp.Or(m.scope.units[unit].Timezone, x.opt.DefaultTimezone))
	if err != nil {
		loc = time.UTC
	}
	m.zones[unit] = loc
	return loc
}
