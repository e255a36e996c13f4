// kinerjabot's report flow as an idiomatic grammY bot, the comparison bot of
// the load harness (../loadgen): registration by a shared contact checked
// against the roster, /lapor as a conversation (@grammyjs/conversations),
// the supervisor's approval buttons. Sessions and conversation state live in
// Redis (@grammyjs/storage-redis on ioredis), records in SQLite
// (better-sqlite3, see store.js), photos as files. Webhook mode with the
// secret token; the Bot API root comes from TELEGRAM_API_URL.
//
// Environment (the names kinerjabot uses): TELEGRAM_TOKEN, TELEGRAM_API_URL,
// TELEGRAM_WEBHOOK_URL (its path is served), TELEGRAM_WEBHOOK_SECRET,
// HTTP_ADDR, REDIS_URL, REDIS_PREFIX, DATA_DIR, DEFAULT_TIMEZONE,
// SESSION_TTL (e.g. 24h); and UNITS_CSV, ROSTER_CSV: the files imported at
// start (kinerjabot's import-units and import-roster formats).
//
//   node bot.js

import http from "node:http";
import crypto from "node:crypto";
import { Bot, session, webhookCallback } from "grammy";
import { conversations, createConversation } from "@grammyjs/conversations";
import { RedisAdapter } from "@grammyjs/storage-redis";
import { Redis } from "ioredis";
import { openStore } from "./store.js";
import { T, summaryText, promptText, menuKeyboard } from "./texts.js";
import {
  normalizePhone, maskPhone, formatNIP, parseDuration, parseVolume, durationText, volumeText,
  today, fmtDate, fmtDateTime, newULID, reportNo, imageInfo,
} from "./measure.js";

const env = (name, def) => {
  const v = process.env[name];
  if (v === undefined || v === "") {
    if (def === undefined) throw new Error(`${name} must be set`);
    return def;
  }
  return v;
};

const TOKEN = env("TELEGRAM_TOKEN");
const API_ROOT = env("TELEGRAM_API_URL", "https://api.telegram.org").replace(/\/$/, "");
const WEBHOOK_URL = env("TELEGRAM_WEBHOOK_URL");
const SECRET = env("TELEGRAM_WEBHOOK_SECRET");
const [HOST, PORT] = (() => {
  const a = env("HTTP_ADDR", ":8080");
  const i = a.lastIndexOf(":");
  return [a.slice(0, i) || "0.0.0.0", Number(a.slice(i + 1))];
})();
const REDIS_URL = env("REDIS_URL", "redis://127.0.0.1:6379/0");
const REDIS_PREFIX = env("REDIS_PREFIX", "gy:");
const DATA_DIR = env("DATA_DIR", "./data");
const DEFAULT_TZ = env("DEFAULT_TIMEZONE", "Asia/Jakarta");
const SESSION_TTL = (() => {
  const m = env("SESSION_TTL", "24h").match(/^(\d+)(h|m|s)$/);
  return m ? Number(m[1]) * { h: 3600, m: 60, s: 1 }[m[2]] : 86400;
})();
const MAX_PHOTOS = 3;
const MAX_PHOTO_BYTES = 10 << 20;
const STEPS = 5;

const store = openStore(DATA_DIR);
if (process.env.UNITS_CSV && process.env.ROSTER_CSV) {
  const n = store.importCSV(process.env.UNITS_CSV, process.env.ROSTER_CSV);
  console.log(`imported ${n.units} units, ${n.staff} people`);
}

const redis = new Redis(REDIS_URL, { keyPrefix: REDIS_PREFIX });
const bot = new Bot(TOKEN, { client: { apiRoot: API_ROOT } });

// --- the person behind an update --------------------------------------------

// currentEmployee is the registered person of this Telegram user: the NIP
// kept in the session, checked against the store (the link may have moved).
function currentEmployee(ctx) {
  const userId = ctx.from?.id;
  if (!userId) return null;
  if (ctx.session.nip) {
    const e = store.employee(ctx.session.nip);
    if (e && e.tg_user_id === userId && e.active) return e;
    ctx.session.nip = undefined;
  }
  const e = store.employeeByUser(userId);
  if (e && e.active) {
    ctx.session.nip = e.nip;
    return e;
  }
  return null;
}

