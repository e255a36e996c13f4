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
	// BytesID is the GridFS file holding the bytes; absent on records
	// written before each upload had a file of its own, whose file id is
	// the evidence id.
	BytesID *bson.ObjectID `bson:"bytes_id,omitempty"`
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
// the record exists, a second call changes nothing.
//
// Each call uploads the bytes as a GridFS file of its own (a new ObjectID,
// the evidence id as its file name) and then inserts the record pointing at
// it (bytes_id); the insert is the condition, on the record's _id. Calls
// racing on one id (a redelivered update handled twice at once) therefore
// never touch each other's files: the one whose record lands wins, and the
// others delete their own file. A record never points at bytes that are
// not all there. What a failure leaves (a file whose record never came, or
// chunks of an upload that stopped midway) is referenced by nothing and
// removed by SweepEvidenceBytes.
func (s *Store) PutEvidence(ctx context.Context, e storage.Evidence, data []byte) error {
	if err := storage.CheckEvidenceID(e.ID); err != nil {
		return fmt.Errorf("put evidence: %w", err)
	}
	switch _, err := s.evidenceBytesID(ctx, e.ID); {
	case err == nil:
		return nil
	case !errors.Is(err, storage.ErrNotFound):
		return fmt.Errorf("put evidence id=%s: %w", e.ID, err)
	}
	fileID := bson.NewObjectID()
	if err := s.uploadEvidence(ctx, fileID, e.ID, data); err != nil {
		return fmt.Errorf("put evidence id=%s: store bytes: %w", e.ID, mapErr(err))
	}
	e.CreatedAt = stamp(e.CreatedAt, s.now())
	doc := toEvidenceDoc(e)
	doc.BytesID = &fileID
	_, err := s.evidence.InsertOne(ctx, doc)
	if mongodrv.IsDuplicateKeyError(err) { // stored by a racing call, or by this one before
		err = s.dropUnlessReferenced(ctx, e.ID, fileID)
	}
	if err != nil {
		// The insert may still have been applied: the file stays, and
		// the sweep removes it if no record points at it.
		return fmt.Errorf("put evidence id=%s: %w", e.ID, mapErr(err))
	}
	return nil
}

// uploadEvidence stores data in GridFS as the new file fileID.
func (s *Store) uploadEvidence(ctx context.Context, fileID bson.ObjectID, id string, data []byte) error {
	// The upload stream keeps a context with the client's timeout until it
	// is closed; cancelling ours releases it on every path.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	us, err := s.openUpload(ctx, fileID, id)
	if err != nil {
		return err
	}
	if _, err = us.Write(data); err == nil {
		err = us.Close()
	}
	if err != nil {
		// Abort deletes the chunks of fileID, this call's own file only.
		// If it fails too, the sweep removes them.
		_ = us.Abort()
	}
	return err
}

// openUpload opens an upload stream on the store's one GridFS bucket. The
// bucket's first upload checks (unsynchronised) whether its indexes must
// be made, so uploads take a lock until one has opened; after that the
// bucket keeps no state an upload changes and is shared freely.
func (s *Store) openUpload(ctx context.Context, fileID bson.ObjectID, name string) (*mongodrv.GridFSUploadStream, error) {
	if s.bucketReady.Load() {
		return s.bucket.OpenUploadStreamWithID(ctx, fileID, name)
	}
	s.bucketMu.Lock()
	defer s.bucketMu.Unlock()
	us, err := s.bucket.OpenUploadStreamWithID(ctx, fileID, name)
	if err == nil {
		s.bucketReady.Store(true)
	}
	return us, err
}

// dropUnlessReferenced deletes the GridFS file fileID unless the record id
// points at it. A racing call won the insert: its file is the record's,
// ours is left over. Failing to delete ours is no failure of the upload:
// the record is complete, and the sweep removes the file later.
func (s *Store) dropUnlessReferenced(ctx context.Context, id string, fileID bson.ObjectID) error {
	ref, err := s.evidenceBytesID(ctx, id)
	if err != nil {
		return err
	}
	if ref != fileID {
		_ = s.bucket.Delete(ctx, fileID)
	}
	return nil
}

