// The records: units, employees (with their linked Telegram account),
// reports and evidence in SQLite (better-sqlite3), photos as files, the
// counterpart of kinerjabot's embedded store: WAL journal, synchronous=FULL,
// photos written to a temporary file, fsynced and renamed.

import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { normalizePhone, parseNIP } from "./measure.js";

export function openStore(dataDir) {
  fs.mkdirSync(path.join(dataDir, "evidence"), { recursive: true });
  const db = new Database(path.join(dataDir, "grammy.db"));
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
  db.exec(`
    CREATE TABLE IF NOT EXISTS units (
      code TEXT PRIMARY KEY, name TEXT NOT NULL, timezone TEXT NOT NULL, parent_code TEXT, lat REAL, lon REAL
    ) STRICT;
    CREATE TABLE IF NOT EXISTS employees (
      nip TEXT PRIMARY KEY, name TEXT NOT NULL, unit_code TEXT NOT NULL, position TEXT NOT NULL,
      supervisor_nip TEXT NOT NULL, phone TEXT NOT NULL UNIQUE, role TEXT NOT NULL, active INTEGER NOT NULL,
      tg_user_id INTEGER UNIQUE, tg_chat_id INTEGER, linked_at INTEGER
    ) STRICT;
    CREATE INDEX IF NOT EXISTS employees_supervisor ON employees (supervisor_nip);
    CREATE TABLE IF NOT EXISTS activities (
      id TEXT PRIMARY KEY, nip TEXT NOT NULL, unit_code TEXT NOT NULL, supervisor_nip TEXT NOT NULL, date TEXT NOT NULL,
      description TEXT NOT NULL, minutes INTEGER NOT NULL, start_minute INTEGER, volume REAL, volume_unit TEXT,
      lat REAL, lon REAL, status TEXT NOT NULL, version INTEGER NOT NULL, decided_by TEXT, decided_at INTEGER,
      reason TEXT, prompt_chat_id INTEGER, prompt_message_id INTEGER, prompt_photo INTEGER,
      submitted_at INTEGER NOT NULL, updated_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX IF NOT EXISTS activities_nip_date ON activities (nip, date DESC);
    CREATE INDEX IF NOT EXISTS activities_supervisor_status ON activities (supervisor_nip, status, submitted_at);
    CREATE TABLE IF NOT EXISTS evidence (
      id TEXT PRIMARY KEY, activity_id TEXT NOT NULL, nip TEXT NOT NULL, sha256 TEXT NOT NULL, size INTEGER NOT NULL,
      mime TEXT NOT NULL, width INTEGER NOT NULL, height INTEGER NOT NULL, file_id TEXT NOT NULL, created_at INTEGER NOT NULL
    ) STRICT;
    CREATE INDEX IF NOT EXISTS evidence_activity ON evidence (activity_id);
    CREATE INDEX IF NOT EXISTS evidence_sha ON evidence (sha256);
  `);
  const q = {
    upsertUnit: db.prepare(`INSERT INTO units (code, name, timezone, parent_code, lat, lon) VALUES (@code, @name, @timezone, @parent, @lat, @lon)
      ON CONFLICT (code) DO UPDATE SET name = excluded.name, timezone = excluded.timezone, parent_code = excluded.parent_code,
      lat = excluded.lat, lon = excluded.lon`),
    upsertEmployee: db.prepare(`INSERT INTO employees (nip, name, unit_code, position, supervisor_nip, phone, role, active)
      VALUES (@nip, @name, @unit, @position, @supervisor, @phone, @role, 1)
      ON CONFLICT (nip) DO UPDATE SET name = excluded.name, unit_code = excluded.unit_code, position = excluded.position,
      supervisor_nip = excluded.supervisor_nip, phone = excluded.phone, role = excluded.role, active = 1`),
    unit: db.prepare("SELECT * FROM units WHERE code = ?"),
    employee: db.prepare("SELECT * FROM employees WHERE nip = ?"),
    byPhone: db.prepare("SELECT * FROM employees WHERE phone = ?"),
    byUser: db.prepare("SELECT * FROM employees WHERE tg_user_id = ?"),
    hasSubordinates: db.prepare("SELECT 1 FROM employees WHERE supervisor_nip = ? LIMIT 1"),
    unlinkUser: db.prepare("UPDATE employees SET tg_user_id = NULL, tg_chat_id = NULL WHERE tg_user_id = ? AND nip <> ?"),
    link: db.prepare("UPDATE employees SET tg_user_id = ?, tg_chat_id = ?, linked_at = ? WHERE nip = ?"),
    putEvidence: db.prepare(`INSERT OR IGNORE INTO evidence (id, activity_id, nip, sha256, size, mime, width, height, file_id, created_at)
      VALUES (@id, @activity, @nip, @sha, @size, @mime, @width, @height, @fileId, @at)`),
    evidenceOf: db.prepare("SELECT * FROM evidence WHERE activity_id = ? ORDER BY created_at, id"),
    createActivity: db.prepare(`INSERT INTO activities (id, nip, unit_code, supervisor_nip, date, description, minutes, start_minute,
      volume, volume_unit, lat, lon, status, version, submitted_at, updated_at)
      VALUES (@id, @nip, @unit, @supervisor, @date, @description, @minutes, @start, @volume, @volumeUnit, @lat, @lon, 'pending', 1, @at, @at)`),
    activity: db.prepare("SELECT * FROM activities WHERE id = ?"),
    setPrompt: db.prepare("UPDATE activities SET prompt_chat_id = ?, prompt_message_id = ?, prompt_photo = ? WHERE id = ?"),
    decide: db.prepare(`UPDATE activities SET status = @to, decided_by = @by, decided_at = @at, reason = @reason, updated_at = @at
      WHERE id = @id AND status = 'pending' AND version = @version`),
  };

  const importAll = db.transaction((units, staff) => {
    for (const u of units) q.upsertUnit.run(u);
    for (const e of staff) q.upsertEmployee.run(e);
  });

  return {
    db,
    // importCSV loads the units and roster files (kinerjabot's import
    // formats); rows that do not check out are reported and skipped.
    importCSV(unitsPath, rosterPath) {
      const units = readCSV(unitsPath).map((r) => ({
        code: r.code, name: r.name, timezone: r.timezone || "Asia/Jakarta", parent: r.parent_code || null,
        lat: r.latitude ? +r.latitude : null, lon: r.longitude ? +r.longitude : null,
      }));
      const staff = [];
      for (const r of readCSV(rosterPath)) {
        const nip = parseNIP(r.nip);
        const phone = normalizePhone(r.phone);
        const supervisor = r.supervisor_nip ? parseNIP(r.supervisor_nip) : "";
        if (!nip || !phone || supervisor === null) {
          console.error(`roster: refused row for ${r.name}`);
          continue;
        }
        staff.push({ nip, name: r.name, unit: r.unit_code, position: r.position || "", supervisor, phone, role: r.role || "" });
      }
      importAll(units, staff);
      return { units: units.length, staff: staff.length };
    },
    unit: (code) => q.unit.get(code),
    employee: (nip) => q.employee.get(nip),
    employeeByPhone: (phone) => q.byPhone.get(phone),
    employeeByUser: (userId) => q.byUser.get(userId),
    hasSubordinates: (nip) => !!q.hasSubordinates.get(nip),
    link: db.transaction((nip, userId, chatId, at) => {
      q.unlinkUser.run(userId, nip);
      q.link.run(userId, chatId, at, nip);
    }),
    // putEvidence writes the photo's file (durably) and its record.
    async putEvidence(dataDir, ev, data) {
      const dir = path.join(dataDir, "evidence", ev.id.slice(-2));
      await fs.promises.mkdir(dir, { recursive: true });
      const file = path.join(dir, ev.id);
      const tmp = `${file}.tmp-${crypto.randomBytes(4).toString("hex")}`;
      const fh = await fs.promises.open(tmp, "w");
      try {
        await fh.writeFile(data);
        await fh.sync();
      } finally {
        await fh.close();
      }
      await fs.promises.rename(tmp, file);
      q.putEvidence.run(ev);
    },
    evidenceOf: (activityId) => q.evidenceOf.all(activityId),
    createActivity: (a) => q.createActivity.run(a),
    activity: (id) => q.activity.get(id),
    setPrompt: (id, chatId, messageId, photo) => q.setPrompt.run(chatId, messageId, photo ? 1 : 0, id),
    // decide moves a pending report at a version; false when it was not
    // pending at that version any more.
    decide: (d) => q.decide.run(d).changes === 1,
    close: () => db.close(),
  };
}

// readCSV reads a CSV file with a header row into objects (RFC 4180
// quoting).
export function readCSV(file) {
  const text = fs.readFileSync(file, "utf8").replace(/^\uFEFF/, "");
  const rows = [];
  let row = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      field = "";
      if (row.length > 1 || row[0] !== "") rows.push(row);
      row = [];
    } else field += ch;
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  const [header, ...body] = rows;
  return body.map((r) => Object.fromEntries(header.map((h, i) => [h.trim(), (r[i] ?? "").trim()])));
}
