package mongo

import (
	"strings"
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"
	mongodrv "go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

func TestMigrateReconcilesByName(t *testing.T) {
	s := openTemp(t, serverURI(t))
	ctx := t.Context()
	if d, err := s.readSchema(ctx); err != nil || d.Version != schemaVersion || d.LockOwner != "" {
		t.Fatalf("after Open: schema %+v, %v; want version %d, unlocked", d, err, schemaVersion)
	}
	// An index of a wanted name with other keys, as an older release or a
	// hand might have left it.
	if err := s.employees.Indexes().DropOne(ctx, "supervisor_nip"); err != nil {
		t.Fatal(err)
	}
	_, err := s.employees.Indexes().CreateOne(ctx, mongodrv.IndexModel{
		Keys: bson.D{{Key: "supervisor_nip", Value: -1}}, Options: options.Index().SetName("supervisor_nip")})
	if err != nil {
		t.Fatal(err)
	}
	r, err := s.Migrate(ctx)
	if err != nil {
		t.Fatalf("Migrate: %v", err)
	}
	if len(r.Changes) != 2 || r.Changes[0].Action != "drop" || r.Changes[1].Action != "create" ||
		!strings.HasPrefix(r.Changes[1].Index, "supervisor_nip {supervisor_nip: 1}") {
		t.Errorf("changes = %+v, want supervisor_nip dropped and created again", r.Changes)
	}
	if r, err := s.Migrate(ctx); err != nil || len(r.Changes) != 0 {
		t.Errorf("second Migrate: %+v, %v; want nothing to do", r, err)
	}
}

func TestMigrateNamesTheIndexDuplicatesBlock(t *testing.T) {
	s := openTemp(t, serverURI(t))
	ctx := t.Context()
	const phone = "+6281234500001"
	if err := s.employees.Indexes().DropOne(ctx, "phone_unique"); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"1", "2"} {
		if _, err := s.employees.InsertOne(ctx, bson.D{{Key: "_id", Value: id}, {Key: "phone", Value: phone}}); err != nil {
			t.Fatal(err)
		}
	}
	_, err := s.Migrate(ctx)
	if err == nil || !strings.Contains(err.Error(), "employees.phone_unique") || strings.Contains(err.Error(), phone) {
		t.Fatalf("Migrate over duplicate phones: %v; want an error naming employees.phone_unique, not the number", err)
	}
	if d, _ := s.readSchema(ctx); d.LockOwner != "" {
		t.Errorf("lock left held by %s", d.LockOwner)
	}
}
