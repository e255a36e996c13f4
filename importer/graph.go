package importer

import "strings"

// findCycles follows next from each start and returns, for every node that
// lies on a cycle, the cycle as a path beginning and ending at that node
// ("A", "B", "A"). next gives a node's parent (supervisor, parent unit);
// a node without one ends the walk. Each node is walked once.
func findCycles(starts []string, next func(string) (string, bool)) map[string][]string {
	done := make(map[string]bool, len(starts))
	on := map[string][]string{}
	pos := map[string]int{} // the current walk's nodes, emptied after each
	var path []string
	for _, s := range starts {
		path = path[:0]
		for n, ok := s, true; ok && !done[n]; n, ok = next(n) {
			if i, seen := pos[n]; seen {
				recordCycle(on, path[i:])
				break
			}
			pos[n] = len(path)
			path = append(path, n)
		}
		for _, n := range path {
			done[n] = true
			delete(pos, n) // not clear(pos): that costs its largest size, each walk
		}
	}
	return on
}

// recordCycle stores the cycle, rotated to start at each of its nodes.
func recordCycle(on map[string][]string, cyc []string) {
	for j := range cyc {
		p := append(append([]string{}, cyc[j:]...), cyc[:j]...)
		on[cyc[j]] = append(p, cyc[j])
	}
}

// cycleText renders a cycle path with each node shown by show: "A → B → A".
func cycleText(path []string, show func(string) string) string {
	s := make([]string, len(path))
	for i, n := range path {
		s[i] = show(n)
	}
	return strings.Join(s, " → ")
}

// writeOrder orders keys so that every key comes after those of its deps
// that are among keys, keeping file order otherwise: a key is placed at
// its turn when its deps are, or else as soon as the last of them is
// (Kahn's algorithm, linear in keys and deps, whatever the order: a
// supervisor chain listed bottom-up is one pass). Keys that cannot be
// placed (on a cycle, or after one) are returned as stuck. keys are
// distinct; index, when not nil, is a key's position in keys (false: not
// among them), spared a map of its own.
func writeOrder(keys []string, deps func(string) []string, index func(string) (int, bool)) (order, stuck []string) {
	if index == nil {
		pos := make(map[string]int, len(keys))
		for i, k := range keys {
			pos[k] = i
		}
		index = func(k string) (int, bool) { i, ok := pos[k]; return i, ok }
	}
	waiting := make([]int32, len(keys)) // deps not placed yet
	dependents := map[string][]int32{}  // dep → the keys (by position) waiting for it
	for i, k := range keys {
		for _, d := range deps(k) {
			if j, in := index(d); in && j != i {
				waiting[i]++
				dependents[d] = append(dependents[d], int32(i))
			}
		}
	}
	order = make([]string, 0, len(keys))
	placed := make([]bool, len(keys))
	var ready []int32 // keys behind the cursor whose deps were just placed
	place := func(i int) {
		ready = append(ready[:0], int32(i))
		for len(ready) > 0 {
			j := ready[0]
			ready = ready[1:]
			placed[j] = true
			order = append(order, keys[j])
			for _, w := range dependents[keys[j]] {
				if waiting[w]--; waiting[w] == 0 && int(w) < i {
					ready = append(ready, w)
				}
			}
		}
	}
	for i := range keys {
		if !placed[i] && waiting[i] == 0 {
			place(i)
		}
	}
	for i, k := range keys {
		if !placed[i] {
			stuck = append(stuck, k)
		}
	}
	return order, stuck
}
