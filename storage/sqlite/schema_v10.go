package sqlite

// schemaV10 (/dataku, a person's own data): a person's reminders and
// evidence records found by NIP (storage.PersonalReader).
const schemaV10 = `
CREATE INDEX reminders_nip ON reminders (nip, date);
CREATE INDEX evidence_nip ON evidence (nip, created_at);
`
