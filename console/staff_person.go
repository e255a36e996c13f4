package console

import (
	"errors"
	"net/http"

	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/ident"
	"github.com/kinerjabot/kinerjabot/storage"
)

// personData is a person's page.
type personData struct {
	Row staffRow
	// Done says what was just changed (a key of the catalogue), Problem
	// why a change was refused; "" none.
	Done, Problem string
}

// personNIP reads the {nip} of the path: 404 when it is not a NIP.
func personNIP(w http.ResponseWriter, r *http.Request) (string, bool) {
	nip, err := ident.ParseNIP(r.PathValue("nip"))
	if err != nil {
		http.NotFound(w, r)
		return "", false
	}
	return nip, true
}

// personPage shows one person of the viewer's scope (audited: a console
// read of a person's data), with what an admin may change.
func (c *Console) personPage(w http.ResponseWriter, r *http.Request) {
	nip, ok := personNIP(w, r)
	if !ok {
		return
	}
	done := map[string]string{"status": string(i18n.ConsoleStaffDoneStatus), "supervisor": string(i18n.ConsoleStaffDoneSupervisor)}
	c.showPerson(w, r, nip, personData{Done: done[r.URL.Query().Get("ok")]}, http.StatusOK)
}

// showPerson renders the person's page with d's outcome, 404 when the
// person is not in the viewer's scope.
func (c *Console) showPerson(w http.ResponseWriter, r *http.Request, nip string, d personData, status int) {
	ctx, v := r.Context(), ViewerFrom(r.Context())
	e, ok := c.personOr404(w, r, nip)
	if !ok {
		return
	}
	sc, err := c.scopeOf(ctx, v)
	if err != nil {
		c.fail(w, r, "person scope", err)
		return
	}
	rows, err := c.staffRows(ctx, sc, []storage.Employee{e}, false)
	if err != nil {
		c.fail(w, r, "person row", err)
		return
	}
	c.audit(r, ActionReadPerson, e.NIP, "")
	d.Row = rows[0]
	if status != http.StatusOK {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(status)
	}
	c.render(w, r, "person", d)
}

// personOr404 reads the person of nip for the request's viewer; when they
// are not in scope (or not on file) it answers 404, on a failure 500, and
// returns false.
func (c *Console) personOr404(w http.ResponseWriter, r *http.Request, nip string) (storage.Employee, bool) {
	e, err := c.person(r.Context(), ViewerFrom(r.Context()), nip)
	switch {
	case errors.Is(err, errNotInScope):
		http.NotFound(w, r)
		return storage.Employee{}, false
	case err != nil:
		c.fail(w, r, "person", err)
		return storage.Employee{}, false
	}
	return e, true
}
