package handlers

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/button"
	"github.com/kinerjabot/kinerjabot/conversation"
	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/storage"
)

// SKP realisation (/skp): each RHK and indicator of the person's current
// periods (month, quarter, year: storage.CurrentPeriods) with its target,
// the output realised by the approved reports linked to it, in the
// indicator's unit (skp_realise.go), their approved minutes, and the last
// feedback given on it. A supervisor opens a team member's from /tim.

// skpFeedbackShown bounds the feedback read for the last one per target.
const skpFeedbackShown = 200

// skpCommand answers /skp.
func (r *Router) skpCommand(ctx context.Context, c *call) (conversation.Outcome, error) {
	text, err := r.skpText(ctx, c, *c.emp)
	if err != nil {
		return conversation.Outcome{}, err
	}
	return reply(c, text, menuKeyboard(c)), nil
}

// onMemberSKP shows a team member's realisation to who may decide for them.
func (r *Router) onMemberSKP(ctx context.Context, c *call, b button.MemberSKP) (conversation.Outcome, error) {
	if c.emp == nil {
		return conversation.Outcome{Next: c.in.Session, Notice: c.t(i18n.NotRegistered)}, nil
	}
	e, refusal, err := r.member(ctx, c, b.NIP)
	if refusal != "" || err != nil {
		return conversation.Outcome{Next: c.in.Session, Notice: refusal}, err
	}
	text, err := r.skpText(ctx, c, e)
	if err != nil {
		return conversation.Outcome{}, err
	}
	back := c.button(c.t(i18n.SKPBackToMember, e.Name), button.Member{NIP: e.NIP})
	return r.listOutcome(c, text, [][]bot.Button{{back}, {teamBack(c)}}), nil
}

// memberSKPButton opens a member's realisation from their view.
func memberSKPButton(c *call, nip string) []bot.Button {
	return []bot.Button{c.button(c.t(i18n.SKPMemberButton), button.MemberSKP{NIP: nip})}
}

// skpText renders e's realisation of the current periods.
func (r *Router) skpText(ctx context.Context, c *call, e storage.Employee) (string, error) {
	loc, err := r.zone(ctx, e.UnitCode)
	if err != nil {
		return "", err
	}
	today := c.in.Now.In(loc)
	targets, err := r.targetsOf(ctx, e.NIP, today)
	if err != nil {
		return "", err
	}
	if len(targets) == 0 {
		return c.t(i18n.SKPNone, e.Name), nil
	}
	yearStart := time.Date(today.Year(), 1, 1, 0, 0, 0, 0, loc)
	given, err := r.store.CoachingReceived(ctx, e.NIP, yearStart, skpFeedbackShown)
	if err != nil {
		return "", fmt.Errorf("coaching received: %w", err)
	}
	reports := map[string][]storage.Activity{} // by period
	var b strings.Builder
	b.WriteString(c.t(i18n.SKPHeader, e.Name, fmtDate(c.lang, today.Format(time.DateOnly))))
	for i, t := range targets {
		acts, err := r.periodReports(ctx, e.NIP, t.Period, today, reports)
		if err != nil {
			return "", err
		}
		b.WriteString("\n\n" + skpLine(c, i+1, t, realise(t, acts), lastCoaching(given, t.ID), loc))
	}
	return b.String(), nil
}

// periodReports reads e's reports of a period up to today, once a period.
func (r *Router) periodReports(ctx context.Context, nip, period string, today time.Time, cache map[string][]storage.Activity) ([]storage.Activity, error) {
	if acts, ok := cache[period]; ok {
		return acts, nil
	}
	from, to, ok := periodDates(period)
	if !ok {
		return nil, nil
	}
	to = min(to, today.Format(time.DateOnly))
	acts, err := r.store.ListActivities(ctx, nip, from, to)
	if err != nil {
		return nil, fmt.Errorf("list activities: %w", err)
	}
	cache[period] = acts
	return acts, nil
}

// lastCoaching is the newest feedback about the target (given is newest
// first), or nil.
func lastCoaching(given []storage.Coaching, target string) *storage.Coaching {
	for i := range given {
		if given[i].SKPTargetID == target {
			return &given[i]
		}
	}
	return nil
}

// skpLine is one target's realisation.
func skpLine(c *call, n int, t storage.SKPTarget, z realisation, last *storage.Coaching, loc *time.Location) string {
	kind := c.t(either(t.Kind == storage.SKPKindTambahan, i18n.SKPKindExtra, i18n.SKPKindMain))
	s := c.t(i18n.SKPLine, n, kind, t.Period, truncate(t.RHK, 160), truncate(t.Indikator, 160), t.Target, t.Satuan,
		volumeText(z.Volume, t.Satuan), orDash(percentOf(z, t)), durationText(c.lang, z.Minutes, nil), z.Reports)
	if z.Pending > 0 {
		s += "\n" + c.t(i18n.SKPPending, z.Pending)
	}
	if z.OtherUnit > 0 {
		s += "\n" + c.t(i18n.SKPOtherUnit, z.OtherUnit, t.Satuan)
	}
	if last != nil {
		s += "\n" + c.t(i18n.SKPLastFeedback, fmtDate(c.lang, last.At.In(loc).Format(time.DateOnly)), truncate(last.Note, 120))
	}
	return s
}
