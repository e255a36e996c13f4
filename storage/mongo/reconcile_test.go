package mongo

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strings"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	mongodrv "go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// listed is an index as listIndexes gives it back.
func listed(t *testing.T, doc bson.D) indexSpec {
	t.Helper()
	x, err := listedSpec(mustMarshal(t, doc))
	if err != nil {
		t.Fatalf("listedSpec(%v): %v", doc, err)
	}
	return x
}

func wanted(t *testing.T, m mongodrv.IndexModel) indexSpec {
	t.Helper()
	x, err := wantedSpec(m)
	if err != nil {
		t.Fatal(err)
	}
	return x
}

func key(fields ...string) bson.D {
	var d bson.D
	for _, f := range fields {
		name, dir, _ := strings.Cut(f, ":")
		v := int32(1)
		if dir == "-1" {
			v = -1
		}
		d = append(d, bson.E{Key: name, Value: v})
	}
	return d
}

func TestListedSpec(t *testing.T) {
	x := listed(t, bson.D{
		{Key: "v", Value: int32(2)}, {Key: "key", Value: bson.D{{Key: "phone", Value: 1.0}}},
		{Key: "name", Value: "phone_unique"}, {Key: "unique", Value: true}, {Key: "sparse", Value: int32(1)},
		{Key: "partialFilterExpression", Value: bson.D{{Key: "phone", Value: bson.D{{Key: "$exists", Value: true}}}}},
	})
	if x.Name != "phone_unique" || !x.Unique || !x.Sparse || fmt.Sprint(x.Other) != "[partialFilterExpression]" {
		t.Errorf("listedSpec = %+v", x)
	}
	if !sameKeys(x.Keys, bson.D{{Key: "phone", Value: 1}}) {
		t.Errorf("keys %v: 1.0 should equal 1", x.Keys)
	}
}

// The reconciliation compares a fake index list with what the store wants.
func TestPlanIndexes(t *testing.T) {
	phone := wanted(t, sparseUnique("phone", "phone_unique"))
	pending := wanted(t, mongodrv.IndexModel{Keys: key("status", "submitted_at", "_id"),
		Options: options.Index().SetName("status_submitted_at")})
	want := []indexSpec{phone, pending}
	idx := listed(t, bson.D{{Key: "v", Value: 2}, {Key: "key", Value: key("_id")}, {Key: "name", Value: "_id_"}})
	current := []indexSpec{idx,
		listed(t, bson.D{{Key: "key", Value: key("phone")}, {Key: "name", Value: "phone_unique"}, {Key: "unique", Value: true}, {Key: "sparse", Value: true}}),
		listed(t, bson.D{{Key: "key", Value: key("status", "submitted_at", "_id")}, {Key: "name", Value: "status_submitted_at"}}),
	}
	cases := []struct {
		name    string
		have    []indexSpec
		retired []string
		want    string // the steps: -name (drop), +name (create), space-separated
	}{
		{"a new database", nil, nil, "+phone_unique +status_submitted_at"},
		{"as wanted", current, nil, ""},
		{"keys changed: dropped and made again", []indexSpec{idx, current[1],
			listed(t, bson.D{{Key: "key", Value: key("status", "submitted_at")}, {Key: "name", Value: "status_submitted_at"}})},
			nil, "-status_submitted_at +status_submitted_at"},
		{"options changed (IndexOptionsConflict if created over it)", []indexSpec{idx, current[2],
			listed(t, bson.D{{Key: "key", Value: key("phone")}, {Key: "name", Value: "phone_unique"}, {Key: "unique", Value: true}})},
			nil, "-phone_unique +phone_unique"},
		{"an option the store never sets", []indexSpec{idx, current[2],
			listed(t, bson.D{{Key: "key", Value: key("phone")}, {Key: "name", Value: "phone_unique"}, {Key: "unique", Value: true},
				{Key: "sparse", Value: true}, {Key: "expireAfterSeconds", Value: 60}})},
			nil, "-phone_unique +phone_unique"},
		{"the same keys under another name", []indexSpec{idx, current[2],
			listed(t, bson.D{{Key: "key", Value: key("phone")}, {Key: "name", Value: "phone_1"}, {Key: "unique", Value: true}})},
			nil, "-phone_1 +phone_unique"},
		{"a retired index goes, an unknown one stays", append([]indexSpec{
			listed(t, bson.D{{Key: "key", Value: key("activity_id")}, {Key: "name", Value: "activity_id"}}),
			listed(t, bson.D{{Key: "key", Value: key("nip")}, {Key: "name", Value: "ops_report"}})}, current...),
			[]string{"activity_id"}, "-activity_id"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			for _, st := range planIndexes(want, c.have, c.retired) {
				sign := "+"
				if st.Drop {
					sign = "-"
				}
				if st.Reason == "" {
					t.Errorf("step %s%s without a reason", sign, st.Index.Name)
				}
				got = append(got, sign+st.Index.Name)
			}
			if g := strings.Join(got, " "); g != c.want {
				t.Errorf("plan = %q, want %q", g, c.want)
			}
		})
	}
}

