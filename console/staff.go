package console

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/kinerjabot/kinerjabot/bot"
	"github.com/kinerjabot/kinerjabot/ident"
	"github.com/kinerjabot/kinerjabot/storage"
)

// staffPage is how many people one page of Pegawai lists.
const staffPage = 50

// maxUnitPicker: a scope of more units than this gets a unit code box
// instead of a list (a province's thousands of units are no list for a
// phone).
const maxUnitPicker = 300

// staffSearch is what the Pegawai page was asked: a name or a NIP, a unit
// of the scope ("" every unit), only the unregistered, the page's start.
type staffSearch struct {
	Text         string
	Unit         string
	Unregistered bool
	After        string
}

// staffRow is one person of the list.
type staffRow struct {
	// Key is the NIP as stored (links, forms); NIP as printed.
	Key, NIP, Name, Unit, Position string
	Supervisor, SupervisorNIP      string
	Telegram, WhatsApp             bool
	LastReport                     string // YYYY-MM-DD, "" never
	Active                         bool
}

// staffData is the Pegawai page.
type staffData struct {
	Q     staffSearch
	Units []storage.Unit
	Rows  []staffRow
	// Next is the NIP the next page starts after ("" no next page).
	Next string
	// TooWide: the scope has more units than one query names; pick one.
	// TooBroad: the name search took too long; narrow it.
	TooWide, TooBroad bool
	// MaxCodes bounds one request for code cards.
	MaxCodes int
}

func parseStaffSearch(r *http.Request) staffSearch {
	q := r.URL.Query()
	return staffSearch{Text: strings.TrimSpace(q.Get("q")), Unit: q.Get("unit"),
		Unregistered: q.Get("unreg") == "1", After: q.Get("after")}
}

// staff is Pegawai: people of the viewer's scope found by name or NIP, a
// page at a time.
func (c *Console) staff(w http.ResponseWriter, r *http.Request) {
	ctx, v := r.Context(), ViewerFrom(r.Context())
	sc, err := c.scopeOf(ctx, v)
	if err != nil {
		c.fail(w, r, "staff scope", err)
		return
	}
	d := staffData{Q: parseStaffSearch(r), MaxCodes: maxCodes}
	if len(sc.codes) <= maxUnitPicker {
		d.Units = sortedUnits(sc)
	}
	if d.Q.Unit != "" && !sc.has(d.Q.Unit) {
		http.NotFound(w, r)
		return
	}
	page, err := c.findStaff(ctx, sc, &d)
	if err != nil {
		c.fail(w, r, "staff search", err)
		return
	}
	if d.Rows, err = c.staffRows(ctx, sc, page, d.Q.Unregistered); err != nil {
		c.fail(w, r, "staff rows", err)
		return
	}
	c.render(w, r, "staff", d)
}

