package importer

import (
	"fmt"
	"slices"
	"strconv"
	"testing"
)

// A supervisor chain listed bottom-up is ordered in one pass: each key
// placed right after the last of its deps, the file order kept otherwise.
func TestWriteOrderBottomUpChain(t *testing.T) {
	const n = 200_000 // quadratic would take minutes
	keys := make([]string, n)
	for i := range keys {
		keys[i] = strconv.Itoa(i)
	}
	deps := func(k string) []string { // i waits for i+1: the chain's top is last
		i, _ := strconv.Atoi(k)
		return []string{strconv.Itoa(i + 1), ""}
	}
	order, stuck := writeOrder(keys, deps, nil)
	if len(stuck) != 0 || len(order) != n || order[0] != keys[n-1] || order[n-1] != keys[0] {
		t.Fatalf("writeOrder: %d placed (first %s, last %s), %d stuck", len(order), order[0], order[len(order)-1], len(stuck))
	}
}

func TestWriteOrderKeepsFileOrder(t *testing.T) {
	deps := map[string][]string{"a": {"c"}, "b": nil, "c": nil, "d": {"a"}, "e": {"f"}, "f": {"e"}, "g": {"b", "b"}}
	order, stuck := writeOrder([]string{"a", "b", "c", "d", "e", "f", "g"}, func(k string) []string { return deps[k] }, nil)
	if want := []string{"b", "c", "a", "d", "g"}; !slices.Equal(order, want) || !slices.Equal(stuck, []string{"e", "f"}) {
		t.Errorf("writeOrder = %v, stuck %v; want %v, stuck [e f]", order, stuck, want)
	}
}

// Any row order imports: staff before their supervisors, and a chain
// listed bottom-up, are written with every supervisor before their staff.
func TestImportRosterAnyOrder(t *testing.T) {
	const n = 300
	chain := make([]fmt.Stringer, n) // person i reports to i+1, listed bottom-up
	staffFirst := make([]fmt.Stringer, n)
	for i := range n {
		sup := i + 2
		if i == n-1 {
			sup = 0
		}
		chain[i] = person(i+1, sup, 0)
		boss := 0
		if i < n-1 {
			boss = n // everyone reports to n, listed last
		}
		staffFirst[i] = person(i+1, boss, i+1)
	}
	for name, rows := range map[string][]fmt.Stringer{"bottom-up chain": chain, "staff first": staffFirst} {
		t.Run(name, func(t *testing.T) {
			st := openStore(t)
			rep := mustImportRoster(t, st, rosterCSV(rows...), opts(false))
			if !rep.OK() || rep.Created != n {
				t.Fatalf("report: %d accepted, %d refused, %d created, written %v", len(rep.Accepted), len(rep.Refused), rep.Created, rep.Written)
			}
			emps := employees(t, st)
			for _, e := range emps {
				if _, ok := emps[e.SupervisorNIP]; e.SupervisorNIP != "" && !ok {
					t.Fatalf("%s's supervisor %s not written", e.NIP, e.SupervisorNIP)
				}
			}
		})
	}
}
