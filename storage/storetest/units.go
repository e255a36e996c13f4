package storetest

import (
	"slices"
	"testing"
	"time"

	"github.com/kinerjabot/kinerjabot/storage"
)

func unitCases() []testCase {
	return []testCase{
		{"get unknown is ErrNotFound", func(t *testing.T, s storage.Store) {
			_, err := s.GetUnit(t.Context(), "NOPE")
			checkErr(t, err, storage.ErrNotFound, "GetUnit")
		}},
		{"list of empty store is empty", func(t *testing.T, s storage.Store) {
			units, err := s.ListUnits(t.Context())
			if err != nil || len(units) != 0 {
				t.Fatalf("ListUnits = %d units, %v; want none, nil", len(units), err)
			}
		}},
		{"upsert creates and round-trips", testUnitRoundTrip},
		{"zero coordinates are kept, nil stays nil", testUnitCoordinates},
		{"replace keeps CreatedAt and clears fields", testUnitReplace},
		{"survey settings round-trip, change and clear", testUnitSurveySettings},
		{"zero times are stamped", testUnitStamp},
		{"list returns every unit", testUnitList},
	}
}

func testUnitRoundTrip(t *testing.T, s storage.Store) {
	want := unit("PKM01")
	mustUpsertUnit(t, s, want)
	got, err := s.GetUnit(t.Context(), "PKM01")
	if err != nil {
		t.Fatalf("GetUnit: %v", err)
	}
	checkUnit(t, got, want)
}

func testUnitCoordinates(t *testing.T, s storage.Store) {
	equator := unit("PKM-PONTIANAK")
	equator.Latitude, equator.Longitude = float(0), float(109.3425)
	bare := unit("DINKES")
	bare.Type, bare.ParentCode, bare.Latitude, bare.Longitude = "", "", nil, nil
	for _, want := range []storage.Unit{equator, bare} {
		mustUpsertUnit(t, s, want)
		got, err := s.GetUnit(t.Context(), want.Code)
		if err != nil {
			t.Fatalf("GetUnit(%s): %v", want.Code, err)
		}
		checkUnit(t, got, want)
	}
}

func testUnitReplace(t *testing.T, s storage.Store) {
	mustUpsertUnit(t, s, unit("PKM01"))
	next := storage.Unit{
		Code: "PKM01", Name: "UPT Puskesmas Satu", Timezone: "Asia/Jakarta",
		CreatedAt: at(500), UpdatedAt: at(600),
	}
	mustUpsertUnit(t, s, next)
	got, err := s.GetUnit(t.Context(), "PKM01")
	if err != nil {
		t.Fatalf("GetUnit: %v", err)
	}
	want := next
	want.CreatedAt = unit("PKM01").CreatedAt
	checkUnit(t, got, want)
}

func testUnitStamp(t *testing.T, s storage.Store) {
	u := unit("PKM01")
	u.CreatedAt, u.UpdatedAt = time.Time{}, time.Time{}
	from := time.Now()
	mustUpsertUnit(t, s, u)
	to := time.Now()
	got, err := s.GetUnit(t.Context(), "PKM01")
	if err != nil {
		t.Fatalf("GetUnit: %v", err)
	}
	checkStamped(t, got.CreatedAt, from, to, "CreatedAt")
	checkStamped(t, got.UpdatedAt, from, to, "UpdatedAt")
}

func testUnitList(t *testing.T, s storage.Store) {
	codes := []string{"PKM03", "DINKES", "PKM01"}
	for _, c := range codes {
		mustUpsertUnit(t, s, unit(c))
	}
	mustUpsertUnit(t, s, unit("PKM01")) // a replace adds no row
	units, err := s.ListUnits(t.Context())
	if err != nil {
		t.Fatalf("ListUnits: %v", err)
	}
	got := make([]string, len(units))
	for i, u := range units {
		got[i] = u.Code
		checkUnit(t, u, unit(u.Code))
	}
	slices.Sort(got)
	slices.Sort(codes)
	if !slices.Equal(got, codes) {
		t.Errorf("ListUnits codes = %v, want %v", got, codes)
	}
}

// testUnitSurveySettings takes a unit's survey settings (ServiceUsers,
// Counters, QuickSurvey) and its own target and SLA from unset to set, to other values, and back to
// unset, through GetUnit and ListUnits.
func testUnitSurveySettings(t *testing.T, s storage.Store) {
	bare := unit("PKM01")
	bare.ServiceUsers, bare.Counters, bare.QuickSurvey = 0, 0, false
	set := unit("PKM01")
	set.ServiceUsers, set.Counters, set.QuickSurvey = 1, 50, true
	set.MonthlyTargetMinutes, set.ApprovalSLADays = 6000, 5 // the unit's own settings
	set.RemindStaffAt, set.RemindSupervisorAt = 14*60, 7*60+30
	set.EvaluationMonths = 3
	other := unit("PKM01")
	other.ServiceUsers, other.Counters, other.QuickSurvey = 2_000_000, 1, false
	mustUpsertUnit(t, s, unit("DINKES")) // a neighbour that must not change
	for _, want := range []storage.Unit{bare, set, other, bare} {
		mustUpsertUnit(t, s, want)
		got, err := s.GetUnit(t.Context(), want.Code)
		if err != nil {
			t.Fatalf("GetUnit: %v", err)
		}
		checkUnit(t, got, want)
		units, err := s.ListUnits(t.Context())
		if err != nil || len(units) != 2 {
			t.Fatalf("ListUnits = %d units, %v; want 2", len(units), err)
		}
		checkUnit(t, units[0], unit("DINKES"))
		checkUnit(t, units[1], want)
	}
}
