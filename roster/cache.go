package roster

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/kinerjabot/kinerjabot/storage"
)

// PeopleStore is what a Cache reads people from; storage.Store is one.
// Methods do I/O and are safe for concurrent use.
type PeopleStore interface {
	GetEmployee(ctx context.Context, nip string) (storage.Employee, error)
	EmployeesByNIP(ctx context.Context, nips []string) ([]storage.Employee, error)
	FindEmployees(ctx context.Context, q storage.EmployeeQuery) ([]storage.Employee, error)
}

var _ PeopleStore = storage.Store(nil)

// Cache is a Directory over a store for one scheduler pass: the units and
// acting assignments (few) as read once, the people read by NIP when first
// asked for (or a batch at a time, Prefetch) and remembered, absent ones
// too, and each unit's admins likewise. No roster is read whole. Safe for
// concurrent use.
type Cache struct {
	st    PeopleStore
	units map[string]storage.Unit
	acts  []storage.Acting
	mu    sync.Mutex
	emps  map[string]*storage.Employee // nil: not on the roster
	// admins are the answers of admin queries, by query.
	admins map[string][]storage.Employee
}

var _ Directory = (*Cache)(nil)

// NewCache keeps the units and acting assignments and reads people from st.
func NewCache(st PeopleStore, units []storage.Unit, acting []storage.Acting) *Cache {
	c := &Cache{st: st, units: make(map[string]storage.Unit, len(units)), acts: acting,
		emps: map[string]*storage.Employee{}, admins: map[string][]storage.Employee{}}
	for _, u := range units {
		c.units[u.Code] = u
	}
	return c
}

// Prefetch reads the people of nips not read yet, a batch at a time.
func (c *Cache) Prefetch(ctx context.Context, nips []string) error {
	var want []string
	c.mu.Lock()
	seen := map[string]bool{}
	for _, n := range nips {
		if _, ok := c.emps[n]; !ok && n != "" && !seen[n] {
			seen[n] = true
			want = append(want, n)
		}
	}
	c.mu.Unlock()
	for start := 0; start < len(want); start += storage.MaxEmployeePage {
		batch := want[start:min(start+storage.MaxEmployeePage, len(want))]
		emps, err := c.st.EmployeesByNIP(ctx, batch)
		if err != nil {
			return fmt.Errorf("employees by nip: %w", err)
		}
		c.mu.Lock()
		for _, n := range batch {
			c.emps[n] = nil
		}
		for i := range emps {
			c.emps[emps[i].NIP] = &emps[i]
		}
		c.mu.Unlock()
	}
	return nil
}

// Employee is the person as read so far (false: not read, or not on the
// roster); no I/O.
func (c *Cache) Employee(nip string) (storage.Employee, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e := c.emps[nip]; e != nil {
		return *e, true
	}
	return storage.Employee{}, false
}

// GetEmployee implements Directory: from the cache, or read and kept.
func (c *Cache) GetEmployee(ctx context.Context, nip string) (storage.Employee, error) {
	c.mu.Lock()
	e, known := c.emps[nip]
	c.mu.Unlock()
	switch {
	case known && e == nil:
		return storage.Employee{}, fmt.Errorf("employee %s: %w", nip, storage.ErrNotFound)
	case known:
		return *e, nil
	}
	got, err := c.st.GetEmployee(ctx, nip)
	if err != nil && !errors.Is(err, storage.ErrNotFound) {
		return storage.Employee{}, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if err != nil {
		c.emps[nip] = nil
		return storage.Employee{}, err
	}
	c.emps[nip] = &got
	return got, nil
}

// GetUnit implements Directory.
func (c *Cache) GetUnit(_ context.Context, code string) (storage.Unit, error) {
	u, ok := c.units[code]
	if !ok {
		return storage.Unit{}, fmt.Errorf("unit %s: %w", code, storage.ErrNotFound)
	}
	return u, nil
}

// Unit is the unit of the code, if on file; no I/O.
func (c *Cache) Unit(code string) (storage.Unit, bool) {
	u, ok := c.units[code]
	return u, ok
}

// Units are the units on file, by code; the caller must not change it.
func (c *Cache) Units() map[string]storage.Unit { return c.units }

// ListActing implements Directory.
func (c *Cache) ListActing(context.Context) ([]storage.Acting, error) { return c.acts, nil }

// FindEmployees implements Directory: queries of admins are remembered
// (a unit's admins are asked for by every report of the unit), others
// go to the store.
func (c *Cache) FindEmployees(ctx context.Context, q storage.EmployeeQuery) ([]storage.Employee, error) {
	if !q.AdminsOnly {
		return c.st.FindEmployees(ctx, q)
	}
	key := fmt.Sprintf("%q %v %v %s %d", q.Units, q.ActiveOnly, q.InactiveOnly, q.AfterNIP, q.Limit)
	c.mu.Lock()
	got, ok := c.admins[key]
	c.mu.Unlock()
	if ok {
		return got, nil
	}
	got, err := c.st.FindEmployees(ctx, q)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	c.admins[key] = got
	c.mu.Unlock()
	return got, nil
}