function profileOf(e) {
  const unit = store.unit(e.unit_code);
  const sup = e.supervisor_nip ? store.employee(e.supervisor_nip) : null;
  const decides = store.hasSubordinates(e.nip);
  const roles = [T.rolePegawai];
  if (decides) roles.push(T.roleAtasan);
  if (e.role === "admin") roles.push(T.roleAdmin);
  return {
    name: e.name, nip: formatNIP(e.nip), unit: unit?.name ?? e.unit_code, position: e.position,
    supervisor: sup?.name ?? "-", roles, decides,
  };
}

const contactKeyboard = { keyboard: [[{ text: T.shareContactButton, request_contact: true }]], resize_keyboard: true };

// --- middleware --------------------------------------------------------------

bot.use(session({
  initial: () => ({}),
  getSessionKey: (ctx) => (ctx.chatId === undefined ? undefined : `s:${ctx.chatId}`),
  storage: new RedisAdapter({ instance: redis, ttl: SESSION_TTL }),
}));
bot.use(conversations({
  storage: {
    type: "key",
    version: 1,
    getStorageKey: (ctx) => (ctx.chatId === undefined ? undefined : `c:${ctx.chatId}`),
    adapter: new RedisAdapter({ instance: redis, ttl: SESSION_TTL }),
  },
}));

// Before the conversations: /batal leaves any of them; decision buttons work
// wherever the supervisor is.
bot.command(["batal", "cancel"], async (ctx) => {
  const active = Object.keys(await ctx.conversation.active()).length > 0;
  await ctx.conversation.exitAll();
  const me = currentEmployee(ctx);
  await ctx.reply(active ? T.cancelled : T.nothingToCancel, me ? { reply_markup: menuKeyboard(store.hasSubordinates(me.nip)) } : {});
});
bot.callbackQuery(/^a:(ok|no|rev|img):([0-9A-Z]+):(\d+)$/, onDecisionButton);

bot.use(createConversation(report, "lapor"));
bot.use(createConversation(reason, "alasan"));

bot.command("start", async (ctx) => {
  const me = currentEmployee(ctx);
  if (me) {
    await ctx.reply(T.menu, { reply_markup: menuKeyboard(store.hasSubordinates(me.nip)) });
    return;
  }
  await ctx.reply(T.askContact, { reply_markup: contactKeyboard });
});

bot.on("message:contact", async (ctx) => {
  const c = ctx.message.contact;
  if (!c.user_id || c.user_id !== ctx.from.id) {
    await ctx.reply(T.contactNotOwn, { reply_markup: contactKeyboard });
    return;
  }
  const phone = normalizePhone(c.phone_number);
  if (!phone) {
    await ctx.reply(T.phoneInvalid, { reply_markup: { remove_keyboard: true } });
    return;
  }
  const e = store.employeeByPhone(phone);
  if (!e) {
    await ctx.reply(T.phoneUnknown(maskPhone(phone)), { reply_markup: { remove_keyboard: true } });
    return;
  }
  if (!e.active) {
    await ctx.reply(T.inactive, { reply_markup: { remove_keyboard: true } });
    return;
  }
  store.link(e.nip, ctx.from.id, ctx.chat.id, Date.now());
  ctx.session.nip = e.nip;
  const p = profileOf(e);
  await ctx.reply(T.welcome(p), { reply_markup: menuKeyboard(p.decides) });
});

async function startReport(ctx) {
  const me = currentEmployee(ctx);
  if (!me) {
    await ctx.reply(T.notRegistered + "\n\n" + T.askContact, { reply_markup: contactKeyboard });
    return;
  }
  await ctx.conversation.enter("lapor", me.nip);
}
bot.command("lapor", startReport);
bot.hears(T.menuReport, startReport);

bot.on("message", (ctx) => ctx.reply(T.unknownInput));
bot.on("callback_query:data", (ctx) => ctx.answerCallbackQuery({ text: T.stale }));

bot.catch((err) => {
  console.error(`update ${err.ctx?.update?.update_id} failed:`, err.error);
});

// --- the report conversation -------------------------------------------------

const SKIP_WORDS = new Set(["lewati", "skip", "-", "tidak ada", "none", "selesai", "done"]);
const isSkip = (s) => SKIP_WORDS.has(s.trim().toLowerCase());

const ORDER = ["desc", "time", "output", "photo", "location", "summary"];
const STEP_NO = { desc: 1, time: 2, output: 3, photo: 4, location: 5 };

