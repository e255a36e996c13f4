package console

import (
	"cmp"
	"fmt"
	"net/http"
	"slices"
	"time"

	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/ikm"
	"github.com/kinerjabot/kinerjabot/storage"
)

// Survey page bounds: the comments read for a period (the newest of them
// shown first), and how many a page shows.
const (
	maxSurveyComments = 1000
	commentsPerPage   = 20
)

// surveyPage is what Survei shows for one unit and period.
type surveyPage struct {
	Units    []storage.Unit
	Unit     storage.Unit
	From, To string
	Report   ikm.Report
	Elements []elementRow
	GradeKey string
	Short    bool
	Quick    float64
	Comments []string
	// Truncated: the period has more comments than a page reads
	// (maxSurveyComments, the oldest of them): narrow the period.
	Truncated   bool
	MaxComments int
	Pager       pager
	BotSet      bool
	Posters     []posterChoice
	// Table is the IKM of a page of the units in scope over the period
	// (?upage=), UnitPager its pages.
	Table     []unitIKM
	UnitPager pager
}

// unitIKM is one unit's IKM over the page's period.
type unitIKM struct {
	Unit     storage.Unit
	Result   ikm.Result
	GradeKey string
}

// elementRow is one SKM element's line of the IKM table.
type elementRow struct {
	No            int
	Name          string
	NRR, Weighted float64
}

// survey is Survei: a unit's IKM over a period (?unit=, ?from=, ?to=),
// its comments (newest first, ?page=), and its posters to download. The
// comments are texts only: no chat hash ever reaches the page.
func (c *Console) survey(w http.ResponseWriter, r *http.Request) {
	from, to, ok := c.periodParam(r)
	if !ok {
		c.badInput(w, r, i18n.ConsoleSurveyBadPeriod, "survey period not two dates in order")
		return
	}
	units, u, ok, err := c.surveyUnits(r)
	switch {
	case err != nil:
		c.fail(w, r, "survey", err)
		return
	case !ok:
		http.NotFound(w, r)
		return
	}
	rep, err := ikm.Build(r.Context(), c.d.Store, u, from, to, maxSurveyComments)
	if err != nil {
		c.fail(w, r, "survey", err)
		return
	}
	d := c.surveyData(r, units, rep)
	if d.Table, d.UnitPager, err = c.ikmTable(r, units, from, to); err != nil {
		c.fail(w, r, "survey", err)
		return
	}
	c.render(w, r, "survey", d)
}

// ikmTable is the IKM of one page (?upage=) of units over from..to.
func (c *Console) ikmTable(r *http.Request, units []storage.Unit, from, to string) ([]unitIKM, pager, error) {
	page, pg := pageOf(units, r, "upage", unitsPerPage)
	out := make([]unitIKM, 0, len(page))
	for _, u := range page {
		s, err := c.d.Store.SurveyStats(r.Context(), u.Code, storage.SurveySKM, from, to)
		if err != nil {
			return nil, pg, fmt.Errorf("survey stats: %w", err)
		}
		res := ikm.Compute(s)
		out = append(out, unitIKM{Unit: u, Result: res, GradeKey: string(res.Grade.Label)})
	}
	return out, pg, nil
}

// surveyUnits are the units of the viewer's scope and the one ?unit=
// names (the first of them when none): false when that unit is unknown
// or out of scope.
func (c *Console) surveyUnits(r *http.Request) ([]storage.Unit, storage.Unit, bool, error) {
	v := ViewerFrom(r.Context())
	code := r.URL.Query().Get("unit")
	if code != "" {
		if ok, err := c.unitVisible(r.Context(), v, code); err != nil || !ok {
			return nil, storage.Unit{}, false, err
		}
	}
	units, err := c.branch(r.Context(), v.Unit)
	if err != nil || len(units) == 0 {
		return nil, storage.Unit{}, false, err
	}
	i := max(0, slices.IndexFunc(units, func(u storage.Unit) bool { return u.Code == code }))
	return units, units[i], true, nil
}

// surveyData lays a report out for the page.
func (c *Console) surveyData(r *http.Request, units []storage.Unit, rep ikm.Report) surveyPage {
	lang := ViewerFrom(r.Context()).Lang.Or(i18n.ID)
	d := surveyPage{Units: units, Unit: rep.Unit, From: rep.From, To: rep.To, Report: rep,
		GradeKey: string(rep.Result.Grade.Label), Quick: ikm.QuickMean(rep.Quick),
		Short:  rep.Sample > 0 && rep.Result.Respondents < rep.Sample,
		BotSet: c.botUsername() != "", Posters: posterChoices(rep.Unit)}
	for i, k := range ikm.Elements {
		d.Elements = append(d.Elements, elementRow{No: i + 1, Name: lang.T(k), NRR: rep.Result.NRR[i], Weighted: rep.Result.Weighted[i]})
	}
	d.Truncated, d.MaxComments = len(rep.Comments) >= maxSurveyComments, maxSurveyComments
	newest := slices.Clone(rep.Comments)
	slices.Reverse(newest)
	d.Comments, d.Pager = pageOf(newest, r, "page", commentsPerPage)
	return d
}

// periodParam reads ?from= and ?to= (YYYY-MM-DD): by default from the
// first of this year to today.
func (c *Console) periodParam(r *http.Request) (from, to string, ok bool) {
	now := c.d.Now().In(c.zone())
	q := r.URL.Query()
	from = cmp.Or(q.Get("from"), now.Format("2006")+"-01-01")
	to = cmp.Or(q.Get("to"), now.Format(time.DateOnly))
	_, err1 := time.Parse(time.DateOnly, from)
	_, err2 := time.Parse(time.DateOnly, to)
	return from, to, err1 == nil && err2 == nil && from <= to
}
