package mongo

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"os"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	mongodrv "go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// schemaVersion is the version of the index set (indexes.go). Raise it with
// every change there; TestSchemaVersionFollowsIndexes fails until then.
// Version 1 is the set before versions were recorded; 2 added bytes_id_unique;
// 3 added _id to the pending-list indexes; 4 dropped evidence's activity_id;
// 5 (/dataku) added evidence's nip_created_at and reminders' nip_date;
// 6 (a province fits) employees' unit_code_id, role_unit_code_id and
// active_id; 7 (periodic evaluation) the evaluations' indexes; 8 (adoption) practices' nip_role.
// 9 (the performance cycle) added the coaching collection's indexes.
// 10 (the web console) added the audit log's indexes.
// 11 (retention) evidence's created_at_id, surveys' chat_hash_at and
// link_codes' expires_at.
const schemaVersion = 11

// schemaCollection holds one document, _id schemaDocID: the schema version
// applied, and the lock of the migration at work.
const (
	schemaCollection = "schema"
	schemaDocID      = "indexes"
)

// openMigrateBound bounds the migration Open runs when the recorded version
// is older than this binary's (serve, and every sub-command that opens the
// store). A larger one (building an index on a large collection) is
// `kinerjabot migrate`'s, before the new version is rolled out.
const openMigrateBound = 2 * time.Minute

// defaultLease is how long a migration holds the lock when its context has
// no deadline; a migration that dies leaves the lock to expire.
const defaultLease = 30 * time.Minute

// lockPoll is how often a migration waiting for another's lock looks again.
const lockPoll = time.Second

type schemaDoc struct {
	Version   int       `bson:"version"`
	AppliedAt time.Time `bson:"applied_at"`
	LockOwner string    `bson:"lock_owner"`
	LockUntil time.Time `bson:"lock_until"`
}

// IndexChange is one change a migration made to a collection's indexes.
type IndexChange struct {
	Collection string
	// Action is "drop" or "create"; Index describes the index dropped or
	// created (name, keys, options).
	Action, Index, Reason string
}

// MigrateReport is what Migrate found and did.
type MigrateReport struct {
	// From is the schema version recorded before (0: none recorded), To
	// the one recorded after.
	From, To int
	Changes  []IndexChange
	// Newer is set when the database's version is newer than this
	// binary's: nothing was changed (a rolling update must never undo the
	// newer release's indexes).
	Newer bool
}

// collectionIndexes is one collection's wanted indexes and the names of
// those it had once and must lose.
type collectionIndexes struct {
	coll    *mongodrv.Collection
	models  []mongodrv.IndexModel
	retired []string
}

// Migrate brings every collection's indexes to what this version wants,
// by name (see planIndexes), and records the version. Only one migration
// runs at a time (a lock in the schema document, held until ctx's deadline
// or defaultLease); a second one waits for it, until ctx ends. A database
// already at a newer version is left alone. Every error names the
// collection and the index.
func (s *Store) Migrate(ctx context.Context) (MigrateReport, error) {
	return s.migrate(ctx, true)
}

// migrate is Migrate; with force false it changes nothing once the lock
// shows the version current (another replica migrated meanwhile).
func (s *Store) migrate(ctx context.Context, force bool) (MigrateReport, error) {
	owner := lockOwner()
	from, err := s.lockSchema(ctx, owner)
	if err != nil {
		return MigrateReport{}, fmt.Errorf("migrate: %w", err)
	}
	r := MigrateReport{From: from, To: from}
	defer func() { s.unlockSchema(context.WithoutCancel(ctx), owner, r.To) }()
	switch {
	case from > schemaVersion:
		r.Newer = true
		return r, nil
	case from == schemaVersion && !force:
		return r, nil
	}
	r.Changes, err = s.reconcile(ctx)
	if err != nil {
		return r, fmt.Errorf("migrate from version %d to %d: %w", from, schemaVersion, err)
	}
	r.To = schemaVersion
	return r, nil
}

// reconcile applies planIndexes to every collection, in order.
func (s *Store) reconcile(ctx context.Context) ([]IndexChange, error) {
	var done []IndexChange
	for _, c := range s.wantedIndexes() {
		want := make([]indexSpec, len(c.models))
		for i, m := range c.models {
			w, err := wantedSpec(m)
			if err != nil {
				return done, fmt.Errorf("%s: %w", c.coll.Name(), err)
			}
			want[i] = w
		}
		have, err := listIndexes(ctx, c.coll)
		if err != nil {
			return done, fmt.Errorf("list %s indexes: %w", c.coll.Name(), err)
		}
		for _, st := range planIndexes(want, have, c.retired) {
			if err := applyStep(ctx, c.coll, st); err != nil {
				return done, err
			}
			action := "create"
			if st.Drop {
				action = "drop"
			}
			done = append(done, IndexChange{Collection: c.coll.Name(), Action: action, Index: st.Index.String(), Reason: st.Reason})
		}
	}
	return done, nil
}

