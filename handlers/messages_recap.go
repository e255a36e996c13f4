package handlers

import (
	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/measure"
	"github.com/kinerjabot/kinerjabot/storage"
)

// statusKeys name a report's status in /laporanku.
var statusKeys = map[storage.Status]i18n.Key{
	storage.StatusPending: i18n.StatusPending, storage.StatusApproved: i18n.StatusApproved,
	storage.StatusRejected: i18n.StatusRejected, storage.StatusRevision: i18n.StatusRevision,
}

// recap is a person's month to date.
type recap struct {
	Month                               string
	Approved, Pending, Rejected, Target int
	Reports, DaysWithout, WorkDays      int
}

// recapText is /rekap: the month's minutes against the target.
func recapText(c *call, r recap) string {
	pct := 0
	if r.Target > 0 {
		pct = r.Approved * 100 / r.Target
	}
	m := func(n int) string { return measure.FormatMinutes(n, string(c.lang)) }
	return c.t(i18n.Recap, r.Month, m(r.Approved), m(r.Pending), m(r.Rejected), m(r.Target), pct,
		r.Reports, r.DaysWithout, r.WorkDays)
}
