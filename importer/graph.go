package importer

import "strings"

// findCycles follows next from each start and returns, for every node that
// lies on a cycle, the cycle as a path beginning and ending at that node
// ("A", "B", "A"). next gives a node's parent (supervisor, parent unit);
// a node without one ends the walk. Each node is walked once.
func findCycles(starts []string, next func(string) (string, bool)) map[string][]string {
	done := map[string]bool{}
	on := map[string][]string{}
	for _, s := range starts {
		pos := map[string]int{}
		var path []string
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
// that are among keys, keeping file order otherwise. Keys that cannot be
// placed (on a cycle, or after one) are returned as stuck.
func writeOrder(keys []string, deps func(string) []string) (order, stuck []string) {
	in := make(map[string]bool, len(keys))
	for _, k := range keys {
		in[k] = true
	}
	placed := make(map[string]bool, len(keys))
	for progress := true; progress; {
		progress = false
		for _, k := range keys {
			if !placed[k] && ready(deps(k), in, placed) {
				placed[k], progress = true, true
				order = append(order, k)
			}
		}
	}
	for _, k := range keys {
		if !placed[k] {
			stuck = append(stuck, k)
		}
	}
	return order, stuck
}

func ready(deps []string, in, placed map[string]bool) bool {
	for _, d := range deps {
		if in[d] && !placed[d] {
			return false
		}
	}
	return true
}
