package roster_test

import (
	"context"
	"testing"

	"github.com/kinerjabot/kinerjabot/roster"
	"github.com/kinerjabot/kinerjabot/storage"
)

// Who decides a keberatan against a rater's evaluation: the rater's own
// supervisor, the Plt/Plh of that post, or, for the head of the chain, the
// admin of the unit or the nearest unit above.
func TestReviewer(t *testing.T) {
	units := []storage.Unit{{Code: "DINKES"}, {Code: "PKM", ParentCode: "DINKES"}}
	emps := []storage.Employee{
		{NIP: "head", UnitCode: "PKM", Active: true},
		{NIP: "sup", UnitCode: "PKM", SupervisorNIP: "boss", Active: true},
		{NIP: "boss", UnitCode: "DINKES", Active: true},
		{NIP: "plt", UnitCode: "DINKES", Active: true},
		{NIP: "adm", UnitCode: "DINKES", Role: storage.RoleAdmin, Active: true},
		{NIP: "sup2", UnitCode: "PKM", SupervisorNIP: "boss2", Active: true},
		{NIP: "boss2", UnitCode: "DINKES", Active: true},
	}
	acting := []storage.Acting{{ActingNIP: "plt", ForNIP: "boss2", From: "2026-12-01", To: "2026-12-31"}}
	d := roster.NewSnapshot(units, emps, acting)
	cases := []struct {
		name, rater string
		want        roster.Answer
	}{
		{"the rater's supervisor", "sup", roster.Answer{NIP: "boss"}},
		{"the Plt of the rater's supervisor's post", "sup2", roster.Answer{NIP: "plt", ActingFor: "boss2"}},
		{"the head of the chain: the admin above", "head", roster.Answer{NIP: "adm", Admin: true}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var rater storage.Employee
			for _, e := range emps {
				if e.NIP == tc.rater {
					rater = e
				}
			}
			got, err := roster.Reviewer(context.Background(), d, rater, "2026-12-07")
			if err != nil || got != tc.want {
				t.Fatalf("Reviewer(%s) = %+v, %v; want %+v", tc.rater, got, err, tc.want)
			}
		})
	}
}
