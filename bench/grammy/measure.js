// Small parsers and formatters: phone numbers, NIPs, durations and output
// volumes as people type them, dates in Indonesian. A subset of kinerjabot's
// ident and measure packages, enough for the benchmark's flow and a bit more.

// normalizePhone returns "+628…" or null.
export function normalizePhone(s) {
  if (typeof s !== "string") return null;
  const plus = s.trim().startsWith("+");
  if (!/^[+\d\s\-.()]+$/.test(s)) return null;
  const d = s.replace(/\D/g, "");
  let national;
  if (d.startsWith("62")) national = d.slice(2).replace(/^0/, "");
  else if (plus) return null;
  else if (d.startsWith("0062")) national = d.slice(4).replace(/^0/, "");
  else if (d.startsWith("0")) national = d.slice(1);
  else return null;
  if (!national.startsWith("8") || national.length < 9 || national.length > 13) return null;
  return "+62" + national;
}

export function maskPhone(p) {
  const n = normalizePhone(p);
  return n ? n.slice(0, 6) + "****" + n.slice(-4) : "****";
}

// parseNIP keeps the 18 digits of a NIP, or returns null.
export function parseNIP(s) {
  const d = String(s).replace(/[\s.]/g, "");
  return /^\d{18}$/.test(d) ? d : null;
}

export function formatNIP(d) {
  return d.length === 18 ? `${d.slice(0, 8)} ${d.slice(8, 14)} ${d.slice(14, 15)} ${d.slice(15)}` : d;
}

// parseDuration reads "90", "45 menit", "2 jam", "1 jam 30", "1,5 jam" or a
// range "08.00-09.30"; it returns {minutes, start} (start in minutes after
// midnight, or null) or null.
export function parseDuration(text) {
  const s = text.trim().toLowerCase();
  let m = s.match(/^(\d{1,2})[.:](\d{2})\s*[-–—]\s*(\d{1,2})[.:](\d{2})$/);
  if (m) {
    const a = +m[1] * 60 + +m[2];
    const b = +m[3] * 60 + +m[4];
    if (+m[1] > 23 || +m[3] > 23 || +m[2] > 59 || +m[4] > 59 || b <= a) return null;
    return { minutes: b - a, start: a };
  }
  let minutes = null;
  if ((m = s.match(/^(\d+)\s*(menit|mnt|m)?$/))) minutes = +m[1];
  else if ((m = s.match(/^(\d+(?:[.,]\d+)?)\s*jam$/))) minutes = Math.round(parseFloat(m[1].replace(",", ".")) * 60);
  else if ((m = s.match(/^(\d+)\s*jam\s*(\d+)\s*(menit|mnt|m)?$/))) minutes = +m[1] * 60 + +m[2];
  if (minutes === null || minutes < 1 || minutes > 24 * 60) return null;
  return { minutes, start: null };
}

// parseVolume reads "3 dokumen", "12 pasien", "1,5 kg": {amount, unit} or null.
export function parseVolume(text) {
  const m = text.trim().match(/^(\d+(?:[.,]\d+)?)\s+(\S.{0,39})$/u);
  if (!m) return null;
  const amount = parseFloat(m[1].replace(",", "."));
  if (!(amount > 0)) return null;
  return { amount, unit: m[2].trim().toLowerCase() };
}

export function formatMinutes(m) {
  if (m < 60) return `${m} menit`;
  const h = Math.floor(m / 60);
  const r = m % 60;
  return r === 0 ? `${h} jam` : `${h} jam ${r} menit`;
}

const pad = (n) => String(n).padStart(2, "0");

export function durationText(minutes, start) {
  let s = formatMinutes(minutes);
  if (start !== null && start !== undefined) {
    const end = start + minutes;
    s += ` (${pad(Math.floor(start / 60))}.${pad(start % 60)}–${pad(Math.floor(end / 60) % 24)}.${pad(end % 60)})`;
  }
  return s;
}

export function volumeText(amount, unit) {
  if (!unit) return "";
  return `${String(Math.round(amount * 1000) / 1000).replace(".", ",")} ${unit}`;
}

const DAYS = ["Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"];
const MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"];

const partsCache = new Map();

// localParts is the wall-clock date and time of ms in a time zone.
function localParts(ms, zone) {
  let f = partsCache.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", {
      timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23",
    });
    partsCache.set(zone, f);
  }
  const o = {};
  for (const p of f.formatToParts(new Date(ms))) o[p.type] = p.value;
  return { y: +o.year, mo: +o.month, d: +o.day, h: +o.hour, mi: +o.minute };
}

// today is the date "YYYY-MM-DD" in a time zone.
export function today(ms, zone) {
  const p = localParts(ms, zone);
  return `${p.y}-${pad(p.mo)}-${pad(p.d)}`;
}

// fmtDate renders "2026-11-30" as "Senin, 30 November 2026".
export function fmtDate(date) {
  const [y, m, d] = date.split("-").map(Number);
  const wd = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return `${DAYS[wd]}, ${d} ${MONTHS[m - 1]} ${y}`;
}

// fmtDateTime renders a moment in a zone as "30 Nov 2026 09.15".
export function fmtDateTime(ms, zone) {
  const p = localParts(ms, zone);
  return `${p.d} ${MONTHS[p.mo - 1].slice(0, 3)} ${p.y} ${pad(p.h)}.${pad(p.mi)}`;
}

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

// newULID makes a 26-character ULID (48-bit time, 80 random bits); a
// report's number is its last 8 characters, as in kinerjabot.
export function newULID(ms, randomBytes) {
  let out = "";
  let t = ms;
  for (let i = 0; i < 10; i++) {
    out = CROCKFORD[t % 32] + out;
    t = Math.floor(t / 32);
  }
  const r = randomBytes(16);
  for (let i = 0; i < 16; i++) out += CROCKFORD[r[i] % 32];
  return out;
}

export const reportNo = (id) => id.slice(-8);

// imageInfo recognises JPEG, PNG and WebP by content and reads the size of
// JPEG and PNG images: {mime, width, height} or null.
export function imageInfo(b) {
  if (b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) {
    let i = 2;
    while (i + 9 < b.length) {
      if (b[i] !== 0xff) return { mime: "image/jpeg", width: 0, height: 0 };
      const marker = b[i + 1];
      const len = b.readUInt16BE(i + 2);
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { mime: "image/jpeg", height: b.readUInt16BE(i + 5), width: b.readUInt16BE(i + 7) };
      }
      i += 2 + len;
    }
    return { mime: "image/jpeg", width: 0, height: 0 };
  }
  if (b.length > 24 && b.readUInt32BE(0) === 0x89504e47) {
    return { mime: "image/png", width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
  }
  if (b.length > 12 && b.toString("latin1", 0, 4) === "RIFF" && b.toString("latin1", 8, 12) === "WEBP") {
    return { mime: "image/webp", width: 0, height: 0 };
  }
  return null;
}
