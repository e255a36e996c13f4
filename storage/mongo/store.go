// Package mongo is the MongoDB record store, for production with several
// replicas.
//
// It relies on what MongoDB 6 and later do without multi-document
// transactions: single-document conditional updates applied atomically,
// unique and sparse-unique indexes, $match/$group/$sort/$project/
// $unwind/$count pipelines, and a find's $expr ($size of a
// $setIntersection, SimilarEvidence). It uses no multi-document transaction, no TTL
// or partial index, and no change stream. Open refuses a server known to
// lack those guarantees (server.go: FerretDB, MongoDB before 6).
//
// Collections: units keyed by _id = unit code; employees keyed by _id = NIP,
// each holding its chat accounts in accounts.<platform>; activities (daily
// reports, _id = report id) holding their history, audit and prompts;
// evidence (photo records, _id = evidence id) whose bytes are a file of
// the GridFS bucket "evidence" (bytes_id; see PutEvidence); skp_targets (_id = target id);
// surveys (citizen satisfaction surveys, _id = survey id, summed by
// aggregation pipelines) and feedback (peer recognitions, _id = feedback
// id). Reminders (_id = idempotency key, see storage.Reminder) and holidays
// (_id = date) have a collection each; secrets every replica shares (the
// survey key, _id = "survey") one more; periodic evaluations (_id =
// storage.EvaluationID, unique per NIP and period) one too. The schema collection records the
// version of the indexes (schema.go).
package mongo

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	mongodrv "go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
	"go.mongodb.org/mongo-driver/v2/mongo/readpref"

	"github.com/kinerjabot/kinerjabot/storage"
)

// Collection names.
const (
	unitsCollection      = "units"
	employeesCollection  = "employees"
	activitiesCollection = "activities"
	evidenceCollection   = "evidence"
	skpTargetsCollection = "skp_targets"
	surveysCollection    = "surveys"
	feedbackCollection   = "feedback"
	// coachingCollection holds a supervisor's continuous feedback, _id =
	// its id (cycle.go).
	coachingCollection  = "coaching"
	remindersCollection = "reminders"
	holidaysCollection  = "holidays"
	// linkCodesCollection holds one-time registration codes, _id = NIP.
	linkCodesCollection = "link_codes"
	// secretsCollection holds the secrets replicas share, _id = name.
	secretsCollection = "secrets"
	// actingCollection holds the acting assignments, one document.
	actingCollection = "acting"
	// evaluationsCollection holds the periodic evaluations, _id = storage.EvaluationID.
	evaluationsCollection = "evaluations"
	// auditLogCollection holds the audit log, _id = the row's ID (auditlog.go).
	auditLogCollection = "audit_log"
	// evidenceBucket is the GridFS bucket of evidence bytes: collections
	// evidence.files and evidence.chunks.
	evidenceBucket = "evidence"
)

// Store is the MongoDB record store. It is safe for concurrent use.
type Store struct {
	client     *mongodrv.Client
	db         *mongodrv.Database
	units      *mongodrv.Collection
	employees  *mongodrv.Collection
	activities *mongodrv.Collection
	evidence   *mongodrv.Collection
	skpTargets *mongodrv.Collection
	surveys    *mongodrv.Collection
	feedback   *mongodrv.Collection
	coaching   *mongodrv.Collection
	reminders  *mongodrv.Collection
	holidays   *mongodrv.Collection
	linkCodes  *mongodrv.Collection
	secrets    *mongodrv.Collection
	acting     *mongodrv.Collection
	evals      *mongodrv.Collection
	auditLog   *mongodrv.Collection
	schema     *mongodrv.Collection
	// bucket holds the evidence bytes; see openUpload.
	bucket      *mongodrv.GridFSBucket
	bucketMu    sync.Mutex
	bucketReady atomic.Bool
	now         func() time.Time
}

var _ storage.Store = (*Store)(nil)

// Open connects to the server at uri, checks that it answers, and, when the
// database's schema version is older than this binary's, migrates its
// indexes within openMigrateBound (see Migrate; WithoutMigration skips it). Errors reaching the
// server wrap storage.ErrUnavailable. The write and read concerns and the
// read preference are the store's (see clientOptions), whatever the URI
// says; a URI setting replaced is logged (WithLogger).
func Open(ctx context.Context, uri, database string, opt ...Option) (*Store, error) {
	var o openOptions
	for _, f := range opt {
		f(&o)
	}
	if database == "" {
		return nil, errors.New("open mongo store: empty database name")
	}
	opts, changed := clientOptions(uri)
	for _, c := range changed {
		o.logger().Warn("MONGODB_URI setting overridden: the store relies on its own",
			"setting", c.Setting, "uri", c.URI, "used", c.Used)
	}
	client, err := mongodrv.Connect(opts)
	if err != nil {
		return nil, fmt.Errorf("open mongo store: connect: %w", mapErr(err))
	}
	s := newStore(client, database)
	if err := s.start(ctx, o); err != nil {
		_ = client.Disconnect(context.WithoutCancel(ctx))
		return nil, fmt.Errorf("open mongo store db=%s: %w", database, err)
	}
	return s, nil
}

func newStore(client *mongodrv.Client, database string) *Store {
	db := client.Database(database)
	return &Store{
		client:     client,
		db:         db,
		units:      db.Collection(unitsCollection),
		employees:  db.Collection(employeesCollection),
		activities: db.Collection(activitiesCollection),
		evidence:   db.Collection(evidenceCollection),
		skpTargets: db.Collection(skpTargetsCollection),
		surveys:    db.Collection(surveysCollection),
		feedback:   db.Collection(feedbackCollection),
		coaching:   db.Collection(coachingCollection),
		reminders:  db.Collection(remindersCollection),
		holidays:   db.Collection(holidaysCollection),
		linkCodes:  db.Collection(linkCodesCollection),
		secrets:    db.Collection(secretsCollection),
		acting:     db.Collection(actingCollection),
		evals:      db.Collection(evaluationsCollection),
		auditLog:   db.Collection(auditLogCollection),
		schema:     db.Collection(schemaCollection),
		bucket:     db.GridFSBucket(options.GridFSBucket().SetName(evidenceBucket)),
		now:        time.Now,
	}
}

func (s *Store) start(ctx context.Context, o openOptions) error {
	if err := s.Ping(ctx); err != nil {
		return err
	}
	if err := s.identify(ctx, o); err != nil {
		return err
	}
	return s.ensureSchema(ctx, o)
}

// Ping checks that the primary answers.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.client.Ping(ctx, readpref.Primary()); err != nil {
		return fmt.Errorf("ping mongo: %w", mapErr(err))
	}
	return nil
}

// Close disconnects, waiting for operations in flight until ctx ends.
func (s *Store) Close(ctx context.Context) error {
	if err := s.client.Disconnect(ctx); err != nil {
		return fmt.Errorf("close mongo store: %w", mapErr(err))
	}
	return nil
}
