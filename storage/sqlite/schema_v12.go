package sqlite

// schemaV12 (periodic evaluation): one row per person and period (the
// UNIQUE key is what keeps two preparations, or two presses, to one
// evaluation), its searchable fields as columns and the whole record as
// JSON (doc) in storage.Evaluation's JSON form; the units' evaluation
// cadence (months: 1 or 3; 0 inherits).
const schemaV12 = `
CREATE TABLE evaluations (
	id             TEXT PRIMARY KEY,
	nip            TEXT NOT NULL,
	period         TEXT NOT NULL,
	unit_code      TEXT NOT NULL,
	supervisor_nip TEXT NOT NULL,
	state          TEXT NOT NULL,
	version        INTEGER NOT NULL,
	doc            TEXT NOT NULL,
	UNIQUE (nip, period)
) STRICT;

CREATE INDEX evaluations_unit_period ON evaluations (unit_code, period);
CREATE INDEX evaluations_supervisor_state ON evaluations (supervisor_nip, state);
CREATE INDEX evaluations_state ON evaluations (state);

ALTER TABLE units ADD COLUMN evaluation_months INTEGER NOT NULL DEFAULT 0;
`
