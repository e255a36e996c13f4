package sqlite

// schemaV17: a photo's bytes are a row of evidence_bytes, written in the
// record's own transaction (PutEvidence): one commit, so one fsync, where
// a file took its own, its directory's and the record's, and its inode
// creation; and a record and its bytes can no longer part. Photos stored
// before this step stay files (evidenceFile), read and deleted as before.
const schemaV17 = `
CREATE TABLE evidence_bytes (
	id   TEXT PRIMARY KEY,
	data BLOB NOT NULL
) STRICT;
`
