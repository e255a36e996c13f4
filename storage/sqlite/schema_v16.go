package sqlite

// schemaV16 (retention): the daily retention job reads evidence oldest
// first (ScanEvidence pages by created_at, id), the surveys that still hold
// a chat hash by time (ForgetSurveyChats: a cleared hash leaves the
// index's range), and link codes by expiry (DeleteLinkCodes).
// employees.digest_off is 1 when the person turned the weekly digest off
// (SetDigest); like reminders_off, a roster import never names it.
const schemaV16 = `
CREATE INDEX evidence_created_at_id ON evidence (created_at, id);
CREATE INDEX surveys_chat_hash_at ON surveys (chat_hash, at);
CREATE INDEX link_codes_expires_at ON link_codes (expires_at);

ALTER TABLE employees ADD COLUMN digest_off INTEGER NOT NULL DEFAULT 0;
`
