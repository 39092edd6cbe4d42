// netvaerk: the members' lock (format netvaerk/1). Opens the fragments the build sealed with
// generator/lock/seal.py, with the browser's own WebCrypto. Our own code, no dependencies.
(() => {
  'use strict';
  const box = document.getElementById('nv-laas');
  if (!box) return;
  const S = window.crypto && crypto.subtle, E = new TextEncoder(), V = 'netvaerk/1', d = box.dataset, G = d.nvGruppe;
  const ask = box.querySelector('.nv-laas__spoerg');
  box.insertAdjacentHTML('beforeend', '<p class="nv-laas__besked" role="status"></p>');
  const msg = box.querySelector('.nv-laas__besked'), say = t => { msg.textContent = t; };
  // Without WebCrypto (a page served over plain http, an old browser) no field is drawn at all: a form that
  // cannot open the lock could only send the passphrase somewhere.
  if (!S) {
    ask.insertAdjacentHTML('beforeend', '<p>Denne browser kan ikke låse op for navne og adresser. Åbn gruppens side i ' +
      'en nyere browser og med et link, der begynder med https. Spørg arrangøren, hvis det ikke virker.</p>');
    return;
  }
  // The form is drawn here, not written into every page: without JavaScript it could do nothing anyway. Its field
  // has no name, and the handler that keeps the form from being sent is added before anything else can fail.
  ask.insertAdjacentHTML('beforeend', '<form><label for="nv-kode">Gruppens adgangskode</label> <input id="nv-kode" ' +
    'type="password" autocomplete="current-password" autocapitalize="none" spellcheck="false" required> ' +
    '<label class="nv-laas__vis"><input type="checkbox"> Vis adgangskoden</label> ' +
    '<button type="submit" class="md-button md-button--primary">Lås op</button>' +
    '<span class="nv-laas__hvor">Adgangskoden får du af gruppens arrangør, fx på et møde eller på invitationen til ' +
    'medlemsområdet.</span></form>');
  const form = ask.querySelector('form'), field = form.querySelector('#nv-kode');
  let submitted = () => {};
  form.addEventListener('submit', e => { e.preventDefault(); submitted(); });
  form.querySelector('.nv-laas__vis input').addEventListener('change', e => { field.type = e.target.checked ? 'text' : 'password'; });
  // "Forget" sits at the end of the page, away from the thumb that scrolls to the next meeting.
  (box.parentElement || box).insertAdjacentHTML('beforeend', '<p class="nv-laas__aaben" hidden>Navne og ' +
    'adresser er låst op på denne telefon. <button type="button" class="md-button">Glem adgangskoden på denne telefon</button></p>');
  const open = document.querySelector('.nv-laas__aaben');
  // The page's path below the group's site root, as the build named it ("index.html", "moeder/2027-01-12.html"):
  // taken from the address, so a fragment copied to another page does not open there.
  let root = '';
  try { root = new URL(JSON.parse(document.getElementById('__config').textContent).base + '/', location.href).pathname; } catch (_) {}
  let page = decodeURIComponent(location.pathname);
  page = root && page.startsWith(root) ? page.slice(root.length) : '?';
  if (page === '' || page.endsWith('/')) page += 'index.html';
  const bytes = s => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), c => c.charCodeAt(0));
  const aad = (...p) => E.encode([V, G, ...p].join('|'));
  const unseal = (k, s, a) => {
    const x = bytes(s);
    return S.decrypt({ name: 'AES-GCM', iv: x.subarray(0, 12), additionalData: a }, k, x.subarray(12));
  };
  // The build packs each fragment before sealing it (generator/lock/pack.py): a byte c < 128 is followed by c
  // bytes as they are (zero bytes pad the end); c >= 128 copies (c & 127) + 4 bytes from the distance given in
  // the next two bytes (little-endian).
  const unpack = b => {
    const o = [];
    for (let i = 0; i < b.length;) {
      const c = b[i++];
      if (c < 128) for (const e = i + c; i < e;) o.push(b[i++]);
      else for (let n = (c & 127) + 4, j = o.length - (b[i++] | b[i++] << 8); n--;) o.push(o[j++]);
    }
    return new Uint8Array(o);
  };
  // Resolves to k when k opens this group's verifier: the passphrase (or the link) is right.
  const check = k => unseal(k, d.nvCheck, aad('check')).then(() => k);

  // IndexedDB "netvaerk-laas", store "k": one non-extractable CryptoKey per group, kept by structured clone.
  const db = f => new Promise((ok, no) => {
    const r = indexedDB.open('netvaerk-laas', 1);
    r.onupgradeneeded = () => r.result.createObjectStore('k');
    r.onerror = () => no(r.error);
    r.onsuccess = () => {
      const t = r.result.transaction('k', 'readwrite'), q = f(t.objectStore('k'));
      t.oncomplete = () => { r.result.close(); ok(q.result); };
      t.onerror = t.onabort = () => no(t.error);
    };
  });
  // Private browsing may refuse IndexedDB: then the unlock lasts for this page only.
  const remember = k => db(s => s.put(k, G)).then(() => {
    const st = navigator.storage;
    if (st && st.persist) st.persist().catch(() => {});
  }).catch(() => {});

  const fromPassphrase = async p => {
    const pk = await S.importKey('raw', E.encode(p.normalize('NFC').toLowerCase().split(/[\s._-]+/).filter(Boolean).join(' ')),
      'PBKDF2', false, ['deriveBits']);
    const m = await S.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: bytes(d.nvSalt), iterations: +d.nvIter }, pk, 256);
    const hk = await S.importKey('raw', m, 'HKDF', false, ['deriveKey']);
    return S.deriveKey({ name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(0), info: E.encode(V + ' enc') },
      hk, { name: 'AES-GCM', length: 256 }, false, ['decrypt']);
  };

  // What an opened fragment may hold: the elements and attributes the build itself seals (tests/test_lock_html.py
  // checks every sealed fragment of a built site against these lists), and links that go nowhere a script runs.
  const TAGS = /^(A|P|SPAN|DIV|STRONG|EM|CODE|BR|IMG|UL|OL|LI|TABLE|THEAD|TBODY|TR|TH|TD|H2|H3|H4)$/;
  const ATTRS = /^(class|href|src|alt|width|height|scope|colspan|rowspan|title|data-search-exclude)$/;
  const SCHEMES = /^(https|sms|mailto|tel|webcal):$/;
  const linkOk = v => { try { const u = new URL(v, location.href); return SCHEMES.test(u.protocol) || u.origin === location.origin; } catch (_) { return false; } };
  const clean = f => {
    for (const el of f.querySelectorAll('*')) {
      if (!TAGS.test(el.tagName)) { el.remove(); continue; }
      for (const a of [...el.attributes]) {
        if (!ATTRS.test(a.name) || ((a.name === 'href' || a.name === 'src') && !linkOk(a.value))) el.removeAttribute(a.name);
      }
    }
    return f;
  };

  // Open the page's fragments (sealed together at the end of the page: a JSON list, the n-th for data-nv-id
  // "fn"), then put each one's HTML in its place. The HTML is our own build's, escaped there and authenticated
  // here; a <template> parses it without running anything, and `clean` keeps only what the build seals.
  const show = async k => {
    const all = document.getElementById('nv-laast');
    let out = [];
    if (all) {
      try {
        out = JSON.parse(new TextDecoder().decode(unpack(new Uint8Array(await unseal(k, all.dataset.nvLock, aad(page, 'page'))))));
        all.remove();
      } catch (_) {}
    }
    let bad = 0;
    document.querySelectorAll('[data-nv-id]').forEach(el => {
      const h = out[el.dataset.nvId.slice(1) - 1];
      if (typeof h !== 'string') return bad++;
      const t = document.createElement('template');
      t.innerHTML = h;
      el.replaceWith(clean(t.content));
    });
    ask.hidden = true;
    open.hidden = false;
    say(bad ? 'Noget af indholdet kunne ikke åbnes. Luk siden, og åbn den igen. Hjælper det ikke, så sig det til arrangøren.' : '');
    document.dispatchEvent(new CustomEvent('nv-laas', { detail: { bad } }));
  };

  submitted = async () => {
    const b = form.querySelector('button');
    b.disabled = true;
    say('Låser op …');
    let k;
    try { k = await check(await fromPassphrase(field.value)); } catch (_) {}
    b.disabled = false;
    if (!k) return say('Forkert adgangskode. Prøv igen.');
    form.reset();
    field.type = 'password';
    await remember(k);
    await show(k);
  };
  open.querySelector('button').addEventListener('click', () =>
    db(s => s.delete(G)).catch(() => {}).then(() => location.reload()));

  (async () => {
    // A link from the members' invitation: #nv=<key>. Take the key out of the address first, whatever happens.
    const h = /^#nv=([\w-]{43})$/.exec(location.hash);
    if (h) {
      history.replaceState(history.state, '', location.pathname + location.search);
      try {
        const k = await check(await S.importKey('raw', bytes(h[1]), 'AES-GCM', false, ['decrypt']));
        await remember(k);
        return await show(k);
      } catch (_) {
        say('Linket virker ikke længere. Skriv adgangskoden.');
      }
    }
    let k;
    try { k = await db(s => s.get(G)); } catch (_) {}
    if (k) try { return await show(await check(k)); } catch (_) {}
    ask.hidden = false;
  })();
})();