// report is /lapor: description, time, output, photos, location, summary,
// then Kirim. Written as a loop over states so «Ubah» can go back to one.
async function report(conversation, ctx, nip) {
  const d = await conversation.external(() => {
    const e = store.employee(nip);
    const tz = store.unit(e.unit_code)?.timezone ?? DEFAULT_TZ;
    const now = Date.now();
    return { id: newULID(now, crypto.randomBytes), date: today(now, tz), photos: [], loc: null };
  });
  const draftCB = (action) => `r:${d.id}:${action}`;
  await ctx.reply(T.startReport(fmtDate(d.date), 1, STEPS), { reply_markup: { remove_keyboard: true } });

  let state = "desc";
  let back = false; // changing one field from the summary
  let c = ctx;
  let ask = false;
  const next = (from) => (back ? "summary" : ORDER[ORDER.indexOf(from) + 1]);
  const wait = (queries) => conversation.waitFor(queries);

  for (;;) {
    if (ask) await askFor(c, state, d, draftCB);
    ask = true;
    switch (state) {
      case "desc": {
        c = await wait(["message"]);
        const text = c.message.text;
        if (text === undefined) {
          await c.reply(T.expectText + T.askDescription);
          ask = false;
          continue;
        }
        if (text.startsWith("/")) {
          await c.reply(T.finishFirst);
          ask = false;
          continue;
        }
        const t = text.trim();
        const n = [...t].length;
        if (n < 10 || n > 1000) {
          await c.reply(T.descLength(n));
          ask = false;
          continue;
        }
        d.desc = t;
        state = next("desc");
        break;
      }
      case "time": {
        c = await wait(["message"]);
        const dur = c.message.text !== undefined ? parseDuration(c.message.text) : null;
        if (!dur) {
          await c.reply(c.message.text === undefined ? T.expectText + T.askDuration(2, STEPS) : T.askDuration(2, STEPS));
          ask = false;
          continue;
        }
        d.minutes = dur.minutes;
        d.start = dur.start;
        state = next("time");
        break;
      }
      case "output": {
        c = await wait(["message", "callback_query:data"]);
        if (c.callbackQuery) {
          if (c.callbackQuery.data !== draftCB("skip")) {
            await c.answerCallbackQuery({ text: T.stale });
            ask = false;
            continue;
          }
          await c.answerCallbackQuery();
          d.volume = 0;
          d.unit = "";
          state = next("output");
          break;
        }
        const text = c.message.text;
        if (text !== undefined && isSkip(text)) {
          d.volume = 0;
          d.unit = "";
          state = next("output");
          break;
        }
        const v = text !== undefined ? parseVolume(text) : null;
        if (!v) {
          await c.reply(text === undefined ? T.expectText + T.askOutput(3, STEPS) : T.askOutput(3, STEPS));
          ask = false;
          continue;
        }
        d.volume = v.amount;
        d.unit = v.unit;
        state = next("output");
        break;
      }
      case "photo": {
        c = await wait(["message", "callback_query:data"]);
        const done = c.callbackQuery ? c.callbackQuery.data === draftCB("done") : c.message.text !== undefined && isSkip(c.message.text);
        if (c.callbackQuery && !done) {
          await c.answerCallbackQuery({ text: T.stale });
          ask = false;
          continue;
        }
        if (done) {
          if (d.photos.length === 0) {
            if (c.callbackQuery) await c.answerCallbackQuery({ text: T.photoNeeded });
            await c.reply(T.photoNeeded);
            ask = false;
            continue;
          }
          if (c.callbackQuery) await c.answerCallbackQuery();
          state = next("photo");
          break;
        }
        const media = c.message.photo?.at(-1) ?? (c.message.document?.mime_type?.startsWith("image/") ? c.message.document : null);
        if (!media) {
          await c.reply(c.message.document ? T.photoNotImage : T.expectPhoto);
          ask = false;
          continue;
        }
        const got = await conversation.external((outer) => takePhoto(outer, d, nip, media));
        if (got.error) {
          await c.reply(got.error);
          ask = false;
          continue;
        }
        d.photos.push(got);
        const text = T.photoAccepted(d.photos.length, MAX_PHOTOS, got.width ? ` (${got.width}×${got.height})` : "");
        if (d.photos.length >= MAX_PHOTOS) {
          await c.reply(text);
          state = next("photo");
          break;
        }
        await c.reply(text, { reply_markup: { inline_keyboard: [[{ text: T.doneButton, callback_data: draftCB("done") }]] } });
        ask = false;
        continue;
      }
      case "location": {
        c = await wait(["message"]);
        if (c.message.location) {
          d.loc = [c.message.location.latitude, c.message.location.longitude];
        } else if (c.message.text !== undefined && (isSkip(c.message.text) || c.message.text === T.skipLocation)) {
          d.loc = null;
        } else {
          await c.reply(T.expectLocation);
          ask = false;
          continue;
        }
        state = next("location");
        break;
      }
      case "summary": {
        back = false;
        c = await wait(["message", "callback_query:data"]);
        if (!c.callbackQuery) {
          await c.reply(T.finishFirst);
          ask = false;
          continue;
        }
        const data = c.callbackQuery.data;
        if (data === draftCB("send")) {
          await c.answerCallbackQuery();
          await submit(conversation, c, d, nip);
          return;
        }
        if (data === draftCB("cancel")) {
          await c.answerCallbackQuery();
          const decides = await conversation.external(() => store.hasSubordinates(nip));
          await c.reply(T.cancelled, { reply_markup: menuKeyboard(decides) });
          return;
        }
        if (data !== draftCB("edit")) {
          await c.answerCallbackQuery({ text: T.stale });
          ask = false;
          continue;
        }
        await c.answerCallbackQuery();
        const rows = T.fields.map((f, i) => [{ text: f, callback_data: draftCB(`f:${i}`) }]);
        rows.push([{ text: T.cancelButton, callback_data: draftCB("cancel") }]);
        await c.reply(T.chooseField, { reply_markup: { inline_keyboard: rows } });
        c = await conversation.waitForCallbackQuery(new RegExp(`^r:${d.id}:(f:\\d|cancel)$`), {
          otherwise: (o) => (o.callbackQuery ? o.answerCallbackQuery({ text: T.stale }) : o.reply(T.finishFirst)),
        });
        await c.answerCallbackQuery();
        if (c.callbackQuery.data === draftCB("cancel")) {
          const decides = await conversation.external(() => store.hasSubordinates(nip));
          await c.reply(T.cancelled, { reply_markup: menuKeyboard(decides) });
          return;
        }
        state = ["desc", "time", "output", "photo", "location"][Number(c.callbackQuery.data.slice(-1))];
        if (state === "photo") d.photos = [];
        back = true;
        break;
      }
    }
  }
}

