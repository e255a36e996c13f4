package sqlite

// schemaV11 (a province fits): the roster read in bounded, indexed pages
// (storage.EmployeeIndex), and regional holidays.
//
// employees_unit_nip serves a unit's people in NIP order, a page at a
// time (it replaces employees_unit_code, its prefix); employees_admins,
// partial, a unit's admins; employees_inactive, partial, the people who
// left (the scheduler tells them and unlinks their accounts). holidays.units holds the codes of the units a
// regional holiday applies to, separated by spaces; the empty string is the whole
// deployment.
const schemaV11 = `
DROP INDEX employees_unit_code;
CREATE INDEX employees_unit_nip ON employees (unit_code, nip);
CREATE INDEX employees_admins ON employees (unit_code, nip) WHERE role = 'admin';
CREATE INDEX employees_inactive ON employees (nip) WHERE active = 0;
ALTER TABLE holidays ADD COLUMN units TEXT NOT NULL DEFAULT '';
`
