package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"syscall"

	"github.com/kinerjabot/kinerjabot/storage"
)

const evidenceColumns = `id, activity_id, nip, sha256, size, mime, width, height, phash, bands,
	taken_at, gps_lat, gps_lon, reuse_of, platform, file_id, created_at`

const insertEvidenceSQL = `
INSERT INTO evidence (` + evidenceColumns + `)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (id) DO NOTHING`

const insertBandsSQL = `
INSERT OR IGNORE INTO evidence_bands (band, evidence_id) SELECT value, ? FROM json_each(?)`

const selectEvidenceSQL = `SELECT ` + evidenceColumns + ` FROM evidence`

// similarEvidenceSQL finds each photo sharing at least the given number of
// distinct bands once (evidence_bands holds a photo's distinct bands), at
// most the given number of them, oldest first; the band list is one JSON
// array parameter.
const similarEvidenceSQL = selectEvidenceSQL + `
WHERE id IN (
	SELECT evidence_id FROM evidence_bands WHERE band IN (SELECT value FROM json_each(?))
	GROUP BY evidence_id HAVING COUNT(DISTINCT band) >= ?)
	AND activity_id <> ?
ORDER BY created_at, id
LIMIT ?`

// PutEvidence stores the record and its bytes, idempotently by ID: once the
// record exists, a second call changes nothing.
//
// The bytes are written to their file first (see writeFileAtomic), then the
// record: a record never points at a missing or partial file. A failure in
// between leaves an unreferenced file, which the retried call replaces.
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
	if err := writeFileAtomic(s.evidenceFile(e.ID), data); err != nil {
		return fmt.Errorf("put evidence id=%s: write bytes: %w", e.ID, err)
	}
	e.CreatedAt = stamp(e.CreatedAt, s.now())
	if err := s.insertEvidence(ctx, e); err != nil {
		return fmt.Errorf("put evidence id=%s: %w", e.ID, mapErr(err))
	}
	return nil
}

// insertEvidence inserts the record and its bands in one transaction.
func (s *Store) insertEvidence(ctx context.Context, e storage.Evidence) error {
	bands, err := encodeJSON(mapSlice(e.Bands, func(b int) int { return b }))
	if err != nil {
		return err
	}
	var takenAt sql.Null[int64]
	if e.TakenAt != nil {
		takenAt = sql.Null[int64]{V: millis(*e.TakenAt), Valid: true}
	}
	var lat, lon sql.Null[float64]
	if e.GPS != nil {
		lat, lon = sql.Null[float64]{V: e.GPS.Lat, Valid: true}, sql.Null[float64]{V: e.GPS.Lon, Valid: true}
	}
	return s.db.tx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, insertEvidenceSQL, e.ID, e.ActivityID, e.NIP, e.SHA256, e.Size, e.MIME,
			e.Width, e.Height, int64(e.PHash), bands, takenAt, lat, lon, e.ReuseOf, e.Platform, e.FileID,
			millis(e.CreatedAt))
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return err // n == 0: stored by a racing call
		}
		_, err = tx.ExecContext(ctx, insertBandsSQL, e.ID, bands)
		return err
	})
}

// GetEvidence returns the evidence record with the id, or ErrNotFound.
func (s *Store) GetEvidence(ctx context.Context, id string) (storage.Evidence, error) {
	if err := storage.CheckEvidenceID(id); err != nil {
		return storage.Evidence{}, fmt.Errorf("get evidence: %w", err)
	}
	e, err := scanEvidence(s.db.QueryRowContext(ctx, selectEvidenceSQL+" WHERE id = ?", id))
	if err != nil {
		return storage.Evidence{}, fmt.Errorf("get evidence id=%s: %w", id, mapErr(err))
	}
	return e, nil
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
	data, err := os.ReadFile(s.evidenceFile(id))
	if err != nil {
		// A record whose file is gone: the directory was damaged or only
		// the database was restored. Not ErrNotFound: the record exists.
		return nil, fmt.Errorf("evidence data id=%s: read bytes: %v", id, err)
	}
	return data, nil
}

