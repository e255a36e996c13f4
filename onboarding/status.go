// Package onboarding counts who in a unit has started with the bot, for
// the sosialisasi: how many people are on the roster, registered on
// Telegram or WhatsApp, have practised (/latihan), have filed a first real
// report; and who is not registered yet (the attendance list). It reads
// the roster a bounded, indexed page at a time (storage.FindEmployees),
// and practices and reporters by the page's NIPs, so a unit of any size
// is counted in bounded reads.
package onboarding

import (
	"context"
	"fmt"
	"slices"

	"github.com/kinerjabot/kinerjabot/storage"
)

// Store is what the count reads. Its methods do I/O.
type Store interface {
	ListUnits(ctx context.Context) ([]storage.Unit, error)
	FindEmployees(ctx context.Context, q storage.EmployeeQuery) ([]storage.Employee, error)
	PracticesOf(ctx context.Context, nips []string) ([]storage.Practice, error)
	ReportersAmong(ctx context.Context, nips []string) ([]string, error)
}

// Person is an entry of the attendance list.
type Person struct{ NIP, Name, Position string }

// UnitStatus is one unit's count, of its active people (sub-units are
// counted apart).
type UnitStatus struct {
	Code, Name string
	Roster     int
	// Telegram and WhatsApp count the people registered on each;
	// Registered those on either.
	Telegram, WhatsApp, Registered int
	// Practised: completed a practice run (any role); Reported: filed a
	// real report, ever.
	Practised, Reported int
	// NotRegistered lists those on neither platform, in NIP order.
	NotRegistered []Person
}

// Add adds o's counts (not its list) to s: a total.
func (s *UnitStatus) Add(o UnitStatus) {
	s.Roster += o.Roster
	s.Telegram += o.Telegram
	s.WhatsApp += o.WhatsApp
	s.Registered += o.Registered
	s.Practised += o.Practised
	s.Reported += o.Reported
}

// Each counts the unit code and, with subunits, every unit below it
// (depth first, by code), calling fn with each unit's status in turn.
// ErrNotFound when the unit is not known.
func Each(ctx context.Context, st Store, code string, subunits bool, fn func(UnitStatus) error) error {
	units, err := st.ListUnits(ctx)
	if err != nil {
		return fmt.Errorf("list units: %w", err)
	}
	order, err := unitOrder(units, code, subunits)
	if err != nil {
		return err
	}
	for _, u := range order {
		s, err := Count(ctx, st, u)
		if err != nil {
			return err
		}
		if err := fn(s); err != nil {
			return err
		}
	}
	return nil
}

// unitOrder is the unit code and, with subunits, its descendants, depth
// first, children by code.
func unitOrder(units []storage.Unit, code string, subunits bool) ([]storage.Unit, error) {
	byCode := map[string]storage.Unit{}
	children := map[string][]string{}
	for _, u := range units {
		byCode[u.Code] = u
		children[u.ParentCode] = append(children[u.ParentCode], u.Code)
	}
	root, ok := byCode[code]
	if !ok {
		return nil, fmt.Errorf("unit %s: %w", code, storage.ErrNotFound)
	}
	if !subunits {
		return []storage.Unit{root}, nil
	}
	var out []storage.Unit
	seen := map[string]bool{}
	var walk func(c string)
	walk = func(c string) {
		if seen[c] { // a cycle in the units' parents
			return
		}
		seen[c] = true
		out = append(out, byCode[c])
		kids := slices.Clone(children[c])
		slices.Sort(kids)
		for _, k := range kids {
			walk(k)
		}
	}
	walk(code)
	return out, nil
}

// Count counts one unit's active people, a roster page at a time.
func Count(ctx context.Context, st Store, u storage.Unit) (UnitStatus, error) {
	s := UnitStatus{Code: u.Code, Name: u.Name, NotRegistered: []Person{}}
	q := storage.EmployeeQuery{Units: []string{u.Code}, ActiveOnly: true}
	err := storage.EachEmployee(ctx, st, q, func(page []storage.Employee) error {
		return s.addPage(ctx, st, page)
	})
	if err != nil {
		return s, fmt.Errorf("count unit %s: %w", u.Code, err)
	}
	return s, nil
}

func (s *UnitStatus) addPage(ctx context.Context, st Store, page []storage.Employee) error {
	nips := make([]string, len(page))
	for i, e := range page {
		nips[i] = e.NIP
	}
	practices, err := st.PracticesOf(ctx, nips)
	if err != nil {
		return fmt.Errorf("practices: %w", err)
	}
	reporters, err := st.ReportersAmong(ctx, nips)
	if err != nil {
		return fmt.Errorf("reporters: %w", err)
	}
	practised := map[string]bool{}
	for _, p := range practices {
		practised[p.NIP] = true
	}
	s.Roster += len(page)
	s.Practised += len(practised)
	s.Reported += len(reporters)
	for _, e := range page {
		_, tg := e.Accounts["telegram"]
		_, wa := e.Accounts["whatsapp"]
		s.Telegram += b2i(tg)
		s.WhatsApp += b2i(wa)
		s.Registered += b2i(tg || wa)
		if !tg && !wa {
			s.NotRegistered = append(s.NotRegistered, Person{NIP: e.NIP, Name: e.Name, Position: e.Position})
		}
	}
	return nil
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
