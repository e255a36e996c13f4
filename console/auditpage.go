package console

import (
	"errors"
	"net/http"
	"net/url"
	"time"

	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/ident"
	"github.com/kinerjabot/kinerjabot/storage"
)

// auditPageSize is how many rows the audit page shows at once.
const auditPageSize = 100

// auditActions are the actions the audit page's filter offers.
var auditActions = []string{
	string(ActionLogin), string(ActionLoginFailed), string(ActionLogout),
	storage.AuditReportApprove, storage.AuditReportReject, storage.AuditReportRevise,
	string(ActionImport), string(ActionImportCheck), string(ActionExport), string(ActionCodes),
	string(ActionDeactivate), string(ActionReactivate), string(ActionSupervisor), string(ActionReadPerson),
	string(ActionPoster), string(ActionAuditExport),
}

// auditQuery is the audit filter as typed (the form shows it back):
// dates YYYY-MM-DD, inclusive, in the deployment's zone; an actor's NIP;
// a unit of the viewer's branch.
type auditQuery struct {
	From, To, Action, Actor, Unit string
}

// auditView is the audit page's data.
type auditView struct {
	Q       auditQuery
	Actions []string
	Rows    []auditRow
	// Next is the query of the next page; CSV the export's.
	Next, CSV string
	Bad       bool
}

// auditRow is one row as shown.
type auditRow struct{ At, Actor, Action, Target, Detail, Unit string }

// errBadFilter: the audit filter's dates or NIP are not well formed.
var errBadFilter = errors.New("bad audit filter")

// auditPage shows the audit log's rows of the viewer's scope that the
// filter selects, a page at a time.
func (c *Console) auditPage(w http.ResponseWriter, r *http.Request) {
	q, f, ok := c.auditFilterOf(w, r)
	if !ok {
		return
	}
	view := auditView{Q: q, Actions: auditActions, CSV: "audit.csv?" + q.values().Encode()}
	if f.Limit == 0 {
		view.Bad = true
		c.renderStatus(w, r, http.StatusBadRequest, "audit", view)
		return
	}
	f.Limit, f.Cursor = auditPageSize, r.URL.Query().Get("cursor")
	page, err := c.d.Store.ListAuditLog(r.Context(), f)
	if errors.Is(err, storage.ErrInvalid) {
		view.Bad = true
		c.renderStatus(w, r, http.StatusBadRequest, "audit", view)
		return
	}
	if err != nil {
		c.fail(w, r, "audit list", err)
		return
	}
	for _, rec := range page.Rows {
		view.Rows = append(view.Rows, c.shown(rec))
	}
	if page.Next != "" {
		v := q.values()
		v.Set("cursor", page.Next)
		view.Next = "audit?" + v.Encode()
	}
	c.render(w, r, "audit", view)
}

// shown is a row as the page and the CSV show it.
func (c *Console) shown(rec storage.AuditRecord) auditRow {
	return auditRow{At: rec.At.In(c.zone()).Format("2006-01-02 15:04:05"), Actor: rec.Actor, Action: rec.Action,
		Target: rec.Target, Detail: rec.Detail, Unit: rec.Unit}
}

// auditFilterOf reads the request's filter, limited to the viewer's
// scope. A unit out of scope answers 404 (ok false); a malformed date or
// NIP gives a filter of Limit 0.
func (c *Console) auditFilterOf(w http.ResponseWriter, r *http.Request) (auditQuery, storage.AuditFilter, bool) {
	v, get := ViewerFrom(r.Context()), r.URL.Query().Get
	q := auditQuery{From: get("from"), To: get("to"), Action: get("action"), Actor: get("actor"), Unit: get("unit")}
	root := v.Unit
	if q.Unit != "" {
		in, err := c.InScope(r.Context(), v, q.Unit)
		if err != nil && !errors.Is(err, storage.ErrNotFound) {
			c.fail(w, r, "audit scope", err)
			return q, storage.AuditFilter{}, false
		}
		if !in {
			c.d.Log.Info("console: unit out of the viewer's scope", "path", r.URL.Path)
			c.message(w, r, http.StatusNotFound, i18n.ConsoleNotFound)
			return q, storage.AuditFilter{}, false
		}
		root = q.Unit
	}
	units, err := c.branchCodes(r.Context(), root)
	if err != nil {
		c.fail(w, r, "audit scope", err)
		return q, storage.AuditFilter{}, false
	}
	f, err := c.filterOf(q)
	f.Units = units
	if err != nil {
		f.Limit = 0
	}
	return q, f, true
}

// filterOf is q's dates, action and actor as a store filter (Limit 1).
func (c *Console) filterOf(q auditQuery) (storage.AuditFilter, error) {
	f := storage.AuditFilter{Action: q.Action, Limit: 1}
	var err error
	if f.From, err = c.day(q.From, 0); err != nil {
		return f, err
	}
	if f.To, err = c.day(q.To, 1); err != nil {
		return f, err
	}
	if q.Actor != "" {
		if f.Actor, err = ident.ParseNIP(q.Actor); err != nil {
			return f, errBadFilter
		}
	}
	return f, nil
}

// day is the start of date s (YYYY-MM-DD) plus days in the deployment's
// zone; zero for "".
func (c *Console) day(s string, days int) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	d, err := time.ParseInLocation(time.DateOnly, s, c.zone())
	if err != nil {
		return time.Time{}, errBadFilter
	}
	return d.AddDate(0, 0, days), nil
}

// values is q as a URL query.
func (q auditQuery) values() url.Values {
	v := url.Values{}
	for k, s := range map[string]string{"from": q.From, "to": q.To, "action": q.Action, "actor": q.Actor, "unit": q.Unit} {
		if s != "" {
			v.Set(k, s)
		}
	}
	return v
}

// fail answers a failure to read or write what a page needs (logged,
// without personal data): 503, try again.
func (c *Console) fail(w http.ResponseWriter, r *http.Request, what string, err error) {
	c.d.Log.Error("console: "+what+" failed", "path", r.URL.Path, "err", err)
	c.message(w, r, http.StatusServiceUnavailable, i18n.ConsoleUnavailable)
}
