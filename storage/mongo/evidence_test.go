package mongo

import (
	"bytes"
	"os"
	"sync"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/kinerjabot/kinerjabot/storage"
)

// serverURI is the test server's URI; the test is skipped, saying so,
// without one.
func serverURI(t *testing.T) string {
	t.Helper()
	uri := os.Getenv(uriEnv)
	if uri == "" {
		t.Skip("MongoDB tests skipped: set " + uriEnv + "=mongodb://... to run them")
	}
	return uri
}

// Racing uploads of one id each write a file of their own; one becomes the
// record's, the others are deleted by their uploader or, failing that, by
// the sweep, which never touches the record's.
func TestRacingUploadsLeaveOneFile(t *testing.T) {
	s := openTemp(t, serverURI(t))
	ctx := t.Context()
	e := storage.Evidence{ID: "E-race", ActivityID: "A1", NIP: "1", Bands: []int{1, 2}}
	data := bytes.Repeat([]byte("kinerja"), 100_000) // three chunks
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if err := s.PutEvidence(ctx, e, data); err != nil {
				t.Errorf("PutEvidence: %v", err)
			}
		})
	}
	wg.Wait()
	if _, err := s.SweepEvidenceBytes(ctx, time.Now().Add(time.Minute)); err != nil {
		t.Fatalf("SweepEvidenceBytes: %v", err)
	}
	files := s.bucket.GetFilesCollection()
	n, err := files.CountDocuments(ctx, bson.D{{Key: "filename", Value: e.ID}})
	if err != nil || n != 1 {
		t.Errorf("files named %s after the sweep: %d (%v), want 1", e.ID, n, err)
	}
	got, err := s.EvidenceData(ctx, e.ID)
	if err != nil || !bytes.Equal(got, data) {
		t.Fatalf("EvidenceData: %d bytes, %v; want the %d uploaded", len(got), err, len(data))
	}
}

func TestSweepRemovesOnlyWhatNothingReferences(t *testing.T) {
	s := openTemp(t, serverURI(t))
	ctx := t.Context()
	// A record written before each upload had its own file: bytes under
	// the evidence id, no bytes_id.
	legacy := toEvidenceDoc(storage.Evidence{ID: "E-legacy", CreatedAt: time.Now()})
	if err := s.bucket.UploadFromStreamWithID(ctx, legacy.ID, legacy.ID, bytes.NewReader([]byte("old"))); err != nil {
		t.Fatal(err)
	}
	if _, err := s.evidence.InsertOne(ctx, legacy); err != nil {
		t.Fatal(err)
	}
	// A file whose record never came, and chunks of an upload that stopped
	// before its files document, two hours ago.
	stray := bson.NewObjectID()
	if err := s.bucket.UploadFromStreamWithID(ctx, stray, "E-stray", bytes.NewReader([]byte("x"))); err != nil {
		t.Fatal(err)
	}
	partial := bson.NewObjectIDFromTimestamp(time.Now().Add(-2 * time.Hour))
	chunk := bson.D{{Key: "files_id", Value: partial}, {Key: "n", Value: 0}, {Key: "data", Value: bson.Binary{Data: []byte("y")}}}
	if _, err := s.bucket.GetChunksCollection().InsertOne(ctx, chunk); err != nil {
		t.Fatal(err)
	}
	mustPut(t, s, storage.Evidence{ID: "E-new"}, []byte("new"))

	r, err := s.SweepEvidenceBytes(ctx, time.Now().Add(-time.Hour))
	if err != nil || r.Files != 0 || r.Partial != 1 {
		t.Errorf("sweep with a cutoff an hour back = %+v, %v; want only the partial upload", r, err)
	}
	r, err = s.SweepEvidenceBytes(ctx, time.Now().Add(time.Minute))
	if err != nil || r.Files != 1 || r.Partial != 0 {
		t.Errorf("sweep of everything = %+v, %v; want the stray file", r, err)
	}
	for id, want := range map[string]string{"E-legacy": "old", "E-new": "new"} {
		if got, err := s.EvidenceData(ctx, id); err != nil || string(got) != want {
			t.Errorf("EvidenceData(%s) = %q, %v; want %q", id, got, err, want)
		}
	}
}

func mustPut(t *testing.T, s *Store, e storage.Evidence, data []byte) {
	t.Helper()
	if err := s.PutEvidence(t.Context(), e, data); err != nil {
		t.Fatalf("PutEvidence(%s): %v", e.ID, err)
	}
}