// findStaff reads one page of the search: the person of a NIP, or the
// people whose name contains the text, within the scope.
func (c *Console) findStaff(ctx context.Context, sc scope, d *staffData) ([]storage.Employee, error) {
	if nip, err := ident.ParseNIP(d.Q.Text); err == nil {
		found, err := c.d.Store.EmployeesByNIP(ctx, []string{nip})
		if err != nil {
			return nil, fmt.Errorf("employee by nip: %w", err)
		}
		var in []storage.Employee
		for _, e := range found {
			if sc.has(e.UnitCode) && (d.Q.Unit == "" || e.UnitCode == d.Q.Unit) {
				in = append(in, e)
			}
		}
		return in, nil
	}
	q := storage.EmployeeQuery{NameContains: d.Q.Text, AfterNIP: d.Q.After, Limit: staffPage}
	prefix := nipPrefix(d.Q.Text)
	if prefix != "" { // the start of a NIP: a range of the primary key
		q.NameContains, q.AfterNIP = "", max(d.Q.After, prefix)
	}
	switch {
	case d.Q.Unit != "":
		q.Units = []string{d.Q.Unit}
	case !sc.all && len(sc.codes) > storage.MaxEmployeePage:
		d.TooWide = true
		return nil, nil
	case !sc.all:
		q.Units = sc.codes
	}
	if len(q.Units) == 0 && !sc.all {
		return nil, nil // a scope without units: nobody
	}
	page, err := c.findBounded(ctx, q)
	if errors.Is(err, errTooBroad) {
		d.TooBroad = true
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	full := len(page) == staffPage
	if prefix != "" {
		if i := slices.IndexFunc(page, func(e storage.Employee) bool { return !strings.HasPrefix(e.NIP, prefix) }); i >= 0 {
			page, full = page[:i], false
		}
	}
	if full {
		d.Next = page[len(page)-1].NIP
	}
	return page, nil
}

// nameSearchBudget bounds a name search: a substring has no index, so a
// search of the whole deployment reads the roster in NIP order until the
// page is full. Past the budget it is given up (the store's statement
// bound is longer, and a search the caller gives up does not count as the
// store being down), and the viewer is asked to narrow it.
const nameSearchBudget = 750 * time.Millisecond

// errTooBroad: a name search ran out of nameSearchBudget.
var errTooBroad = errors.New("name search too broad")

// findBounded runs q, within nameSearchBudget when it searches by name.
func (c *Console) findBounded(ctx context.Context, q storage.EmployeeQuery) ([]storage.Employee, error) {
	if q.NameContains != "" {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, nameSearchBudget)
		defer cancel()
	}
	page, err := c.d.Store.FindEmployees(ctx, q)
	if err != nil && errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return nil, errTooBroad
	}
	if err != nil {
		return nil, fmt.Errorf("find employees: %w", err)
	}
	return page, nil
}

// nipPrefix is the text's digits when it is the start of a NIP (digits,
// spaces and dots, fewer than a NIP's 18 digits, at least 4), else "".
func nipPrefix(text string) string {
	digits := strings.Map(func(r rune) rune {
		switch {
		case r >= '0' && r <= '9':
			return r
		case r == ' ' || r == '.':
			return -1
		}
		return 'x'
	}, text)
	if len(digits) < 4 || len(digits) >= 18 || strings.Contains(digits, "x") {
		return ""
	}
	return digits
}

// staffRows adds to a page of people their supervisors' names and last
// report dates (one bounded query each), keeping only the unregistered
// when asked.
func (c *Console) staffRows(ctx context.Context, sc scope, page []storage.Employee, unregistered bool) ([]staffRow, error) {
	nips, sups := make([]string, 0, len(page)), make([]string, 0, len(page))
	for _, e := range page {
		nips = append(nips, e.NIP)
		if e.SupervisorNIP != "" {
			sups = append(sups, e.SupervisorNIP)
		}
	}
	last, err := c.d.Store.LastReportedAmong(ctx, nips)
	if err != nil {
		return nil, fmt.Errorf("last reports: %w", err)
	}
	bosses, err := c.d.Store.EmployeesByNIP(ctx, sups)
	if err != nil {
		return nil, fmt.Errorf("supervisors: %w", err)
	}
	names := make(map[string]string, len(bosses))
	for _, b := range bosses {
		names[b.NIP] = b.Name
	}
	rows := make([]staffRow, 0, len(page))
	for _, e := range page {
		row := rowOf(sc, e, names[e.SupervisorNIP], last[e.NIP])
		if !unregistered || (!row.Telegram && !row.WhatsApp) {
			rows = append(rows, row)
		}
	}
	return rows, nil
}

func rowOf(sc scope, e storage.Employee, supervisor, last string) staffRow {
	_, tg := e.Accounts[string(bot.Telegram)]
	_, wa := e.Accounts[string(bot.WhatsApp)]
	row := staffRow{Key: e.NIP, NIP: ident.FormatNIP(e.NIP), Name: e.Name, Unit: sc.unitName(e.UnitCode), Position: e.Position,
		Supervisor: supervisor, Telegram: tg, WhatsApp: wa, LastReport: last, Active: e.Active}
	if e.SupervisorNIP != "" {
		row.SupervisorNIP = ident.FormatNIP(e.SupervisorNIP)
	}
	return row
}

// sortedUnits are the scope's units by code, for the unit picker.
func sortedUnits(sc scope) []storage.Unit {
	out := make([]storage.Unit, 0, len(sc.codes))
	for _, code := range sc.codes {
		out = append(out, sc.units[code])
	}
	return out
}
