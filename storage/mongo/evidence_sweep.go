package mongo

import (
	"context"
	"errors"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	mongodrv "go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// SweepReport counts what SweepEvidenceBytes removed.
type SweepReport struct {
	// Files no evidence record points at: uploads whose record insert
	// failed or lost a race and whose own clean-up failed.
	Files int
	// Chunk sets without a files document: uploads that stopped midway.
	Partial int
}

// sweepBatch is how many file ids one round of the sweep looks up at once.
const sweepBatch = 500

// SweepEvidenceBytes removes the evidence bytes no record points at: GridFS
// files uploaded before cutoff whose id is no record's bytes_id (nor, for a
// file named by an evidence id, a record without bytes_id), and the chunks
// of uploads that started before cutoff and never wrote their files
// document. An upload and its record insert take seconds: a cutoff an hour
// back leaves every upload still in flight alone. Running it again, or on
// two replicas at once, does no harm.
func (s *Store) SweepEvidenceBytes(ctx context.Context, cutoff time.Time) (SweepReport, error) {
	var r SweepReport
	n, err := s.sweepFiles(ctx, cutoff)
	r.Files = n
	if err != nil {
		return r, fmt.Errorf("sweep evidence files: %w", mapErr(err))
	}
	r.Partial, err = s.sweepPartial(ctx, cutoff)
	if err != nil {
		return r, fmt.Errorf("sweep evidence chunks: %w", mapErr(err))
	}
	return r, nil
}

// sweepFiles deletes the unreferenced files uploaded before cutoff.
func (s *Store) sweepFiles(ctx context.Context, cutoff time.Time) (int, error) {
	opts := options.Find().SetProjection(bson.D{{Key: "_id", Value: 1}}).SetBatchSize(sweepBatch)
	cur, err := s.bucket.GetFilesCollection().Find(ctx, filesBefore(cutoff), opts)
	if err != nil {
		return 0, err
	}
	return inBatches(ctx, cur, func(ids []any) (int, error) { return s.dropUnreferenced(ctx, ids) })
}

// dropUnreferenced deletes the files among ids no record points at.
func (s *Store) dropUnreferenced(ctx context.Context, ids []any) (int, error) {
	if len(ids) == 0 {
		return 0, nil
	}
	used, err := s.referencedFiles(ctx, ids)
	if err != nil {
		return 0, err
	}
	removed := 0
	for _, id := range ids {
		if used[fileKey(id)] {
			continue
		}
		err := s.bucket.Delete(ctx, id)
		switch {
		case err == nil:
			removed++
		case !errors.Is(err, mongodrv.ErrFileNotFound): // gone already: another sweep
			return removed, err
		}
	}
	return removed, nil
}

// referencedFiles returns the keys (fileKey) of the files among ids that an
// evidence record points at.
func (s *Store) referencedFiles(ctx context.Context, ids []any) (map[string]bool, error) {
	cur, err := s.evidence.Find(ctx, referencingFilter(ids),
		options.Find().SetProjection(bson.D{{Key: "_id", Value: 1}, {Key: "bytes_id", Value: 1}}))
	if err != nil {
		return nil, err
	}
	var docs []struct {
		ID      string         `bson:"_id"`
		BytesID *bson.ObjectID `bson:"bytes_id"`
	}
	if err := cur.All(ctx, &docs); err != nil {
		return nil, err
	}
	used := make(map[string]bool, len(docs))
	for _, d := range docs {
		if d.BytesID != nil {
			used[fileKey(*d.BytesID)] = true
		} else {
			used[fileKey(d.ID)] = true
		}
	}
	return used, nil
}

// sweepPartial deletes the chunks of uploads begun before cutoff that have
// no files document. Only this version's uploads are found (ObjectID file
// ids, whose first bytes are their creation time); chunks of the earlier
// uploads named by evidence id are left alone.
func (s *Store) sweepPartial(ctx context.Context, cutoff time.Time) (int, error) {
	chunks := s.bucket.GetChunksCollection()
	cur, err := chunks.Aggregate(ctx, chunkFilesPipeline(cutoff), options.Aggregate().SetBatchSize(sweepBatch))
	if err != nil {
		return 0, err
	}
	return inBatches(ctx, cur, func(ids []any) (int, error) { return s.dropChunksWithoutFile(ctx, ids) })
}

// inBatches hands the _id of the cursor's documents (those an evidence file
// may have) to drop, sweepBatch at a time, closes the cursor and returns
// the sum of what drop counted.
func inBatches(ctx context.Context, cur *mongodrv.Cursor, drop func(ids []any) (int, error)) (int, error) {
	defer func() { _ = cur.Close(context.WithoutCancel(ctx)) }()
	removed := 0
	batch := make([]any, 0, sweepBatch)
	flush := func() error {
		n, err := drop(batch)
		removed += n
		batch = batch[:0]
		return err
	}
	for cur.Next(ctx) {
		if id, ok := fileID(cur.Current); ok {
			batch = append(batch, id)
		}
		if len(batch) == sweepBatch {
			if err := flush(); err != nil {
				return removed, err
			}
		}
	}
	if err := cur.Err(); err != nil {
		return removed, err
	}
	return removed, flush()
}

// dropChunksWithoutFile deletes the chunks of the file ids that have no
// files document.
func (s *Store) dropChunksWithoutFile(ctx context.Context, ids []any) (int, error) {
	if len(ids) == 0 {
		return 0, nil
	}
	cur, err := s.bucket.GetFilesCollection().Find(ctx, bson.D{{Key: "_id", Value: bson.D{{Key: "$in", Value: ids}}}},
		options.Find().SetProjection(bson.D{{Key: "_id", Value: 1}}))
	if err != nil {
		return 0, err
	}
	var files []struct {
		ID bson.RawValue `bson:"_id"`
	}
	if err := cur.All(ctx, &files); err != nil {
		return 0, err
	}
	have := make(map[string]bool, len(files))
	for _, f := range files {
		have[fileKey(f.ID)] = true
	}
	var orphans bson.A
	for _, id := range ids {
		if !have[fileKey(id)] {
			orphans = append(orphans, id)
		}
	}
	if len(orphans) == 0 {
		return 0, nil
	}
	// Deleting chunks nothing refers to is idempotent: a failed sweep is
	// simply run again.
	if _, err := s.bucket.GetChunksCollection().DeleteMany(ctx, bson.D{{Key: "files_id", Value: bson.D{{Key: "$in", Value: orphans}}}}); err != nil {
		return 0, err
	}
	return len(orphans), nil
}

// filesBefore matches the GridFS files uploaded before cutoff.
func filesBefore(cutoff time.Time) bson.D {
	return bson.D{{Key: "uploadDate", Value: bson.D{{Key: "$lt", Value: cutoff}}}}
}

// referencingFilter matches the evidence records pointing at any of the
// file ids: by bytes_id (the ObjectIDs), or, for a file named by an
// evidence id, the record of that id without bytes_id.
func referencingFilter(ids []any) bson.D {
	var oids, names bson.A
	for _, id := range ids {
		switch v := normalizeID(id).(type) {
		case bson.ObjectID:
			oids = append(oids, v)
		case string:
			names = append(names, v)
		}
	}
	var or bson.A
	if len(oids) > 0 {
		or = append(or, bson.D{{Key: "bytes_id", Value: bson.D{{Key: "$in", Value: oids}}}})
	}
	if len(names) > 0 {
		or = append(or, bson.D{
			{Key: "_id", Value: bson.D{{Key: "$in", Value: names}}},
			{Key: "bytes_id", Value: bson.D{{Key: "$exists", Value: false}}},
		})
	}
	if len(or) == 0 {
		// Files of another kind of id are no evidence's: match nothing.
		return bson.D{{Key: "_id", Value: bson.D{{Key: "$in", Value: bson.A{}}}}}
	}
	return bson.D{{Key: "$or", Value: or}}
}

// chunkFilesPipeline lists, once each, the ObjectID file ids of chunks
// created before cutoff: a range of the chunks' unique (files_id, n) index
// (an ObjectID bound compares with ObjectIDs only), grouped by file.
func chunkFilesPipeline(cutoff time.Time) mongodrv.Pipeline {
	bound := bson.NewObjectIDFromTimestamp(cutoff)
	return mongodrv.Pipeline{
		{{Key: "$match", Value: bson.D{{Key: "files_id", Value: bson.D{{Key: "$lt", Value: bound}}}}}},
		{{Key: "$sort", Value: bson.D{{Key: "files_id", Value: 1}, {Key: "n", Value: 1}}}},
		{{Key: "$group", Value: bson.D{{Key: "_id", Value: "$files_id"}}}},
	}
}

// fileID is the _id of a document as an ObjectID or a name (copied out of
// the cursor's buffer); false for an id of another type, no evidence's.
func fileID(doc bson.Raw) (any, bool) {
	switch id := normalizeID(doc.Lookup("_id")).(type) {
	case bson.ObjectID, string:
		return id, true
	}
	return nil, false
}

// normalizeID turns a file id read raw from a document into a Go value.
func normalizeID(id any) any {
	rv, ok := id.(bson.RawValue)
	if !ok {
		return id
	}
	if oid, ok := rv.ObjectIDOK(); ok {
		return oid
	}
	if s, ok := rv.StringValueOK(); ok {
		return s
	}
	return rv
}

// fileKey is a map key for a file id, ObjectID or name alike.
func fileKey(id any) string {
	switch v := normalizeID(id).(type) {
	case bson.ObjectID:
		return "o:" + v.Hex()
	case string:
		return "s:" + v
	default:
		return fmt.Sprintf("?:%v", v)
	}
}
