package console

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/kinerjabot/kinerjabot/calendar"
	"github.com/kinerjabot/kinerjabot/roster"
	"github.com/kinerjabot/kinerjabot/storage"
)

// unitFigures are one unit's Ringkasan figures.
type unitFigures struct {
	Unit   storage.Unit
	Active int
	// Today and Month are reporting compliance: people with a report ÷
	// active people, today, and summed over the month's work days so far.
	Today, Month ratio
	// Ageing counts the reports pending on the lists of the unit's
	// supervisors by work days waited: 0–1, 2–3, 4 or more.
	Ageing bands
	// EvalDue counts the unit's periodic evaluations waiting for a rating.
	EvalDue int
	// Capaian counts the unit's people by approved minutes ÷ target in the
	// month (the export's Rekap figure), in capaianBands.
	Capaian bands
	IKM     ikmTrend
}

// ratio is done of of.
type ratio struct{ Done, Of int }

// Pct is the ratio in percent, 0 when of is 0.
func (r ratio) Pct() float64 {
	if r.Of == 0 {
		return 0
	}
	return 100 * float64(r.Done) / float64(r.Of)
}

// bands are counts by band.
type bands []int

// Total is the sum of the counts.
func (b bands) Total() int {
	n := 0
	for _, v := range b {
		n += v
	}
	return n
}

// figuresRun computes one Ringkasan page: what it reads once for all its
// units (holidays, the pending summaries at each cut-off).
type figuresRun struct {
	c        *Console
	now      time.Time
	month    string // YYYY-MM
	holidays calendar.Calendar
	pending  map[int64]map[string]int // by Unix milliseconds
}

// unitClock is a unit's time: its zone, today there, and its calendar.
type unitClock struct {
	loc   *time.Location
	today string
	cal   calendar.Calendar
}

// newFiguresRun reads the holidays from 40 days before today (ageing looks
// back a few work days) to the month's end.
func (c *Console) newFiguresRun(ctx context.Context, now time.Time, month string) (*figuresRun, error) {
	first, _ := time.Parse("2006-01", month)
	from := min(first.Format(time.DateOnly), now.AddDate(0, 0, -40).Format(time.DateOnly))
	to := max(first.AddDate(0, 1, -1).Format(time.DateOnly), now.AddDate(0, 0, 1).Format(time.DateOnly))
	hs, err := c.d.Store.ListHolidays(ctx, from, to)
	if err != nil {
		return nil, fmt.Errorf("list holidays: %w", err)
	}
	return &figuresRun{c: c, now: now, month: month, holidays: calendar.New(hs), pending: map[int64]map[string]int{}}, nil
}

// clock is u's zone, today and calendar (regional holidays of it and the
// units above it).
func (f *figuresRun) clock(ctx context.Context, u storage.Unit) (unitClock, error) {
	loc, err := time.LoadLocation(cmp.Or(u.Timezone, f.c.d.Export.DefaultTimezone, "Asia/Jakarta"))
	if err != nil {
		loc = time.UTC
	}
	chain, err := roster.UnitChain(ctx, f.c.d.Store, u.Code)
	if err != nil {
		return unitClock{}, fmt.Errorf("unit chain: %w", err)
	}
	return unitClock{loc: loc, today: f.now.In(loc).Format(time.DateOnly), cal: f.holidays.For(chain)}, nil
}

// unit computes u's figures.
func (f *figuresRun) unit(ctx context.Context, u storage.Unit) (unitFigures, error) {
	out := unitFigures{Unit: u}
	clk, err := f.clock(ctx, u)
	if err != nil {
		return out, err
	}
	people, err := f.people(ctx, u.Code)
	if err != nil {
		return out, err
	}
	out.Active = len(people)
	steps := []func() error{
		func() (err error) { out.Today, out.Month, err = f.compliance(ctx, clk, people); return err },
		func() (err error) { out.Ageing, err = f.ageing(ctx, clk, people); return err },
		func() (err error) { out.EvalDue, err = f.evaluationsDue(ctx, u.Code); return err },
		func() (err error) { out.Capaian, err = f.capaian(ctx, u.Code, people); return err },
		func() (err error) { out.IKM, err = f.c.ikmTrend(ctx, u, f.month, trendMonths); return err },
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return out, fmt.Errorf("unit %s: %w", u.Code, err)
		}
	}
	return out, nil
}

// people are the NIPs of the unit's active people (not its sub-units'),
// read a page at a time, in NIP order.
func (f *figuresRun) people(ctx context.Context, unit string) ([]string, error) {
	var nips []string
	err := storage.EachEmployee(ctx, f.c.d.Store, storage.EmployeeQuery{Units: []string{unit}, ActiveOnly: true},
		func(page []storage.Employee) error {
			for _, e := range page {
				nips = append(nips, e.NIP)
			}
			return nil
		})
	if err != nil {
		return nil, fmt.Errorf("find employees: %w", err)
	}
	return nips, nil
}

// chunks calls fn with nips a store batch at a time.
func chunks(nips []string, fn func([]string) error) error {
	for batch := range slices.Chunk(nips, storage.MaxEmployeePage) {
		if err := fn(batch); err != nil {
			return err
		}
	}
	return nil
}
