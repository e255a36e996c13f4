// Package roster answers, from the roster as it is now, who decides a
// person's reports. The flows (at submission, and for the authority to
// decide) and the scheduler (which moves pending reports when the answer
// changes) ask the same question here, so they never disagree about whose
// list a report belongs on.
package roster

import (
	"context"
	"errors"
	"fmt"

	"github.com/kinerjabot/kinerjabot/storage"
)

// Directory is what the answers read; storage.Store is one, and so is the
// scheduler's snapshot of a pass. Methods do I/O and are safe for
// concurrent use.
type Directory interface {
	GetEmployee(ctx context.Context, nip string) (storage.Employee, error)
	GetUnit(ctx context.Context, code string) (storage.Unit, error)
	// FindEmployees: a unit's admins (see storage.EmployeeIndex).
	FindEmployees(ctx context.Context, q storage.EmployeeQuery) ([]storage.Employee, error)
	ListActing(ctx context.Context) ([]storage.Acting, error)
}

var _ Directory = storage.Store(nil)

// maxDepth bounds a walk up the supervisors or the units (the importer
// refuses cycles; this is the guard should a store hold one).
const maxDepth = 32

// Supervisor is the nearest active supervisor up owner's chain: the direct
// supervisor named on the roster, or, when they left (inactive) or are not
// on the roster, theirs, and so on. "" when owner has no supervisor or
// nobody up the chain is active.
func Supervisor(ctx context.Context, d Directory, owner storage.Employee) (string, error) {
	seen := map[string]bool{owner.NIP: true}
	for nip := owner.SupervisorNIP; nip != "" && !seen[nip] && len(seen) < maxDepth; {
		seen[nip] = true
		e, err := d.GetEmployee(ctx, nip)
		if errors.Is(err, storage.ErrNotFound) {
			return "", nil
		}
		if err != nil {
			return "", fmt.Errorf("get supervisor: %w", err)
		}
		if e.Active {
			return e.NIP, nil
		}
		nip = e.SupervisorNIP
	}
	return "", nil
}

// Answer is who decides a person's reports, and in which capacity.
type Answer struct {
	// NIP is the approver; "" when nobody qualifies (see Approver).
	NIP string
	// Admin: an admin decides for the unit (the chain left).
	Admin bool
	// ActingFor is the post (the supervisor's NIP) NIP acts for (Plt/Plh)
	// on the day asked about; "" when NIP decides in their own right.
	ActingFor string
}

// Approver is whose approval list owner's reports belong on, on the local
// date day (YYYY-MM-DD, the owner's unit's): the nearest active supervisor
// (Supervisor), or the person acting (Plt/Plh) for a post on the way up
// to them on day (storage.ActingOn: the acting person active, and not the
// owner), whichever comes first up the chain. When owner has a supervisor
// on the roster but nobody up the chain is active or acted for (the
// supervisor left, and theirs too), it is an active admin of owner's unit
// or, failing one, of the nearest unit above it that has one (the lowest
// NIP among them), and admin is true: an admin decides for the unit. ""
// when owner has no supervisor on the roster (their reports wait for the
// roster to name one) or no admin qualifies.
func Approver(ctx context.Context, d Directory, owner storage.Employee, day string) (nip string, admin bool, err error) {
	a, err := Decider(ctx, d, owner, day)
	return a.NIP, a.Admin, err
}

// Decider is Approver's answer with the capacity the approver decides in.
func Decider(ctx context.Context, d Directory, owner storage.Employee, day string) (Answer, error) {
	acting, err := d.ListActing(ctx)
	if err != nil {
		return Answer{}, fmt.Errorf("list acting: %w", err)
	}
	seen := map[string]bool{owner.NIP: true}
	for nip := owner.SupervisorNIP; nip != "" && !seen[nip] && len(seen) < maxDepth; {
		seen[nip] = true
		if by := storage.ActingOn(acting, nip, day); by != "" && by != owner.NIP {
			p, err := d.GetEmployee(ctx, by)
			if err != nil && !errors.Is(err, storage.ErrNotFound) {
				return Answer{}, fmt.Errorf("get acting: %w", err)
			}
			if err == nil && p.Active {
				return Answer{NIP: by, ActingFor: nip}, nil
			}
		}
		e, err := d.GetEmployee(ctx, nip)
		if errors.Is(err, storage.ErrNotFound) {
			break // not on the roster: counts as gone, and so does the chain above
		}
		if err != nil {
			return Answer{}, fmt.Errorf("get supervisor: %w", err)
		}
		if e.Active {
			return Answer{NIP: e.NIP}, nil
		}
		nip = e.SupervisorNIP
	}
	if owner.SupervisorNIP == "" {
		return Answer{}, nil
	}
	nip, err := unitAdmin(ctx, d, owner)
	return Answer{NIP: nip, Admin: nip != ""}, err
}

// unitAdmin is the lowest NIP among the active admins of owner's unit, or
// of the nearest unit above it that has any; never owner. Each unit's
// admins are one short indexed query.
func unitAdmin(ctx context.Context, d Directory, owner storage.Employee) (string, error) {
	unit := owner.UnitCode
	for i := 0; unit != "" && i < maxDepth; i++ {
		admins, err := d.FindEmployees(ctx, storage.EmployeeQuery{Units: []string{unit}, AdminsOnly: true, ActiveOnly: true, Limit: 2})
		if err != nil {
			return "", fmt.Errorf("find admins: %w", err)
		}
		for _, a := range admins {
			if a.NIP != owner.NIP {
				return a.NIP, nil
			}
		}
		u, err := d.GetUnit(ctx, unit)
		if errors.Is(err, storage.ErrNotFound) {
			return "", nil
		}
		if err != nil {
			return "", fmt.Errorf("get unit: %w", err)
		}
		unit = u.ParentCode
	}
	return "", nil
}

// Rules of the audit entries (storage.ActionRerouted) of reports moved to
// their approver: the roster changed (the scheduler moved them and told
// the people), or a report sent back for revision was corrected after it
// changed (its prompts went to the approver now; nothing more to tell).
const (
	RuleChanged     = "roster_changed"
	RuleResubmitted = "resubmitted"
)
