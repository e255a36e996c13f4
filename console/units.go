package console

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"

	"github.com/kinerjabot/kinerjabot/roster"
	"github.com/kinerjabot/kinerjabot/storage"
)

// unitsPerPage bounds the units one Ringkasan page computes figures for.
const unitsPerPage = 20

// branchOf is the unit top and every unit below it, top first, then by
// code; top "" is every unit (roots first). units is the deployment's
// list (ListUnits: units are few, people many).
func branchOf(units []storage.Unit, top string) []storage.Unit {
	var heads []storage.Unit
	for _, u := range units {
		if top == "" && u.ParentCode == "" || top != "" && u.Code == top {
			heads = append(heads, u)
		}
	}
	seen := map[string]bool{}
	for _, h := range heads {
		seen[h.Code] = true
	}
	var rest []storage.Unit
	for _, h := range heads {
		for _, u := range roster.Branch(units, h) {
			if !seen[u.Code] {
				seen[u.Code] = true
				rest = append(rest, u)
			}
		}
	}
	slices.SortFunc(rest, func(a, b storage.Unit) int { return cmp.Compare(a.Code, b.Code) })
	return append(heads, rest...)
}

// scopeUnits is the units the request may see under the unit its ?unit=
// names (the viewer's whole scope when none): false when that unit is
// unknown or out of the viewer's scope (the page answers 404).
func (c *Console) scopeUnits(r *http.Request) ([]storage.Unit, string, bool, error) {
	v := ViewerFrom(r.Context())
	top := r.URL.Query().Get("unit")
	if top != "" {
		ok, err := c.unitVisible(r.Context(), v, top)
		if err != nil || !ok {
			return nil, top, false, err
		}
	}
	units, err := c.branch(r.Context(), cmp.Or(top, v.Unit))
	return units, top, err == nil, err
}

// branch is the unit top and the units below it (branchOf).
func (c *Console) branch(ctx context.Context, top string) ([]storage.Unit, error) {
	all, err := c.d.Store.ListUnits(ctx)
	if err != nil {
		return nil, fmt.Errorf("list units: %w", err)
	}
	return branchOf(all, top), nil
}

// unitVisible reports whether unit exists and lies within v's scope.
func (c *Console) unitVisible(ctx context.Context, v *Viewer, unit string) (bool, error) {
	if _, err := c.d.Store.GetUnit(ctx, unit); err != nil {
		if isNotFound(err) {
			return false, nil
		}
		return false, fmt.Errorf("get unit: %w", err)
	}
	return c.InScope(ctx, v, unit)
}

// pager is one page of a list: which page (from 1), and whether there
// are pages before and after it.
type pager struct {
	Page, Pages int
	Prev, Next  int // 0: none
}

// pageOf cuts list to page n (the query parameter param, from 1) of size
// items.
func pageOf[T any](list []T, r *http.Request, param string, size int) ([]T, pager) {
	n, _ := strconv.Atoi(r.URL.Query().Get(param))
	pages := max(1, (len(list)+size-1)/size)
	n = min(max(n, 1), pages)
	p := pager{Page: n, Pages: pages}
	if n > 1 {
		p.Prev = n - 1
	}
	if n < pages {
		p.Next = n + 1
	}
	from := (n - 1) * size
	return list[min(from, len(list)):min(from+size, len(list))], p
}

func isNotFound(err error) bool { return errors.Is(err, storage.ErrNotFound) }
