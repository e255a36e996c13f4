package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/kinerjabot/kinerjabot/storage"
)

const evidenceColumns = `id, activity_id, nip, sha256, size, mime, width, height, phash, bands,
	taken_at, gps_lat, gps_lon, reuse_of, platform, file_id, created_at`

const insertEvidenceSQL = `
INSERT INTO evidence (` + evidenceColumns + `)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (id) DO NOTHING`

const insertEvidenceBytesSQL = `INSERT INTO evidence_bytes (id, data) VALUES (?, ?)`

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

// PutEvidence stores the record, its bands and its bytes in one
// transaction, idempotently by ID: once the record exists, a second call
// changes nothing (insertEvidence).
func (s *Store) PutEvidence(ctx context.Context, e storage.Evidence, data []byte) error {
	if err := storage.CheckEvidenceID(e.ID); err != nil {
		return fmt.Errorf("put evidence: %w", err)
	}
	e.CreatedAt = stamp(e.CreatedAt, s.now())
	if err := s.insertEvidence(ctx, e, data); err != nil {
		return fmt.Errorf("put evidence id=%s: %w", e.ID, mapErr(err))
	}
	return nil
}

// insertEvidence inserts the record, its bands and its bytes in one
// transaction; when the record exists already, nothing.
func (s *Store) insertEvidence(ctx context.Context, e storage.Evidence, data []byte) error {
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
		if _, err := tx.ExecContext(ctx, insertBandsSQL, e.ID, bands); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, insertEvidenceBytesSQL, e.ID, nonNil(data))
		return err
	})
}

// nonNil keeps empty bytes a BLOB: the driver stores a nil slice as NULL.
func nonNil(b []byte) []byte {
	if b == nil {
		return []byte{}
	}
	return b
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
	var data []byte
	err := mapErr(s.db.QueryRowContext(ctx, `SELECT data FROM evidence_bytes WHERE id = ?`, id).Scan(&data))
	if err == nil {
		return data, nil
	}
	if !errors.Is(err, storage.ErrNotFound) {
		return nil, fmt.Errorf("evidence data id=%s: %w", id, err)
	}
	// No row: no record, or a photo stored before schemaV17, in its file.
	if err := s.evidenceExists(ctx, id); err != nil {
		return nil, fmt.Errorf("evidence data id=%s: %w", id, err)
	}
	data, err = os.ReadFile(s.evidenceFile(id))
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

// evidenceFile is where the bytes of evidence id stored before schemaV17
// live (later ones are rows of evidence_bytes): evidence/<last two
// characters of the id>/<id> next to the database file, so that no
// directory grows beyond a few thousand files. (The last characters vary;
// ids start with a ULID's timestamp, whose first characters do not.) The id
// has passed storage.CheckEvidenceID, so it is a plain file name.
func (s *Store) evidenceFile(id string) string {
	return filepath.Join(s.evidenceDir, id[max(0, len(id)-2):], id)
}
