package export

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/kinerjabot/kinerjabot/roster"
	"github.com/kinerjabot/kinerjabot/storage"
)

// scope is who and which units an export covers.
type scope struct {
	people []storage.Employee
	// units by code: the units of the request (a unit export) or of the
	// team's members (a team export).
	units map[string]storage.Unit
	// surveyed are the units whose surveys the IKM sheet shows (a unit
	// export only), in code order.
	surveyed []storage.Unit
	// team: a team export (people are the team), not a unit export.
	team bool
}

// scopeOf finds what q covers; day is the date a team is read on.
func (x *Exporter) scopeOf(ctx context.Context, q Request, day string) (scope, error) {
	if q.Team != "" {
		team, err := roster.Team(ctx, x.store, q.Team, day)
		if err != nil {
			return scope{}, err
		}
		s := scope{people: team, units: map[string]storage.Unit{}, team: true}
		for _, e := range team {
			if err := x.addUnit(ctx, s.units, e.UnitCode); err != nil {
				return scope{}, err
			}
		}
		return s, nil
	}
	units, err := x.branch(ctx, q.Unit, q.SubUnits)
	if err != nil {
		return scope{}, err
	}
	s := scope{units: map[string]storage.Unit{}, surveyed: units}
	codes := make([]string, len(units))
	for i, u := range units {
		s.units[u.Code], codes[i] = u, u.Code
	}
	if s.people, err = x.inUnits(ctx, codes); err != nil {
		return scope{}, err
	}
	return s, nil
}

// inUnits are the people (active or not) of the units, read a page at a
// time, the units a batch at a time.
func (x *Exporter) inUnits(ctx context.Context, codes []string) ([]storage.Employee, error) {
	var out []storage.Employee
	for batch := range slices.Chunk(codes, storage.MaxEmployeePage) {
		err := storage.EachEmployee(ctx, x.store, storage.EmployeeQuery{Units: batch}, func(page []storage.Employee) error {
			out = append(out, page...)
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("find employees: %w", err)
		}
	}
	return out, nil
}

// addUnit reads a unit into units once (an unknown one is left out).
func (x *Exporter) addUnit(ctx context.Context, units map[string]storage.Unit, code string) error {
	if _, ok := units[code]; ok || code == "" {
		return nil
	}
	u, err := x.store.GetUnit(ctx, code)
	if err != nil && !isNotFound(err) {
		return fmt.Errorf("get unit: %w", err)
	}
	if err == nil {
		units[code] = u
	}
	return nil
}

// branch is the unit code and, with sub, every unit below it, by code.
// An unknown unit is storage.ErrNotFound.
func (x *Exporter) branch(ctx context.Context, code string, sub bool) ([]storage.Unit, error) {
	top, err := x.store.GetUnit(ctx, code)
	if err != nil {
		return nil, fmt.Errorf("get unit %s: %w", code, err)
	}
	if !sub {
		return []storage.Unit{top}, nil
	}
	all, err := x.store.ListUnits(ctx)
	if err != nil {
		return nil, fmt.Errorf("list units: %w", err)
	}
	return roster.Branch(all, top), nil
}

// Allowed reports whether the employee asker may have the export q: an
// active admin a unit of their branch (their unit or one below it), an
// active supervisor their own team. now is when the file is made: the
// scope is read from the roster as it is then, not as it was asked.
func Allowed(ctx context.Context, st Store, asker string, q Request, now time.Time) (bool, error) {
	by, err := st.GetEmployee(ctx, asker)
	if isNotFound(err) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("get asker: %w", err)
	}
	switch {
	case !by.Active:
		return false, nil
	case q.Team != "":
		return q.Team == by.NIP, nil
	case !by.IsAdmin():
		return false, nil
	}
	return roster.Within(ctx, st, q.Unit, by.UnitCode)
}

func isNotFound(err error) bool { return errors.Is(err, storage.ErrNotFound) }
