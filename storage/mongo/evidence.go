package mongo

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	mongodrv "go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/kinerjabot/kinerjabot/storage"
)

// evidenceDoc is an evidence document. It differs from storage.Evidence in
// PHash only: BSON has no unsigned 64-bit integer (the driver refuses a
// uint64 above MaxInt64), so the hash's bits are stored as an int64.
type evidenceDoc struct {
	ID         string         `bson:"_id"`
	ActivityID string         `bson:"activity_id"`
	NIP        string         `bson:"nip"`
	SHA256     string         `bson:"sha256"`
	Size       int64          `bson:"size"`
	MIME       string         `bson:"mime"`
	Width      int            `bson:"width"`
	Height     int            `bson:"height"`
	PHash      int64          `bson:"phash"`
	Bands      []int          `bson:"bands"`
	TakenAt    *time.Time     `bson:"taken_at,omitempty"`
	GPS        *storage.Point `bson:"gps,omitempty"`
	ReuseOf    string         `bson:"reuse_of,omitempty"`
	Platform   string         `bson:"platform,omitempty"`
	FileID     string         `bson:"file_id,omitempty"`
	CreatedAt  time.Time      `bson:"created_at"`
}

func toEvidenceDoc(e storage.Evidence) evidenceDoc {
	bands := e.Bands
	if bands == nil {
		bands = []int{} // an array, never null
	}
	return evidenceDoc{
		ID: e.ID, ActivityID: e.ActivityID, NIP: e.NIP, SHA256: e.SHA256, Size: e.Size, MIME: e.MIME,
		Width: e.Width, Height: e.Height, PHash: int64(e.PHash), Bands: bands, TakenAt: e.TakenAt,
		GPS: e.GPS, ReuseOf: e.ReuseOf, Platform: e.Platform, FileID: e.FileID, CreatedAt: e.CreatedAt,
	}
}

func (d evidenceDoc) evidence() storage.Evidence {
	return storage.Evidence{
		ID: d.ID, ActivityID: d.ActivityID, NIP: d.NIP, SHA256: d.SHA256, Size: d.Size, MIME: d.MIME,
		Width: d.Width, Height: d.Height, PHash: uint64(d.PHash), Bands: nilIfEmpty(d.Bands),
		TakenAt: d.TakenAt, GPS: d.GPS, ReuseOf: d.ReuseOf, Platform: d.Platform, FileID: d.FileID,
		CreatedAt: d.CreatedAt,
	}
}

// PutEvidence stores the bytes, then the record, idempotently by ID: once
// the record exists, a second call changes nothing. The record is written
// last, so it never points at bytes that are not all there.
func (s *Store) PutEvidence(ctx context.Context, e storage.Evidence, data []byte) error {
	if err := storage.CheckEvidenceID(e.ID); err != nil {
		return fmt.Errorf("put evidence: %w", err)
	}
	switch err := s.evidenceExists(ctx, e.ID); {
	case err == nil:
		return nil
	case !errors.Is(err, storage.ErrNotFound):
		return fmt.Errorf("put evidence id=%s: %w", e.ID, err)
	}
	if err := s.uploadEvidence(ctx, e.ID, data); err != nil {
		return fmt.Errorf("put evidence id=%s: store bytes: %w", e.ID, err)
	}
	e.CreatedAt = stamp(e.CreatedAt, s.now())
	_, err := s.evidence.InsertOne(ctx, toEvidenceDoc(e))
	if err != nil && !mongodrv.IsDuplicateKeyError(err) { // a duplicate _id: stored by a racing call
		return fmt.Errorf("put evidence id=%s: %w", e.ID, mapErr(err))
	}
	return nil
}

// uploadAttempts bounds uploadEvidence's attempts while racing uploads of
// the same id collide on the chunks' unique index.
const uploadAttempts = 4

// uploadEvidence stores data in GridFS as file id, unless a file id is
// there already.
//
// Chunks without a files document are what an upload that failed midway
// leaves; the unique index on (files_id, n) would refuse every later upload
// of the id, so they are removed first. Calls racing on one id (a
// redelivered update handled twice at once) upload the same bytes: the
// unique indexes let one files document and one chunk per n through, a
// call that removed another's chunks writes its own in their place, and a
// call that collides waits and tries again, returning nil once it sees a
// complete file. Only a crash of one call between its removal and its own
// chunks could leave another's file without bytes.
func (s *Store) uploadEvidence(ctx context.Context, id string, data []byte) error {
	// The upload stream keeps a context with the client's timeout until it
	// is closed; cancelling ours releases it on every path.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	bucket := s.evidenceBucket()
	for attempt := 1; ; attempt++ {
		switch err := gridFSFileExists(ctx, bucket, id); {
		case err == nil:
			return nil
		case !errors.Is(err, storage.ErrNotFound):
			return err
		}
		if _, err := bucket.GetChunksCollection().DeleteMany(ctx, chunksFilter(id)); err != nil {
			return mapErr(err)
		}
		err := uploadOnce(ctx, bucket, id, data)
		if err == nil || gridFSFileExists(ctx, bucket, id) == nil {
			return nil // ours, or a racing upload's
		}
		if !mongodrv.IsDuplicateKeyError(err) || attempt == uploadAttempts {
			return mapErr(err)
		}
		// A racing upload holds the chunks: give it time to finish.
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Duration(attempt) * 50 * time.Millisecond):
		}
	}
}