// askFor shows the question of a state.
async function askFor(c, state, d, draftCB) {
  switch (state) {
    case "desc":
      return c.reply(T.askDescription);
    case "time":
      return c.reply(T.askDuration(STEP_NO.time, STEPS));
    case "output":
      return c.reply(T.askOutput(STEP_NO.output, STEPS), {
        reply_markup: { inline_keyboard: [[{ text: T.skipButton, callback_data: draftCB("skip") }]] },
      });
    case "photo":
      return c.reply(T.askPhotos(STEP_NO.photo, STEPS, MAX_PHOTOS),
        d.photos.length > 0 ? { reply_markup: { inline_keyboard: [[{ text: T.doneButton, callback_data: draftCB("done") }]] } } : {});
    case "location":
      return c.reply(T.askLocation(STEP_NO.location, STEPS), {
        reply_markup: {
          keyboard: [[{ text: T.shareLocation, request_location: true }], [{ text: T.skipLocation }]],
          resize_keyboard: true, one_time_keyboard: true,
        },
      });
    case "summary":
      return c.reply(summaryText({
        date: fmtDate(d.date), duration: durationText(d.minutes, d.start), description: d.desc,
        output: volumeText(d.volume, d.unit), photos: d.photos.length, location: d.loc ? `${d.loc[0].toFixed(5)}, ${d.loc[1].toFixed(5)}` : "",
      }), {
        reply_markup: {
          inline_keyboard: [[
            { text: T.sendButton, callback_data: `r:${d.id}:send` },
            { text: T.editButton, callback_data: `r:${d.id}:edit` },
            { text: T.cancelButton, callback_data: `r:${d.id}:cancel` },
          ]],
        },
      });
  }
}

