package roster

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/kinerjabot/kinerjabot/storage"
)

// The two scopes of what a person may see of others: an admin's branch
// (their unit and the units below it) and a supervisor's team (whom they
// decide for today). The flows (/tim, admin commands) and the makers of
// documents that re-check the scope at send time (package export) ask
// here, so they never disagree.

// TeamReader is what Team reads. Methods do I/O and are safe for
// concurrent use.
type TeamReader interface {
	ListSubordinates(ctx context.Context, nip string) ([]storage.Employee, error)
	ListActing(ctx context.Context) ([]storage.Acting, error)
}

// Team is the team nip decides for on day (YYYY-MM-DD): their active
// direct subordinates, then those of each post they act for (Plt/Plh) on
// day, each once and never nip. Bounded reads: one ListSubordinates per
// post.
func Team(ctx context.Context, d TeamReader, nip, day string) ([]storage.Employee, error) {
	posts := []string{nip}
	acting, err := d.ListActing(ctx)
	if err != nil {
		return nil, fmt.Errorf("list acting: %w", err)
	}
	for _, a := range acting {
		if a.ActingNIP == nip && storage.ActingOn(acting, a.ForNIP, day) == nip && !slices.Contains(posts, a.ForNIP) {
			posts = append(posts, a.ForNIP)
		}
	}
	var team []storage.Employee
	seen := map[string]bool{nip: true}
	for _, post := range posts {
		subs, err := d.ListSubordinates(ctx, post)
		if err != nil {
			return nil, fmt.Errorf("list subordinates: %w", err)
		}
		for _, e := range subs {
			if e.Active && !seen[e.NIP] {
				seen[e.NIP] = true
				team = append(team, e)
			}
		}
	}
	return team, nil
}

// Within reports whether unit is ancestor or lies under it (an admin's
// branch). An unknown unit on the way up ends the walk: not within.
func Within(ctx context.Context, d UnitGetter, unit, ancestor string) (bool, error) {
	for i := 0; i < maxDepth && unit != ""; i++ {
		if unit == ancestor {
			return true, nil
		}
		u, err := d.GetUnit(ctx, unit)
		if errors.Is(err, storage.ErrNotFound) {
			return false, nil
		}
		if err != nil {
			return false, fmt.Errorf("get unit: %w", err)
		}
		unit = u.ParentCode
	}
	return false, nil
}
