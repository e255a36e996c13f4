package console

import (
	"cmp"
	"net/http"
	"time"
)

// monthParam reads ?month=YYYY-MM, this month (in the deployment's zone)
// when absent; false for a month that is not YYYY-MM or lies in the
// future.
func (c *Console) monthParam(r *http.Request) (string, bool) {
	now := c.d.Now().In(c.zone())
	m := cmp.Or(r.URL.Query().Get("month"), now.Format("2006-01"))
	t, err := time.Parse("2006-01", m)
	if err != nil || t.Format("2006-01") != m || m > now.Format("2006-01") {
		return m, false
	}
	return m, true
}

// zone is the deployment's default zone (a unit's own zone is used where
// a figure is a unit's), loaded once by New.
func (c *Console) zone() *time.Location { return c.loc }

// defaultZone loads the deployment's default zone (DEFAULT_TIMEZONE,
// validated by config; Asia/Jakarta when unset, UTC if it cannot load).
func defaultZone(name string) *time.Location {
	loc, err := time.LoadLocation(cmp.Or(name, "Asia/Jakarta"))
	if err != nil {
		return time.UTC
	}
	return loc
}