// takePhoto downloads a photo, checks it by content and stores it. It runs
// outside the conversation's replay (conversation.external): once.
async function takePhoto(ctx, d, nip, media) {
  if (media.file_size && media.file_size > MAX_PHOTO_BYTES) return { error: T.photoTooLarge(MAX_PHOTO_BYTES >> 20) };
  const f = await ctx.api.getFile(media.file_id);
  const res = await fetch(`${API_ROOT}/file/bot${TOKEN}/${f.file_path}`);
  if (!res.ok) throw new Error(`download ${f.file_path}: HTTP ${res.status}`);
  const data = Buffer.from(await res.arrayBuffer());
  if (data.length > MAX_PHOTO_BYTES) return { error: T.photoTooLarge(MAX_PHOTO_BYTES >> 20) };
  const info = imageInfo(data);
  if (!info) return { error: T.photoNotImage };
  const sha = crypto.createHash("sha256").update(data).digest("hex");
  if (d.photos.some((p) => p.sha === sha)) return { error: T.photoDuplicate };
  const id = d.id.slice(0, 10) + crypto.createHash("sha256").update(`${d.id}:${sha}`).digest("hex").slice(0, 16).toUpperCase();
  await store.putEvidence(DATA_DIR, {
    id, activity: d.id, nip, sha, size: data.length, mime: info.mime, width: info.width, height: info.height,
    fileId: media.file_id, at: Date.now(),
  }, data);
  return { id, sha, fileId: media.file_id, width: info.width, height: info.height };
}

function decisionKeyboard(id, version, photos) {
  const cb = (verb) => `a:${verb}:${id}:${version}`;
  const rows = [[
    { text: T.approveButton, callback_data: cb("ok") },
    { text: T.rejectButton, callback_data: cb("no") },
    { text: T.reviseButton, callback_data: cb("rev") },
  ]];
  if (photos > 1) rows.push([{ text: `🖼 Lihat ${photos - 1} foto lain`, callback_data: cb("img") }]);
  return { inline_keyboard: rows };
}

// promptOf renders the approval prompt of a stored report.
function promptOf(a) {
  const owner = store.employee(a.nip);
  const photos = store.evidenceOf(a.id);
  return {
    photos,
    text: promptText({
      no: reportNo(a.id), name: owner.name, nip: formatNIP(owner.nip), date: fmtDate(a.date),
      duration: durationText(a.minutes, a.start_minute), description: a.description.slice(0, 600),
      output: volumeText(a.volume ?? 0, a.volume_unit), photos: photos.length,
      location: a.lat !== null ? `${a.lat.toFixed(5)}, ${a.lon.toFixed(5)}` : "",
    }),
  };
}

// submit stores the report, confirms it and sends the supervisor's prompt.
async function submit(conversation, c, d, nip) {
  const out = await conversation.external(() => {
    const e = store.employee(nip);
    const at = Date.now();
    store.createActivity({
      id: d.id, nip, unit: e.unit_code, supervisor: e.supervisor_nip, date: d.date, description: d.desc,
      minutes: d.minutes, start: d.start, volume: d.volume || null, volumeUnit: d.unit || null,
      lat: d.loc?.[0] ?? null, lon: d.loc?.[1] ?? null, at,
    });
    const sup = e.supervisor_nip ? store.employee(e.supervisor_nip) : null;
    const p = promptOf(store.activity(d.id));
    return {
      supName: sup?.name ?? null, supChat: sup?.tg_chat_id ?? null, prompt: p.text, photo: p.photos[0]?.file_id ?? null,
      photos: p.photos.length, decides: store.hasSubordinates(nip),
    };
  });
  const no = reportNo(d.id);
  await c.reply(out.supName ? T.sent(no, out.supName) : T.sentNoSuper(no), { reply_markup: menuKeyboard(out.decides) });
  if (!out.supChat) return;
  const kb = decisionKeyboard(d.id, 1, out.photos);
  const m = out.photo
    ? await c.api.sendPhoto(out.supChat, out.photo, { caption: out.prompt, reply_markup: kb })
    : await c.api.sendMessage(out.supChat, out.prompt, { reply_markup: kb });
  await conversation.external(() => store.setPrompt(d.id, out.supChat, m.message_id, !!out.photo));
}

// --- decisions ---------------------------------------------------------------

const STATUS = { ok: "approved", no: "rejected", rev: "revision" };

