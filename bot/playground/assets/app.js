// kinerjabot playground: one chat pane per person, fed by server-sent
// events; every action is a POST the server turns into a bot update.
'use strict';

(() => {
  const base = document.body.dataset.base;
  const $ = (sel, el = document) => el.querySelector(sel);
  const state = { people: [], clock: null, zone: 'UTC', panes: new Map() };
  const zoneNames = { 'Asia/Jakarta': 'WIB', 'Asia/Makassar': 'WITA', 'Asia/Jayapura': 'WIT' };
  const roleNames = { pegawai: 'Pegawai', atasan: 'Atasan', admin: 'Admin', warga: 'Warga' };

  // ---- server ----------------------------------------------------------

  async function post(path, body) {
    const opts = { method: 'POST', headers: { 'X-Playground': '1' } };
    if (body instanceof FormData) {
      opts.body = body;
    } else {
      opts.headers['Content-Type'] = 'application/json';
      opts.body = JSON.stringify(body || {});
    }
    const res = await fetch(base + path, opts);
    const data = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error(data.error || res.statusText);
    return data;
  }

  function act(chat, path, body) {
    return post(path, Object.assign({ chat }, body)).catch((err) => toast(chat, '⚠️ ' + err.message));
  }

  function connect() {
    const es = new EventSource(base + '/events');
    const on = (name, f) => es.addEventListener(name, (e) => f(JSON.parse(e.data)));
    on('snapshot', snapshot);
    on('message', (d) => addMessage(d.chat, d.message));
    on('edit', (d) => replaceMessage(d.chat, d.message));
    on('keyboard', (d) => renderKeyboard(d.chat, d.keyboard));
    on('toast', (d) => { unbusy(d.chat); if (d.text) toast(d.chat, d.text); });
    on('clock', setClock);
    es.onopen = () => setStatus('');
    es.onerror = () => setStatus('Terputus dari server — menyambung ulang…');
  }

  // ---- snapshot and panes ----------------------------------------------

  function snapshot(s) {
    state.people = s.people;
    setClock(s.clock);
    $('#reset').hidden = !s.reset;
    const panes = $('#panes');
    panes.replaceChildren();
    state.panes.clear();
    for (const p of s.people) {
      const pane = buildPane(p);
      state.panes.set(p.id, pane);
      panes.append(pane.el);
      const c = s.chats[p.id] || { messages: [] };
      for (const m of c.messages) pane.msgs.append(renderMessage(p.id, m));
      renderKeyboard(p.id, c.keyboard || null);
      refreshEmpty(p.id);
      scrollDown(pane);
    }
    renderPeople();
    setStatus('');
  }

  function visible(p) {
    const saved = JSON.parse(localStorage.getItem('pg-visible') || '{}');
    return p.id in saved ? saved[p.id] : !p.hidden;
  }

  function setVisible(id, on) {
    const saved = JSON.parse(localStorage.getItem('pg-visible') || '{}');
    saved[id] = on;
    localStorage.setItem('pg-visible', JSON.stringify(saved));
    const pane = state.panes.get(id);
    pane.el.hidden = !on;
    renderPeople();
    if (on) pane.el.scrollIntoView({ behavior: 'smooth', inline: 'nearest', block: 'nearest' });
  }

  function renderPeople() {
    const nav = $('#people');
    nav.replaceChildren();
    for (const p of state.people) {
      const on = !state.panes.get(p.id).el.hidden;
      const b = el('button', 'chip role-' + (p.role || 'pegawai') + (on ? ' on' : ''), p.name.replace(/,.*$/, ''));
      b.type = 'button';
      b.dataset.person = p.id;
      b.title = (on ? 'Sembunyikan' : 'Tampilkan') + ' panel ' + p.name;
      b.onclick = () => setVisible(p.id, !on);
      nav.append(b);
    }
  }

  function buildPane(p) {
    const root = $('#pane-template').content.firstElementChild.cloneNode(true);
    root.dataset.person = p.id;
    root.dataset.role = p.role || 'pegawai';
    root.id = 'pane-' + p.id;
    root.hidden = !visible(p);
    $('.avatar', root).textContent = initials(p.name);
    $('.name', root).textContent = p.name;
    $('.title', root).textContent = p.title || '';
    $('.badge', root).textContent = roleNames[p.role] || p.role || '';
    $('.close', root).onclick = () => setVisible(p.id, false);
    const pane = { el: root, msgs: $('.msgs', root), kb: $('.kb', root), toastEl: $('.toast', root), person: p };
    const text = $('.text', root);
    $('.composer', root).onsubmit = (e) => {
      e.preventDefault();
      const t = text.value.trim();
      if (!t) return;
      text.value = '';
      act(p.id, '/api/text', { text: t });
    };
    $('.share-contact', root).onclick = () => act(p.id, '/api/contact');
    $('.share-location', root).onclick = (e) => shareLocation(p.id, e.shiftKey, false);
    const file = $('.file', root);
    file.onchange = () => {
      if (!file.files.length) return;
      const fd = new FormData();
      fd.append('chat', p.id);
      fd.append('caption', text.value.trim());
      fd.append('photo', file.files[0]);
      text.value = '';
      file.value = '';
      post('/api/photo', fd).catch((err) => toast(p.id, '⚠️ ' + err.message));
    };
    const sc = $('.shortcuts', root);
    for (const s of p.shortcuts || []) {
      const b = el('button', 'shortcut', s.label);
      b.type = 'button';
      b.title = s.text;
      b.onclick = () => act(p.id, '/api/text', { text: s.text });
      sc.append(b);
    }
    return pane;
  }

  function shareLocation(chat, fromBrowser, keyboard) {
    if (!fromBrowser || !navigator.geolocation) {
      act(chat, '/api/location', { keyboard });
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (pos) => act(chat, '/api/location', { lat: pos.coords.latitude, lon: pos.coords.longitude, keyboard }),
      () => act(chat, '/api/location', { keyboard }),
      { timeout: 5000 });
  }

  // ---- messages --------------------------------------------------------

  function renderMessage(chat, m) {
    const box = el('div', 'msg ' + (m.from === 'bot' ? 'bot' : 'me') + (m.kind ? ' kind-' + m.kind : ''));
    box.dataset.id = m.id;
    if (m.photo) {
      const img = document.createElement('img');
      img.src = m.photo;
      img.alt = 'foto';
      img.loading = 'lazy';
      img.onload = () => scrollDown(state.panes.get(chat));
      box.append(img);
    }
    if (m.file && m.file_url) {
      const a = el('a', 'file', '📄 ' + m.file);
      a.href = m.file_url;
      a.download = m.file;
      box.append(a);
    } else if (m.file) box.append(el('div', 'file', '📄 ' + m.file));
    if (m.text) box.append(el('div', 'text', m.text));
    const meta = el('div', 'meta', fmtTime(m.at));
    if (m.edited) meta.prepend(el('span', 'edited', 'diedit · '));
    if (m.failed) meta.append(el('span', 'failed', ' · ⚠️ tidak terkirim'));
    box.append(meta);
    if (m.buttons && m.buttons.length) {
      const rows = el('div', 'buttons');
      for (const row of m.buttons) {
        const r = el('div', 'row');
        for (const b of row) {
          const btn = el('button', 'inline', b.label);
          btn.type = 'button';
          btn.dataset.data = b.data;
          btn.onclick = () => press(chat, m.id, b.data, btn);
          r.append(btn);
        }
        rows.append(r);
      }
      box.append(rows);
    }
    return box;
  }

  function press(chat, id, data, btn) {
    btn.classList.add('busy');
    setTimeout(() => btn.classList.remove('busy'), 8000);
    act(chat, '/api/press', { message_id: id, data });
  }

  function unbusy(chat) {
    const pane = state.panes.get(chat);
    if (pane) pane.msgs.querySelectorAll('.busy').forEach((b) => b.classList.remove('busy'));
  }

  function addMessage(chat, m) {
    const pane = state.panes.get(chat);
    if (!pane) return;
    pane.msgs.append(renderMessage(chat, m));
    refreshEmpty(chat);
    scrollDown(pane);
    if (pane.el.hidden && m.from === 'bot') markUnread(chat);
  }

  function replaceMessage(chat, m) {
    const pane = state.panes.get(chat);
    if (!pane) return;
    const old = pane.msgs.querySelector(`.msg[data-id="${CSS.escape(m.id)}"]`);
    const fresh = renderMessage(chat, m);
    if (m.edited) fresh.classList.add('flash');
    if (old) old.replaceWith(fresh); else pane.msgs.append(fresh);
  }

  function refreshEmpty(chat) {
    const pane = state.panes.get(chat);
    const has = pane.msgs.querySelector('.msg');
    let empty = pane.msgs.querySelector('.empty');
    if (has) { if (empty) empty.remove(); return; }
    if (empty) return;
    empty = el('div', 'empty');
    const p = pane.person;
    empty.append(el('p', '', p.role === 'warga'
      ? 'Warga tidak perlu mendaftar: pindai QR loket di bawah untuk mengisi survei kepuasan.'
      : 'Percakapan baru dengan kinerjabot. Tekan Mulai, lalu bagikan nomor HP dengan 📱.'));
    const b = el('button', 'start', 'Mulai');
    b.type = 'button';
    b.onclick = () => act(chat, '/api/text', { text: '/start' });
    empty.append(b);
    pane.msgs.append(empty);
  }

  function renderKeyboard(chat, kb) {
    const pane = state.panes.get(chat);
    if (!pane) return;
    pane.kb.replaceChildren();
    if (!kb) return;
    for (const row of kb.rows) {
      const r = el('div', 'row');
      for (const k of row) {
        const b = el('button', 'key', k.label);
        b.type = 'button';
        b.onclick = () => {
          if (k.request_contact) act(chat, '/api/contact', { keyboard: true });
          else if (k.request_location) shareLocation(chat, false, true);
          else act(chat, '/api/text', { text: k.label, keyboard: true });
        };
        r.append(b);
      }
      pane.kb.append(r);
    }
  }

  function toast(chat, text) {
    const pane = state.panes.get(chat);
    if (!pane) return;
    pane.toastEl.textContent = text;
    pane.toastEl.hidden = false;
    clearTimeout(pane.toastTimer);
    pane.toastTimer = setTimeout(() => { pane.toastEl.hidden = true; }, 3000);
  }

  function markUnread(chat) {
    const chip = $(`#people .chip[data-person="${CSS.escape(chat)}"]`);
    if (chip) chip.classList.add('unread');
  }

  function scrollDown(pane) {
    if (pane) pane.msgs.scrollTop = pane.msgs.scrollHeight;
  }

  // ---- clock -----------------------------------------------------------

  function setClock(c) {
    state.clock = c;
    state.zone = c.zone;
    $('#clock').hidden = !c.control;
    $('#clock-real').hidden = !c.offset_ms;
    $('#clock').classList.toggle('shifted', !!c.offset_ms);
    tick();
  }

  function tick() {
    if (!state.clock) return;
    const now = new Date(Date.now() + state.clock.offset_ms);
    const f = new Intl.DateTimeFormat('id-ID', {
      weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: state.zone,
    });
    $('#clock-now').textContent = '🕒 ' + f.format(now) + ' ' + (zoneNames[state.zone] || state.zone);
  }

  function fmtTime(at) {
    if (!at) return '';
    return new Intl.DateTimeFormat('id-ID', { hour: '2-digit', minute: '2-digit', timeZone: state.zone }).format(new Date(at));
  }

  // ---- helpers ---------------------------------------------------------

  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function initials(name) {
    const words = name.replace(/,.*$/, '').split(/\s+/).filter((w) => w && !w.endsWith('.'));
    return words.slice(0, 2).map((w) => w[0]).join('').toUpperCase() || '?';
  }

  function setStatus(text) {
    const s = $('#status');
    s.textContent = text;
    s.hidden = !text;
  }

  for (const b of document.querySelectorAll('[data-jump]')) {
    b.onclick = () => post('/api/clock', { jump: b.dataset.jump }).catch((err) => setStatus('⚠️ ' + err.message));
  }
  $('#reset').onclick = () => {
    if (!confirm('Reset demo? Percakapan, sesi dan pendaftaran di playground dihapus, data demo diisi ulang.')) return;
    post('/api/reset').catch((err) => setStatus('⚠️ ' + err.message));
  };
  setInterval(tick, 1000);
  connect();
})();
