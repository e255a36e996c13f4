package handlers

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/storage"
)

// recapFeedbackShown is how many of the month's feedback /rekap quotes.
const recapFeedbackShown = 3

// cycleRecap is /rekap's part of the performance cycle: the JP of
// competency development approved this year against the target, and the
// supervisor's feedback received this month, the latest quoted.
func (r *Router) cycleRecap(ctx context.Context, c *call, today time.Time) (string, error) {
	year := today.Format("2006")
	jp, err := r.store.CompetencyJP(ctx, c.emp.NIP, year+"-01-01", today.Format(time.DateOnly))
	if err != nil {
		return "", fmt.Errorf("competency JP: %w", err)
	}
	text := "\n" + c.t(i18n.RecapCompetency, year, jp, r.opt.CompetencyTargetJP)
	first := time.Date(today.Year(), today.Month(), 1, 0, 0, 0, 0, today.Location())
	got, err := r.store.CoachingReceived(ctx, c.emp.NIP, first, recapFeedbackShown+1)
	if err != nil {
		return "", fmt.Errorf("coaching received: %w", err)
	}
	return text + "\n" + coachingRecap(c, got, today.Location()), nil
}

// coachingRecap lists the month's feedback received (newest first).
func coachingRecap(c *call, got []storage.Coaching, loc *time.Location) string {
	if len(got) == 0 {
		return c.t(i18n.RecapCoachingNone)
	}
	var b strings.Builder
	b.WriteString(c.t(i18n.RecapCoachingHeader))
	for _, cg := range got[:min(len(got), recapFeedbackShown)] {
		b.WriteString("\n" + c.t(i18n.RecapCoachingItem, fmtDateTime(c.lang, cg.At.In(loc)), truncate(cg.Note, 80)))
	}
	if len(got) > recapFeedbackShown {
		b.WriteString("\n" + c.t(i18n.RecapCoachingMore))
	}
	return b.String()
}
