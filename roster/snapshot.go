package roster

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/kinerjabot/kinerjabot/storage"
)

// Snapshot is a Directory over records read once (a small roster, in
// tests): its answers need no I/O. Safe for concurrent use; do not change
// the records after NewSnapshot.
type Snapshot struct {
	units map[string]storage.Unit
	emps  map[string]storage.Employee
	all   []storage.Employee
	acts  []storage.Acting
}

var _ Directory = (*Snapshot)(nil)

// NewSnapshot indexes the units and employees, and keeps the acting
// assignments.
func NewSnapshot(units []storage.Unit, emps []storage.Employee, acting []storage.Acting) *Snapshot {
	all := slices.SortedFunc(slices.Values(emps), func(a, b storage.Employee) int { return strings.Compare(a.NIP, b.NIP) })
	s := &Snapshot{units: make(map[string]storage.Unit, len(units)), emps: make(map[string]storage.Employee, len(emps)), all: all, acts: acting}
	for _, u := range units {
		s.units[u.Code] = u
	}
	for _, e := range emps {
		s.emps[e.NIP] = e
	}
	return s
}

// GetEmployee implements Directory.
func (s *Snapshot) GetEmployee(_ context.Context, nip string) (storage.Employee, error) {
	e, ok := s.emps[nip]
	if !ok {
		return storage.Employee{}, fmt.Errorf("employee %s: %w", nip, storage.ErrNotFound)
	}
	return e, nil
}

// GetUnit implements Directory.
func (s *Snapshot) GetUnit(_ context.Context, code string) (storage.Unit, error) {
	u, ok := s.units[code]
	if !ok {
		return storage.Unit{}, fmt.Errorf("unit %s: %w", code, storage.ErrNotFound)
	}
	return u, nil
}

// FindEmployees implements Directory over the records (sorted by NIP).
func (s *Snapshot) FindEmployees(_ context.Context, q storage.EmployeeQuery) ([]storage.Employee, error) {
	if err := q.Check(); err != nil {
		return nil, err
	}
	out := []storage.Employee{}
	for _, e := range s.all {
		if len(out) < q.Limit && Matches(q, e) {
			out = append(out, e)
		}
	}
	return out, nil
}

// Matches reports whether e is among the people q selects (its page
// bounds aside: q.AfterNIP counts, q.Limit does not).
func Matches(q storage.EmployeeQuery, e storage.Employee) bool {
	return e.NIP > q.AfterNIP && (len(q.Units) == 0 || slices.Contains(q.Units, e.UnitCode)) &&
		(!q.ActiveOnly || e.Active) && (!q.InactiveOnly || !e.Active) && (!q.AdminsOnly || e.IsAdmin()) &&
		(q.NameContains == "" || strings.Contains(strings.ToLower(e.Name), strings.ToLower(q.NameContains)))
}

// ListActing implements Directory.
func (s *Snapshot) ListActing(context.Context) ([]storage.Acting, error) { return s.acts, nil }

// UnitGetter reads units; storage.Store and Snapshot are ones.
type UnitGetter interface {
	GetUnit(ctx context.Context, code string) (storage.Unit, error)
}

// UnitSetting is a unit's own setting as pick reads it (0: not set), or,
// when it has none, that of the nearest unit above it that has one: a
// sub-unit inherits. 0 when no unit up the chain sets it (the caller's
// global setting applies).
func UnitSetting(ctx context.Context, d UnitGetter, code string, pick func(storage.Unit) int) (int, error) {
	for i := 0; code != "" && i < maxDepth; i++ {
		u, err := d.GetUnit(ctx, code)
		if errors.Is(err, storage.ErrNotFound) {
			return 0, nil
		}
		if err != nil {
			return 0, fmt.Errorf("get unit: %w", err)
		}
		if v := pick(u); v > 0 {
			return v, nil
		}
		code = u.ParentCode
	}
	return 0, nil
}

// UnitChain is code and the codes of the units above it, nearest first
// (a unit's calendar.For); it stops at a unit not on file.
func UnitChain(ctx context.Context, d UnitGetter, code string) ([]string, error) {
	var chain []string
	for i := 0; code != "" && i < maxDepth; i++ {
		chain = append(chain, code)
		u, err := d.GetUnit(ctx, code)
		if errors.Is(err, storage.ErrNotFound) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("get unit: %w", err)
		}
		code = u.ParentCode
	}
	return chain, nil
}

// MonthlyTarget picks the unit's monthly target in minutes.
func MonthlyTarget(u storage.Unit) int { return u.MonthlyTargetMinutes }

// SLADays picks the unit's approval SLA in work days.
func SLADays(u storage.Unit) int { return u.ApprovalSLADays }

// RemindStaffAt picks the unit's staff reminder time (minutes after
// midnight).
func RemindStaffAt(u storage.Unit) int { return u.RemindStaffAt }

// RemindSupervisorAt picks the unit's supervisor digest time (minutes
// after midnight).
func RemindSupervisorAt(u storage.Unit) int { return u.RemindSupervisorAt }
