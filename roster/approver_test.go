package roster_test

import (
	"context"
	"testing"

	"github.com/kinerjabot/kinerjabot/roster"
	"github.com/kinerjabot/kinerjabot/storage"
)

// The office: a Dinas with its head and an admin; a Puskesmas under it
// with its head, an admin and two staff; a lone unit without admins.
const (
	head     = "197001012000031001" // Kepala Dinas
	dinAdm   = "197101012000031002" // admin of the Dinas
	dinAdm2  = "197201012000031003" // another admin of the Dinas (a higher NIP)
	kapus    = "197805122005012003" // Kepala Puskesmas, answers to the head
	pkmAdm   = "198402292009032001" // admin of the Puskesmas
	budi     = "199001152019031004" // staff, answers to the Kapus
	sari     = "198703102012012005" // staff, answers to Budi (a coordinator)
	loneHead = "196901012000031009" // head of a unit with no admins anywhere above
	lone     = "199501012020121001"
)

func office(change func(map[string]*storage.Employee), acting ...storage.Acting) *roster.Snapshot {
	units := []storage.Unit{
		{Code: "DINKES"}, {Code: "PKM", ParentCode: "DINKES"}, {Code: "LONE"},
	}
	emps := map[string]*storage.Employee{
		head:     {NIP: head, UnitCode: "DINKES"},
		dinAdm:   {NIP: dinAdm, UnitCode: "DINKES", Role: storage.RoleAdmin},
		dinAdm2:  {NIP: dinAdm2, UnitCode: "DINKES", Role: storage.RoleAdmin},
		kapus:    {NIP: kapus, UnitCode: "PKM", SupervisorNIP: head},
		pkmAdm:   {NIP: pkmAdm, UnitCode: "PKM", SupervisorNIP: kapus, Role: storage.RoleAdmin},
		budi:     {NIP: budi, UnitCode: "PKM", SupervisorNIP: kapus},
		sari:     {NIP: sari, UnitCode: "PKM", SupervisorNIP: budi},
		loneHead: {NIP: loneHead, UnitCode: "LONE"},
		lone:     {NIP: lone, UnitCode: "LONE", SupervisorNIP: loneHead},
	}
	for _, e := range emps {
		e.Active = true
	}
	if change != nil {
		change(emps)
	}
	var list []storage.Employee
	for _, e := range emps {
		list = append(list, *e)
	}
	return roster.NewSnapshot(units, list, acting)
}

func leave(nips ...string) func(map[string]*storage.Employee) {
	return func(m map[string]*storage.Employee) {
		for _, n := range nips {
			m[n].Active = false
		}
	}
}

func TestApprover(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(map[string]*storage.Employee)
		owner  string
		want   string
		admin  bool
	}{
		{name: "the direct supervisor", owner: sari, want: budi},
		{name: "the supervisor left: theirs", change: leave(budi), owner: sari, want: kapus},
		{name: "two left: the next active one up", change: leave(budi, kapus), owner: sari, want: head},
		{name: "the chain is empty: an admin of the unit", change: leave(budi, kapus, head), owner: sari, want: pkmAdm, admin: true},
		{name: "no admin in the unit: the lowest admin of the unit above", change: leave(budi, kapus, head, pkmAdm),
			owner: sari, want: dinAdm, admin: true},
		{name: "the admin is never the owner", change: leave(kapus, head), owner: pkmAdm, want: dinAdm, admin: true},
		{name: "an inactive owner's reports still go up", change: leave(sari), owner: sari, want: budi},
		{name: "a supervisor not on the roster counts as gone", change: func(m map[string]*storage.Employee) {
			m[sari].SupervisorNIP = "199912312020121999"
		}, owner: sari, want: pkmAdm, admin: true},
		{name: "no supervisor on the roster: nobody", owner: head, want: ""},
		{name: "no admin anywhere: nobody", change: leave(loneHead), owner: lone, want: ""},
		{name: "a cycle ends", change: func(m map[string]*storage.Employee) {
			m[head].SupervisorNIP = sari
			leave(budi, kapus, head)(m)
		}, owner: sari, want: pkmAdm, admin: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := office(tc.change)
			owner, err := d.GetEmployee(context.Background(), tc.owner)
			if err != nil {
				t.Fatal(err)
			}
			got, admin, err := roster.Approver(context.Background(), d, owner, "2027-01-05")
			if err != nil || got != tc.want || admin != tc.admin {
				t.Fatalf("Approver = %q, admin %v, %v; want %q, admin %v", got, admin, err, tc.want, tc.admin)
			}
		})
	}
}

// An acting assignment (Plt/Plh) puts the acting person in the post's
// place for the dates it runs, and only then.
func TestApproverActing(t *testing.T) {
	plh := storage.Acting{ActingNIP: pkmAdm, ForNIP: budi, From: "2027-01-04", To: "2027-01-08"}
	plt := storage.Acting{ActingNIP: head, ForNIP: kapus, From: "2027-01-01", To: "2027-01-31"}
	for _, tc := range []struct {
		name   string
		change func(map[string]*storage.Employee)
		acting []storage.Acting
		owner  string
		day    string
		want   string
		for_   string
	}{
		{name: "in range: the acting person", acting: []storage.Acting{plh}, owner: sari, day: "2027-01-04", want: pkmAdm, for_: budi},
		{name: "the last day counts", acting: []storage.Acting{plh}, owner: sari, day: "2027-01-08", want: pkmAdm, for_: budi},
		{name: "before the range: the supervisor", acting: []storage.Acting{plh}, owner: sari, day: "2027-01-03", want: budi},
		{name: "after the range: back to the supervisor", acting: []storage.Acting{plh}, owner: sari, day: "2027-01-09", want: budi},
		{name: "a vacant post (the holder left): the Plt", change: leave(kapus), acting: []storage.Acting{plt},
			owner: budi, day: "2027-01-20", want: head, for_: kapus},
		{name: "the post left and nobody acts: up the chain", change: leave(budi), acting: []storage.Acting{plt},
			owner: sari, day: "2027-01-20", want: head, for_: kapus},
		{name: "an acting person who left does not act", change: leave(pkmAdm), acting: []storage.Acting{plh},
			owner: sari, day: "2027-01-05", want: budi},
		{name: "never for one's own reports", acting: []storage.Acting{{ActingNIP: sari, ForNIP: budi, From: "2027-01-01", To: "2027-01-31"}},
			owner: sari, day: "2027-01-05", want: budi},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := office(tc.change, tc.acting...)
			owner, err := d.GetEmployee(context.Background(), tc.owner)
			if err != nil {
				t.Fatal(err)
			}
			got, err := roster.Decider(context.Background(), d, owner, tc.day)
			if err != nil || got.NIP != tc.want || got.ActingFor != tc.for_ || got.Admin {
				t.Fatalf("Decider = %+v, %v; want %q acting for %q", got, err, tc.want, tc.for_)
			}
		})
	}
}
