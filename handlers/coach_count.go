package handlers

import (
	"context"
	"fmt"
	"time"
)

// feedbackCountMax bounds the feedback a period's count reads.
const feedbackCountMax = 1000

// feedbackCount counts the supervisors' feedback nip received dated
// from..to (YYYY-MM-DD, inclusive, in nip's unit's zone): the periodic
// evaluation's summary reads it through Options.SupervisorFeedback, which
// New wires to it when left nil.
func (r *Router) feedbackCount(ctx context.Context, nip, from, to string) (int, error) {
	e, err := r.store.GetEmployee(ctx, nip)
	if err != nil {
		return 0, fmt.Errorf("get employee: %w", err)
	}
	loc, err := r.zone(ctx, e.UnitCode)
	if err != nil {
		return 0, err
	}
	start, err1 := time.ParseInLocation(time.DateOnly, from, loc)
	end, err2 := time.ParseInLocation(time.DateOnly, to, loc)
	if err1 != nil || err2 != nil {
		return 0, fmt.Errorf("feedback count: dates %q..%q", from, to)
	}
	got, err := r.store.CoachingReceived(ctx, nip, start, feedbackCountMax)
	if err != nil {
		return 0, fmt.Errorf("coaching received: %w", err)
	}
	n := 0
	for _, c := range got {
		if c.At.Before(end.AddDate(0, 0, 1)) {
			n++
		}
	}
	return n, nil
}