// lockSchema takes the migration lock for owner, waiting while another
// holds it, and returns the version recorded (0: none).
func (s *Store) lockSchema(ctx context.Context, owner string) (int, error) {
	for {
		now := time.Now()
		var d schemaDoc
		err := s.schema.FindOneAndUpdate(ctx, lockFilter(now), lockUpdate(owner, leaseEnd(ctx, now)),
			options.FindOneAndUpdate().SetUpsert(true).SetReturnDocument(options.After)).Decode(&d)
		if err == nil {
			return d.Version, nil
		}
		if !mongodrv.IsDuplicateKeyError(err) { // a duplicate: the document exists, locked
			return 0, mapErr(err)
		}
		held, _ := s.readSchema(ctx)
		t := time.NewTimer(lockPoll)
		select {
		case <-ctx.Done():
			t.Stop()
			return 0, fmt.Errorf("another migration (%s) holds the lock until %s: %w",
				held.LockOwner, held.LockUntil.Format(time.RFC3339), ctx.Err())
		case <-t.C:
		}
	}
}

// unlockSchema records version and releases owner's lock. A failure leaves
// the lock to expire.
func (s *Store) unlockSchema(ctx context.Context, owner string, version int) {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	set := bson.D{{Key: "version", Value: version}, {Key: "applied_at", Value: time.Now()}}
	unset := bson.D{{Key: "lock_owner", Value: ""}, {Key: "lock_until", Value: ""}}
	_, _ = s.schema.UpdateOne(ctx, bson.D{{Key: "_id", Value: schemaDocID}, {Key: "lock_owner", Value: owner}},
		bson.D{{Key: "$set", Value: set}, {Key: "$unset", Value: unset}})
}

// readSchema returns the schema document (zero when there is none).
func (s *Store) readSchema(ctx context.Context) (schemaDoc, error) {
	var d schemaDoc
	err := s.schema.FindOne(ctx, byID(schemaDocID)).Decode(&d)
	if errors.Is(err, mongodrv.ErrNoDocuments) {
		return schemaDoc{}, nil
	}
	return d, mapErr(err)
}

// ensureSchema migrates, within openMigrateBound, unless the recorded
// version is this binary's or newer: a start with nothing to change costs
// one read, not an index build.
func (s *Store) ensureSchema(ctx context.Context, o openOptions) error {
	if o.noMigrate {
		return nil
	}
	d, err := s.readSchema(ctx)
	switch {
	case err != nil:
		return fmt.Errorf("read schema version: %w", err)
	case d.Version == schemaVersion:
		return nil
	case d.Version > schemaVersion:
		o.logger().Warn("the database's schema is newer than this binary's; indexes left as they are",
			"database_version", d.Version, "binary_version", schemaVersion)
		return nil
	}
	ctx, cancel := context.WithTimeout(ctx, openMigrateBound)
	defer cancel()
	r, err := s.migrate(ctx, false)
	for _, c := range r.Changes {
		o.logger().Info("index changed", "collection", c.Collection, "action", c.Action, "index", c.Index, "reason", c.Reason)
	}
	if err != nil {
		return fmt.Errorf("%w (`kinerjabot migrate` runs it without this %s bound)", err, openMigrateBound)
	}
	if r.To != d.Version {
		o.logger().Info("schema migrated", "from", d.Version, "to", r.To)
	}
	return nil
}

// lockFilter matches the schema document unless a live lock is on it.
func lockFilter(now time.Time) bson.D {
	return bson.D{
		{Key: "_id", Value: schemaDocID},
		{Key: "$or", Value: bson.A{
			bson.D{{Key: "lock_until", Value: bson.D{{Key: "$exists", Value: false}}}},
			bson.D{{Key: "lock_until", Value: bson.D{{Key: "$lte", Value: now}}}},
		}},
	}
}

func lockUpdate(owner string, until time.Time) bson.D {
	return bson.D{{Key: "$set", Value: bson.D{{Key: "lock_owner", Value: owner}, {Key: "lock_until", Value: until}}}}
}

// leaseEnd is when a lock taken now lapses: ctx's deadline, or
// defaultLease from now.
func leaseEnd(ctx context.Context, now time.Time) time.Time {
	if d, ok := ctx.Deadline(); ok {
		return d
	}
	return now.Add(defaultLease)
}

// lockOwner names a migration: host, process, and a random part.
func lockOwner() string {
	host, _ := os.Hostname()
	return fmt.Sprintf("%s:%d:%s", host, os.Getpid(), rand.Text()[:8])
}
