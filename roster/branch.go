package roster

import (
	"cmp"
	"slices"

	"github.com/kinerjabot/kinerjabot/storage"
)

// Branch returns top and every unit of all below it, by code (an admin's
// branch: the export's sub-units, the console's scope).
func Branch(all []storage.Unit, top storage.Unit) []storage.Unit {
	children := map[string][]storage.Unit{}
	for _, u := range all {
		children[u.ParentCode] = append(children[u.ParentCode], u)
	}
	out, seen := []storage.Unit{top}, map[string]bool{top.Code: true}
	for i := 0; i < len(out); i++ {
		for _, c := range children[out[i].Code] {
			if !seen[c.Code] {
				seen[c.Code] = true
				out = append(out, c)
			}
		}
	}
	slices.SortFunc(out, func(a, b storage.Unit) int { return cmp.Compare(a.Code, b.Code) })
	return out
}