// SimilarEvidence returns the evidence sharing at least storage.SimilarBands
// distinct bands with bands, except that of the report excludeActivityID,
// oldest first, at most storage.SimilarEvidenceLimit, projected as
// storage.ProjectSimilar.
func (s *Store) SimilarEvidence(ctx context.Context, bands []int, excludeActivityID string) ([]storage.Evidence, error) {
	if len(bands) == 0 {
		return []storage.Evidence{}, nil
	}
	list, err := encodeJSON(bands)
	if err != nil {
		return nil, fmt.Errorf("similar evidence: %w", err)
	}
	rows, err := s.db.QueryContext(ctx, similarEvidenceSQL, list, storage.SimilarBands, excludeActivityID,
		storage.SimilarEvidenceLimit)
	if err != nil {
		return nil, fmt.Errorf("similar evidence: %w", mapErr(err))
	}
	defer func() { _ = rows.Close() }()
	all := []storage.Evidence{}
	for rows.Next() {
		e, err := scanEvidence(rows)
		if err != nil {
			return nil, fmt.Errorf("similar evidence: %w", mapErr(err))
		}
		all = append(all, storage.ProjectSimilar(e))
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("similar evidence: %w", mapErr(err))
	}
	return all, nil
}

// evidenceExists is nil when the record exists, ErrNotFound when not.
func (s *Store) evidenceExists(ctx context.Context, id string) error {
	var one int
	return mapErr(s.db.QueryRowContext(ctx, "SELECT 1 FROM evidence WHERE id = ?", id).Scan(&one))
}

func scanEvidence(row scanner) (storage.Evidence, error) {
	var (
		e              storage.Evidence
		phash, created int64
		bands          string
		takenAt        sql.Null[int64]
		gpsLat, gpsLon sql.Null[float64]
	)
	err := row.Scan(&e.ID, &e.ActivityID, &e.NIP, &e.SHA256, &e.Size, &e.MIME, &e.Width, &e.Height,
		&phash, &bands, &takenAt, &gpsLat, &gpsLon, &e.ReuseOf, &e.Platform, &e.FileID, &created)
	if err != nil {
		return storage.Evidence{}, err
	}
	if err := decodeJSON("bands", bands, &e.Bands); err != nil {
		return storage.Evidence{}, fmt.Errorf("evidence id=%s: %w", e.ID, err)
	}
	e.Bands = nilIfEmpty(e.Bands)
	e.PHash = uint64(phash) // the bits, as stored
	if takenAt.Valid {
		t := fromMillis(takenAt.V)
		e.TakenAt = &t
	}
	if gpsLat.Valid && gpsLon.Valid {
		e.GPS = &storage.Point{Lat: gpsLat.V, Lon: gpsLon.V}
	}
	e.CreatedAt = fromMillis(created)
	return e, nil
}

// evidenceFile is where the bytes of evidence id live: evidence/<last two
// characters of the id>/<id> next to the database file, so that no
// directory grows beyond a few thousand files. (The last characters vary;
// ids start with a ULID's timestamp, whose first characters do not.) The id
// has passed storage.CheckEvidenceID, so it is a plain file name.
func (s *Store) evidenceFile(id string) string {
	return filepath.Join(s.evidenceDir, id[max(0, len(id)-2):], id)
}

// writeFileAtomic writes data to path so that path is either absent or
// complete, even across a crash: a temporary file in the same directory,
// synced, renamed over path; then the directory is synced so the new name
// survives too, and so are the parents the call created.
func writeFileAtomic(path string, data []byte) (err error) {
	dir := filepath.Dir(path)
	_, statErr := os.Stat(dir)
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, ".tmp-"+filepath.Base(path)+"-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = f.Close()
			_ = os.Remove(f.Name()) // after the rename: no such file, harmless
		}
	}()
	if _, err := f.Write(data); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return err
	}
	if err := syncDir(dir); err != nil || !errors.Is(statErr, fs.ErrNotExist) {
		return err
	}
	// MkdirAll made the shard directory, perhaps the evidence one too.
	parent := filepath.Dir(dir)
	if err := syncDir(parent); err != nil {
		return err
	}
	return syncDir(filepath.Dir(parent))
}

// syncDir makes the directory's entries durable. Windows cannot open a
// directory for syncing: there it is skipped.
func syncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	if errors.Is(err, syscall.EINVAL) || errors.Is(err, errors.ErrUnsupported) {
		return nil // a file system without directory sync
	}
	return err
}