async function onDecisionButton(ctx) {
  const [, verb, id, ver] = ctx.match;
  const me = currentEmployee(ctx);
  if (!me) return ctx.answerCallbackQuery({ text: T.notRegistered });
  const a = store.activity(id);
  if (!a) return ctx.answerCallbackQuery({ text: T.notFound });
  const owner = store.employee(a.nip);
  if (owner.supervisor_nip !== me.nip) return ctx.answerCallbackQuery({ text: T.notYours });
  if (verb === "img") {
    await ctx.answerCallbackQuery();
    const photos = store.evidenceOf(id).slice(1);
    for (const [i, p] of photos.entries()) {
      await ctx.replyWithPhoto(p.file_id, { caption: `No. ${reportNo(id)} — ${i + 2}/${photos.length + 1}` });
    }
    return;
  }
  if (a.status !== "pending") {
    return ctx.answerCallbackQuery({ text: T.alreadyDecided(T.verb[a.status], store.employee(a.decided_by)?.name ?? a.decided_by) });
  }
  if (a.version !== Number(ver)) return ctx.answerCallbackQuery({ text: T.oldVersion });
  const to = STATUS[verb];
  if (to === "approved") {
    if (!store.decide({ id, version: a.version, to, by: me.nip, at: Date.now(), reason: null })) {
      return ctx.answerCallbackQuery({ text: T.raceLost });
    }
    await ctx.answerCallbackQuery({ text: T.verb.approved });
    await afterDecision(ctx.api, store.activity(id), me);
    return;
  }
  await ctx.answerCallbackQuery({ text: T.verb[to] });
  await ctx.conversation.enter("alasan", id, a.version, to);
}

// reason asks for the reason of a rejection or a revision, then decides.
async function reason(conversation, ctx, id, version, to) {
  await ctx.reply(T.askReason(T.verb[to], reportNo(id)));
  for (;;) {
    const c = await conversation.waitFor("message:text", { otherwise: (o) => o.reply(T.reasonLength) });
    const r = c.message.text.trim();
    if ([...r].length < 3 || [...r].length > 500) {
      await c.reply(T.reasonLength);
      continue;
    }
    const res = await conversation.external((outer) => {
      const me = currentEmployee(outer);
      if (!me) return { text: T.notRegistered };
      if (!store.decide({ id, version, to, by: me.nip, at: Date.now(), reason: r })) {
        const a = store.activity(id);
        return { text: a?.status === "pending" ? T.oldVersion : T.raceLost };
      }
      return { text: T.decisionDone(T.verb[to], reportNo(id)), nip: me.nip, decides: store.hasSubordinates(me.nip) };
    });
    await c.reply(res.text, res.nip ? { reply_markup: menuKeyboard(res.decides) } : {});
    if (res.nip) {
      const a = await conversation.external(() => store.activity(id));
      const by = await conversation.external(() => store.employee(res.nip));
      await afterDecision(c.api, a, by);
    }
    return;
  }
}

// afterDecision edits the prompt to show the decision (buttons removed) and
// tells the owner.
async function afterDecision(api, a, by) {
  const verb = T.verb[a.status];
  const tz = store.unit(a.unit_code)?.timezone ?? DEFAULT_TZ;
  const text = promptOf(a).text + "\n\n" + T.decided(verb, by.name, fmtDateTime(a.decided_at, tz));
  if (a.prompt_chat_id) {
    if (a.prompt_photo) await api.editMessageCaption(a.prompt_chat_id, a.prompt_message_id, { caption: text });
    else await api.editMessageText(a.prompt_chat_id, a.prompt_message_id, text);
  }
  const owner = store.employee(a.nip);
  if (owner.tg_chat_id) {
    let note = T.owner(verb, reportNo(a.id), fmtDate(a.date), by.name, a.reason);
    if (a.status === "revision") note += T.reviseHint;
    await api.sendMessage(owner.tg_chat_id, note);
  }
}

// --- start -------------------------------------------------------------------

const hookPath = new URL(WEBHOOK_URL).pathname;
const handle = webhookCallback(bot, "http", { secretToken: SECRET });
const server = http.createServer((req, res) => {
  if (req.method === "POST" && req.url === hookPath) return handle(req, res);
  if (req.url === "/healthz") {
    res.end("ok\n");
    return;
  }
  res.statusCode = 404;
  res.end();
});

await bot.init();
await new Promise((resolve) => server.listen(PORT, HOST, resolve));
await bot.api.setMyCommands([
  { command: "start", description: "Daftar atau tampilkan menu" },
  { command: "lapor", description: "Laporkan kegiatan hari ini" },
  { command: "batal", description: "Batalkan langkah yang berjalan" },
]);
await bot.api.setWebhook(WEBHOOK_URL, { secret_token: SECRET, allowed_updates: ["message", "callback_query"] });
console.log(`@${bot.botInfo.username} listening on ${HOST}:${PORT}${hookPath}`);

let stopping = false;
for (const sig of ["SIGTERM", "SIGINT"]) {
  process.on(sig, () => {
    if (stopping) return;
    stopping = true;
    server.close(() => {
      redis.quit().finally(() => {
        store.close();
        process.exit(0);
      });
    });
    setTimeout(() => process.exit(0), 10_000).unref();
  });
}
