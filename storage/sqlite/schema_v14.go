package sqlite

// schemaV14 (the performance cycle): a supervisor's continuous feedback to
// a team member with the person's one reply (storage.CycleStore), found by
// receiver and time (/rekap, /skp), and by time with giver and receiver
// (exports; the nudge's latest per pair reads this index alone:
// BenchmarkCoachingPairsSince, 25 ms over 208,000 rows against 53 ms with
// time alone). Competency reports need no column: their kind and JP are
// in the activities' content JSON.
const schemaV14 = `
CREATE TABLE coaching (
	id            TEXT PRIMARY KEY,
	from_nip      TEXT NOT NULL,
	to_nip        TEXT NOT NULL,
	skp_target_id TEXT NOT NULL DEFAULT '',
	activity_id   TEXT NOT NULL DEFAULT '',
	note          TEXT NOT NULL,
	at            INTEGER NOT NULL,
	reply         TEXT NOT NULL DEFAULT '',
	answer        TEXT NOT NULL DEFAULT '',
	replied_at    INTEGER
) STRICT;

CREATE INDEX coaching_to_nip_at ON coaching (to_nip, at DESC);
CREATE INDEX coaching_at ON coaching (at, from_nip, to_nip);
`
