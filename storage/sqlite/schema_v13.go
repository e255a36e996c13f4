package sqlite

// schemaV13 (adoption): who has completed a practice run (/latihan), one
// row per person and practice role, the latest completion. Status reads
// it by NIP for a page of the roster (the primary key's prefix).
// ReportersAmong reads activities by NIP on activities_nip_date.
const schemaV13 = `
CREATE TABLE practices (
	nip  TEXT NOT NULL,
	role TEXT NOT NULL,
	date TEXT NOT NULL,
	at   INTEGER NOT NULL,
	PRIMARY KEY (nip, role)
) STRICT, WITHOUT ROWID;
`
