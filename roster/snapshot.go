package roster

import (
	"context"
	"fmt"

	"github.com/kinerjabot/kinerjabot/storage"
)

// Snapshot is a Directory over records read once (what a scheduler pass
// read): its answers need no I/O. Safe for concurrent use; do not change
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
	s := &Snapshot{units: make(map[string]storage.Unit, len(units)), emps: make(map[string]storage.Employee, len(emps)), all: emps, acts: acting}
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

// ListEmployees implements Directory.
func (s *Snapshot) ListEmployees(context.Context) ([]storage.Employee, error) { return s.all, nil }

// ListActing implements Directory.
func (s *Snapshot) ListActing(context.Context) ([]storage.Acting, error) { return s.acts, nil }
