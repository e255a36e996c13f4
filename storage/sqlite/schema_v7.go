package sqlite

// schemaV7: the acting assignments (Plt/Plh), the whole list in one row as
// JSON, replaced as a whole by import-acting.
const schemaV7 = `
CREATE TABLE acting (
	id   INTEGER PRIMARY KEY CHECK (id = 1),
	list TEXT NOT NULL
) STRICT;
`
