package console

import (
	"context"
	"fmt"
	"time"
)

// ageing counts the reports pending on the lists of people (the unit's
// supervisors) by the work days they have waited: 0–1, 2–3, 4 or more. A
// report submitted before the start of the k-th latest work day (today
// being the first when it is one) has waited at least k work days
// (calendar.WorkDaysBetween).
func (f *figuresRun) ageing(ctx context.Context, clk unitClock, people []string) (bands, error) {
	all, err := f.pendingBefore(ctx, f.now)
	if err != nil {
		return nil, err
	}
	counts := [3]int{}
	for i, k := range []int{2, 4} {
		cut := clk.workDayStart(k)
		if cut.IsZero() {
			continue
		}
		older, err := f.pendingBefore(ctx, cut)
		if err != nil {
			return nil, err
		}
		counts[i+1] = countAmong(older, people)
	}
	total := countAmong(all, people)
	// counts[1] holds "2 or more" and counts[2] "4 or more" so far.
	return bands{total - counts[1], counts[1] - counts[2], counts[2]}, nil
}

// pendingBefore is how many reports submitted before t wait on each
// supervisor's list (storage PendingSummaries), read once a page for each
// instant (keyed by the instant, not by the time.Time: each unit's zone is
// its own *time.Location).
func (f *figuresRun) pendingBefore(ctx context.Context, t time.Time) (map[string]int, error) {
	if m, ok := f.pending[t.UnixMilli()]; ok {
		return m, nil
	}
	list, err := f.c.d.Store.PendingSummaries(ctx, t)
	if err != nil {
		return nil, fmt.Errorf("pending summaries: %w", err)
	}
	m := make(map[string]int, len(list))
	for _, s := range list {
		m[s.SupervisorNIP] = s.Count
	}
	f.pending[t.UnixMilli()] = m
	return m, nil
}

// countAmong sums the counts of the NIPs of people.
func countAmong(bySupervisor map[string]int, people []string) int {
	n := 0
	for _, nip := range people {
		n += bySupervisor[nip]
	}
	return n
}

// workDayStart is the start, in the unit's zone, of the k-th latest work
// day up to today (today the first when it is a work day); zero when
// there is none within a year.
func (clk unitClock) workDayStart(k int) time.Time {
	day := clk.today
	if !clk.cal.WorkDay(day) {
		day = clk.cal.WorkDaysBack(day, k)
	} else if k > 1 {
		day = clk.cal.WorkDaysBack(day, k-1)
	}
	t, err := time.ParseInLocation(time.DateOnly, day, clk.loc)
	if err != nil {
		return time.Time{}
	}
	return t
}
