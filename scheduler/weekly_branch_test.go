package scheduler

import (
	"slices"
	"testing"

	"github.com/kinerjabot/kinerjabot/storage"
)

func TestBranch(t *testing.T) {
	units := map[string]storage.Unit{
		"PEMKOT": {Code: "PEMKOT"},
		"DINKES": {Code: "DINKES", ParentCode: "PEMKOT"},
		"PKM1":   {Code: "PKM1", ParentCode: "DINKES"},
		"PKM2":   {Code: "PKM2", ParentCode: "DINKES"},
		"PUSTU":  {Code: "PUSTU", ParentCode: "PKM1"},
		"DISDIK": {Code: "DISDIK", ParentCode: "PEMKOT"},
		"LOOP":   {Code: "LOOP", ParentCode: "LOOP"}, // a unit its own parent: itself
	}
	children := childUnits(units)
	for code, want := range map[string][]string{
		"PEMKOT": {"DINKES", "DISDIK", "PEMKOT", "PKM1", "PKM2", "PUSTU"},
		"DINKES": {"DINKES", "PKM1", "PKM2", "PUSTU"},
		"PKM2":   {"PKM2"},
		"LOOP":   {"LOOP"},
		"NONE":   {"NONE"},
	} {
		if got := branch(children, code); !slices.Equal(got, want) {
			t.Errorf("branch(%s) = %v, want %v", code, got, want)
		}
	}
}
