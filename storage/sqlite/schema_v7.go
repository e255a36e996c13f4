package sqlite

// schemaV7: the acting assignments (Plt/Plh), the whole list in one row as
// JSON, replaced as a whole by import-acting.
const schemaV7 = `
CREATE TABLE acting (
	id   INTEGER PRIMARY KEY CHECK (id = 1),
	list TEXT NOT NULL
) STRICT;
`

// schemaV8: the units' own settings (0: inherited).
const schemaV8 = `
ALTER TABLE units ADD COLUMN monthly_target_minutes INTEGER NOT NULL DEFAULT 0;
ALTER TABLE units ADD COLUMN approval_sla_days INTEGER NOT NULL DEFAULT 0;
`

// schemaV9: the units' own reminder times, minutes after midnight (0:
// inherited).
const schemaV9 = `
ALTER TABLE units ADD COLUMN remind_staff_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE units ADD COLUMN remind_supervisor_at INTEGER NOT NULL DEFAULT 0;
`
