package demo_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/demo"
	"github.com/kinerjabot/kinerjabot/importer"
	"github.com/kinerjabot/kinerjabot/storage"
	"github.com/kinerjabot/kinerjabot/storage/sqlite"
)

func open(t *testing.T) storage.Store {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "kb.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close(context.Background()) })
	return st
}

// The demo goes into an empty store only, through the roster import, and
// its people become the playground's panes with their own phones.
func TestSeedEmptyStoreOnly(t *testing.T) {
	ctx := context.Background()
	st := open(t)
	if seeded, err := demo.Seed(ctx, st); err != nil || !seeded {
		t.Fatalf("seed: %v %v", seeded, err)
	}
	if seeded, err := demo.Seed(ctx, st); err != nil || seeded {
		t.Fatalf("second seed: %v %v", seeded, err)
	}
	units, _ := st.ListUnits(ctx)
	for _, u := range units {
		if u.Timezone != demo.Zone {
			t.Errorf("unit %s in %s, want WITA", u.Code, u.Timezone)
		}
	}
	people, err := demo.People(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	if len(people) != 7 || people[0].ID != "rizal" || people[len(people)-1].ID != "warga" {
		t.Fatalf("people = %+v", people)
	}
	for _, p := range people[:6] {
		e, err := st.EmployeeByPhone(ctx, p.Phone)
		if err != nil || e.Name != p.Name {
			t.Errorf("%s: phone %s belongs to %+v (%v)", p.ID, p.Phone, e, err)
		}
	}
	rizal, _ := st.EmployeeByPhone(ctx, people[0].Phone)
	maya, _ := st.EmployeeByPhone(ctx, people[1].Phone)
	if rizal.SupervisorNIP != maya.NIP {
		t.Fatalf("rizal's supervisor is %s, want maya %s", rizal.SupervisorNIP, maya.NIP)
	}
	if _, err := st.EmployeeByPhone(ctx, demo.Warga.Phone); err == nil {
		t.Fatal("the Warga's phone is on the roster")
	}
	other := open(t)
	other.UpsertUnit(ctx, storage.Unit{Code: "X", Name: "X", Timezone: "Asia/Jakarta"})
	if seeded, err := demo.Seed(ctx, other); err != nil || seeded {
		t.Fatalf("seed into a store with a unit: %v %v", seeded, err)
	}
}

// A real roster replaces the demo: its people are deactivated, their
// phones released and playground accounts unlinked; the panes left are the
// Warga's. Retiring twice does nothing more.
func TestRealRosterRetiresDemo(t *testing.T) {
	ctx := context.Background()
	st := open(t)
	demo.Seed(ctx, st)
	people, _ := demo.People(ctx, st)
	rizal, _ := st.EmployeeByPhone(ctx, people[0].Phone)
	st.LinkAccount(ctx, rizal.NIP, "playground", storage.Account{UserID: "rizal", ChatID: "rizal"})
	if n, err := demo.RetireIfReplaced(ctx, st); err != nil || n != 0 {
		t.Fatalf("retire with the demo alone: %d %v", n, err)
	}
	f, err := os.Open("../examples/roster.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if rep, err := importer.ImportRoster(ctx, st, f, importer.Options{DefaultTimezone: demo.Zone}); err != nil || !rep.OK() {
		t.Fatalf("import: %v %+v", err, rep.Refused)
	}
	if n, err := demo.RetireIfReplaced(ctx, st); err != nil || n != 6 {
		t.Fatalf("retire: %d %v", n, err)
	}
	e, _ := st.GetEmployee(ctx, rizal.NIP)
	if e.Active || e.Phone != "" || len(e.Accounts) != 0 {
		t.Fatalf("retired demo person = %+v", e)
	}
	if people, _ := demo.People(ctx, st); len(people) != 1 || people[0].ID != "warga" {
		t.Fatalf("panes after the real roster: %+v", people)
	}
	if n, _ := demo.RetireIfReplaced(ctx, st); n != 0 {
		t.Fatalf("second retire: %d", n)
	}
	if err := demo.Reset(ctx, st); err != nil {
		t.Fatal(err)
	}
	if e, _ := st.GetEmployee(ctx, rizal.NIP); e.Active {
		t.Fatal("reset brought a replaced demo back")
	}
}

// Reset unlinks every playground account and restores the demo roster.
func TestReset(t *testing.T) {
	ctx := context.Background()
	st := open(t)
	demo.Seed(ctx, st)
	people, _ := demo.People(ctx, st)
	maya, _ := st.EmployeeByPhone(ctx, people[1].Phone)
	st.LinkAccount(ctx, maya.NIP, "playground", storage.Account{UserID: "maya", ChatID: "maya"})
	st.LinkAccount(ctx, maya.NIP, "telegram", storage.Account{UserID: "42", ChatID: "42"})
	maya.Position = "Diubah"
	st.UpsertEmployee(ctx, maya)
	if err := demo.Reset(ctx, st); err != nil {
		t.Fatal(err)
	}
	e, _ := st.GetEmployee(ctx, maya.NIP)
	if _, ok := e.Accounts["playground"]; ok || e.Position == "Diubah" {
		t.Fatalf("after reset: %+v", e)
	}
	if _, ok := e.Accounts["telegram"]; !ok {
		t.Fatal("reset unlinked a telegram account")
	}
}

// The demo's evaluation: Rizal's of the month before, for Maya, once.
func TestSeedEvaluation(t *testing.T) {
	ctx := context.Background()
	st := open(t)
	if _, err := demo.Seed(ctx, st); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2027, time.January, 1, 2, 0, 0, 0, time.UTC) // 10:00 WITA on New Year's Day
	for range 2 {
		if err := demo.SeedEvaluation(ctx, st, now); err != nil {
			t.Fatal(err)
		}
	}
	list, err := st.ListEvaluations(ctx, storage.EvaluationFilter{})
	if err != nil || len(list) != 1 {
		t.Fatalf("evaluations: %d, %v; want 1", len(list), err)
	}
	if ev := list[0]; ev.Period != "2026-12" || ev.NIP != "199607142020121003" || ev.SupervisorNIP != "198003122006042009" ||
		ev.State != storage.EvalDue {
		t.Fatalf("demo evaluation = %+v", ev)
	}
}
