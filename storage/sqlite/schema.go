package sqlite

import (
	"context"
	"database/sql"
	"fmt"
)

// migrations returns the schema steps in order: step i takes a database
// from schema version i to i+1, the version being PRAGMA user_version.
//
// To add tables or columns, append a step.
// Never edit, reorder or remove a step that has shipped: databases in the
// field record only how many steps they ran.
func migrations() []string {
	return []string{schemaV1, schemaV2, schemaV3, schemaV4, schemaV5, schemaV6, schemaV7, schemaV8, schemaV9, schemaV10, schemaV11,
		schemaV12, schemaV13, schemaV14, schemaV15, schemaV16, schemaV17}
}

// schemaV1: units, employees and their chat accounts. Times are Unix
// milliseconds (UTC). An employee without a phone stores NULL, which the
// UNIQUE constraint lets repeat.
const schemaV1 = `
CREATE TABLE units (
	code        TEXT PRIMARY KEY,
	name        TEXT NOT NULL,
	type        TEXT NOT NULL DEFAULT '',
	parent_code TEXT NOT NULL DEFAULT '',
	timezone    TEXT NOT NULL,
	latitude    REAL,
	longitude   REAL,
	created_at  INTEGER NOT NULL,
	updated_at  INTEGER NOT NULL
) STRICT;

CREATE TABLE employees (
	nip            TEXT PRIMARY KEY,
	name           TEXT NOT NULL,
	unit_code      TEXT NOT NULL,
	position       TEXT NOT NULL,
	supervisor_nip TEXT NOT NULL DEFAULT '',
	phone          TEXT UNIQUE CHECK (phone <> ''),
	role           TEXT NOT NULL DEFAULT '',
	active         INTEGER NOT NULL,
	created_at     INTEGER NOT NULL,
	updated_at     INTEGER NOT NULL
) STRICT;

CREATE INDEX employees_unit_code ON employees (unit_code);
CREATE INDEX employees_supervisor_nip ON employees (supervisor_nip);

CREATE TABLE accounts (
	platform  TEXT NOT NULL,
	user_id   TEXT NOT NULL CHECK (user_id <> ''),
	chat_id   TEXT NOT NULL,
	nip       TEXT NOT NULL REFERENCES employees (nip) ON DELETE CASCADE,
	linked_at INTEGER NOT NULL,
	PRIMARY KEY (platform, user_id),
	UNIQUE (nip, platform)
) STRICT;
`

// schemaV2: daily activity reports, evidence photos and SKP targets.
//
// A report's content, history, decision, audit and prompts are JSON
// columns in the formats of rows.go (times in Unix milliseconds); the
// conditional updates edit them with SQLite's JSON functions in a single
// statement. evidence_bands holds each photo's distinct perceptual-hash
// bands for SimilarEvidence; evidence.bands keeps them in order for the
// round trip. The bytes of a photo were a file (see evidenceFile) until
// schemaV17 made them a row of their own.
const schemaV2 = `
CREATE TABLE activities (
	id             TEXT PRIMARY KEY,
	nip            TEXT NOT NULL,
	unit_code      TEXT NOT NULL,
	supervisor_nip TEXT NOT NULL,
	date           TEXT NOT NULL,
	content        TEXT NOT NULL,
	status         TEXT NOT NULL,
	version        INTEGER NOT NULL,
	history        TEXT NOT NULL,
	decision       TEXT,
	audit          TEXT NOT NULL,
	prompts        TEXT NOT NULL,
	submitted_at   INTEGER NOT NULL,
	created_at     INTEGER NOT NULL,
	updated_at     INTEGER NOT NULL
) STRICT;

CREATE INDEX activities_nip_date ON activities (nip, date DESC, submitted_at DESC);
CREATE INDEX activities_supervisor_status ON activities (supervisor_nip, status, submitted_at);

CREATE TABLE evidence (
	id          TEXT PRIMARY KEY,
	activity_id TEXT NOT NULL,
	nip         TEXT NOT NULL,
	sha256      TEXT NOT NULL,
	size        INTEGER NOT NULL,
	mime        TEXT NOT NULL,
	width       INTEGER NOT NULL,
	height      INTEGER NOT NULL,
	phash       INTEGER NOT NULL, -- the uint64's bits as a signed integer
	bands       TEXT NOT NULL,    -- JSON array, in order
	taken_at    INTEGER,
	gps_lat     REAL,
	gps_lon     REAL,
	reuse_of    TEXT NOT NULL,
	platform    TEXT NOT NULL,
	file_id     TEXT NOT NULL,
	created_at  INTEGER NOT NULL
) STRICT;

CREATE INDEX evidence_activity_id ON evidence (activity_id);

CREATE TABLE evidence_bands (
	band        INTEGER NOT NULL,
	evidence_id TEXT NOT NULL REFERENCES evidence (id),
	PRIMARY KEY (band, evidence_id)
) STRICT, WITHOUT ROWID;

CREATE TABLE skp_targets (
	id         TEXT PRIMARY KEY,
	nip        TEXT NOT NULL,
	period     TEXT NOT NULL,
	kind       TEXT NOT NULL,
	rhk        TEXT NOT NULL,
	indikator  TEXT NOT NULL,
	target     TEXT NOT NULL,
	satuan     TEXT NOT NULL,
	updated_at INTEGER NOT NULL
) STRICT;

CREATE INDEX skp_targets_nip_period ON skp_targets (nip, period);
`