func uploadOnce(ctx context.Context, bucket *mongodrv.GridFSBucket, id string, data []byte) error {
	us, err := bucket.OpenUploadStreamWithID(ctx, id, id)
	if err != nil {
		return err
	}
	// Not Abort on failure: it deletes every chunk of the id, a racing
	// upload's too. Leftovers are removed by the next attempt.
	if _, err := us.Write(data); err != nil {
		return err
	}
	return us.Close()
}

// evidenceBucket returns a new handle on the GridFS bucket for one call: a
// *GridFSBucket is not safe for concurrent use (it keeps a first-write flag
// and read and write buffers), and a handle is cheap.
func (s *Store) evidenceBucket() *mongodrv.GridFSBucket {
	return s.db.GridFSBucket(options.GridFSBucket().SetName(evidenceBucket))
}

// gridFSFileExists is nil when the bucket has a files document for id,
// ErrNotFound when not.
func gridFSFileExists(ctx context.Context, bucket *mongodrv.GridFSBucket, id string) error {
	opts := options.FindOne().SetProjection(bson.D{{Key: "_id", Value: 1}})
	return mapErr(bucket.GetFilesCollection().FindOne(ctx, byID(id), opts).Err())
}

// chunksFilter matches every GridFS chunk of the file id.
func chunksFilter(id string) bson.D {
	return bson.D{{Key: "files_id", Value: id}}
}

// GetEvidence returns the evidence record with the id, or ErrNotFound.
func (s *Store) GetEvidence(ctx context.Context, id string) (storage.Evidence, error) {
	if err := storage.CheckEvidenceID(id); err != nil {
		return storage.Evidence{}, fmt.Errorf("get evidence: %w", err)
	}
	var d evidenceDoc
	if err := s.evidence.FindOne(ctx, byID(id)).Decode(&d); err != nil {
		return storage.Evidence{}, fmt.Errorf("get evidence id=%s: %w", id, mapErr(err))
	}
	return d.evidence(), nil
}

// EvidenceData returns the bytes of the evidence, or ErrNotFound when there
// is no such record.
func (s *Store) EvidenceData(ctx context.Context, id string) ([]byte, error) {
	if err := storage.CheckEvidenceID(id); err != nil {
		return nil, fmt.Errorf("evidence data: %w", err)
	}
	if err := s.evidenceExists(ctx, id); err != nil {
		return nil, fmt.Errorf("evidence data id=%s: %w", id, err)
	}
	var buf bytes.Buffer
	if _, err := s.evidenceBucket().DownloadToStream(ctx, id, &buf); err != nil {
		if errors.Is(err, mongodrv.ErrFileNotFound) {
			// Not ErrNotFound: the record exists, its bytes should too.
			return nil, fmt.Errorf("evidence data id=%s: bytes missing from GridFS", id)
		}
		return nil, fmt.Errorf("evidence data id=%s: %w", id, mapErr(err))
	}
	return buf.Bytes(), nil
}

// SimilarEvidence returns the evidence sharing a band with bands, except
// that of the report excludeActivityID, oldest first. A document matches
// once however many of its bands match.
func (s *Store) SimilarEvidence(ctx context.Context, bands []int, excludeActivityID string) ([]storage.Evidence, error) {
	all := []storage.Evidence{}
	if len(bands) == 0 {
		return all, nil
	}
	opts := options.Find().SetSort(bson.D{{Key: "created_at", Value: 1}, {Key: "_id", Value: 1}})
	cur, err := s.evidence.Find(ctx, similarFilter(bands, excludeActivityID), opts)
	if err != nil {
		return nil, fmt.Errorf("similar evidence: %w", mapErr(err))
	}
	var docs []evidenceDoc
	if err := cur.All(ctx, &docs); err != nil {
		return nil, fmt.Errorf("similar evidence: %w", mapErr(err))
	}
	for _, d := range docs {
		all = append(all, d.evidence())
	}
	return all, nil
}

func similarFilter(bands []int, excludeActivityID string) bson.D {
	return bson.D{
		{Key: "bands", Value: bson.D{{Key: "$in", Value: bands}}},
		{Key: "activity_id", Value: bson.D{{Key: "$ne", Value: excludeActivityID}}},
	}
}

// evidenceExists is nil when the record exists, ErrNotFound when not.
func (s *Store) evidenceExists(ctx context.Context, id string) error {
	opts := options.FindOne().SetProjection(bson.D{{Key: "_id", Value: 1}})
	return mapErr(s.evidence.FindOne(ctx, byID(id), opts).Err())
}
