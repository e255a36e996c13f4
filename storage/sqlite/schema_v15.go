package sqlite

// schemaV15 (the web console): the audit log (storage.AuditLog), read
// newest first, by time alone or within a set of units.
const schemaV15 = `
CREATE TABLE audit_log (
	id     TEXT PRIMARY KEY,
	at     INTEGER NOT NULL,
	actor  TEXT NOT NULL,
	action TEXT NOT NULL,
	target TEXT NOT NULL DEFAULT '',
	detail TEXT NOT NULL DEFAULT '',
	unit   TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX audit_log_at ON audit_log (at DESC, id DESC);
CREATE INDEX audit_log_unit_at ON audit_log (unit, at DESC, id DESC);
`
