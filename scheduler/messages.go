package scheduler

import (
	"strings"

	"github.com/kinerjabot/kinerjabot/button"
	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/measure"
	"github.com/kinerjabot/kinerjabot/storage"
)

// The data of the buttons under reminders, which the flows answer: start
// a report, open the approval list. Payloads without fields always encode
// (scheduler_test decodes them).
var (
	dataReportNow, _     = button.Encode(button.ReportNow{})
	dataOpenApprovals, _ = button.Encode(button.OpenApprovals{})
)

// overdueLine is one supervisor's overdue reports in an escalation digest.
type overdueLine struct {
	Name     string
	Count    int
	Oldest   int // work days the oldest has waited
	TimedOut int // how many passed APPROVAL_TIMEOUT_DAYS
}

// lang is the language of the reminders: Options.Language when the bot
// speaks it, else the default.
func (s *Scheduler) lang() i18n.Lang { return i18n.Lang(s.opt.Language).Or(i18n.ID) }

// The texts below come from the i18n catalogue (keys Remind*); dates and
// minutes are formatted in the same language.

func staffText(l i18n.Lang, date string) string {
	return l.T(i18n.RemindStaff, measure.FormatDate(string(l), date))
}

func digestText(l i18n.Lang, n, days int, date string) string {
	return l.T(i18n.RemindDigest, n, ageText(l, days), measure.FormatDate(string(l), date))
}

func ageText(l i18n.Lang, days int) string {
	switch days {
	case 0:
		return l.T(i18n.RemindAgeToday)
	case 1:
		return l.T(i18n.RemindAgeOneDay)
	}
	return l.T(i18n.RemindAgeDays, days)
}

func escalationText(l i18n.Lang, sla int, lines []overdueLine) string {
	var b strings.Builder
	b.WriteString(l.T(i18n.RemindEscalation, sla) + "\n")
	for _, o := range lines {
		b.WriteString(l.T(i18n.RemindEscalationLine, o.Name, o.Count, o.Oldest))
		if o.TimedOut > 0 {
			b.WriteString(" " + l.T(i18n.RemindEscalationTimedOut, o.TimedOut))
		}
		b.WriteString("\n")
	}
	b.WriteString("\n" + l.T(i18n.RemindEscalationAsk))
	return b.String()
}

func monthEndText(l i18n.Lang, month, lock string, minutes, target int) string {
	f := func(m int) string { return measure.FormatMinutes(m, string(l)) }
	return l.T(i18n.RemindMonthEnd, month, measure.FormatDate(string(l), lock), f(minutes), f(target), target-minutes, f(target-minutes))
}

// timedOutText tells the owner their report was decided by the timeout
// rule: approved, or rejected when decision is StatusRejected.
func timedOutText(l i18n.Lang, decision storage.Status, date, desc string, days int) string {
	k := i18n.RemindTimedOutApproved
	if decision == storage.StatusRejected {
		k = i18n.RemindTimedOutRejected
	}
	return l.T(k, measure.FormatDate(string(l), date), desc, days)
}
