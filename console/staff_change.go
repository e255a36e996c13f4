package console

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"

	"github.com/kinerjabot/kinerjabot/i18n"
	"github.com/kinerjabot/kinerjabot/ident"
	"github.com/kinerjabot/kinerjabot/storage"
)

// maxChain bounds the walk up a supervisor chain looking for a cycle (a
// chain longer than this is refused as one).
const maxChain = 64

// changeStatus deactivates (active=0) or reactivates (active=1) a person,
// as a roster import with a status column does: the record's active flag
// is written and the roster lifecycle does the rest (the scheduler tells
// a leaver and unlinks their chats; their pending reports stay decidable
// and move up when they were the approver; reactivation restores all but
// the unlinked chats).
func (c *Console) changeStatus(w http.ResponseWriter, r *http.Request) {
	nip, ok := personNIP(w, r)
	if !ok {
		return
	}
	active := r.PostFormValue("active") == "1"
	action := ActionDeactivate
	if active {
		action = ActionReactivate
	}
	c.changePerson(w, r, nip, "status", func(ctx context.Context, e *storage.Employee) (i18n.Key, string, error) {
		if e.NIP == ViewerFrom(ctx).NIP {
			return i18n.ConsoleStaffNotYourself, "", nil // their session would outlive their right to it
		}
		e.Active = active
		return "", "", nil
	}, action)
}

// changeSupervisor sets a person's supervisor: someone on file in the
// viewer's scope, active, not the person, and not below them. The
// scheduler's next pass moves their pending reports to the new approver
// (re-routing, as after an import).
func (c *Console) changeSupervisor(w http.ResponseWriter, r *http.Request) {
	nip, ok := personNIP(w, r)
	if !ok {
		return
	}
	raw := r.PostFormValue("supervisor")
	c.changePerson(w, r, nip, "supervisor", func(ctx context.Context, e *storage.Employee) (i18n.Key, string, error) {
		sup, err := ident.ParseNIP(raw)
		if err != nil {
			return i18n.ConsoleStaffBadNIP, "", nil
		}
		problem, err := c.checkSupervisor(ctx, ViewerFrom(ctx), e.NIP, sup)
		if problem != "" || err != nil {
			return problem, "", err
		}
		e.SupervisorNIP = sup
		return "", sup, nil
	}, ActionSupervisor)
}

// personChange changes e, or says why not (a catalogue key), with the
// audit row's detail.
type personChange func(ctx context.Context, e *storage.Employee) (problem i18n.Key, detail string, err error)

// changePerson reads the person afresh (404 out of scope), applies change,
// writes the record and audits action, then shows the page again (after a
// redirect), or shows it with the problem.
func (c *Console) changePerson(w http.ResponseWriter, r *http.Request, nip, what string, change personChange, action Action) {
	ctx := r.Context()
	e, ok := c.personOr404(w, r, nip)
	if !ok {
		return
	}
	problem, detail, err := change(ctx, &e)
	if err == nil && problem == "" {
		e.UpdatedAt = c.d.Now()
		err = c.d.Store.UpsertEmployee(ctx, e)
	}
	switch {
	case err != nil:
		c.fail(w, r, "change "+what, err)
	case problem != "":
		c.d.Log.Info("console: change refused", "what", what, "nip", ident.MaskNIP(nip), "reason", string(problem))
		c.showPerson(w, r, nip, personData{Problem: string(problem)}, http.StatusUnprocessableEntity)
	default:
		c.audit(r, action, nip, detail)
		http.Redirect(w, r, Prefix+"pegawai/"+url.PathEscape(nip)+"?ok="+what, http.StatusSeeOther)
	}
}

// checkSupervisor says why sup cannot supervise nip (a catalogue key), ""
// when they can.
func (c *Console) checkSupervisor(ctx context.Context, v *Viewer, nip, sup string) (i18n.Key, error) {
	if sup == nip {
		return i18n.ConsoleStaffSupSelf, nil
	}
	boss, err := c.person(ctx, v, sup)
	if errors.Is(err, errNotInScope) {
		return i18n.ConsoleStaffSupUnknown, nil
	}
	if err != nil {
		return "", err
	}
	if !boss.Active {
		return i18n.ConsoleStaffSupInactive, nil
	}
	return c.checkChain(ctx, nip, boss)
}

// checkChain walks up from boss: reaching nip (or a chain past maxChain)
// is a cycle.
func (c *Console) checkChain(ctx context.Context, nip string, boss storage.Employee) (i18n.Key, error) {
	seen := map[string]bool{boss.NIP: true}
	for next := boss.SupervisorNIP; next != ""; {
		if next == nip || seen[next] || len(seen) > maxChain {
			return i18n.ConsoleStaffSupCycle, nil
		}
		seen[next] = true
		up, err := c.d.Store.GetEmployee(ctx, next)
		if errors.Is(err, storage.ErrNotFound) {
			return "", nil
		}
		if err != nil {
			return "", fmt.Errorf("supervisor chain: %w", err)
		}
		next = up.SupervisorNIP
	}
	return "", nil
}
