package mongo

import (
	"reflect"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/kinerjabot/kinerjabot/storage"
)

func findOptions(t *testing.T, b *options.FindOptionsBuilder) options.FindOptions {
	t.Helper()
	var o options.FindOptions
	for _, set := range b.List() {
		if err := set(&o); err != nil {
			t.Fatal(err)
		}
	}
	return o
}

func TestPendingBeforeQuery(t *testing.T) {
	cut := time.Date(2025, 3, 10, 0, 0, 0, 0, time.UTC)
	f := asDoc(t, pendingBeforeFilter(cut))
	checkPath(t, f, "status", string(storage.StatusPending))
	checkPath(t, f, "submitted_at", bson.M{"$lt": bson.NewDateTimeFromTime(cut)})
	o := findOptions(t, pendingBeforeOptions(500))
	if o.Limit == nil || *o.Limit != 500 {
		t.Errorf("limit = %v, want 500", o.Limit)
	}
	// The sort is the index's order after its equality prefix: status,
	// then submitted_at and _id.
	if got := keys(o.Sort.(bson.D)); got != "submitted_at:1,_id:1" {
		t.Errorf("sort = %s", got)
	}
	// The projection is what storage.ProjectPending keeps: decoding a
	// report through it and projecting again changes nothing.
	a := sampleActivity()
	a.Status, a.Version = storage.StatusPending, 3
	full := asDoc(t, a)
	kept := bson.M{"_id": full["_id"]}
	for _, e := range o.Projection.(bson.D) {
		if v, ok := full[e.Key]; ok {
			kept[e.Key] = v
		}
	}
	var got storage.Activity
	roundTrip(t, kept, &got)
	want := storage.ProjectPending(tidyActivity(a))
	if g, w := asDoc(t, tidyActivity(got)), asDoc(t, want); !reflect.DeepEqual(g, w) {
		t.Errorf("projected report\n got %v\nwant %v", g, w)
	}
}
