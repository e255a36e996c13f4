package sqlite

// schemaV6: secrets every replica must share, one row per name (the survey
// key: "survey"), written once and never changed.
const schemaV6 = `
CREATE TABLE secrets (
	name  TEXT PRIMARY KEY,
	value BLOB NOT NULL CHECK (length(value) > 0)
) STRICT;
`
