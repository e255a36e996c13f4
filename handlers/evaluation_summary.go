package handlers

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/kinerjabot/kinerjabot/evaluation"
	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/ident"
	"github.com/kinerjabot/kinerjabot/measure"
	"github.com/kinerjabot/kinerjabot/storage"
)

// evalSummary is the period's summary of one person for their rater:
// realisation per SKP indicator (the approved reports linked to it),
// approved minutes, appreciation received and the supervisor's feedback.
func (r *Router) evalSummary(ctx context.Context, lang i18n.Lang, ev storage.Evaluation) (string, error) {
	from, to, ok := evaluation.Bounds(ev.Period)
	if !ok {
		return "", fmt.Errorf("evaluation period %q: %w", ev.Period, storage.ErrInvalid)
	}
	acts, err := r.store.ListActivities(ctx, ev.NIP, from, to)
	if err != nil {
		return "", fmt.Errorf("list reports of the period: %w", err)
	}
	minutes, approved := 0, 0
	for _, a := range acts {
		if a.Status == storage.StatusApproved {
			minutes, approved = minutes+a.Minutes, approved+1
		}
	}
	skp, err := r.skpLines(ctx, lang, ev, from, acts)
	if err != nil {
		return "", err
	}
	praise, err := r.appreciationText(ctx, lang, ev.NIP, from, to)
	if err != nil {
		return "", err
	}
	fb, err := r.supervisorFeedbackText(ctx, lang, ev.NIP, from, to)
	if err != nil {
		return "", err
	}
	return lang.T(i18n.EvalSummary, r.nameOf(ctx, ev.NIP), ident.FormatNIP(ev.NIP), ev.Period, skp,
		measure.FormatMinutes(minutes, string(lang)), approved, praise, fb), nil
}

// skpLines are the person's SKP indicators for the period and the periods
// holding it (a month's evaluation shows the quarter's and the year's
// targets too), each with its realisation: the output of the approved
// reports linked to it, in the indicator's unit where they match.
func (r *Router) skpLines(ctx context.Context, lang i18n.Lang, ev storage.Evaluation, from string, acts []storage.Activity) (string, error) {
	first, err := time.Parse(time.DateOnly, from) // Bounds made it
	if err != nil {
		return "", err
	}
	periods := storage.CurrentPeriods(first)
	periods = periods[max(slices.Index(periods, ev.Period), 0):]
	var lines []string
	for _, p := range periods {
		targets, err := r.store.ListSKPTargets(ctx, ev.NIP, p)
		if err != nil {
			return "", fmt.Errorf("list SKP targets: %w", err)
		}
		for _, t := range targets {
			lines = append(lines, lang.T(i18n.EvalSKPLine, truncate(t.Indikator, 60), strings.TrimSpace(t.Target+" "+t.Satuan),
				realised(t, acts)))
		}
	}
	if len(lines) == 0 {
		return lang.T(i18n.EvalSKPNone), nil
	}
	return strings.Join(lines, "\n"), nil
}

// realised is the output of the approved reports linked to t, in t's
// unit, and how many they are (realise, skp_realise.go: the one rule /skp
// sums by too).
func realised(t storage.SKPTarget, acts []storage.Activity) string {
	z := realise(t, acts)
	out := strconv.FormatFloat(z.Volume, 'f', -1, 64)
	if t.Satuan != "" {
		out += " " + t.Satuan
	}
	return fmt.Sprintf("%s (%d)", out, z.Reports)
}

// appreciationText counts the appreciation received in the period.
func (r *Router) appreciationText(ctx context.Context, lang i18n.Lang, nip, from, to string) (string, error) {
	counts, err := r.store.FeedbackCounts(ctx, []string{nip}, from, to)
	if err != nil {
		return "", fmt.Errorf("appreciation of the period: %w", err)
	}
	total := 0
	for _, n := range counts {
		total += n
	}
	if total == 0 {
		return lang.T(i18n.EvalAppreciationNone), nil
	}
	return strconv.Itoa(total), nil
}

// supervisorFeedbackText counts the supervisor's feedback through the
// hook Options.SupervisorFeedback, when it is wired.
func (r *Router) supervisorFeedbackText(ctx context.Context, lang i18n.Lang, nip, from, to string) (string, error) {
	if r.opt.SupervisorFeedback == nil {
		return lang.T(i18n.EvalFeedbackNone), nil
	}
	n, err := r.opt.SupervisorFeedback(ctx, nip, from, to)
	if err != nil {
		return "", fmt.Errorf("supervisor feedback of the period: %w", err)
	}
	if n == 0 {
		return lang.T(i18n.EvalFeedbackNone), nil
	}
	return strconv.Itoa(n), nil
}
