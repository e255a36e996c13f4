package console

import (
	"context"
	"errors"
	"fmt"

	"github.com/kinerjabot/kinerjabot/storage"
)

// errNotInScope is what a lookup of a person or unit outside the viewer's
// scope, or not on file, ends in: the page answers 404 either way.
var errNotInScope = errors.New("not found or not in scope")

// scope is the viewer's branch: its units by code, and whether it is the
// whole deployment (then no query needs a unit filter).
type scope struct {
	all   bool
	units map[string]storage.Unit
	codes []string // by code
}

// scopeOf reads the viewer's branch of units (the unit list is small next
// to the roster: read whole, as the export does).
func (c *Console) scopeOf(ctx context.Context, v *Viewer) (scope, error) {
	all, err := c.d.Store.ListUnits(ctx)
	if err != nil {
		return scope{}, fmt.Errorf("list units: %w", err)
	}
	units := all
	if v.Unit != "" {
		units = branchOf(all, v.Unit)
	}
	s := scope{all: v.Unit == "", units: make(map[string]storage.Unit, len(units))}
	for _, u := range units {
		s.units[u.Code] = u
		s.codes = append(s.codes, u.Code)
	}
	return s, nil
}

// has reports whether the unit code lies in the scope.
func (s scope) has(code string) bool {
	_, ok := s.units[code]
	return ok || (s.all && code != "")
}

// unitName is the unit's name, its code when unknown.
func (s scope) unitName(code string) string {
	if u, ok := s.units[code]; ok && u.Name != "" {
		return u.Name
	}
	return code
}

// person reads the employee of nip when their unit is in the viewer's
// scope; errNotInScope otherwise (not on file included).
func (c *Console) person(ctx context.Context, v *Viewer, nip string) (storage.Employee, error) {
	e, err := c.d.Store.GetEmployee(ctx, nip)
	if errors.Is(err, storage.ErrNotFound) {
		return storage.Employee{}, errNotInScope
	}
	if err != nil {
		return storage.Employee{}, fmt.Errorf("get employee: %w", err)
	}
	ok, err := c.InScope(ctx, v, e.UnitCode)
	if err != nil {
		return storage.Employee{}, err
	}
	if !ok {
		return storage.Employee{}, errNotInScope
	}
	return e, nil
}
