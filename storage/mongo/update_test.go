package mongo

import (
	"strings"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/kinerjabot/kinerjabot/storage"
)

// operators returns the fields under each update operator of doc.
func operators(t *testing.T, doc bson.D) map[string][]string {
	t.Helper()
	ops := map[string][]string{}
	for _, op := range doc {
		fields, ok := op.Value.(bson.D)
		if !ok || len(fields) == 0 {
			t.Fatalf("operator %s = %v, want a non-empty document", op.Key, op.Value)
		}
		for _, f := range fields {
			ops[op.Key] = append(ops[op.Key], f.Key)
		}
	}
	return ops
}

func TestEmployeeUpdate(t *testing.T) {
	e := storage.Employee{NIP: "198501012010010001", Name: "A", Active: true, Phone: "",
		Accounts: map[string]storage.Account{"telegram": {UserID: "1"}}}
	ops := operators(t, employeeUpdate(e, time.Now()))
	want := map[string]string{
		"$set":         "name,unit_code,position,active,updated_at",
		"$unset":       "supervisor_nip,phone,role",
		"$setOnInsert": "created_at",
	}
	checkOperators(t, ops, want)
}

func TestUnitUpdate(t *testing.T) {
	zero := 0.0
	u := storage.Unit{Code: "PKM", Name: "P", Timezone: "Asia/Jakarta", Latitude: &zero, Type: "puskesmas"}
	ops := operators(t, unitUpdate(u, time.Now()))
	want := map[string]string{
		"$set":         "name,timezone,updated_at,type,latitude",
		"$unset":       "parent_code,longitude,service_users,counters,quick_survey,monthly_target_minutes,approval_sla_days,remind_staff_at,remind_supervisor_at,evaluation_months",
		"$setOnInsert": "created_at",
	}
	checkOperators(t, ops, want)
}

// The survey settings are set when not zero, with the types the unit's
// bson tags give them when decoded, and removed when zero (omitempty).
func TestUnitUpdateSurveySettings(t *testing.T) {
	u := storage.Unit{Code: "PKM", Name: "P", Timezone: "Asia/Jakarta", ServiceUsers: 12_500, Counters: 3, QuickSurvey: true,
		MonthlyTargetMinutes: 6000, ApprovalSLADays: 5, RemindStaffAt: 14 * 60, RemindSupervisorAt: 7*60 + 30, EvaluationMonths: 3}
	update := unitUpdate(u, time.Now())
	checkOperators(t, operators(t, update), map[string]string{
		"$set":         "name,timezone,updated_at,service_users,counters,quick_survey,monthly_target_minutes,approval_sla_days,remind_staff_at,remind_supervisor_at,evaluation_months",
		"$unset":       "type,parent_code,latitude,longitude",
		"$setOnInsert": "created_at",
	})
	doc := asDoc(t, update)
	checkPath(t, doc, "$set.service_users", int32(12_500))
	checkPath(t, doc, "$set.counters", int32(3))
	checkPath(t, doc, "$set.quick_survey", true)

	// What the $set writes decodes into the unit's fields.
	var got storage.Unit
	roundTrip(t, doc["$set"], &got)
	if got.ServiceUsers != 12_500 || got.Counters != 3 || !got.QuickSurvey || got.MonthlyTargetMinutes != 6000 || got.ApprovalSLADays != 5 ||
		got.RemindStaffAt != 14*60 || got.RemindSupervisorAt != 7*60+30 {
		t.Errorf("decoded settings = %d, %d, %v", got.ServiceUsers, got.Counters, got.QuickSurvey)
	}
	// A unit inserted whole (as the record's own tags write it) agrees.
	var whole storage.Unit
	roundTrip(t, u, &whole)
	if whole.ServiceUsers != u.ServiceUsers || whole.Counters != u.Counters || whole.QuickSurvey != u.QuickSurvey {
		t.Errorf("record round trip = %+v", whole)
	}
}

func TestUpdateOmitsEmptyOperators(t *testing.T) {
	var up update
	up.put("name", "x")
	if doc := up.doc(); len(doc) != 1 || doc[0].Key != "$set" {
		t.Fatalf("doc = %v, want only $set", doc)
	}
}

func checkOperators(t *testing.T, got map[string][]string, want map[string]string) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("operators = %v, want %v", got, want)
	}
	for op, fields := range want {
		if g := strings.Join(got[op], ","); g != fields {
			t.Errorf("%s fields = %s, want %s", op, g, fields)
		}
	}
}

func TestEmployeeIndexes(t *testing.T) {
	// key: the index's fields joined by commas; value: unique?
	want := map[string]bool{"phone": true, "supervisor_nip": false, "unit_code,_id": false, "role,unit_code,_id": false, "active,_id": false}
	for _, p := range storage.Platforms {
		want["accounts."+p+".user_id"] = true
	}
	for _, m := range employeeIndexes() {
		keys := m.Keys.(bson.D)
		var o options.IndexOptions
		for _, set := range m.Options.List() {
			if err := set(&o); err != nil {
				t.Fatal(err)
			}
		}
		fields := make([]string, len(keys))
		for i, k := range keys {
			fields[i] = k.Key
		}
		key := strings.Join(fields, ",")
		unique, known := want[key]
		if !known {
			t.Errorf("unexpected index on %v", keys)
			continue
		}
		delete(want, key)
		if o.Name == nil {
			t.Errorf("index on %s has no name", key)
		}
		if unique && (o.Unique == nil || !*o.Unique || o.Sparse == nil || !*o.Sparse) {
			t.Errorf("index on %s is not sparse unique", key)
		}
		if o.PartialFilterExpression != nil || o.ExpireAfterSeconds != nil {
			t.Errorf("index on %s is partial or TTL: not portable", key)
		}
	}
	if len(want) > 0 {
		t.Errorf("missing indexes on %v", want)
	}
}