// schemaV3: the units' survey settings, citizen satisfaction surveys and
// peer feedback.
//
// A survey's answers are the columns a1..a9, answer i+1 in a<i+1>, NULL
// where the mode has no such element (the quick rating fills a1 alone), so
// SurveyStats is one SUM per column. No comment is the empty string. Dates
// are local YYYY-MM-DD, compared as text.
const schemaV3 = `
ALTER TABLE units ADD COLUMN service_users INTEGER NOT NULL DEFAULT 0;
ALTER TABLE units ADD COLUMN counters INTEGER NOT NULL DEFAULT 0;
ALTER TABLE units ADD COLUMN quick_survey INTEGER NOT NULL DEFAULT 0;

CREATE TABLE surveys (
	id        TEXT PRIMARY KEY,
	unit_code TEXT NOT NULL,
	counter   INTEGER NOT NULL,
	date      TEXT NOT NULL,
	mode      TEXT NOT NULL,
	a1        INTEGER,
	a2        INTEGER,
	a3        INTEGER,
	a4        INTEGER,
	a5        INTEGER,
	a6        INTEGER,
	a7        INTEGER,
	a8        INTEGER,
	a9        INTEGER,
	comment   TEXT NOT NULL,
	chat_hash TEXT NOT NULL,
	at        INTEGER NOT NULL
) STRICT;

CREATE INDEX surveys_unit_code_mode_date ON surveys (unit_code, mode, date);

CREATE TABLE feedback (
	id        TEXT PRIMARY KEY,
	from_nip  TEXT NOT NULL,
	to_nip    TEXT NOT NULL,
	value     INTEGER NOT NULL,
	note      TEXT NOT NULL,
	anonymous INTEGER NOT NULL,
	date      TEXT NOT NULL,
	at        INTEGER NOT NULL
) STRICT;

CREATE INDEX feedback_from_nip_date ON feedback (from_nip, date);
CREATE INDEX feedback_to_nip_date ON feedback (to_nip, date);
`

// migrate runs the missing steps in one transaction. The transaction
// begins IMMEDIATE (see dsn), so when two processes open a new file at
// once, one migrates and the other waits, then finds nothing to do.
func migrate(ctx context.Context, db *sql.DB) error {
	steps := migrations()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin migration: %w", mapErr(err))
	}
	defer func() { _ = tx.Rollback() }()
	var version int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return fmt.Errorf("read schema version: %w", mapErr(err))
	}
	if version > len(steps) {
		return fmt.Errorf("schema version %d is newer than this program's %d: upgrade kinerjabot", version, len(steps))
	}
	if version == len(steps) {
		return nil
	}
	for i := version; i < len(steps); i++ {
		if _, err := tx.ExecContext(ctx, steps[i]); err != nil {
			return fmt.Errorf("migrate schema to version %d: %w", i+1, mapErr(err))
		}
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", len(steps))); err != nil {
		return fmt.Errorf("set schema version: %w", mapErr(err))
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit migration: %w", mapErr(err))
	}
	return nil
}
