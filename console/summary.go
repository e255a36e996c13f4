package console

import (
	"net/http"

	"github.com/kinerjabot/kinerjabot/i18n"
)

// summaryPage is what Ringkasan shows: the figures of one page of the
// units in scope (under ?unit= when given) for a month.
type summaryPage struct {
	Month string
	Unit  string // ?unit=, "" for the viewer's whole scope
	Units []unitFigures
	// CapaianLabels name the capaian bands, in the viewer's language.
	CapaianLabels []string
	Pager         pager
	Retention     *retentionBox
}

// summary is Ringkasan, the console's first page (?unit=, ?month=, ?page=).
func (c *Console) summary(w http.ResponseWriter, r *http.Request) {
	month, ok := c.monthParam(r)
	if !ok {
		c.badInput(w, r, i18n.ConsoleSummaryBadMonth, "month not YYYY-MM or in the future")
		return
	}
	units, top, ok, err := c.scopeUnits(r)
	switch {
	case err != nil:
		c.fail(w, r, "summary", err)
		return
	case !ok:
		http.NotFound(w, r)
		return
	}
	page, pg := pageOf(units, r, "page", unitsPerPage)
	run, err := c.newFiguresRun(r.Context(), c.d.Now(), month)
	if err != nil {
		c.fail(w, r, "summary", err)
		return
	}
	data := summaryPage{Month: month, Unit: top, Pager: pg, Retention: c.retention(r.Context(), c.zone()),
		CapaianLabels: capaianLabels(ViewerFrom(r.Context()).Lang.Or(i18n.ID))}
	for _, u := range page {
		f, err := run.unit(r.Context(), u)
		if err != nil {
			c.fail(w, r, "summary", err)
			return
		}
		data.Units = append(data.Units, f)
	}
	c.render(w, r, "summary", data)
}
