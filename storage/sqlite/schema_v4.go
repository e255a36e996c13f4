package sqlite

// schemaV4: reminders, holidays and the reminder preferences.
//
// A reminder row is one idempotency key (see storage.Reminder); it is only
// ever read and written by key, so the primary key is its one index.
// Holidays are keyed by their date, YYYY-MM-DD, which orders as text.
// employees.reminders_off is 1 when the person turned staff reminders off;
// the roster upsert never names it. accounts.last_seen_at is when the
// person last wrote from the account, Unix milliseconds, NULL when not
// since linking: a link replaces the whole row, so it starts NULL.
//
// The scheduler's reads of reports: activities_date_nip serves who
// reported on a date and the minutes of a date range; activities_status_
// submitted_at the pending reports by submission time, and the pending
// per supervisor.
const schemaV4 = `
ALTER TABLE employees ADD COLUMN reminders_off INTEGER NOT NULL DEFAULT 0;
ALTER TABLE accounts ADD COLUMN last_seen_at INTEGER;

CREATE TABLE reminders (
	key        TEXT PRIMARY KEY,
	kind       TEXT NOT NULL,
	nip        TEXT NOT NULL,
	date       TEXT NOT NULL,
	status     TEXT NOT NULL,
	run_id     TEXT NOT NULL,
	reason     TEXT NOT NULL,
	created_at INTEGER NOT NULL,
	updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE holidays (
	date TEXT PRIMARY KEY,
	name TEXT NOT NULL
) STRICT;

CREATE INDEX activities_date_nip ON activities (date, nip);
CREATE INDEX activities_status_submitted_at ON activities (status, submitted_at);
`