func TestExplainCreateNamesNoValue(t *testing.T) {
	const phone = "+6281234500001"
	dup := mongodrv.CommandError{Code: 11000, Message: `E11000 duplicate key error collection: k.employees index: phone_unique dup key: { phone: "` + phone + `" }`}
	err := explainCreate(dup)
	if strings.Contains(err.Error(), phone) || !strings.Contains(err.Error(), "duplicate") {
		t.Errorf("explainCreate = %q", err)
	}
	if err := explainCreate(mongodrv.CommandError{Code: 85, Name: "IndexOptionsConflict"}); !strings.Contains(err.Error(), "other options") {
		t.Errorf("explainCreate(85) = %q", err)
	}
}

// testStore is a store on a client that never reaches a server: enough to
// look at what it would ask for.
func testStore(t *testing.T) *Store {
	t.Helper()
	client, err := mongodrv.Connect(options.Client().ApplyURI("mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=1"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = client.Disconnect(t.Context()) })
	return newStore(client, "kinerjabot")
}

// indexFingerprint is a hash of every wanted index, by collection.
func indexFingerprint(t *testing.T, s *Store) string {
	t.Helper()
	h := sha256.New()
	for _, c := range s.wantedIndexes() {
		for _, m := range c.models {
			fmt.Fprintf(h, "%s %s\n", c.coll.Name(), wanted(t, m))
		}
		fmt.Fprintf(h, "%s retired %v\n", c.coll.Name(), c.retired)
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// schemaFingerprint is indexFingerprint of schemaVersion's index set.
const schemaFingerprint = "f7ecff4336f6e02f"

func TestSchemaVersionFollowsIndexes(t *testing.T) {
	if got := indexFingerprint(t, testStore(t)); got != schemaFingerprint {
		t.Errorf("the index set changed (fingerprint %s, recorded %s): raise schemaVersion (now %d) and set schemaFingerprint to %q",
			got, schemaFingerprint, schemaVersion, got)
	}
}

func TestEveryWantedIndexIsNamed(t *testing.T) {
	for _, c := range testStore(t).wantedIndexes() {
		for _, m := range c.models {
			if _, err := wantedSpec(m); err != nil {
				t.Errorf("%s: %v", c.coll.Name(), err)
			}
		}
	}
}

func TestLockFilter(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	f := asDoc(t, lockFilter(now))
	checkPath(t, f, "_id", schemaDocID)
	or := f["$or"].(bson.A)
	if len(or) != 2 {
		t.Fatalf("$or = %v", or)
	}
	checkPath(t, or[0].(bson.M), "lock_until", bson.M{"$exists": false})
	checkPath(t, or[1].(bson.M), "lock_until", bson.M{"$lte": bson.NewDateTimeFromTime(now)})
	u := asDoc(t, lockUpdate("host:1:abc", now.Add(time.Minute)))
	checkPath(t, u, "$set.lock_owner", "host:1:abc")
}

// A database at schema 2 gets the pending-list indexes with _id, and loses
// the old ones.
func TestPlanUpgradeFromSchema2(t *testing.T) {
	var acts collectionIndexes
	for _, c := range testStore(t).wantedIndexes() {
		if c.coll.Name() == activitiesCollection {
			acts = c
		}
	}
	var want []indexSpec
	for _, m := range acts.models {
		want = append(want, wanted(t, m))
	}
	index := func(name string, fields ...string) indexSpec {
		return listed(t, bson.D{{Key: "v", Value: 2}, {Key: "key", Value: key(fields...)}, {Key: "name", Value: name}})
	}
	have := []indexSpec{
		index("_id_", "_id"), index("nip_date", "nip", "date:-1"), index("date_nip", "date", "nip"),
		index("supervisor_nip_status_submitted_at", "supervisor_nip", "status", "submitted_at"),
		index("status_submitted_at", "status", "submitted_at"),
	}
	var got []string
	for _, st := range planIndexes(want, have, acts.retired) {
		sign := "+"
		if st.Drop {
			sign = "-"
		}
		got = append(got, sign+st.Index.Name)
	}
	const steps = "-supervisor_nip_status_submitted_at -status_submitted_at +supervisor_nip_status_submitted_at_id +status_submitted_at_id"
	if g := strings.Join(got, " "); g != steps {
		t.Errorf("plan = %q, want %q", g, steps)
	}
}
