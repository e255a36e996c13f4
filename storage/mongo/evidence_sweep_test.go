package mongo

import (
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
)

func TestReferencingFilter(t *testing.T) {
	oid := bson.NewObjectIDFromTimestamp(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	f := asDoc(t, referencingFilter([]any{oid, "E1", 42}))
	or, ok := f["$or"].(bson.A)
	if !ok || len(or) != 2 {
		t.Fatalf("filter = %v, want $or of two", f)
	}
	checkPath(t, or[0].(bson.M), "bytes_id", bson.M{"$in": bson.A{oid}})
	checkPath(t, or[1].(bson.M), "_id", bson.M{"$in": bson.A{"E1"}})
	checkPath(t, or[1].(bson.M), "bytes_id", bson.M{"$exists": false})

	only := asDoc(t, referencingFilter([]any{oid}))
	if or := only["$or"].(bson.A); len(or) != 1 {
		t.Errorf("ObjectIDs only: %v, want one branch", only)
	}
	none := asDoc(t, referencingFilter([]any{42}))
	checkPath(t, none, "_id", bson.M{"$in": bson.A{}})
}

func TestChunkFilesPipeline(t *testing.T) {
	cutoff := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	p := chunkFilesPipeline(cutoff)
	if got := stageNames(p); got != "$match,$sort,$group" {
		t.Fatalf("stages = %s", got)
	}
	m := asDoc(t, p[0])
	bound, ok := lookup(m, "$match.files_id.$lt")
	oid, isOID := bound.(bson.ObjectID)
	if !ok || !isOID || !oid.Timestamp().Equal(cutoff) {
		t.Errorf("$match = %v, want files_id below an ObjectID of %v", m, cutoff)
	}
	// The sort follows the chunks' unique index, so the server walks it.
	if got := keys(p[1][0].Value.(bson.D)); got != "files_id:1,n:1" {
		t.Errorf("$sort keys = %s, want files_id,n", got)
	}
	checkPath(t, asDoc(t, p[2]), "$group._id", "$files_id")
}

func TestFilesBefore(t *testing.T) {
	cutoff := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	checkPath(t, asDoc(t, filesBefore(cutoff)), "uploadDate", bson.M{"$lt": bson.NewDateTimeFromTime(cutoff)})
}

func TestFileKey(t *testing.T) {
	oid := bson.NewObjectID()
	raw := func(v any) bson.RawValue {
		doc, err := bson.Marshal(bson.D{{Key: "_id", Value: v}})
		if err != nil {
			t.Fatal(err)
		}
		return bson.Raw(doc).Lookup("_id")
	}
	for _, c := range []struct {
		a, b any
		same bool
	}{
		{oid, raw(oid), true},
		{"E1", raw("E1"), true},
		{oid.Hex(), oid, false}, // a name that looks like an ObjectID is not one
		{"E1", "E2", false},
	} {
		if got := fileKey(c.a) == fileKey(c.b); got != c.same {
			t.Errorf("fileKey(%v) == fileKey(%v): %v, want %v", c.a, c.b, got, c.same)
		}
	}
	if _, ok := fileID(bson.Raw(mustMarshal(t, bson.D{{Key: "_id", Value: 42}}))); ok {
		t.Error("fileID of a number: ok, want not an evidence file")
	}
}

func mustMarshal(t *testing.T, v any) []byte {
	t.Helper()
	b, err := bson.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