// evidenceBytesID returns the GridFS file id of the record id's bytes:
// bytes_id, or, for a record written before each upload had its own file,
// the evidence id itself. ErrNotFound when there is no record.
func (s *Store) evidenceBytesID(ctx context.Context, id string) (any, error) {
	var d struct {
		BytesID *bson.ObjectID `bson:"bytes_id"`
	}
	opts := options.FindOne().SetProjection(bson.D{{Key: "bytes_id", Value: 1}})
	if err := s.evidence.FindOne(ctx, byID(id), opts).Decode(&d); err != nil {
		return nil, mapErr(err)
	}
	if d.BytesID == nil {
		return id, nil
	}
	return *d.BytesID, nil
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
	fileID, err := s.evidenceBytesID(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("evidence data id=%s: %w", id, err)
	}
	var buf bytes.Buffer
	if _, err := s.bucket.DownloadToStream(ctx, fileID, &buf); err != nil {
		if errors.Is(err, mongodrv.ErrFileNotFound) {
			// Not ErrNotFound: the record exists, its bytes should too.
			return nil, fmt.Errorf("evidence data id=%s: bytes missing from GridFS", id)
		}
		return nil, fmt.Errorf("evidence data id=%s: %w", id, mapErr(err))
	}
	return buf.Bytes(), nil
}

// SimilarEvidence returns the evidence sharing at least storage.SimilarBands
// distinct bands with bands, except that of the report excludeActivityID,
// oldest first, at most storage.SimilarEvidenceLimit, projected as
// storage.ProjectSimilar. The bands index finds the documents sharing any
// band; the server counts the shared ones before anything is sent.
func (s *Store) SimilarEvidence(ctx context.Context, bands []int, excludeActivityID string) ([]storage.Evidence, error) {
	all := []storage.Evidence{}
	if distinct(bands) < storage.SimilarBands {
		return all, nil
	}
	docs, err := findAll[evidenceDoc](ctx, s.evidence, similarFilter(bands, excludeActivityID), similarOptions())
	if err != nil {
		return nil, fmt.Errorf("similar evidence: %w", err)
	}
	for _, d := range docs {
		all = append(all, storage.ProjectSimilar(d.evidence()))
	}
	return all, nil
}

// similarFilter matches the evidence of other reports sharing any of bands
// (the multikey bands index) and, of those, at least storage.SimilarBands
// distinct ones.
func similarFilter(bands []int, excludeActivityID string) bson.D {
	shared := bson.D{{Key: "$size", Value: bson.D{{Key: "$setIntersection", Value: bson.A{
		bson.D{{Key: "$ifNull", Value: bson.A{"$bands", bson.A{}}}},
		bson.D{{Key: "$literal", Value: bands}},
	}}}}}
	return bson.D{
		{Key: "bands", Value: bson.D{{Key: "$in", Value: bands}}},
		{Key: "activity_id", Value: bson.D{{Key: "$ne", Value: excludeActivityID}}},
		{Key: "$expr", Value: bson.D{{Key: "$gte", Value: bson.A{shared, storage.SimilarBands}}}},
	}
}

func similarOptions() *options.FindOptionsBuilder {
	return options.Find().
		SetSort(bson.D{{Key: "created_at", Value: 1}, {Key: "_id", Value: 1}}).
		SetLimit(storage.SimilarEvidenceLimit).
		SetProjection(bson.D{{Key: "activity_id", Value: 1}, {Key: "phash", Value: 1}, {Key: "created_at", Value: 1}})
}

// distinct counts the distinct values of bands.
func distinct(bands []int) int {
	seen := make(map[int]bool, len(bands))
	for _, b := range bands {
		seen[b] = true
	}
	return len(seen)
}
