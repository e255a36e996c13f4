package sqlite

// schemaV5: one-time registration codes, one per employee (a new code
// replaces the previous). Only a hash of the code is kept. used_at is NULL
// while the code is unused; used_by is who redeemed it ("platform:user
// id"), ” while unused.
const schemaV5 = `
CREATE TABLE link_codes (
	nip        TEXT PRIMARY KEY REFERENCES employees (nip) ON DELETE CASCADE,
	code_hash  TEXT NOT NULL CHECK (code_hash <> ''),
	issued_at  INTEGER NOT NULL,
	expires_at INTEGER NOT NULL,
	tries      INTEGER NOT NULL DEFAULT 0,
	used_at    INTEGER,
	used_by    TEXT NOT NULL DEFAULT ''
) STRICT;
`
